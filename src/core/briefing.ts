import { type ArticleRef, articleRef, type QuoteItem } from './personQuotes.ts';
import { type ParsedQuery, type RankedDoc, whyMatched } from './search.ts';
import { stem } from './stem.ts';
import { candidateSentences, cosine, pickDiverse, termVector, trimmedEnd } from './summarize.ts';
import { words } from './text.ts';
import type { AnalyzedArticle } from './types.ts';

// `/brief` in three steps around the store: the store finds and ranks the matching articles
// (core/search.ts); `planBriefing` picks the top stories and says which articles it needs; the
// store loads those; `composeBriefing` writes the answer from them. Digests take the same path.

export interface StoryItem extends ArticleRef {
  why: string;
  /** The same story from other outlets. */
  alsoIn: ArticleRef[];
  storyId: number;
  /** Articles in the story, and outlets among them. */
  size: number;
  outlets: number;
  /** When the story began (its first article), ISO. */
  since?: string;
  /** The channel already had this story in an earlier digest: this is an update. */
  update?: boolean;
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
  /** Matching articles in all (in the window asked for). */
  total: number;
  stories: StoryItem[];
  points: BriefingPoint[];
  quotes: QuoteItem[];
  people: { name: string; roles: string[]; quotes: number }[];
  /** When nothing matched: topics that do exist. */
  suggestions: string[];
  /** When nothing matched in the window asked for: how many older articles match, and a wider window that has them. */
  older?: { total: number; since: string | null };
  /** When it was composed (ms), for "since Monday". */
  now?: number;
}

/** A story as the store keeps it: its span in time and its newest articles. */
export interface StoryArticle extends ArticleRef {
  time: number;
}
export interface StoryRecord {
  id: number;
  firstTime: number;
  lastTime: number;
  size: number;
  articles: StoryArticle[];
}

/** An analysis as a briefing uses it, its names mapped to the library's canonical ones. */
export interface LibraryArticle {
  analysis: AnalyzedArticle;
  canonical: Map<string, string>;
}

export const BRIEFING_DEFAULTS = { stories: 5, points: 5, quotes: 3 };
/**
 * Each story's points come from its first three articles (distinct outlets first): on the AllSides
 * dev roundups the third outlet's sentences lift ROUGE-2 by 0.6 over two.
 */
const STORY_SOURCES = 3;
/** Articles per story whose quotes and people count. */
const STORY_READS = 6;
const MAX_POINT_WORDS = 70;
/** How many of an article's first sentences count as support for another outlet's. */
const SUPPORT_SENTENCES = 20;

export interface StoryPlan {
  storyId: number;
  /** The story's matching articles, best first. */
  hits: RankedDoc[];
}

/** The top stories among ranked articles: each story placed by its best article. */
export function planStories(ranked: RankedDoc[], count: number): StoryPlan[] {
  const byStory = new Map<number, StoryPlan>();
  for (const hit of ranked) {
    const plan = byStory.get(hit.doc.storyId);
    if (plan) plan.hits.push(hit);
    else if (byStory.size < count) byStory.set(hit.doc.storyId, { storyId: hit.doc.storyId, hits: [hit] });
  }
  return [...byStory.values()];
}

/** A story's articles in the order a briefing reads them: its matches best first, then the rest, newest first. */
export function storyArticles(plan: StoryPlan, record: StoryRecord | undefined): ArticleRef[] {
  const refs: ArticleRef[] = plan.hits.map((h) => ({ id: h.doc.articleId, title: h.doc.title, source: h.doc.source ?? undefined }));
  const byId = new Map(record?.articles.map((a) => [a.id, a]));
  const out = refs.map((r) => byId.get(r.id) ?? r);
  for (const a of record?.articles ?? []) if (!out.some((o) => o.id === a.id)) out.push(a);
  return out;
}

