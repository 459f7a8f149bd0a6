// Fits the speaker model (src/core/speakers.ts) on PolNeAR's training articles and writes its
// weights to src/core/speakerWeights.ts. For each quote the analyzer finds, its candidates are
// labelled by the annotators' source span: a candidate is right when the words it names the
// speaker by lie in that span (a speaker carried over from the previous quote, which names no
// one here, is right when it is the annotated person, by the silver canonical name). A softmax
// over the candidates and "nobody" (score 0) is fitted by gradient descent with L2.
//
//   npx tsx scripts/trainSpeakers.ts [--l2 0.01] [--dry]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArticle } from '../src/core/article.ts';
import { analyzeArticle } from '../src/core/quotes.ts';
import { FEATURES, type Feature, type SpeakerCandidate, type Weights } from '../src/core/speakers.ts';
import { words } from '../src/core/text.ts';
import { sameName } from './evalQuotes.ts';

interface TrainQuote {
  speaker_canonical: string | null;
  speaker_mention_kind?: string;
  speaker_spans?: number[][];
  quoted_segments: { start: number; end: number; text: string }[];
}
interface TrainRecord {
  id: string;
  title?: string;
  text: string;
  quotes: TrainQuote[];
}

const root = join(import.meta.dirname, '..');
const evalDir = process.env.EVAL_DIR ?? join(root, '..', 'shared', 'eval');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const L2 = arg('l2', 0.01);
const EPOCHS = arg('epochs', 300);

