// Quote detection and attribution, scored as ../shared/eval/README.md suggests: predicted quotes
// are matched one-to-one to gold quoted segments by word Jaccard >= 0.5 (best first); the speaker
// of each matched quote is compared with the gold canonical name, leniently. Attributed P/R/F1
// counts a quote right only when it is found and its speaker is right.
import { foldName, words } from '../src/core/text.ts';

export interface GoldQuote {
  /** The annotators' source span as written ("Trump", "he", "the newspaper"), when given. */
  speaker?: string | null;
  speaker_canonical: string | null;
  speaker_mention_kind: string;
  /** The annotators' source span(s), as offsets into the text. */
  speaker_spans?: number[][];
  quoted_segments: { start: number; end: number; text: string }[];
  partial?: boolean;
}

export interface QuoteRecord {
  id: string;
  title?: string;
  text: string;
  quotes: GoldQuote[];
}
/** PolNeAR's records carry more fields; these are the ones scored. */
export type PolnearRecord = QuoteRecord;

export interface PredictedQuote {
  text: string;
  speaker: string | null;
}

export type Analyzer = (record: QuoteRecord) => PredictedQuote[];

const TITLES = /^(?:mr|mrs|ms|miss|dr|sir|dame|lord|lady|sen|senator|rep|gov|governor|president|prime minister|minister|democrat|republican|the) /;

