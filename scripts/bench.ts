// `npm run bench`: throughput and latency figures, measured here rather than asserted in tests.
//   (default)      analysis throughput; the library at 100,000 articles on SQLite; today's design
//                  (the baseline commit) at the same size for comparison; digests
//   --quick        the same at 10,000
//   --million      the library at 1,000,000 articles on SQLite (and 100,000 beside it)
//   --postgres     the library at 100,000 on PostgreSQL
//   --instances    digests delivered by three processes on PostgreSQL
//   --cli          only the command line's start-up (help, brief) beside the baseline's
//   --schedule     only the digest slot finder and next-run function beside the baseline's
import { join } from 'node:path';
import { parseArticle } from '../src/core/article.ts';
import { analyzeArticle } from '../src/core/quotes.ts';
import { baselineDir } from './baseline.ts';
import { benchCli } from './benchCli.ts';
import { loadBaseTexts, makeArticle } from './benchCorpus.ts';
import { benchDigests } from './benchDigests.ts';
import { benchInstances } from './benchInstances.ts';
import { benchLibrary } from './benchLibrary.ts';
import { benchSchedule } from './benchSchedule.ts';

const root = join(import.meta.dirname, '..');
const NOW = Date.parse('2026-01-01T00:00:00Z');
const flag = (name: string) => process.argv.includes(`--${name}`);
const quick = flag('quick');
const { texts, origin } = loadBaseTexts(root);

console.log(`briefbot bench on Node ${process.version}, one core; library from ${origin}`);

if (flag('cli')) {
  await benchCli({ root, baseline: flag('no-baseline') ? null : baselineDir(root), texts, now: NOW });
  process.exit(0);
}
if (flag('schedule')) {
  await benchSchedule({ baseline: flag('no-baseline') ? null : baselineDir(root) });
  process.exit(0);
}
if (flag('instances')) {
  await benchInstances({ texts, subscriptions: quick ? 1_000 : 10_000 });
  process.exit(0);
}
if (flag('million')) {
  await benchLibrary({ texts, now: NOW, size: 100_000, engine: 'sqlite' });
  await benchLibrary({ texts, now: NOW, size: 1_000_000, engine: 'sqlite' });
  process.exit(0);
}
if (flag('postgres')) {
  await benchLibrary({ texts, now: NOW, size: quick ? 10_000 : 100_000, engine: 'postgres' });
  process.exit(0);
}

// 1. Analysis throughput, ours and the baseline's, interleaved in one run ------------------------
{
  const n = quick ? 2_000 : 10_000;
  const raws = Array.from({ length: n }, (_, i) => makeArticle(texts, i, NOW));
  const base = baselineDir(root);
  const analyzers: [string, (r: (typeof raws)[number]) => unknown][] = [['briefbot', (r) => analyzeArticle(parseArticle(r))]];
  if (base) {
    const old = (await import(`${base}/src/core/quotes.ts`)) as { analyzeArticle: (a: unknown) => unknown };
    const oldParse = (await import(`${base}/src/core/article.ts`)) as { parseArticle: (r: unknown) => unknown };
    analyzers.push(['today', (r) => old.analyzeArticle(oldParse.parseArticle(r))]);
  }
  for (const [, analyze] of analyzers) for (let i = 0; i < 1000; i++) analyze(makeArticle(texts, n + i, NOW)); // warm the JIT
  const rates = new Map<string, number[]>();
  for (let round = 0; round < 3; round++) {
    for (const [label, analyze] of analyzers) {
      const t0 = performance.now();
      for (const r of raws) analyze(r);
      rates.set(label, [...(rates.get(label) ?? []), n / ((performance.now() - t0) / 1000)]);
    }
  }
  console.log(`\nAnalysis: ${n} articles (parse + quotes + people), three rounds, alternating`);
  for (const [label, r] of rates) console.log(`  ${label.padEnd(26)} ${r.map((x) => Math.round(x)).join(' / ')} articles/s`);
}

// 2. The library in the store ----------------------------------------------------------------------
const size = quick ? 10_000 : 100_000;
await benchLibrary({ texts, now: NOW, size, engine: 'sqlite' });

// 3. Today's design at the same size, for comparison (its own bench code, from the baseline commit)
if (!flag('no-baseline')) {
  const base = baselineDir(root);
  if (base) {
    console.log(`\nToday's design (${base.split('-').pop()}): every analysis loaded into memory at start-up`);
    const { benchStore } = (await import(`${base}/scripts/benchStore.ts`)) as {
      benchStore: (o: { texts: unknown; now: number; size: number }) => Promise<void>;
    };
    await benchStore({ texts, now: NOW, size });
  }
}

// 4. Digests: the schedule engine, then delivery ------------------------------------------------
await benchSchedule({ baseline: flag('no-baseline') ? null : baselineDir(root) });
// Delivery -------------------------------------------------------------------------------------
await benchDigests({ texts, library: 10_000, subscriptions: quick ? 200 : 1_000 });

process.exit(0);

// 5. The command line's start-up -----------------------------------------------------------------
await benchCli({ root, baseline: flag('no-baseline') ? null : baselineDir(root), texts, now: NOW });