const records = readFileSync(join(evalDir, 'quotes', 'polnear_train.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as TrainRecord);

interface Example {
  x: number[][];
  /** Which candidates are right. */
  right: boolean[];
  /** Whether "nobody" is right (no candidate is, and the gold has no speaker). */
  nobody: boolean;
}

const jaccard = (a: Set<string>, b: Set<string>) => {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter || 1);
};

const vector = (c: SpeakerCandidate) => FEATURES.map((f) => (f === 'bias' ? 1 : (c.values[f] ?? 0)));

const examples: Example[] = [];
let unanswerable = 0;
for (const r of records) {
  const seen: { start: number; end: number; candidates: SpeakerCandidate[] }[] = [];
  analyzeArticle(parseArticle({ id: r.id, title: r.title, body: r.text, format: 'plain' }), {
    explain: (span, candidates) => seen.push({ start: span.start, end: span.end, candidates }),
  });
  const gold = r.quotes.flatMap((q) => q.quoted_segments.map((s) => ({ q, tokens: new Set(words(s.text)) })));
  let previousEnd = -1;
  for (const s of seen) {
    const here = previousEnd;
    previousEnd = s.end;
    const tokens = new Set(words(r.text.slice(s.start, s.end)));
    let best: (typeof gold)[number] | null = null;
    let bestScore = 0.5;
    for (const g of gold) {
      const score = jaccard(tokens, g.tokens);
      if (score >= bestScore) [best, bestScore] = [g, score];
    }
    if (!best) continue;
    const spans = best.q.speaker_spans ?? [];
    const goldText = spans.map(([from = 0, to = 0]) => r.text.slice(from, to)).join(' ');
    // A source the annotators marked but that names no one ("a bartender", "proponents of the
    // bill"): nobody is right, and so is any candidate that names no one.
    const unnamed = best.q.speaker_canonical === null && (!spans.length || (best.q.speaker_mention_kind === 'nominal' && !/\b[A-Z][a-z]/.test(goldText)));
    const surname = (name: string | null) => words(name ?? '').pop() ?? '';
    const right = s.candidates.map((c) => {
      if (unnamed) return c.attribution.speaker === null;
      if (c.at !== null) return spans.some(([from = 0, to = 0]) => c.at !== null && c.at >= from - 1 && c.at < to);
      // A speaker carried over from the quote before names no one here: right when the annotated
      // source is the attribution between the two quotes (“A,” he said. “B.”), or when it is the
      // one annotated, by the silver name or by the surname the source span gives.
      const between =
        here >= 0 && spans.length > 0 && spans.every(([from = 0, to = 0]) => from >= here && to <= s.start && !r.text.slice(here, s.start).includes('\n\n'));
      const last = surname(goldText);
      return (
        between ||
        sameName(c.attribution.speaker, best.q.speaker_canonical) ||
        (last.length > 2 && /^[A-Z]/.test(goldText) && surname(c.attribution.speaker) === last)
      );
    });
    const nobody = unnamed;
    if (!right.some(Boolean) && !nobody) {
      unanswerable++;
      if (process.env.CUES) {
        const [, to = 0] = spans[0] ?? [];
        const next = (/^[\s,]*([A-Za-z’']+(?:\s+[A-Za-z’']+)?)/.exec(r.text.slice(to, to + 30))?.[1] ?? '').toLowerCase();
        (globalThis as { cues?: Record<string, number> }).cues ??= {};
        const cs = (globalThis as unknown as { cues: Record<string, number> }).cues;
        cs[next] = (cs[next] ?? 0) + 1;
      }
      if (process.env.STATS) {
        const [from = 0] = spans[0] ?? [];
        const where = !spans.length
          ? 'no-span'
          : from > s.end
            ? r.text.slice(s.end, from).includes('\n')
              ? 'after-next-para'
              : r.text.slice(s.end, from).length < 150
                ? 'after-near'
                : 'after-far'
            : r.text.slice(from, s.start).includes('\n')
              ? 'before-prev-para'
              : s.start - from < 150
                ? 'before-near'
                : 'before-far';
        const key = `${s.candidates.length ? 'wrong' : 'none'} ${where}`;
        (globalThis as { stats?: Record<string, number> }).stats ??= {};
        const st = (globalThis as unknown as { stats: Record<string, number> }).stats;
        st[key] = (st[key] ?? 0) + 1;
      }
      const [from0 = 0] = spans[0] ?? [];
      const nearBefore = spans.length > 0 && from0 < s.start && s.start - from0 < 150 && !r.text.slice(from0, s.start).includes('\n');
      const [, to0 = 0] = spans[0] ?? [];
      const cueNext = (/^[\s,]*([A-Za-z’']+)/.exec(r.text.slice(to0, to0 + 30))?.[1] ?? '').toLowerCase();
      if (
        process.env.SHOW &&
        Math.random() < Number(process.env.SHOW) &&
        (!process.env.NEAR || nearBefore) &&
        (!process.env.CUE || process.env.CUE === cueNext || (process.env.CUE === 'colon' && r.text.slice(to0, to0 + 3).includes(':')))
      ) {
        const [from = 0, to = 0] = spans[0] ?? [];
        const ctx = r.text.slice(Math.max(0, Math.min(from, s.start) - 120), Math.min(r.text.length, Math.max(to, s.end) + 60)).replace(/\n/g, ' ⏎ ');
        console.log(
          `\n[${s.candidates.length ? s.candidates.map((c) => `${c.source}:${c.attribution.speaker}`).join(', ') : 'no candidates'}] gold=«${r.text.slice(from, to)}» (${best.q.speaker_canonical})\n   ${ctx}`,
        );
      }
      continue;
    }
    examples.push({ x: s.candidates.map(vector), right, nobody });
  }
}

// Softmax over candidates and nobody (fixed at 0), maximising the probability of the right ones.
const w = FEATURES.map(() => 0);
const m = FEATURES.map(() => 0);
const v = FEATURES.map(() => 0);
const dot = (x: number[]) => x.reduce((s, xi, i) => s + xi * (w[i] as number), 0);
for (let epoch = 1; epoch <= EPOCHS; epoch++) {
  const grad = FEATURES.map((_, i) => L2 * (w[i] as number) * examples.length);
  let loss = 0;
  for (const e of examples) {
    const scores = e.x.map(dot);
    const max = Math.max(0, ...scores);
    const exp = scores.map((s) => Math.exp(s - max));
    const none = Math.exp(-max);
    const z = none + exp.reduce((a, b) => a + b, 0);
    const p = exp.map((x) => x / z);
    const target = e.nobody ? none / z : p.reduce((s, pi, i) => s + (e.right[i] ? pi : 0), 0);
    loss -= Math.log(Math.max(target, 1e-12));
    e.x.forEach((x, i) => {
      const q = e.nobody || !e.right[i] ? 0 : (p[i] as number) / target;
      const g = (p[i] as number) - q;
      x.forEach((xi, k) => {
        grad[k] = (grad[k] as number) + g * xi;
      });
    });
  }
  // Adam.
  const rate = 0.05;
  for (let k = 0; k < w.length; k++) {
    const g = (grad[k] as number) / examples.length;
    m[k] = 0.9 * (m[k] as number) + 0.1 * g;
    v[k] = 0.999 * (v[k] as number) + 0.001 * g * g;
    const mh = (m[k] as number) / (1 - 0.9 ** epoch);
    const vh = (v[k] as number) / (1 - 0.999 ** epoch);
    w[k] = (w[k] as number) - (rate * mh) / (Math.sqrt(vh) + 1e-8);
  }
  if (epoch % 50 === 0 || epoch === EPOCHS) process.stderr.write(`epoch ${epoch}: loss ${(loss / examples.length).toFixed(4)}\n`);
}

if (process.env.STATS) console.log((globalThis as { stats?: unknown }).stats);
if (process.env.CUES)
  console.log(
    Object.entries((globalThis as unknown as { cues: Record<string, number> }).cues)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 60)
      .map(([k, n]) => `${k}:${n}`)
      .join('  '),
  );
let correct = 0;
for (const e of examples) {
  const scores = e.x.map(dot);
  const best = scores.reduce((bi, s, i) => (s > (scores[bi] ?? -Infinity) ? i : bi), -1);
  const chosen = best >= 0 && (scores[best] as number) > 0 ? best : -1;
  if (chosen === -1 ? e.nobody : e.right[chosen]) correct++;
}
console.log(
  `${records.length} training articles, ${examples.length} quotes with a right answer among the candidates (${unanswerable} without), L2 ${L2}: right on ${((100 * correct) / examples.length).toFixed(1)} % of them`,
);
const weights = Object.fromEntries(FEATURES.map((f, i) => [f, Math.round((w[i] as number) * 1000) / 1000])) as Weights;
for (const f of FEATURES) console.log(`  ${f.padEnd(20)} ${(weights[f as Feature] as number).toFixed(3)}`);
if (!process.argv.includes('--dry')) {
  const body = FEATURES.map((f) => `  ${/^[a-z]+$/.test(f) ? f : `'${f}'`}: ${weights[f]},`).join('\n');
  writeFileSync(
    join(root, 'src', 'core', 'speakerWeights.ts'),
    `// Fitted by \`npx tsx scripts/trainSpeakers.ts\` on PolNeAR train (${records.length} articles, ${examples.length} quotes,\n// L2 ${L2}): the annotators' source spans are the labels. Regenerate after changing a feature.\n// speakers.ts checks that every feature has a weight.\nexport const SPEAKER_WEIGHTS = {\n${body}\n};\n`,
  );
  console.log('wrote src/core/speakerWeights.ts');
}