function nameWords(s: string): string[] {
  let folded = foldName(s).replace(/[’']s\b/g, '');
  for (let prev = ''; prev !== folded; ) {
    prev = folded;
    folded = folded.replace(TITLES, '');
  }
  return folded.split(/[\s-]+/).filter((w) => w && !['jr', 'sr', 'ii', 'iii', 'iv'].includes(w));
}

/**
 * Lenient: case, dots, titles, middle initials and suffixes; the same surname with the same first
 * name or initial; an acronym of the other's words ("NRA" = "National Rifle Association").
 */
export function sameName(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  const x = nameWords(a);
  const y = nameWords(b);
  const strip = (w: string[]) => w.filter((t, i) => i === 0 || i === w.length - 1 || t.length > 1);
  if (strip(x).join(' ') === strip(y).join(' ')) return true;
  if (x.length > 1 && y.length > 1 && x[x.length - 1] === y[y.length - 1] && (x[0] as string)[0] === (y[0] as string)[0]) {
    return x[0] === y[0] || (x[0] as string).length === 1 || (y[0] as string).length === 1;
  }
  const acronym = (w: string[]) =>
    w
      .filter((t) => !['of', 'the', 'and', 'for'].includes(t))
      .map((t) => t[0])
      .join('');
  if (x.length === 1 && y.length > 2 && x[0] === acronym(y)) return true;
  if (y.length === 1 && x.length > 2 && y[0] === acronym(x)) return true;
  return false;
}

interface Tally {
  correct: number;
  total: number;
  accuracy: number;
}

export interface QuoteScores {
  articles: number;
  gold: number;
  predicted: number;
  matched: number;
  precision: number;
  recall: number;
  f1: number;
  /** Over matched quotes with a named gold speaker, by mention kind, and `all`. */
  speaker: Record<string, Tally>;
  /** Found with the right speaker (a gold quote with no speaker is right only unattributed). */
  attributed: { precision: number; recall: number; f1: number };
  errors: { id: string; kind: string; gold: string | null; predicted: string | null; quote: string }[];
  /** Errors whose silver label is one word ("Devine", "Tad") that our full name ("Tad Devine") holds. */
  oneWordGold: number;
  misses: { id: string; quote: string }[];
  falsePositives: { id: string; quote: string; speaker: string | null }[];
}

/** A one-word name (past its title) that is the first or last word of a longer predicted one. */
export function holdsOneWord(predicted: string | null, gold: string | null): boolean {
  if (predicted === null || gold === null) return false;
  const g = nameWords(gold);
  const p = nameWords(predicted);
  return g.length === 1 && p.length > 1 && (g[0] === p[0] || g[0] === p[p.length - 1]);
}

const jaccard = (a: Set<string>, b: Set<string>) => {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter || 1);
};

const f1 = (p: number, r: number) => (p + r ? (2 * p * r) / (p + r) : 0);

export function scoreQuotes(records: QuoteRecord[], analyze: Analyzer): QuoteScores {
  let gold = 0;
  let predicted = 0;
  let matched = 0;
  let attributedRight = 0;
  let oneWordGold = 0;
  const speaker: QuoteScores['speaker'] = {};
  const errors: QuoteScores['errors'] = [];
  const misses: QuoteScores['misses'] = [];
  const falsePositives: QuoteScores['falsePositives'] = [];
  for (const r of records) {
    const quotes = analyze(r);
    const segments = r.quotes.flatMap((q) => q.quoted_segments.map((s) => ({ q, s, tokens: new Set(words(s.text)) })));
    gold += segments.length;
    predicted += quotes.length;
    // One-to-one, best pairs first.
    const pairs: { pi: number; gi: number; score: number }[] = [];
    quotes.forEach((p, pi) => {
      const tokens = new Set(words(p.text));
      segments.forEach((g, gi) => {
        const score = jaccard(tokens, g.tokens);
        if (score >= 0.5) pairs.push({ pi, gi, score });
      });
    });
    pairs.sort((a, b) => b.score - a.score || a.pi - b.pi || a.gi - b.gi);
    const usedP = new Set<number>();
    const usedG = new Set<number>();
    for (const { pi, gi } of pairs) {
      if (usedP.has(pi) || usedG.has(gi)) continue;
      usedP.add(pi);
      usedG.add(gi);
      matched++;
      const p = quotes[pi] as PredictedQuote;
      const g = segments[gi] as (typeof segments)[number];
      const right = sameName(p.speaker, g.q.speaker_canonical);
      if (right) attributedRight++;
      if (g.q.speaker_canonical === null) continue;
      for (const key of [g.q.speaker_mention_kind, 'all']) {
        speaker[key] = speaker[key] ?? { correct: 0, total: 0, accuracy: 0 };
        speaker[key].total++;
        if (right) speaker[key].correct++;
      }
      if (!right) errors.push({ id: r.id, kind: g.q.speaker_mention_kind, gold: g.q.speaker_canonical, predicted: p.speaker, quote: p.text.slice(0, 80) });
      if (!right && holdsOneWord(p.speaker, g.q.speaker_canonical)) oneWordGold++;
    }
    quotes.forEach((p, pi) => {
      if (!usedP.has(pi)) falsePositives.push({ id: r.id, quote: p.text.slice(0, 100), speaker: p.speaker });
    });
    segments.forEach((g, gi) => {
      if (!usedG.has(gi)) misses.push({ id: r.id, quote: g.s.text.slice(0, 100) });
    });
  }
  for (const s of Object.values(speaker)) s.accuracy = s.total ? s.correct / s.total : 0;
  const precision = predicted ? matched / predicted : 0;
  const recall = gold ? matched / gold : 0;
  const ap = predicted ? attributedRight / predicted : 0;
  const ar = gold ? attributedRight / gold : 0;
  return {
    articles: records.length,
    gold,
    predicted,
    matched,
    precision,
    recall,
    f1: f1(precision, recall),
    speaker,
    attributed: { precision: ap, recall: ar, f1: f1(ap, ar) },
    errors,
    oneWordGold,
    misses,
    falsePositives,
  };
}

/** A source span as written that is a name, not a pronoun or a description ("Trump", not "the newspaper"). */
const readsAsName = (source: string) => /^\p{Lu}/u.test(source) && !/^(?:the|a|an|he|she|it|they|we|i)\b/i.test(source);

/**
 * Gold quoted segments whose source the annotators marked as a pronoun or a name while the silver
 * resolver left the canonical speaker empty: there a right speaker counts as wrong, so they cap
 * attributed recall for a fully right analyzer at `ceiling`.
 */
export function silverGaps(records: QuoteRecord[]): { segments: number; pronoun: number; named: number; ceiling: number } {
  let segments = 0;
  let pronoun = 0;
  let named = 0;
  for (const r of records) {
    for (const q of r.quotes) {
      const n = q.quoted_segments.length;
      segments += n;
      if (q.speaker_canonical !== null) continue;
      const source = (q.speaker ?? '').trim();
      if (q.speaker_mention_kind === 'pronoun') pronoun += n;
      else if (readsAsName(source)) named += n;
    }
  }
  return { segments, pronoun, named, ceiling: segments ? (segments - pronoun - named) / segments : 0 };
}

/** A relative pronoun as the source ("Beck, who described him as …"): its antecedent just before counts. */
const RELATIVE = /^(?:who|which|that)$/i;

/** Where our chosen speaker's words stand, for one found quote (`at` null: carried over, or none). */
export interface ChosenSource {
  start: number;
  end: number;
  speaker: string | null;
  at: number | null;
}

export interface SourceTally {
  total: number;
  /** Our speaker's words lie in the annotators' source span. */
  inSpan: number;
  /** A speaker carried over from the quote before, which the span cannot judge. */
  carried: number;
  /** No speaker. */
  none: number;
}

/**
 * The annotators' source spans judge a speaker's words with no silver name at all, so they reach
 * the quotes the silver labels skip ("he said" whose "he" the resolver could not name), where the
 * held-out hand-checked speakers are hardest. Counted over gold quotes with a pronoun, name or
 * description as their source, apart for those with and without a silver speaker. A pronoun in
 * the span is the right word, not yet the right person.
 */
export function sourceSpans(records: QuoteRecord[], choose: (record: QuoteRecord) => ChosenSource[]): Record<string, SourceTally> {
  const out: Record<string, SourceTally> = {};
  for (const r of records) {
    const gold = r.quotes.flatMap((q) => q.quoted_segments.map((s) => ({ q, tokens: new Set(words(s.text)) })));
    const used = new Set<number>();
    for (const c of choose(r)) {
      const tokens = new Set(words(r.text.slice(c.start, c.end)));
      let best = -1;
      let bestScore = 0.5;
      gold.forEach((g, i) => {
        const score = used.has(i) ? 0 : jaccard(tokens, g.tokens);
        if (score >= bestScore) [best, bestScore] = [i, score];
      });
      const g = gold[best];
      if (!g) continue;
      used.add(best);
      const spans = g.q.speaker_spans ?? [];
      if (!spans.length) continue;
      // A source with no kind given counts as named when it reads as a name, as in silverGaps.
      const kind = ['named', 'pronoun', 'nominal'].includes(g.q.speaker_mention_kind)
        ? g.q.speaker_mention_kind
        : readsAsName((g.q.speaker ?? '').trim())
          ? 'named'
          : null;
      if (!kind) continue;
      const key = `${kind}${g.q.speaker_canonical === null ? ', no silver' : ''}`;
      const t = out[key] ?? { total: 0, inSpan: 0, carried: 0, none: 0 };
      out[key] = t;
      t.total++;
      if (c.speaker === null) t.none++;
      else if (c.at === null) t.carried++;
      else if (spans.some(([from = 0, to = 0]) => c.at !== null && c.at >= from - (RELATIVE.test(r.text.slice(from, to)) ? 80 : 1) && c.at < to)) t.inSpan++;
    }
  }
  return out;
}
