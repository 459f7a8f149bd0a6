import {
  BRIEFING_DEFAULTS,
  type Briefing,
  briefingNeeds,
  composeBriefing,
  type LibraryArticle,
  planStories,
  type StoryPlan,
  type StoryRecord,
} from '../core/briefing.ts';
import { findPerson, type Person, type PersonMatch } from '../core/people.ts';
import { composePersonQuotes, type PersonQuotes } from '../core/personQuotes.ts';
import { COVERAGE, type CorpusStats, closeTerms, matchExpression, type ParsedQuery, parseQuery, rankCandidates } from '../core/search.ts';
import { stem } from '../core/stem.ts';
import { foldName, words } from '../core/text.ts';
import type { AnalysisProgress, LibraryStore, SearchWindow } from '../store/store.ts';

// The library as commands and digests use it: each answer is a few queries to the store (which
// every process shares) around the core's pure steps, so what one process stored, all answer from.
// The only memory kept is a bounded cache of term frequencies, refreshed as the store changes.

export interface BriefOptions {
  now: number;
  /** Only news from the last `since` ms. */
  since?: number;
  /** Only articles first seen after this time (ms): a digest's "what is new". */
  newSince?: number;
  stories?: number;
  points?: number;
  quotes?: number;
  /** Stories a channel already received: marked as updates. */
  seenStories?: Set<number>;
}

/** Newest matches fetched per query shape: ranking reads at most twice this many articles. */
const CANDIDATES = 400;
/** Articles of a story read for its display. */
const STORY_MEMBERS = 10;
/** Wider windows offered when a `since` finds nothing. */
const WIDER = [
  ['24h', 86_400_000],
  ['7d', 7 * 86_400_000],
  ['30d', 30 * 86_400_000],
  ['90d', 90 * 86_400_000],
  ['365d', 365 * 86_400_000],
] as const;

/** How long a read of the re-analysis progress is shown before it is read again. */
const PROGRESS_TTL_MS = 5_000;

interface CachedDf {
  df: number;
  seq: number;
  at: number;
}

export class Library {
  private readonly df = new Map<string, CachedDf>();
  /** The store's change sequence when last read. */
  private seq = 0;
  private readonly maxTerms: number;
  private lastProgress: { at: number; progress: AnalysisProgress } | null = null;
  private reanalysisDone = false;

  constructor(
    readonly store: LibraryStore,
    options: { cachedTerms?: number; clock?: () => number } = {},
  ) {
    this.maxTerms = options.cachedTerms ?? 20_000;
    this.clock = options.clock ?? Date.now;
  }

  private readonly clock: () => number;

  /**
   * Library size and term frequencies. A term's count is reused while the library has changed
   * little since it was counted (under 100 writes, under a minute): idf barely moves with one article.
   */
  private async stats(terms: string[]): Promise<CorpusStats & { exact: Set<string> }> {
    const now = this.clock();
    const fresh = (c: CachedDf | undefined) => c !== undefined && c.df > 0 && this.seq - c.seq < 100 && now - c.at < 60_000;
    const missing = [...new Set(terms)].filter((t) => !fresh(this.df.get(t)));
    const counted = await this.store.corpusStats(missing);
    this.seq = counted.seq;
    if (this.df.size + missing.length > this.maxTerms) this.df.clear();
    for (const [t, df] of counted.df) this.df.set(t, { df, seq: counted.seq, at: now });
    // Counted since the store last changed: the exact number of articles holding the term.
    const exact = new Set(terms.filter((t) => counted.df.has(t) || this.df.get(t)?.seq === counted.seq));
    return { ...counted, df: new Map(terms.map((t) => [t, this.df.get(t)?.df ?? counted.df.get(t) ?? 0])), exact };
  }

