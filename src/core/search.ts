import { stem, stemCached } from './stem.ts';
import { STOPWORDS } from './stopwords.ts';
import { editDistance, forEachWord, splitParagraphs, words } from './text.ts';
import type { Article } from './types.ts';

// Topic search, in three pure steps around the store: `parseQuery` turns what was typed into
// groups of stems; `matchExpression` says which articles match (every group, or enough of the
// rare ones) so the store can count them exactly and hand back candidates; `rankCandidates`
// scores those candidates. The store only matches and counts: every engine ranks the same way.

/** Field weights: a topic in the headline matters more than a passing mention. */
export const FIELD = { headline: 4, standfirst: 2.5, lead: 1.5, body: 1 };
const K1 = 1.2;
const B = 0.75;
const DAY = 86_400_000;
/**
 * An article matches when the terms it holds carry this share of the query's weight (by idf); when
 * none does, the share is lowered step by step, so "nothing" means no article shares a word.
 */
export const COVERAGE = [0.5, 0.25, 0];
/**
 * Longer queries are matched on their rarest groups; the rest only rank. Six, not eight: the
 * minimal covers of eight groups run to 70 conjunctions the index evaluates one by one (pasted
 * headline p95 55–84 ms at 100,000 articles, against 30–39 ms), and the AllSides dev answers are
 * the same with either.
 */
const MAX_MATCH_GROUPS = 6;

/**
 * An article's index terms: each distinct stem with its field-weighted count in quarter steps
 * (headline words count four times body words), 1 to 255.
 */
export function indexTerms(article: Article): Map<string, number> {
  const byWord = new Map<string, number>();
  const add = (w: string, weight: number) => {
    if (w.length >= 2) byWord.set(w, (byWord.get(w) ?? 0) + weight);
  };
  const { headline, standfirst } = article;
  if (headline) forEachWord(article.text, headline.start, headline.end, (w) => add(w, FIELD.headline));
  else forEachWord(article.title, 0, article.title.length, (w) => add(w, FIELD.headline));
  if (standfirst) forEachWord(article.text, standfirst.start, standfirst.end, (w) => add(w, FIELD.standfirst));
  let first = true;
  for (const p of splitParagraphs(article.text)) {
    if (p.end <= article.bodyStart) continue;
    const weight = first ? FIELD.lead : FIELD.body;
    forEachWord(article.text, Math.max(p.start, article.bodyStart), p.end, (w) => add(w, weight));
    first = false;
  }
  const stems = new Map<string, number>();
  for (const [w, weight] of byWord) {
    if (STOPWORDS.has(w)) continue;
    const s = stemCached(w);
    stems.set(s, (stems.get(s) ?? 0) + weight);
  }
  const terms = new Map<string, number>();
  for (const [s, w] of stems) terms.set(s, Math.min(255, Math.max(1, Math.round(w * 4))));
  return terms;
}

/** " stem:weight stem:weight ": compact, and one weight can be found without decoding the rest. */
export function encodeTerms(terms: Map<string, number>): string {
  let out = ' ';
  for (const [t, w] of terms) out += `${t}:${w} `;
  return out;
}

export function decodeTerms(encoded: string): Map<string, number> {
  const terms = new Map<string, number>();
  for (const part of encoded.split(' ')) {
    const colon = part.lastIndexOf(':');
    if (colon > 0) terms.set(part.slice(0, colon), Number(part.slice(colon + 1)));
  }
  return terms;
}

/** One term's weight in an encoded term list, 0 when absent. */
export function weightOf(encoded: string, term: string): number {
  const at = encoded.indexOf(` ${term}:`);
  if (at < 0) return 0;
  const from = at + term.length + 2;
  const end = encoded.indexOf(' ', from);
  return Number(encoded.slice(from, end < 0 ? undefined : end));
}

export function encodedLength(encoded: string): number {
  let length = 0;
  for (const w of decodeTerms(encoded).values()) length += w;
  return length;
}

