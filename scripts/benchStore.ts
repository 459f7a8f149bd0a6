// The store part of `npm run bench`: ingest into SQLite (analysis + write), then a cold start
// from the stored library as `npm start` does it, with briefing latency and memory after it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { briefingSources, composeBriefing } from '../src/core/briefing.ts';
import type { Newsroom } from '../src/core/newsroom.ts';
import { STOPWORDS } from '../src/core/stopwords.ts';
import { words } from '../src/core/text.ts';
import { toStoredArticle } from '../src/sources/storedArticle.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { type BaseText, makeArticle } from './benchCorpus.ts';

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

/**
 * p50/p95 of briefings on topics taken from the library itself, as `/brief` runs them: the texts
 * of the summarized stories loaded first (from the store, for a lean newsroom), then composed.
 */
export async function briefingLatency(newsroom: Newsroom, now: number, loadTexts?: (ids: string[]) => Promise<void>): Promise<{ one: string; three: string }> {
  const one = newsroom.index.frequentTopics('', 60).slice(10, 60);
  const three: string[] = [];
  for (let i = 0; three.length < 50 && i < 5000; i += 97) {
    const ws = words(newsroom.get(`bench-${i}`)?.article.title ?? '').filter((w) => w.length > 3 && !STOPWORDS.has(w));
    if (ws.length >= 3) three.push(ws.slice(0, 3).join(' '));
  }
  const measure = async (list: string[]) => {
    const times: number[] = [];
    for (let round = 0; round < 2; round++) {
      for (const topic of list) {
        const s = performance.now();
        const options = { now, textOf: (id: string) => newsroom.textOf(id) };
        await loadTexts?.(briefingSources(newsroom.library, newsroom.index, topic, options));
        const b = composeBriefing(newsroom.library, newsroom.index, topic, options);
        if (b.stories.length && !b.points.length) throw new Error(`no points for “${topic}”: texts were not loaded`);
        if (round === 1) times.push(performance.now() - s);
      }
    }
    return `p50 ${percentile(times, 50).toFixed(1)} ms  p95 ${percentile(times, 95).toFixed(1)} ms  (${times.length} topics)`;
  };
  return { one: await measure(one), three: await measure(three) };
}

export async function benchStore({ texts, now, size }: { texts: BaseText[]; now: number; size: number }): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-bench-'));
  const file = join(dir, 'bench.db');
  const store = new SqliteStore(file);
  const at = new Date(now).toISOString();
  const t0 = performance.now();
  for (let i = 0; i < size; i++) {
    const raw = makeArticle(texts, i, now);
    await store.putArticle(toStoredArticle(raw, { sourceId: null, url: null, guid: null }), at);
  }
  const t1 = performance.now();
  await store.close();
  console.log(`\nStore: SQLite, ${size} articles (${mb(statSync(file).size)} on disk)`);
  console.log(`  ingest (analysis + write)  ${Math.round(size / ((t1 - t0) / 1000))} articles/s`);

  // Start-up as `npm start` does it, in a fresh process so memory is the bot's own.
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(import.meta.dirname, 'benchStartup.ts'), file, String(now)], {
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`start-up bench failed: ${child.stderr}`);
  const result = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as {
    startup: number;
    articles: number;
    latency: { one: string; three: string };
    rss: number;
    heapUsed: number;
  };
  console.log(`  start-up                   ${(result.startup / 1000).toFixed(1)} s for ${result.articles} stored articles (load, index, people)`);
  console.log(`  one-word topic             ${result.latency.one}`);
  console.log(`  three-word topic           ${result.latency.three}`);
  console.log(`  resident memory            ${mb(result.rss)} after start-up (heap ${mb(result.heapUsed)})`);
  rmSync(dir, { recursive: true, force: true });
}