  /** How many articles match in all time; a single term's count is its frequency, when exact. */
  private async countAllTime(any: string[][][], stats: CorpusStats & { exact: Set<string> }): Promise<number> {
    const only = any.length === 1 && any[0]?.length === 1 && any[0][0]?.length === 1 ? any[0][0][0] : undefined;
    if (only !== undefined && stats.exact.has(only)) return stats.df.get(only) ?? 0;
    return this.store.countMatches(any, {});
  }

  /**
   * A person by what was typed. Exact names and words first; only when they fail are typo
   * candidates and suggestions looked up (the costlier queries).
   */
  private async findPerson(query: string, options: { typos?: boolean; suggest?: boolean } = {}): Promise<PersonMatch> {
    const exact = findPerson(await this.store.peopleView(query), query, { typos: false, suggest: false });
    if (exact.person || (options.typos === false && options.suggest === false)) return exact;
    return findPerson(await this.store.peopleView(query, { near: options.typos !== false, suggestions: options.suggest !== false }), query, options);
  }

  /**
   * The query's word groups; a topic that names a person stands for all their surnames. A typo in
   * a name is forgiven only when the library has none of the words typed.
   */
  private async resolve(topic: string): Promise<ParsedQuery> {
    const query = parseQuery(topic);
    if (!query.groups.length || query.groups.length > 3) return query;
    const unknown = [...(await this.stats(query.groups.flat())).df.values()].every((df) => df === 0);
    const { person } = await this.findPerson(topic, { typos: unknown && query.groups.length <= 2, suggest: false });
    if (person?.kind !== 'person') return query;
    const folded = foldName(topic);
    const namesPerson = person.aliases.some((a) => foldName(a) === folded || foldName(a).split(' ').includes(folded)) || query.groups.length === 1;
    if (!namesPerson) return query;
    // A surname as the index has it: its last word ("Ocasio-Cortez" is indexed as "ocasio", "cortez").
    const surnames = new Set(person.aliases.map((a) => stem(words(a).pop() ?? '')).filter((s) => s.length >= 2));
    if (!surnames.size) return query;
    return { ...query, groups: [[...surnames]] };
  }

  /** The top stories for a topic, ranked, with their records: what a briefing is made from. */
  private async findStories(topic: string, options: BriefOptions) {
    const query = await this.resolve(topic);
    const stats = await this.stats(query.groups.flat());
    const window: SearchWindow = { after: options.since !== undefined ? options.now - options.since : undefined, seenAfter: options.newSince };
    // Enough of the query's weight, and less when no article has that much (in all time: a window
    // that holds nothing is answered as such, not with weaker matches).
    let expression = null as ReturnType<typeof matchExpression>;
    let allTime = 0;
    for (const coverage of COVERAGE) {
      expression = matchExpression(query.groups, stats, coverage);
      if (!expression) break;
      allTime = await this.countAllTime(expression.any, stats);
      if (allTime > 0) break;
    }
    if (!expression) return { query, expression, window, total: 0, plans: [] as StoryPlan[], records: new Map<number, StoryRecord>() };
    const windowed = window.after !== undefined || window.seenAfter !== undefined;
    const total = windowed ? await this.store.countMatches(expression.any, window) : allTime;
    // The closest matches (every group) and the newest (enough of them); one query when they are the same.
    const same = expression.any.length === 1 && expression.any[0]?.length === expression.all.length;
    const closest = total ? await this.store.matchArticles([expression.all], window, CANDIDATES) : [];
    const newest = total && !same ? await this.store.matchArticles(expression.any, window, CANDIDATES) : [];
    const candidates = [...new Map([...closest, ...newest].map((c) => [c.doc, c])).values()];
    const ranked = rankCandidates(query, candidates, stats, { now: options.now });
    const plans = planStories(ranked, options.stories ?? BRIEFING_DEFAULTS.stories);
    const records = await this.store.stories(
      plans.map((p) => p.storyId),
      STORY_MEMBERS,
    );
    return { query, expression, window, total, plans, records };
  }

