// The library part of `npm run bench`: a store of `size` generated articles, ingested through the
// real path (analysis, search entry, story, people, quotes); then a fresh process opens it as
// `npm start` does and answers (start-up to first answer, briefing and /quotes latency, memory
// after 1,000 briefings); then how soon another process answers from a new article; and what
// placing an article in its story costs.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { decodeTerms } from '../src/core/search.ts';
import { toStoredArticle } from '../src/sources/storedArticle.ts';
import { storyFor } from '../src/store/articles.ts';
import { PostgresStore } from '../src/store/postgres.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import type { SqlStore } from '../src/store/sqlStore.ts';
import { dropSchemas, freshSchema, PG_URL, query, schemaUrl } from '../test/postgres.ts';
import { type BaseText, makeArticle } from './benchCorpus.ts';

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const BATCH = 200;

interface Served {
  firstAnswer: number;
  firstStories: number;
  articles: number;
  latency: Record<'one' | 'three' | 'headline' | 'quotes', { p50: number; p95: number; n: number }>;
  rss: number;
  heapUsed: number;
  pointless: number;
}

export async function benchLibrary(options: { texts: BaseText[]; now: number; size: number; engine: 'sqlite' | 'postgres' }): Promise<void> {
  const { texts, now, size, engine } = options;
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-bench-lib-'));
  const file = join(dir, 'bench.db');
  const schema = engine === 'postgres' ? await freshSchema('briefbot_bench') : '';
  const databaseUrl = engine === 'postgres' ? schemaUrl(schema) : `sqlite:${file}`;
  const open = async (): Promise<SqlStore> => (engine === 'postgres' ? PostgresStore.open(PG_URL, { schema }) : new SqliteStore(file));
  const store = await open();
  const at = new Date(now).toISOString();
  let analysis = 0;
  const t0 = performance.now();
  // At a million, how ingest holds up as the file grows: one line per 100,000 articles.
  let lap = { at: t0, analysis: 0 };
  for (let i = 0; i < size; i += BATCH) {
    if (engine === 'sqlite' && size > 100_000 && i > 0 && i % 100_000 === 0) {
      const wall = (performance.now() - lap.at) / 1000;
      const alone = (analysis - lap.analysis) / 1000;
      console.log(
        `  ingest to ${i.toLocaleString('en')}: ${Math.round(100_000 / wall)} articles/s (analysis ${Math.round(100_000 / alone)}/s alone), ${mb(statSync(file).size)} on disk`,
      );
      lap = { at: performance.now(), analysis };
    }
    const a0 = performance.now();
    const batch = [];
    for (let j = i; j < Math.min(size, i + BATCH); j++) batch.push(toStoredArticle(makeArticle(texts, j, now), { sourceId: null, url: null, guid: null }));
    analysis += performance.now() - a0;
    await store.putArticles(batch, at);
    if (process.stderr.isTTY && i % 10_000 === 0) process.stderr.write(`\r  ingesting ${i} / ${size}`);
  }
  const seconds = (performance.now() - t0) / 1000;
  if (process.stderr.isTTY) process.stderr.write('\r\u001b[K');
  const disk =
    engine === 'postgres'
      ? Number(
          (
            await query<{ n: string }>(
              schema,
              'SELECT SUM(pg_total_relation_size(c.oid)) AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = $1',
              [schema],
            )
          )[0]?.n ?? 0,
        )
      : statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0);
  console.log(
    `\nLibrary: ${engine === 'postgres' ? 'PostgreSQL' : 'SQLite'}, ${size.toLocaleString('en')} articles (${mb(disk)} on disk, ${mb((disk / size) * 100_000)} per 100,000)`,
  );
  console.log(
    `  ingest (analysis + write)  ${Math.round(size / seconds)} articles/s  (analysis ${Math.round(size / (analysis / 1000))}/s alone; writes in batches of ${BATCH})`,
  );

  // Placing an article in its story, as ingest does it: the read of its recent neighbours and the choice.
  const sample = await (store as unknown as { sql: { all: (s: string, p?: unknown[]) => Promise<Record<string, unknown>[]> } }).sql.all(
    'SELECT doc, time, lead FROM search_docs ORDER BY doc DESC LIMIT 500',
  );
  const c0 = performance.now();
  const sql = (store as unknown as { sql: Parameters<typeof storyFor>[0] }).sql;
  for (const r of sample) await storyFor(sql, Number(r.time), decodeTerms(String(r.lead)));
  console.log(`  clustering at ingest       ${((performance.now() - c0) / sample.length).toFixed(2)} ms per article (finding and choosing its story)`);
  await store.close();

  // Start-up and serving in a fresh process: the memory is the bot's own.
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(import.meta.dirname, 'benchServe.ts'), databaseUrl, String(now)], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (child.status !== 0) throw new Error(`serving bench failed: ${child.stderr}`);
  const served = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as Served;
  if (served.pointless) throw new Error(`${served.pointless} briefings with stories came back without points: texts were not loaded`);
  const line = (k: keyof Served['latency']) => `p50 ${ms(served.latency[k].p50)}  p95 ${ms(served.latency[k].p95)}  (${served.latency[k].n} asked)`;
  console.log(`  start-up to first answer   ${ms(served.firstAnswer)} (open, migrate, one /brief), ${served.articles.toLocaleString('en')} articles stored`);
  console.log(`  /brief one word            ${line('one')}`);
  console.log(`  /brief three words         ${line('three')}`);
  console.log(`  /brief pasted headline     ${line('headline')}`);
  console.log(`  /quotes <person>           ${line('quotes')}`);
  console.log(`  resident memory            ${mb(served.rss)} after 1,000 briefings (V8 heap ${mb(served.heapUsed)})`);

  // Another process answers from an article this one stores.
  const word = `zqx${Date.now().toString(36)}`;
  const watcher: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'benchServe.ts'), databaseUrl, String(now), '--watch', word],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: watcher.stdout as NodeJS.ReadableStream });
  const it = lines[Symbol.asyncIterator]();
  await it.next(); // ready
  const writer = await open();
  const raw = makeArticle(texts, size + 1, now);
  await writer.putArticle(toStoredArticle({ ...raw, body: `${raw.body}\n\nThe ${word} report was published.` }, { sourceId: null, url: null, guid: null }), at);
  const stored = Date.now();
  const found = JSON.parse(String((await it.next()).value)) as { foundAt: number };
  console.log(`  seen by another process    ${found.foundAt - stored} ms after the article was stored`);
  await writer.close();
  watcher.kill();

  if (engine === 'postgres') await dropSchemas();
  rmSync(dir, { recursive: true, force: true });
}
