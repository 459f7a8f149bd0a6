import { stem } from './stem.ts';
import { STOPWORDS } from './stopwords.ts';
import { cosine, termVector } from './summarize.ts';
import { editDistance, words } from './text.ts';
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
  length: number;
  removed: boolean;
  /** Lowercased headline and standfirst, for phrase matches, "why" and story grouping. */
  head: string;
  standfirst: string;
}

interface Postings {
  docs: number[];
  weights: number[];
}

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
  limit?: number;
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

  add(article: Article): void {
    if (this.byId.has(article.id)) this.remove(article.id);
    const weights = new Map<string, number>();
    const addField = (start: number, end: number, weight: number) => {
      for (const w of words(article.text.slice(start, end))) {
        if (w.length < 2 || STOPWORDS.has(w)) continue;
        const s = stem(w);
        weights.set(s, (weights.get(s) ?? 0) + weight);
        if (!this.surface.has(s)) this.surface.set(s, w);
      }
    };
    const { headline, standfirst, text } = article;
    if (headline) addField(headline.start, headline.end, FIELD.headline);
    if (standfirst) addField(standfirst.start, standfirst.end, FIELD.standfirst);
    const body = article.paragraphs.filter((p) => p.start >= article.bodyStart || (p.end > article.bodyStart && p.start < article.bodyStart));
    body.forEach((p, i) => {
      addField(Math.max(p.start, article.bodyStart), p.end, i === 0 ? FIELD.lead : FIELD.body);
    });
    if (!headline && article.title) {
      for (const w of words(article.title)) if (!STOPWORDS.has(w)) weights.set(stem(w), (weights.get(stem(w)) ?? 0) + FIELD.headline);
    }

    const index = this.docs.length;
    const time = Date.parse(article.published ?? article.seen ?? '');
    let length = 0;
    for (const v of weights.values()) length += v;
    this.docs.push({
      id: article.id,
      time,
      length,
      removed: false,
      head: (headline ? text.slice(headline.start, headline.end) : article.title).toLowerCase(),
      standfirst: standfirst ? text.slice(standfirst.start, standfirst.end).toLowerCase() : '',
    });
    this.byId.set(article.id, index);
    this.totalLength += length;
    this.live++;
    for (const [term, w] of weights) {
      let p = this.postings.get(term);
      if (!p) {
        p = { docs: [], weights: [] };
        this.postings.set(term, p);
      }
      p.docs.push(index);
      p.weights.push(w);
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

  /** How many live articles contain a term (approximate after removals; used for idf only). */
  private df(term: string): number {
    return this.postings.get(term)?.docs.length ?? 0;
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
        const idf = Math.log(1 + (this.docs.length - p.docs.length + 0.5) / (p.docs.length + 0.5));
        const { docs, weights } = p;
        for (let i = 0; i < docs.length; i++) {
          const d = docs[i] as number;
          const doc = this.docs[d] as Doc;
          if (doc.removed) continue;
          if (options.after !== undefined && !(doc.time >= options.after)) continue;
          if (seenInGroup) {
            if (seenInGroup.has(d)) continue;
            seenInGroup.add(d);
          }
          const tf = weights[i] as number;
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
      if (d <= max && d > 0) found.push({ word: this.surface.get(term) ?? term, df: p.docs.length, d });
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

  documentFrequency(term: string): number {
    return this.df(term);
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
