import { STOPWORDS } from './stopwords.ts';
import { splitSentences, words } from './text.ts';
import type { Span } from './types.ts';

export interface SummaryPoint extends Span {
  text: string;
}

export interface SummarizeOptions {
  /** How many sentences. */
  count?: number;
  /** Text the sentences should be about (a headline, a topic); optional. */
  focus?: string;
  /** Where the body starts: sentences before it (headline, standfirst) are not candidates. */
  from?: number;
  /** Feature weights, for tuning; the defaults were chosen on the dev set. */
  weights?: Partial<typeof WEIGHTS>;
}

interface Candidate extends Span {
  index: number;
  terms: Map<string, number>;
  norm: number;
  wordCount: number;
  score: number;
}

// Tuned on the CNN/DailyMail dev split (see scripts/evalSummaries.ts); kept few on purpose.
const WEIGHTS = {
  lead: 1.0,
  /** < 0: use POSITION_PRIOR; otherwise 1 / (1 + index) ** leadDecay. */
  leadDecay: -1,
  centrality: 0.6,
  focus: 0.5,
  length: 0.1,
  maxWords: 55,
  redundancy: 0.45,
  trimAfter: 18,
  quote: 0,
  dangling: 0.1,
  number: 0.1,
};
const MIN_WORDS = 6;

// How often each sentence position best matches a human highlight on the dev split: news puts
// the facts in its first five sentences, but its opening line is often a teaser.
const POSITION_PRIOR = [0.82, 1.0, 0.78, 0.73, 0.46, 0.34, 0.3, 0.19, 0.18];
const POSITION_TAIL = 1.6;

/** Sentences that lean on the one before them ("He said…", "But it…") read badly alone. */
const DANGLING = /^(?:He|She|It|They|This|These|Those|But|And|So|His|Her|Their|Its|Such|That)\b|:/;

/** Bylines, timestamps, captions glued into the text, calls to action: never summary points. */
const BOILERPLATE =
  /^(?:by\s+\.|by\s+[A-Z][a-z]+ [A-Z][a-z]+\s*(?:\.|$|and|for)|published:|updated:|last updated|follow\s+@|click here|scroll down|sign up|read more|see more|watch:|photo:|image:|video:|copyright|all rights reserved|share this|subscribe)/i;

export function termVector(text: string): Map<string, number> {
  const v = new Map<string, number>();
  for (const w of words(text)) {
    if (w.length < 2 || STOPWORDS.has(w)) continue;
    v.set(w, (v.get(w) ?? 0) + 1);
  }
  return v;
}

export function cosine(a: Map<string, number>, b: Map<string, number>, normA = vectorNorm(a), normB = vectorNorm(b)): number {
  if (!normA || !normB) return 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, v] of small) dot += v * (large.get(t) ?? 0);
  return dot / (normA * normB);
}

function vectorNorm(v: Map<string, number>): number {
  let s = 0;
  for (const x of v.values()) s += x * x;
  return Math.sqrt(s);
}

/** The share of a sentence's letters inside quotation marks. */
function quotedShare(sentence: string): number {
  let inside = false;
  let quoted = 0;
  let letters = 0;
  for (const ch of sentence) {
    if (ch === '“' || ch === '”' || ch === '"') {
      inside = ch === '“' ? true : ch === '”' ? false : !inside;
      continue;
    }
    if (/\p{L}/u.test(ch)) {
      letters++;
      if (inside) quoted++;
    }
  }
  return letters ? quoted / letters : 0;
}

