// `npm run bench`: throughput and latency figures, measured here rather than asserted in tests.
// Sections: analysis throughput (parse + quotes + people), briefing latency at 10,000 and
// 100,000 articles with resident memory, and (with a store) start-up and ingest.
import { join } from 'node:path';
import { parseArticle } from '../src/core/article.ts';
import { composeBriefing } from '../src/core/briefing.ts';
import { buildLibrary } from '../src/core/library.ts';
import { Newsroom } from '../src/core/newsroom.ts';
import { analyzeArticle } from '../src/core/quotes.ts';
import { STOPWORDS } from '../src/core/stopwords.ts';
import { words } from '../src/core/text.ts';
import type { AnalyzedArticle } from '../src/core/types.ts';
import { loadBaseTexts, makeArticle } from './benchCorpus.ts';
import { benchStore } from './benchStore.ts';

const root = join(import.meta.dirname, '..');
const NOW = Date.parse('2026-01-01T00:00:00Z');
const quick = process.argv.includes('--quick');
const sizes = quick ? [2_000, 10_000] : [10_000, 100_000];
const { texts, origin } = loadBaseTexts(root);
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

console.log(`briefbot bench on Node ${process.version}, one core; library from ${origin}`);

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

// 2. Briefing latency and memory -----------------------------------------------------------------
function topics(newsroom: Newsroom): { one: string[]; three: string[] } {
  const one = newsroom.index.frequentTopics('', 60).slice(10, 60);
  const three: string[] = [];
  for (let i = 0; three.length < 50 && i < 5000; i += 97) {
    const title = newsroom.get(`bench-${i}`)?.article.title ?? '';
    const ws = words(title).filter((w) => w.length > 3 && !STOPWORDS.has(w));
    if (ws.length >= 3) three.push(ws.slice(0, 3).join(' '));
  }
  return { one, three };
}

for (const size of sizes) {
  gc();
  const before = process.memoryUsage().rss;
  const newsroom = new Newsroom();
  const t0 = performance.now();
  for (let i = 0; i < size; i++) newsroom.ingest(makeArticle(texts, i, NOW));
  const t1 = performance.now();
  void newsroom.library;
  const t2 = performance.now();
  const { one, three } = topics(newsroom);
  const measure = (list: string[]) => {
    const times: number[] = [];
    for (let round = 0; round < 2; round++) {
      for (const topic of list) {
        const s = performance.now();
        composeBriefing(newsroom.library, newsroom.index, topic, { now: NOW });
        if (round === 1) times.push(performance.now() - s);
      }
    }
    return `p50 ${percentile(times, 50).toFixed(1)} ms  p95 ${percentile(times, 95).toFixed(1)} ms  (${times.length} topics)`;
  };
  console.log(`\nBriefings over ${size} articles (ingest ${Math.round(t1 - t0)} ms, people ${Math.round(t2 - t1)} ms)`);
  console.log(`  one-word topic     ${measure(one)}`);
  console.log(`  three-word topic   ${measure(three)}`);
  gc();
  const rss = process.memoryUsage().rss;
  console.log(`  resident memory    ${mb(rss)} (${mb(rss - before)} for this library, heap ${mb(process.memoryUsage().heapUsed)})`);
}

// 3. Store: start-up with many stored articles, ingest ---------------------------------------------
await benchStore({ texts, now: NOW, size: quick ? 10_000 : 100_000 });
