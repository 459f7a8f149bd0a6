import { stem, stemCached } from './stem.ts';
import { STOPWORDS } from './stopwords.ts';
import { cosine, termVector } from './summarize.ts';
import { editDistance, forEachWord, splitParagraphs, words } from './text.ts';
import type { Article } from './types.ts';

/** Field weights: a topic in the headline matters more than a passing mention. */
const FIELD = { headline: 4, standfirst: 2.5, lead: 1.5, body: 1 };
const K1 = 1.2;
const B = 0.75;
const DAY = 86_400_000;

interface Doc {
  id: string;
  /** Published or first-seen time, ms since epoch; NaN when unknown. */
  time: number;
  /** When the bot first saw it; NaN when unknown. */
  seen: number;
  length: number;
  removed: boolean;
  /** Lowercased headline and standfirst, for phrase matches, "why" and story grouping. */
  head: string;
  standfirst: string;
}

/**
 * One term's postings, packed: each entry is a document index (high 24 bits) and its field-weighted
 * frequency in quarter steps (low 8 bits). Four bytes a posting keeps 100,000 articles in memory.
 */
class Postings {
  entries = new Uint32Array(4);
  length = 0;

  /** `weight` is already in quarter steps, 1 to 255. */
  push(doc: number, weight: number): void {
    if (this.length === this.entries.length) {
      const grown = new Uint32Array(this.entries.length * 2);
      grown.set(this.entries);
      this.entries = grown;
    }
    this.entries[this.length++] = ((doc << 8) | weight) >>> 0;
  }
}

const MAX_DOCS = 1 << 24;

export interface SearchHit {
  articleId: string;
  score: number;
  /** Why it matched, for the reader: "in the headline", "in the text". */
  why: string;
}

export interface SearchOptions {
  /** Current time in ms; enables recency weighting. */
  now?: number;
  /** Only articles published (or first seen) at or after this time, in ms. */
  after?: number;
  /** Only articles the bot first saw after this time, in ms: what is new for a digest. */
  seenAfter?: number;
  limit?: number;
}

/**
 * An article's index terms: each distinct stem with its field-weighted count (headline words
 * count more than body words), in the quarter steps the postings store.
 */
export function indexTerms(article: Article): Map<string, number> {
  const byWord = new Map<string, number>();
  const addField = (start: number, end: number, weight: number) => {
    forEachWord(article.text, start, end, (w) => {
      if (w.length >= 2) byWord.set(w, (byWord.get(w) ?? 0) + weight);
    });
  };
  const { headline, standfirst } = article;
  if (headline) addField(headline.start, headline.end, FIELD.headline);
  else forEachWord(article.title, 0, article.title.length, (w) => byWord.set(w, (byWord.get(w) ?? 0) + FIELD.headline));
  if (standfirst) addField(standfirst.start, standfirst.end, FIELD.standfirst);
  let first = true;
  for (const p of splitParagraphs(article.text)) {
    if (p.end <= article.bodyStart) continue;
    addField(Math.max(p.start, article.bodyStart), p.end, first ? FIELD.lead : FIELD.body);
    first = false;
  }
  const stems = new Map<string, number>();
  const surface = new Map<string, string>();
  for (const [w, weight] of byWord) {
    if (STOPWORDS.has(w)) continue;
    const s = stemCached(w);
    stems.set(s, (stems.get(s) ?? 0) + weight);
    if (!surface.has(s)) surface.set(s, w);
  }
  // Keyed "stem", or "stem|word" when the word differs, so suggestions can show real words.
  const terms = new Map<string, number>();
  for (const [s, w] of stems) {
    const word = surface.get(s) ?? s;
    terms.set(word === s ? s : `${s}|${word}`, Math.min(255, Math.max(1, Math.round(w * 4))));
  }
  return terms;
}

/** "stem weight stem weight …": compact, and quick to read back at start-up. */
export function encodeTerms(terms: Map<string, number>): string {
  const parts: string[] = [];
  for (const [s, w] of terms) parts.push(s, String(w));
  return parts.join(' ');
}

export function decodeTerms(encoded: string): Map<string, number> {
  const parts = encoded.split(' ');
  const terms = new Map<string, number>();
  for (let i = 0; i + 1 < parts.length; i += 2) terms.set(parts[i] as string, Number(parts[i + 1]));
  return terms;
}