  /** `/brief`: plan the stories, load what they need once, compose. */
  async brief(topic: string, options: BriefOptions): Promise<Briefing> {
    const found = await this.findStories(topic, options);
    const { query, plans, records, total } = found;
    if (!plans.length) {
      const empty: Briefing = { topic, total: 0, stories: [], points: [], quotes: [], people: [], suggestions: [] };
      if (found.expression && options.since !== undefined && options.newSince === undefined) {
        const older = await this.store.countMatches(found.expression.any, {});
        if (older > 0) {
          let wider: string | null = null;
          for (const [label, ms] of WIDER) {
            if (ms <= options.since) continue;
            if ((await this.store.countMatches(found.expression.any, { after: options.now - ms })) > 0) {
              wider = label;
              break;
            }
          }
          return { ...empty, older: { total: older, since: wider } };
        }
      }
      if (found.expression) return empty;
      return { ...empty, suggestions: await this.suggest(topic, query) };
    }
    const needs = briefingNeeds(plans, records);
    const loaded: Map<string, LibraryArticle> = await this.store.loadArticles([...needs.texts, ...needs.analyses], { text: needs.texts });
    return composeBriefing(plans, records, loaded, {
      topic,
      query,
      total,
      points: options.points,
      quotes: options.quotes,
      seenStories: options.seenStories,
      now: options.now,
    });
  }

  /** The articles of a topic's top stories (for `/quotes <person> <topic>`). */
  async articlesOn(topic: string, options: BriefOptions): Promise<string[]> {
    const { plans, records } = await this.findStories(topic, { ...options, stories: options.stories ?? 50 });
    return plans.flatMap((p) => [...p.hits.map((h) => h.doc.articleId), ...(records.get(p.storyId)?.articles.map((a) => a.id) ?? [])]);
  }

  /** Topics that do exist near one that matched nothing: close words and close names. */
  private async suggest(topic: string, query: ParsedQuery): Promise<string[]> {
    const out = new Set<string>();
    for (const w of query.words) for (const t of closeTerms(w, await this.store.vocabularyNear(stem(w)), 3)) out.add(t);
    if (!query.words.length || out.size === 0) for (const t of await this.store.topics('', 3)) out.add(t);
    if (query.words.length) for (const name of (await this.findPerson(topic)).suggestions) out.add(name);
    return [...out].slice(0, 5);
  }

  /** `/quotes`: what a person said, newest first, optionally on a topic. */
  async quotes(person: string, options: { topic?: string; now: number; limit?: number }): Promise<PersonQuotes> {
    const match = await this.findPerson(person);
    if (!match.person) return composePersonQuotes(person, match, []);
    const articleIds = options.topic ? await this.articlesOn(options.topic, { now: options.now }) : undefined;
    const rows = articleIds?.length === 0 ? [] : await this.store.personQuotes(match.person.id, { limit: options.limit ?? 500, articleIds });
    return composePersonQuotes(person, match, rows);
  }

  people(limit = 50): Promise<Person[]> {
    return this.store.topPeople(limit);
  }

  topics(prefix: string, limit = 25): Promise<string[]> {
    return this.store.topics(prefix, limit);
  }

  personNames(prefix: string, limit = 25): Promise<string[]> {
    return this.store.personNames(prefix, limit);
  }

  progress(version: number): Promise<AnalysisProgress> {
    return this.store.analysisProgress(version);
  }

  /**
   * How far the background re-analysis is, for answers to say so; null once it is done. Read at
   * most every few seconds, and never again once nothing is pending.
   */
  async reanalysis(version: number): Promise<AnalysisProgress | null> {
    const now = this.clock();
    if (this.reanalysisDone) return null;
    if (!this.lastProgress || now - this.lastProgress.at > PROGRESS_TTL_MS) {
      this.lastProgress = { at: now, progress: await this.store.analysisProgress(version) };
    }
    if (this.lastProgress.progress.pending === 0) this.reanalysisDone = true;
    return this.reanalysisDone ? null : this.lastProgress.progress;
  }
}
