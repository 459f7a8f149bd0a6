import { canonicalSpeaker, findPerson, type Library } from './library.ts';
import { type ArticleRef, articleRef, type QuoteItem } from './personQuotes.ts';
import { groupStories, queryTerms, type SearchIndex } from './search.ts';
import { stem } from './stem.ts';
import { candidateSentences, cosine, pickDiverse, termVector, trimmedEnd } from './summarize.ts';
import { foldName, words } from './text.ts';
import type { AnalyzedArticle } from './types.ts';

export interface BriefingOptions {
  /** Current time, ms since epoch: recency weighting and `since`. */
  now?: number;
  /** Only news from the last `since` milliseconds. */
  since?: number;
  /** Only articles first seen after this time (ms): a digest's "what is new". */
  newSince?: number;
  /**
   * Article texts kept outside the library (a lean newsroom keeps them in the store): the
   * caller loads those `briefingSources` names, and points are drawn from them.
   */
  textOf?: (id: string) => string | undefined;
  stories?: number;
  points?: number;
  quotes?: number;
}

export interface StoryItem extends ArticleRef {
  why: string;
  /** The same story from other outlets. */
  alsoIn: ArticleRef[];
}

export interface BriefingPoint {
  /** Verbatim sentence (or the head of a long one) from the article. */
  text: string;
  start: number;
  end: number;
  /** The sentence was cut at a clause break. */
  trimmed: boolean;
  article: ArticleRef;
  /** Index into `stories`. */
  story: number;
}

export interface Briefing {
  topic: string;
  /** Matching articles in all. */
  total: number;
  stories: StoryItem[];
  points: BriefingPoint[];
  quotes: QuoteItem[];
  people: { name: string; roles: string[]; quotes: number }[];
  /** When nothing matched: topics that do exist. */
  suggestions: string[];
}

const DEFAULTS = { stories: 5, points: 5, quotes: 3 };
/** Each story's points come from its first two articles. */
const STORY_SOURCES = 2;
const MAX_POINT_WORDS = 70;

/** The query as groups of alternative stems; a person's name stands for all its forms. */
export function topicTerms(library: Library, topic: string): { groups: string[][]; person: string | null } {
  const terms = queryTerms(topic);
  if (!terms.length) return { groups: [], person: null };
  // Typos are forgiven in names of one or two words; longer topics are subjects, not names.
  const { person } = findPerson(library, topic, { typos: terms.length <= 2, suggest: false });
  const folded = foldName(topic);
  const namesPerson =
    person?.kind === 'person' && (person.aliases.some((a) => foldName(a) === folded || foldName(a).split(' ').includes(folded)) || terms.length === 1);
  if (person && namesPerson) {
    const surnames = new Set(person.aliases.map((a) => stem(foldName(a).split(' ').pop() ?? '')).filter(Boolean));
    return { groups: [[...surnames]], person: person.name };
  }
  return { groups: terms.map((t) => [t]), person: null };
}

/**
 * `/brief <topic>`: the top stories (the same story from several outlets grouped), a few
 * extractive points that each link to their article, the strongest quotes from different
 * speakers, and the people involved. Nothing found is an answer with suggestions, not an error.
 */
export function composeBriefing(library: Library, index: SearchIndex, topic: string, options: BriefingOptions = {}): Briefing {
  const want = { ...DEFAULTS, ...withoutUndefined(options) };
  const empty: Briefing = { topic, total: 0, stories: [], points: [], quotes: [], people: [], suggestions: [] };
  const { groups } = topicTerms(library, topic);
  if (!groups.length) return { ...empty, suggestions: index.frequentTopics('', 5) };

  const { hits, grouped } = findStories(index, groups, topic, options, want.stories);
  if (!hits.length) return { ...empty, suggestions: suggestTopics(library, index, topic) };

  const analyzed = (id: string) => library.byId.get(id) as AnalyzedArticle;
  const stories: StoryItem[] = grouped.map((g) => {
    const lead = analyzed((g[0] as (typeof g)[number]).articleId).article;
    return { ...articleRef(lead), why: g[0]?.why ?? '', alsoIn: g.slice(1).map((h) => articleRef(analyzed(h.articleId).article)) };
  });

  const focus = termVector(topic);
  const points = summarizeStories(
    grouped.map((g) => g.map((h) => analyzed(h.articleId))),
    focus,
    want.points,
    options.textOf,
  );
  const quotes = keyQuotes(
    library,
    grouped.map((g) => g.map((h) => analyzed(h.articleId))),
    topic,
    want.quotes,
  );
  const people = involvedPeople(
    library,
    grouped.flat().map((h) => analyzed(h.articleId)),
    quotes,
  );
  return { topic, total: hits.length, stories, points, quotes, people, suggestions: [] };
}

function findStories(index: SearchIndex, groups: string[][], topic: string, options: BriefingOptions, stories: number) {
  const after = options.since !== undefined && options.now !== undefined ? options.now - options.since : undefined;
  const hits = index.search(groups, topic, { now: options.now, after, seenAfter: options.newSince, limit: 60 });
  return { hits, grouped: groupStories(index, hits).slice(0, stories) };
}