export function queryTerms(text: string): string[] {
  return words(text)
    .filter((w) => !STOPWORDS.has(w))
    .map(stem);
}

/**
 * An inverted index over the library: one posting list per stemmed term, weighted by the field
 * the term stands in. Articles can be added and removed while the bot runs.
 */
export class SearchIndex {
  private readonly postings = new Map<string, Postings>();
  private readonly docs: Doc[] = [];
  private readonly byId = new Map<string, number>();
  /** The surface word most often behind each stem, to show suggestions as words. */
  private readonly surface = new Map<string, string>();
  private totalLength = 0;
  private live = 0;

  get size(): number {
    return this.live;
  }

  /** Entries kept for removed articles; the owner rebuilds the index when they pile up. */
  get dead(): number {
    return this.docs.length - this.live;
  }

  /**
   * Adds an article. `terms` are its index terms from `indexTerms` (stored beside the article so
   * a restart does not tokenize the library again); computed here when not given.
   */
  add(article: Article, terms: Map<string, number> = indexTerms(article)): void {
    if (this.byId.has(article.id)) this.remove(article.id);
    const { headline, standfirst, text } = article;
    const weights = terms;
    const index = this.docs.length;
    if (index >= MAX_DOCS) throw new Error('the search index holds at most 16,777,216 articles');
    const time = Date.parse(article.published ?? article.seen ?? '');
    let length = 0;
    for (const v of weights.values()) length += v;
    this.docs.push({
      id: article.id,
      time,
      seen: Date.parse(article.seen ?? ''),
      length,
      removed: false,
      head: (headline ? text.slice(headline.start, headline.end) : article.title).toLowerCase(),
      standfirst: standfirst ? text.slice(standfirst.start, standfirst.end).toLowerCase() : '',
    });
    this.byId.set(article.id, index);
    this.totalLength += length;
    this.live++;
    for (const [key, w] of weights) {
      const bar = key.indexOf('|');
      const term = bar < 0 ? key : key.slice(0, bar);
      if (bar >= 0 && !this.surface.has(term)) this.surface.set(term, key.slice(bar + 1));
      let p = this.postings.get(term);
      if (!p) {
        p = new Postings();
        this.postings.set(term, p);
      }
      p.push(index, w);
    }
  }

  remove(id: string): void {
    const index = this.byId.get(id);
    if (index === undefined) return;
    const doc = this.docs[index] as Doc;
    doc.removed = true;
    this.totalLength -= doc.length;
    this.live--;
    this.byId.delete(id);
  }

