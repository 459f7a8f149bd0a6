// `npm run bench`: throughput and latency figures, measured here rather than asserted in tests.
// Sections: analysis throughput (parse + quotes + people), briefing latency at 10,000 and
// 100,000 articles with resident memory, and (with a store) start-up and ingest.
import { join } from 'node:path';
import { parseArticle } from '../src/core/article.ts';
import { buildLibrary } from '../src/core/library.ts';
import { Newsroom } from '../src/core/newsroom.ts';
import { analyzeArticle } from '../src/core/quotes.ts';
import type { AnalyzedArticle } from '../src/core/types.ts';
import { loadBaseTexts, makeArticle } from './benchCorpus.ts';
import { benchDigests } from './benchDigests.ts';
import { benchInstances } from './benchInstances.ts';
import { benchStore, briefingLatency } from './benchStore.ts';

const root = join(import.meta.dirname, '..');
const NOW = Date.parse('2026-01-01T00:00:00Z');
const quick = process.argv.includes('--quick');
const sizes = quick ? [2_000, 10_000] : [10_000, 100_000];
const { texts, origin } = loadBaseTexts(root);
const _mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const _gc = () => (globalThis as { gc?: () => void }).gc?.();

function _percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

console.log(`briefbot bench on Node ${process.version}, one core; library from ${origin}`);

// Only the multi-instance delivery measurement (issue 8's), on its own.
if (process.argv.includes('--instances')) {
  await benchInstances({ texts, subscriptions: quick ? 1_000 : 10_000 });
  process.exit(0);
}

// 1. Throughput ----------------------------------------------------------------------------------
{
  const n = sizes[0] as number;
  const raws = Array.from({ length: n }, (_, i) => makeArticle(texts, i, NOW));
  // Warm the JIT on a separate slice first: the figure is the steady state of a running bot.
  for (let i = 0; i < 1000; i++) analyzeArticle(parseArticle(makeArticle(texts, n + i, NOW)));
  const t0 = performance.now();
  const analyzed: AnalyzedArticle[] = raws.map((r) => analyzeArticle(parseArticle(r)));
  const t1 = performance.now();
  const library = buildLibrary(analyzed);
  const t2 = performance.now();
  const quotes = analyzed.reduce((s, a) => s + a.quotes.length, 0);
  console.log(`\nAnalysis: ${n} articles, ${quotes} quotes, ${library.people.length} people`);
  console.log(
    `  parse + quotes + people   ${Math.round(n / ((t2 - t0) / 1000))} articles/s  (${((t1 - t0) / n).toFixed(3)} ms/article, people ${Math.round(t2 - t1)} ms)`,
  );
}

// 2. Briefing latency in memory at 10,000 -----------------------------------------------------------
{
  const size = sizes[0] as number;
  const newsroom = new Newsroom();
  for (let i = 0; i < size; i++) newsroom.ingest(makeArticle(texts, i, NOW));
  const { one, three } = await briefingLatency(newsroom, NOW);
  console.log(`\nBriefings over ${size} articles`);
  console.log(`  one-word topic     ${one}`);
  console.log(`  three-word topic   ${three}`);
}

// 3. Store: start-up with many stored articles, ingest ---------------------------------------------
await benchStore({ texts, now: NOW, size: sizes[1] as number });

// 4. Digests -------------------------------------------------------------------------------------
await benchDigests({ texts, library: 10_000, subscriptions: quick ? 200 : 1_000 });

// Adapters and HTTP agents keep sockets open; the bench is done.
process.exit(0);