/** Sentences that may stand as summary points, with their features. */
export function candidateSentences(text: string, from = 0, to = text.length, maxWords = WEIGHTS.maxWords): Candidate[] {
  const out: Candidate[] = [];
  const spans = splitSentences(text, from, to);
  spans.forEach((s, index) => {
    const sentence = text.slice(s.start, s.end);
    const count = sentence.split(/\s+/).length;
    if (count < MIN_WORDS || count > maxWords) return;
    if (BOILERPLATE.test(sentence.trim())) return;
    if (quotedShare(sentence) > 0.6) return;
    if (!/[.!?…]["”’')]*$/.test(sentence.trim())) return; // a fragment or a glued caption
    const terms = termVector(sentence);
    out.push({ ...s, index, terms, norm: vectorNorm(terms), wordCount: count, score: 0 });
  });
  return out;
}

/**
 * Extractive summary of one article: sentences scored by a lead prior (news puts the facts
 * first), centrality (similarity to the whole article) and focus (similarity to the headline or
 * topic), then picked greedily without repeating each other, and given back in reading order.
 */
export function summarize(text: string, options: SummarizeOptions = {}): SummaryPoint[] {
  const count = options.count ?? 3;
  const w = { ...WEIGHTS, ...options.weights };
  const candidates = candidateSentences(text, options.from ?? 0, text.length, w.maxWords);
  if (!candidates.length) return [];
  const doc = new Map<string, number>();
  for (const c of candidates) for (const [t, v] of c.terms) doc.set(t, (doc.get(t) ?? 0) + v);
  const docNorm = vectorNorm(doc);
  const focus = options.focus ? termVector(options.focus) : null;
  const focusNorm = focus ? vectorNorm(focus) : 0;
  for (const c of candidates) {
    const lead = w.leadDecay < 0 ? (POSITION_PRIOR[c.index] ?? POSITION_TAIL / (1 + c.index)) : 1 / (1 + c.index) ** w.leadDecay;
    const centrality = cosine(c.terms, doc, c.norm, docNorm);
    const onFocus = focus ? cosine(c.terms, focus, c.norm, focusNorm) : 0;
    const sentence = text.slice(c.start, c.end);
    c.score =
      w.lead * lead +
      w.centrality * centrality +
      w.focus * onFocus -
      w.length * (c.wordCount / 25) -
      w.quote * (/[“"]/.test(sentence) ? 1 : 0) -
      w.dangling * (DANGLING.test(sentence) ? 1 : 0) +
      w.number * (/\d/.test(sentence) ? 1 : 0);
  }
  return pickDiverse(candidates, count, w.redundancy)
    .sort((a, b) => a.start - b.start)
    .map((c) => {
      const end = w.trimAfter > 0 ? trimmedEnd(text, c, w.trimAfter) : c.end;
      return { start: c.start, end, text: text.slice(c.start, end) };
    });
}

/** Highest-scoring first, skipping any too similar to one already picked. */
export function pickDiverse<T extends { terms: Map<string, number>; norm: number; score: number }>(
  items: T[],
  count: number,
  threshold = WEIGHTS.redundancy,
): T[] {
  const picked: T[] = [];
  for (const c of [...items].sort((a, b) => b.score - a.score)) {
    if (picked.length >= count) break;
    if (picked.some((p) => cosine(p.terms, c.terms, p.norm, c.norm) > threshold)) continue;
    picked.push(c);
  }
  return picked;
}

// Clause breaks after which a long sentence's tail is usually detail: ", who", " - exactly…".
const TAIL_BREAK =
  /(?:,\s+(?:who|which|where|while|after|as|according|but|although|despite|including|with|saying|adding)\b|\s+[-–—]\s+|;\s+|,\s+(?=[a-z]+ing\b))/g;

/** The end of a long sentence cut at its first clause break past `minWords` words. */
export function trimmedEnd(text: string, s: Span, minWords: number): number {
  const sentence = text.slice(s.start, s.end);
  TAIL_BREAK.lastIndex = 0;
  for (let m = TAIL_BREAK.exec(sentence); m; m = TAIL_BREAK.exec(sentence)) {
    const head = sentence.slice(0, m.index);
    const headWords = head.split(/\s+/).length;
    const tailWords = sentence.slice(m.index).split(/\s+/).length;
    if (headWords >= minWords && tailWords >= 5 && !/[“"‘(]/.test(head.replace(/“[^”]*”|\([^)]*\)/g, ''))) return s.start + head.length;
  }
  return s.end;
}