/** A topic as typed, parsed once: each content word becomes a group of alternative stems. */
export interface ParsedQuery {
  text: string;
  /** One group per query word; a person's name may stand for several stems. */
  groups: string[][];
  /** The topic, lowercased, for phrase matches in headlines. */
  phrase: string;
  /** The content words as typed (lowercased), for suggestions. */
  words: string[];
}

export function parseQuery(text: string): ParsedQuery {
  const typed = words(text).filter((w) => !STOPWORDS.has(w) && w.length >= 2);
  const groups: string[][] = [];
  const seen = new Set<string>();
  for (const w of typed) {
    const s = stem(w);
    if (seen.has(s)) continue;
    seen.add(s);
    groups.push([s]);
  }
  return { text, groups, phrase: text.trim().toLowerCase(), words: typed };
}

/** Document frequencies and size of the library, as the store keeps them. */
export interface CorpusStats {
  /** Articles in the library. */
  docs: number;
  /** Mean article length (sum of term weights). */
  avgLength: number;
  /** Articles holding each term. */
  df: Map<string, number>;
}

export const idf = (stats: CorpusStats, term: string): number => {
  const df = stats.df.get(term) ?? 0;
  return Math.log(1 + (stats.docs - df + 0.5) / (df + 0.5));
};

const groupIdf = (stats: CorpusStats, group: string[]) => Math.max(0, ...group.filter((t) => (stats.df.get(t) ?? 0) > 0).map((t) => idf(stats, t)));

/**
 * Which articles match, as a boolean expression over term groups: an OR of the smallest sets of
 * groups that carry `coverage` of the query's idf weight. The store counts its matches exactly and
 * returns the newest of them; one word must simply be present, two rare words need the rarer one,
 * a pasted headline needs about half of what it says. Groups no article holds drop out; none left
 * means nothing matches.
 */
export interface MatchExpression {
  /** Alternatives of terms: each inner list must all be present (AND), any list will do (OR). */
  any: string[][][];
  /** Every group present: the closest matches, fetched apart so a large match does not bury them. */
  all: string[][];
}

export function matchExpression(groups: string[][], stats: CorpusStats, coverage = COVERAGE[0] as number): MatchExpression | null {
  const present = groups
    .map((g) => g.filter((t) => (stats.df.get(t) ?? 0) > 0))
    .filter((g) => g.length > 0)
    .map((g) => ({ group: g, weight: groupIdf(stats, g) }))
    .sort((a, b) => b.weight - a.weight)
    .slice(0, MAX_MATCH_GROUPS);
  if (!present.length) return null;
  const total = present.reduce((s, g) => s + g.weight, 0);
  const n = present.length;
  const minimal: number[] = [];
  for (let mask = 1; mask < 1 << n; mask++) {
    let weight = 0;
    for (let i = 0; i < n; i++) if (mask & (1 << i)) weight += present[i]?.weight ?? 0;
    if (weight < coverage * total - 1e-9 || weight === 0) continue;
    // Keep only minimal sets: no smaller set already listed inside this one.
    if (minimal.some((m) => (m & mask) === m)) continue;
    minimal.push(mask);
  }
  const groupsOf = (mask: number) => present.filter((_, i) => mask & (1 << i)).map((g) => g.group);
  return { any: minimal.map(groupsOf), all: present.map((g) => g.group) };
}

/** What the store hands back for each candidate article. */
export interface CandidateDoc {
  doc: number;
  articleId: string;
  storyId: number;
  /** Published, or first seen when undated (ms). */
  time: number;
  seen: number;
  source: string | null;
  title: string;
  /** Headline and standfirst, lowercased, a newline between (`headOf`). */
  head: string;
  length: number;
  /** Encoded index terms (`encodeTerms`). */
  weights: string;
}

export interface RankedDoc {
  doc: CandidateDoc;
  score: number;
}