/** The articles whose text a briefing's points are drawn from, to load before composing it. */
export function briefingSources(library: Library, index: SearchIndex, topic: string, options: BriefingOptions = {}): string[] {
  const { groups } = topicTerms(library, topic);
  if (!groups.length) return [];
  const { grouped } = findStories(index, groups, topic, options, options.stories ?? DEFAULTS.stories);
  return grouped.flatMap((g) => g.slice(0, STORY_SOURCES).map((h) => h.articleId));
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Points across the top stories: each story's sentences are scored like a single-article summary
 * (lead prior, centrality, and focus on the topic and the story's own headline and standfirst),
 * earlier stories weigh more, and no point repeats another or the standfirst.
 */
export function summarizeStories(
  stories: AnalyzedArticle[][],
  topic: Map<string, number>,
  count: number,
  textOf: (id: string) => string | undefined = () => undefined,
): BriefingPoint[] {
  type Scored = ReturnType<typeof candidateSentences>[number] & { from: AnalyzedArticle; story: number };
  const all: Scored[] = [];
  stories.forEach((group, storyIndex) => {
    for (const from of group.slice(0, STORY_SOURCES)) {
      const text = from.article.text || textOf(from.article.id);
      if (!text) continue; // not loaded: its story still counts, its sentences do not
      const article = { ...from.article, text };
      const head = article.headline ? article.text.slice(article.headline.start, article.headline.end) : article.title;
      const standfirst = article.standfirst ? article.text.slice(article.standfirst.start, article.standfirst.end) : '';
      const focus = termVector(`${head} ${standfirst}`);
      const standfirstVector = termVector(standfirst);
      const candidates = candidateSentences(article.text, article.bodyStart, article.text.length, MAX_POINT_WORDS);
      const doc = new Map<string, number>();
      for (const c of candidates) for (const [t, v] of c.terms) doc.set(t, (doc.get(t) ?? 0) + v);
      for (const c of candidates) {
        if (standfirst && cosine(c.terms, standfirstVector) > 0.8) continue; // the standfirst again
        if (/^[“"‘']/.test(article.text.slice(c.start, c.start + 1))) continue; // a quote: key quotes show those
        const lead = 1 / Math.sqrt(1 + c.index);
        const onTopic = topic.size ? cosine(c.terms, topic) : 0;
        c.score = lead + 0.6 * cosine(c.terms, doc) + 0.5 * cosine(c.terms, focus) + 0.8 * onTopic - 0.1 * (c.wordCount / 25);
        c.score *= 1 / (1 + 0.35 * storyIndex);
        all.push({ ...c, from: { ...from, article }, story: storyIndex });
      }
    }
  });
  return pickDiverse(all, count)
    .sort((a, b) => a.story - b.story || a.start - b.start)
    .map((c) => {
      const { text } = c.from.article;
      const end = trimmedEnd(text, c, 24);
      return {
        text: text.slice(c.start, end),
        start: c.start,
        end,
        trimmed: end < c.end,
        article: articleRef(c.from.article),
        story: c.story,
      };
    });
}

/** The strongest full quotes, one per speaker first, favouring quotes on the topic and top stories. */
function keyQuotes(library: Library, stories: AnalyzedArticle[][], topic: string, count: number): QuoteItem[] {
  const topicWords = new Set(queryTerms(topic));
  const scored: { item: QuoteItem; score: number }[] = [];
  stories.forEach((group, storyIndex) => {
    for (const a of group) {
      for (const q of a.quotes) {
        if (q.partial || !q.speaker) continue;
        const n = q.text.split(/\s+/).length;
        if (n < 6) continue;
        const onTopic = words(q.text).some((w) => topicWords.has(stem(w))) ? 0.3 : 0;
        const length = n <= 60 ? Math.min(1, n / 20) : 0.6;
        const score = (length + onTopic) / (1 + 0.4 * storyIndex);
        scored.push({
          score,
          item: {
            text: q.text,
            speaker: canonicalSpeaker(library, q.speaker),
            partial: false,
            article: articleRef(a.article),
            start: q.start,
            end: q.end,
            cue: q.cue,
          },
        });
      }
    }
  });
  scored.sort((a, b) => b.score - a.score);
  const picked: QuoteItem[] = [];
  const speakers = new Set<string>();
  for (const s of scored) {
    if (picked.length >= count) break;
    if (speakers.has(s.item.speaker ?? '')) continue;
    speakers.add(s.item.speaker ?? '');
    picked.push(s.item);
  }
  for (const s of scored) {
    if (picked.length >= count) break;
    if (!picked.includes(s.item)) picked.push(s.item);
  }
  return picked;
}

function involvedPeople(library: Library, articles: AnalyzedArticle[], quotes: QuoteItem[]): Briefing['people'] {
  const tally = new Map<string, { quotes: number; mentions: number }>();
  for (const a of articles) {
    for (const p of a.people) {
      if (p.kind !== 'person') continue;
      const name = canonicalSpeaker(library, p.name) ?? p.name;
      const t = tally.get(name) ?? { quotes: 0, mentions: 0 };
      t.mentions += p.mentions;
      tally.set(name, t);
    }
    for (const q of a.quotes) {
      const name = canonicalSpeaker(library, q.speaker);
      const t = name ? tally.get(name) : undefined;
      if (t) t.quotes++;
    }
  }
  const quoted = new Set(quotes.map((q) => q.speaker));
  const roles = new Map(library.people.map((p) => [p.name, p.roles]));
  return [...tally.entries()]
    .sort((a, b) => Number(quoted.has(b[0])) - Number(quoted.has(a[0])) || b[1].quotes - a[1].quotes || b[1].mentions - a[1].mentions)
    .slice(0, 6)
    .map(([name, t]) => ({ name, roles: roles.get(name) ?? [], quotes: t.quotes }));
}

/** Topics that do exist near one that matched nothing: close words and close names. */
export function suggestTopics(library: Library, index: SearchIndex, topic: string): string[] {
  const out = new Set<string>();
  for (const w of words(topic)) for (const t of index.closeTerms(w, 3)) out.add(t);
  if (out.size === 0) for (const t of index.frequentTopics('', 3)) out.add(t);
  for (const name of findPerson(library, topic).suggestions) out.add(name);
  return [...out].slice(0, 5);
}