/** Which articles a briefing reads: texts for the points, analyses for quotes and people. */
export function briefingNeeds(plans: StoryPlan[], records: Map<number, StoryRecord>): { texts: string[]; analyses: string[] } {
  const texts: string[] = [];
  const analyses: string[] = [];
  for (const plan of plans) {
    const articles = distinctOutletsFirst(storyArticles(plan, records.get(plan.storyId)));
    texts.push(...articles.slice(0, STORY_SOURCES).map((a) => a.id));
    analyses.push(...articles.slice(STORY_SOURCES, STORY_READS).map((a) => a.id));
  }
  return { texts, analyses };
}

/** One article per outlet first (the lead stays first), then the others. */
function distinctOutletsFirst<T extends ArticleRef>(articles: T[]): T[] {
  const seen = new Set<string>();
  const first: T[] = [];
  const rest: T[] = [];
  articles.forEach((a, i) => {
    const outlet = a.source ?? `#${i}`;
    if (i === 0 || !seen.has(outlet)) {
      seen.add(outlet);
      first.push(a);
    } else rest.push(a);
  });
  return [...first, ...rest];
}

export interface ComposeOptions {
  topic: string;
  query: ParsedQuery;
  total: number;
  points?: number;
  quotes?: number;
  /** Stories the channel already received (a digest): marked as updates. */
  seenStories?: Set<number>;
  now?: number;
}

/**
 * `/brief <topic>`: the top stories (the same story from several outlets grouped), a few
 * extractive points that each link to their article, the strongest quotes from different
 * speakers, and the people involved.
 */