/**
 * BM25 over the field-weighted terms, scaled by how much of the query's weight the article holds
 * (squared, so holding every word matters), a bonus when the headline has the phrase or its word
 * pairs, and a mild preference for recent news.
 */
export function rankCandidates(query: ParsedQuery, candidates: CandidateDoc[], stats: CorpusStats, options: { now?: number } = {}): RankedDoc[] {
  const groups = query.groups.map((g) => ({ terms: g, weight: groupIdf(stats, g) })).filter((g) => g.weight > 0);
  const total = groups.reduce((s, g) => s + g.weight, 0);
  if (!total) return [];
  const avg = stats.avgLength || 1;
  const pairs = headPairs(query);
  const ranked: RankedDoc[] = [];
  for (const d of candidates) {
    let score = 0;
    let covered = 0;
    for (const g of groups) {
      let tf = 0;
      for (const t of g.terms) tf = Math.max(tf, weightOf(d.weights, t) / 4);
      if (!tf) continue;
      covered += g.weight;
      score += (g.weight * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * d.length) / avg));
    }
    if (!covered) continue;
    score *= (covered / total) ** 2;
    if (groups.length > 1 && d.head.includes(query.phrase)) score *= 1.3;
    else if (pairs.length) score *= 1 + (0.15 * pairs.filter((p) => d.head.includes(p)).length) / pairs.length;
    if (options.now !== undefined) score *= 0.75 + 0.25 * Math.exp(-Math.max(0, options.now - d.time) / (10 * DAY));
    ranked.push({ doc: d, score });
  }
  return ranked.sort((a, b) => b.score - a.score || b.doc.doc - a.doc.doc);
}

/** Adjacent content-word pairs of the query ("rare earth", "earth minerals"). */
function headPairs(query: ParsedQuery): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < query.words.length; i++) out.push(`${query.words[i]} ${query.words[i + 1]}`);
  return out;
}

/** Why an article matched, for the reader: "in the headline", "in the standfirst", "in the text". */
export function whyMatched(head: string, query: ParsedQuery): string {
  const holds = (text: string) => {
    const stems = new Set(words(text).map(stemCached));
    return query.groups.every((g) => g.some((t) => stems.has(t)));
  };
  const cut = head.indexOf('\n');
  if (holds(cut < 0 ? head : head.slice(0, cut))) return 'in the headline';
  return cut >= 0 && holds(head.slice(cut + 1)) ? 'in the standfirst' : 'in the text';
}

/** The headline and standfirst as `CandidateDoc.head` keeps them: lowercased, a newline between. */
export function headOf(article: Article): string {
  const headline = article.headline ? article.text.slice(article.headline.start, article.headline.end) : article.title;
  const standfirst = article.standfirst ? article.text.slice(article.standfirst.start, article.standfirst.end) : '';
  return `${headline}\n${standfirst}`.toLowerCase();
}

/** Known words near a misspelt topic word, most frequent first; `vocabulary` holds stem → word and df. */
export function closeTerms(word: string, vocabulary: { term: string; word: string; df: number }[], limit = 5): string[] {
  const target = stem(word);
  const max = target.length >= 7 ? 2 : 1;
  return vocabulary
    .map((v) => ({ ...v, d: v.term === target ? 0 : editDistance(v.term, target, max) }))
    .filter((v) => v.d > 0 && v.d <= max)
    .sort((a, b) => a.d - b.d || b.df - a.df)
    .slice(0, limit)
    .map((v) => v.word);
}

/**
 * When an article happened, for ranking and time windows: its publication date, or when it was
 * first seen if it has none, or claims one more than a day after it was seen.
 */
export function articleTime(published: string | undefined, firstSeen: number): number {
  const t = Date.parse(published ?? '');
  return Number.isNaN(t) || t > firstSeen + DAY || t < 0 ? firstSeen : t;
}
