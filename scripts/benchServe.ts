// Run by the bench in a fresh process, as `npm start` would be: open the stored library (no
// folder to sync), answer a first brief, then time briefings and /quotes, and report resident
// memory after 1,000 briefings. Prints one JSON line. With `--watch <word>` it instead asks
// for <word> every 50 ms and prints when it first finds it (for the cross-process figure).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { STOPWORDS } from '../src/core/stopwords.ts';
import { words } from '../src/core/text.ts';
import { createLogger } from '../src/log.ts';

const [databaseUrl = '', nowArg = '0', mode = '', watched = ''] = process.argv.slice(2);
const now = Number(nowArg);
const empty = mkdtempSync(join(tmpdir(), 'briefbot-empty-'));
const { config } = loadConfig({ DATABASE_URL: databaseUrl, BRIEFINGS_DIR: empty });
const log = createLogger([], () => {});

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

const t0 = performance.now();
const app = await createApp(config, log);
if (mode === '--watch') {
  process.stdout.write('ready\n');
  for (;;) {
    const b = await app.library.brief(watched, { now: Date.now() });
    if (b.stories.length) {
      process.stdout.write(`${JSON.stringify({ foundAt: Date.now() })}\n`);
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  await app.close();
  process.exit(0);
}
const first = await app.library.brief('news', { now });
const firstAnswer = performance.now() - t0;

// Topics from the library itself: frequent lead words, the first three content words of headlines,
// whole headlines, and the most quoted people.
const store = app.store;
const one = (await store.topics('', 60)).slice(10, 60);
const titles = (
  await store.stories(
    [...Array(400).keys()].map((i) => 1 + i * 37),
    1,
  )
).values();
const heads = [...titles].map((s) => s.articles[0]?.title ?? '').filter((t) => t.length > 20);
const three = heads
  .map((t) => words(t).filter((w) => w.length > 3 && !STOPWORDS.has(w)))
  .filter((ws) => ws.length >= 3)
  .map((ws) => ws.slice(0, 3).join(' '))
  .slice(0, 50);
const headlines = heads.slice(0, 50);
const people = (await app.library.people(50)).map((p) => p.name);

const measure = async (list: string[], ask: (topic: string) => Promise<unknown>) => {
  const times: number[] = [];
  for (let round = 0; round < 2; round++) {
    for (const topic of list) {
      const s = performance.now();
      await ask(topic);
      if (round === 1) times.push(performance.now() - s);
    }
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), n: times.length };
};
let pointless = 0;
const brief = async (topic: string) => {
  const b = await app.library.brief(topic, { now });
  if (b.stories.length && !b.points.length) pointless++;
};
const latency = {
  one: await measure(one, brief),
  three: await measure(three, brief),
  headline: await measure(headlines, brief),
  quotes: await measure(people, (p) => app.library.quotes(p, { now })),
};
// Up to 1,000 briefings in all, then memory.
const mixed = [...one, ...three, ...headlines];
for (let i = 0; i < 1000 - 6 * 50 && mixed.length; i++) await brief(mixed[i % mixed.length] as string);
(globalThis as { gc?: () => void }).gc?.();
const { rss, heapUsed } = process.memoryUsage();
const articles = await store.countArticles();
process.stdout.write(`${JSON.stringify({ firstAnswer, firstStories: first.stories.length, articles, latency, rss, heapUsed, pointless })}\n`);
await app.close();
