// Quote detection and attribution scored on PolNeAR (see ../shared/eval/README.md, "Suggested
// scoring"): predicted quotes are matched to gold quoted segments by token Jaccard >= 0.5, and
// the speaker of each matched quote is compared with the gold canonical name, leniently.
import { parseArticle } from '../src/core/article.ts';
import { analyzeArticle } from '../src/core/quotes.ts';
import { foldName, words } from '../src/core/text.ts';

interface GoldQuote {
  speaker_canonical: string | null;
  speaker_mention_kind: string;
  quoted_segments: { start: number; end: number; text: string }[];
}
export interface PolnearRecord {
  id: string;
  title: string;
  text: string;
  quotes: GoldQuote[];
}

const jaccard = (a: Set<string>, b: Set<string>) => {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter || 1);
};

/** Lenient: case, dots, middle initials, Jr., a leading "the"; or same first and last name. */
export function sameName(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  const norm = (s: string) =>
    foldName(s)
      .replace(/^the /, '')
      .replace(/^(?:mr|mrs|ms|dr|sen|rep|gov|president|democrat|republican) /, '')
      .split(' ')
      .filter((w) => w.length > 1 && !['jr', 'sr', 'ii', 'iii'].includes(w));
  const x = norm(a);
  const y = norm(b);
  if (x.join(' ') === y.join(' ')) return true;
  return x.length > 1 && y.length > 1 && x[0] === y[0] && x[x.length - 1] === y[y.length - 1];
}

export interface QuoteScores {
  articles: number;
  gold: number;
  predicted: number;
  matched: number;
  precision: number;
  recall: number;
  f1: number;
  speaker: Record<string, { correct: number; total: number; accuracy: number }>;
  errors: { id: string; kind: string; gold: string | null; predicted: string | null; quote: string }[];
  misses: { id: string; quote: string }[];
  falsePositives: { id: string; quote: string; speaker: string | null }[];
}

export function scoreQuotes(records: PolnearRecord[]): QuoteScores {
  let gold = 0;
  let predicted = 0;
  let matched = 0;
  const speaker: QuoteScores['speaker'] = {};
  const errors: QuoteScores['errors'] = [];
  const misses: QuoteScores['misses'] = [];
  const falsePositives: QuoteScores['falsePositives'] = [];
  for (const r of records) {
    const article = parseArticle({ id: r.id, title: r.title, body: r.text, format: 'plain' });
    const { quotes } = analyzeArticle(article);
    const segments = r.quotes.flatMap((q) => q.quoted_segments.map((s) => ({ q, s, tokens: new Set(words(s.text)) })));
    gold += segments.length;
    predicted += quotes.length;
    const used = new Set<number>();
    const hit = new Set<number>();
    quotes.forEach((p, pi) => {
      const tokens = new Set(words(p.text));
      let best = -1;
      let bestScore = 0.5;
      segments.forEach((g, gi) => {
        if (used.has(gi)) return;
        const score = jaccard(tokens, g.tokens);
        if (score >= bestScore) {
          best = gi;
          bestScore = score;
        }
      });
      if (best < 0) {
        falsePositives.push({ id: r.id, quote: p.text.slice(0, 100), speaker: p.speaker });
        return;
      }
      used.add(best);
      hit.add(pi);
      matched++;
      const g = segments[best] as (typeof segments)[number];
      const kind = g.q.speaker_mention_kind;
      const right = sameName(p.speaker, g.q.speaker_canonical);
      for (const key of [kind, 'all']) {
        speaker[key] = speaker[key] ?? { correct: 0, total: 0, accuracy: 0 };
        speaker[key].total++;
        if (right) speaker[key].correct++;
      }
      if (!right) {
        errors.push({ id: r.id, kind, gold: g.q.speaker_canonical, predicted: p.speaker, quote: p.text.slice(0, 80) });
      }
    });
    segments.forEach((g, gi) => {
      if (!used.has(gi)) misses.push({ id: r.id, quote: g.s.text.slice(0, 100) });
    });
  }
  for (const s of Object.values(speaker)) s.accuracy = s.total ? s.correct / s.total : 0;
  const precision = predicted ? matched / predicted : 0;
  const recall = gold ? matched / gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { articles: records.length, gold, predicted, matched, precision, recall, f1, speaker, errors, misses, falsePositives };
}