  /**
   * Articles matching the topic. `groups` holds, for each query word, its alternative stems (a
   * person's other name forms). Short queries must match every word; longer ones all but one.
   */
  search(groups: string[][], phrase: string, options: SearchOptions = {}): SearchHit[] {
    const n = groups.length;
    if (n === 0 || this.live === 0) return [];
    const avg = this.totalLength / this.live || 1;
    // Typed arrays and a list of touched documents: no per-hit objects until the top few.
    const scores = new Float64Array(this.docs.length);
    const matched = new Uint8Array(this.docs.length);
    const touched: number[] = [];
    for (const alternatives of groups) {
      const seenInGroup = alternatives.length > 1 ? new Set<number>() : null;
      for (const term of alternatives) {
        const p = this.postings.get(term);
        if (!p) continue;
        const idf = Math.log(1 + (this.docs.length - p.length + 0.5) / (p.length + 0.5));
        const { entries } = p;
        for (let i = 0; i < p.length; i++) {
          const entry = entries[i] as number;
          const d = entry >>> 8;
          const doc = this.docs[d] as Doc;
          if (doc.removed) continue;
          if (options.after !== undefined && !(doc.time >= options.after)) continue;
          if (options.seenAfter !== undefined && !(doc.seen > options.seenAfter)) continue;
          if (seenInGroup) {
            if (seenInGroup.has(d)) continue;
            seenInGroup.add(d);
          }
          const tf = (entry & 0xff) / 4;
          if (matched[d] === 0) touched.push(d);
          scores[d] = (scores[d] as number) + (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * doc.length) / avg));
          matched[d] = (matched[d] as number) + 1;
        }
      }
    }
    const required = n <= 2 ? n : n - 1;
    const lowerPhrase = phrase.toLowerCase();
    const limit = options.limit ?? 50;
    let top: SearchHit[] = [];
    let floor = Number.NEGATIVE_INFINITY;
    for (const d of touched) {
      const m = matched[d] as number;
      if (m < required) continue;
      const doc = this.docs[d] as Doc;
      let s = (scores[d] as number) * (m / n) ** 2;
      if (n > 1 && (doc.head.includes(lowerPhrase) || doc.standfirst.includes(lowerPhrase))) s *= 1.3;
      if (options.now !== undefined) {
        s *= Number.isNaN(doc.time) ? 0.8 : 0.75 + 0.25 * Math.exp(-Math.max(0, options.now - doc.time) / (10 * DAY));
      }
      if (s <= floor) continue;
      top.push({ articleId: doc.id, score: s, why: '' });
      // Keep only the best `limit` as we go: a partial sort, not a sort of every match.
      if (top.length >= limit * 4) {
        top = top.sort((a, b) => b.score - a.score).slice(0, limit);
        floor = top[limit - 1]?.score ?? Number.NEGATIVE_INFINITY;
      }
    }
    top = top.sort((a, b) => b.score - a.score).slice(0, limit);
    for (const h of top) h.why = this.why(h.articleId, groups);
    return top;
  }

  private why(id: string, groups: string[][]): string {
    const doc = this.docs[this.byId.get(id) ?? -1];
    if (!doc) return '';
    const has = (text: string) => groups.every((alts) => words(text).some((w) => alts.includes(stem(w))));
    if (has(doc.head)) return 'in the headline';
    if (doc.standfirst && has(doc.standfirst)) return 'in the standfirst';
    return 'in the text';
  }

  /** Headline and standfirst vectors, for grouping the same story from several outlets. */
  storyVector(id: string): Map<string, number> {
    const doc = this.docs[this.byId.get(id) ?? -1];
    return doc ? termVector(`${doc.head} ${doc.standfirst}`) : new Map();
  }

  timeOf(id: string): number {
    return this.docs[this.byId.get(id) ?? -1]?.time ?? Number.NaN;
  }

  /** Known words near a misspelt or absent topic word, most frequent first. */
  closeTerms(word: string, limit = 5): string[] {
    const target = stem(word);
    const max = target.length >= 7 ? 2 : 1;
    const found: { word: string; df: number; d: number }[] = [];
    for (const [term, p] of this.postings) {
      if (Math.abs(term.length - target.length) > max) continue;
      const d = editDistance(term, target, max);
      if (d <= max && d > 0) found.push({ word: this.surface.get(term) ?? term, df: p.length, d });
    }
    return found
      .sort((a, b) => a.d - b.d || b.df - a.df)
      .slice(0, limit)
      .map((f) => f.word);
  }

  /** Frequent headline words: the topics the library can brief on. */
  frequentTopics(prefix = '', limit = 25): string[] {
    const counts = new Map<string, number>();
    for (const doc of this.docs) {
      if (doc.removed) continue;
      for (const w of new Set(words(doc.head))) {
        if (w.length < 3 || STOPWORDS.has(w) || /^\d+$/.test(w) || !w.startsWith(prefix.toLowerCase())) continue;
        counts.set(w, (counts.get(w) ?? 0) + 1);
      }
    }
    return [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, limit)
      .map(([w]) => w);
  }
}

/** Groups hits that tell the same story (similar headlines within three days). */
export function groupStories(index: SearchIndex, hits: SearchHit[], threshold = 0.5): SearchHit[][] {
  const stories: { lead: Map<string, number>; time: number; hits: SearchHit[] }[] = [];
  for (const hit of hits) {
    const v = index.storyVector(hit.articleId);
    const t = index.timeOf(hit.articleId);
    const same = stories.find((s) => cosine(s.lead, v) >= threshold && (Number.isNaN(t) || Number.isNaN(s.time) || Math.abs(t - s.time) <= 3 * DAY));
    if (same) same.hits.push(hit);
    else stories.push({ lead: v, time: t, hits: [hit] });
  }
  return stories.map((s) => s.hits);
}