export function composeBriefing(plans: StoryPlan[], records: Map<number, StoryRecord>, loaded: Map<string, LibraryArticle>, options: ComposeOptions): Briefing {
  const want = { ...BRIEFING_DEFAULTS, ...withoutUndefined({ points: options.points, quotes: options.quotes }) };
  const grouped = plans.map((plan) => {
    const record = records.get(plan.storyId);
    const refs = distinctOutletsFirst(storyArticles(plan, record));
    const articles = refs.map((r) => loaded.get(r.id)).filter((a): a is LibraryArticle => a !== undefined);
    return { plan, record, refs, articles };
  });
  const stories: StoryItem[] = grouped.map(({ plan, record, refs }) => {
    const lead = loaded.get(refs[0]?.id ?? '')?.analysis.article;
    const outlets = new Set((record?.articles ?? refs).map((a, i) => a.source ?? `#${i}`));
    return {
      ...(lead ? articleRef(lead) : (refs[0] as ArticleRef)),
      why: plan.hits[0] ? whyMatched(plan.hits[0].doc.head, options.query) : '',
      alsoIn: refs.slice(1).map((r) => {
        const a = loaded.get(r.id)?.analysis.article;
        return a ? articleRef(a) : r;
      }),
      storyId: plan.storyId,
      size: Math.max(record?.size ?? refs.length, refs.length),
      outlets: outlets.size,
      since: record ? new Date(record.firstTime).toISOString() : undefined,
      update: options.seenStories?.has(plan.storyId) || undefined,
    };
  });
  const focus = termVector(options.topic);
  const points = summarizeStories(
    grouped.map((g) => g.articles.slice(0, STORY_SOURCES).map((a) => a.analysis)),
    focus,
    want.points,
  );
  const quotes = keyQuotes(
    grouped.map((g) => g.articles),
    options.query,
    want.quotes,
  );
  const people = involvedPeople(
    grouped.flatMap((g) => g.articles),
    quotes,
  );
  return { topic: options.topic, total: options.total, stories, points, quotes, people, suggestions: [], now: options.now };
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Points across the top stories: each story's sentences are scored like a single-article summary
 * (lead prior, centrality, focus on the topic), plus what the story's outlets agree on: focus on
 * all their headlines, and support, a sentence's closest match in another outlet's article. Earlier
 * stories weigh more, and no point repeats another or the standfirst.
 */
export function summarizeStories(stories: AnalyzedArticle[][], topic: Map<string, number>, count: number): BriefingPoint[] {
  type Scored = ReturnType<typeof candidateSentences>[number] & { from: AnalyzedArticle; story: number };
  const all: Scored[] = [];
  stories.forEach((group, storyIndex) => {
    // Not loaded: its story still counts, its sentences do not.
    const sources = group.slice(0, STORY_SOURCES).filter((a) => a.article.text);
    const headlines = sources.map(({ article }) => (article.headline ? article.text.slice(article.headline.start, article.headline.end) : article.title));
    const story: Scored[] = [];
    for (const from of sources) {
      const { article } = from;
      const standfirst = article.standfirst ? article.text.slice(article.standfirst.start, article.standfirst.end) : '';
      const focus = termVector(`${headlines.join(' ')} ${standfirst}`);
      const standfirstVector = termVector(standfirst);
      const candidates = candidateSentences(article.text, article.bodyStart, article.text.length, MAX_POINT_WORDS);
      const doc = new Map<string, number>();
      for (const c of candidates) for (const [t, v] of c.terms) doc.set(t, (doc.get(t) ?? 0) + v);
      for (const c of candidates) {
        if (standfirst && cosine(c.terms, standfirstVector) > 0.8) continue; // the standfirst again
        if (/^[“"‘']/.test(article.text.slice(c.start, c.start + 1))) continue; // a quote: key quotes show those
        const lead = 1 / Math.sqrt(1 + c.index);
        const onTopic = topic.size ? cosine(c.terms, topic) : 0;
        c.score = lead + 0.6 * cosine(c.terms, doc) + cosine(c.terms, focus) + 0.8 * onTopic - 0.1 * (c.wordCount / 25);
        story.push({ ...c, from, story: storyIndex });
      }
    }
    // Support is looked for among each article's leading sentences only: news reports its facts
    // early, and comparing every sentence with every other grows with the square of the length.
    const leading = story.filter((c) => c.index < SUPPORT_SENTENCES);
    for (const c of story) {
      let support = 0;
      for (const o of leading) if (o.from !== c.from) support = Math.max(support, cosine(c.terms, o.terms, c.norm, o.norm));
      c.score = (c.score + support) / (1 + 0.35 * storyIndex);
    }
    all.push(...story);
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
function keyQuotes(stories: LibraryArticle[][], query: ParsedQuery, count: number): QuoteItem[] {
  const topicWords = new Set(query.groups.flat());
  const scored: { item: QuoteItem; score: number }[] = [];
  stories.forEach((group, storyIndex) => {
    for (const { analysis: a, canonical } of group) {
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
            speaker: canonical.get(q.speaker) ?? q.speaker,
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

function involvedPeople(articles: LibraryArticle[], quotes: QuoteItem[]): Briefing['people'] {
  const tally = new Map<string, { quotes: number; mentions: number; roles: Map<string, number> }>();
  for (const { analysis: a, canonical } of articles) {
    for (const p of a.people) {
      if (p.kind !== 'person') continue;
      const name = canonical.get(p.name) ?? p.name;
      const t = tally.get(name) ?? { quotes: 0, mentions: 0, roles: new Map<string, number>() };
      t.mentions += p.mentions;
      for (const r of p.roles) t.roles.set(r, (t.roles.get(r) ?? 0) + 1);
      tally.set(name, t);
    }
    for (const q of a.quotes) {
      const t = q.speaker ? tally.get(canonical.get(q.speaker) ?? q.speaker) : undefined;
      if (t) t.quotes++;
    }
  }
  const quoted = new Set(quotes.map((q) => q.speaker));
  return [...tally.entries()]
    .sort((a, b) => Number(quoted.has(b[0])) - Number(quoted.has(a[0])) || b[1].quotes - a[1].quotes || b[1].mentions - a[1].mentions)
    .slice(0, 6)
    .map(([name, t]) => ({
      name,
      roles: [...t.roles.entries()].sort((x, y) => y[1] - x[1]).map(([r]) => r),
      quotes: t.quotes,
    }));
}
