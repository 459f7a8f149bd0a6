// `npm run bench -- --instances`: 10,000 subscriptions due in the same minute, delivered by three
// scheduler instances sharing one PostgreSQL database (separate connection pools, one process),
// and by one instance on SQLite for comparison, all posting through the real Discord adapter to
// the local fake Discord. Counts the posts per channel to show each digest went out once.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Newsroom } from '../src/core/newsroom.ts';
import { DigestScheduler } from '../src/schedule/scheduler.ts';
import { PostgresStore } from '../src/store/postgres.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import type { Store } from '../src/store/store.ts';
import { type BaseText, makeArticle } from './benchCorpus.ts';
import { seedSubscriptions, startLocalDiscord } from './benchDelivery.ts';

const CREATED = Date.parse('2026-01-01T00:00:00Z');
const DUE = Date.parse('2026-01-01T08:00:05Z');

async function run(label: string, stores: Store[], newsroom: Newsroom, subscriptions: number): Promise<void> {
  const [first] = stores;
  if (!first) return;
  const topic = newsroom.index.frequentTopics('', 1)[0] ?? 'news';
  await seedSubscriptions(first, subscriptions, CREATED, (i) => ({ channelId: String(900000000000000000n + BigInt(i)), topic }));
  const { fake, discord, log, stop } = await startLocalDiscord(newsroom, DUE);
  const instances = stores.map(
    (store, i) =>
      new DigestScheduler({
        store,
        newsroom,
        posters: { discord: discord.poster },
        now: () => DUE,
        log,
        catchupMs: 3_600_000,
        emptyNote: false,
        instanceId: `i${i}`,
      }),
  );
  const subs = await first.listSubscriptions();
  const t0 = performance.now();
  // Every instance works through every subscription at once, as if all woke at 08:00.
  const outcomes = (await Promise.all(instances.map(async (inst) => Promise.all(subs.map((s) => inst.runDue(s)))))).flat();
  const seconds = (performance.now() - t0) / 1000;
  const perChannel = new Map<string, number>();
  for (const r of fake.requests) {
    const m = /^\/channels\/(\d+)\/messages$/.exec(r.path);
    if (r.method === 'POST' && m?.[1]) perChannel.set(m[1], (perChannel.get(m[1]) ?? 0) + 1);
  }
  const twice = [...perChannel.values()].filter((n) => n > 1).length;
  const sent = outcomes.filter((o) => o === 'sent').length;
  const tally = new Map<string, number>();
  for (const o of outcomes) tally.set(o, (tally.get(o) ?? 0) + 1);
  console.log(`  outcomes: ${[...tally].map(([k, v]) => `${v} ${k}`).join(', ')}`);
  console.log(`  ${label.padEnd(30)} ${sent} delivered in ${seconds.toFixed(1)} s; ${perChannel.size} channels got a post, ${twice} got more than one`);
  await stop();
}

export async function benchInstances({ texts, subscriptions }: { texts: BaseText[]; subscriptions: number }): Promise<void> {
  const newsroom = new Newsroom();
  for (let i = 0; i < 1_000; i++) newsroom.ingest({ ...makeArticle(texts, i, DUE), seen: new Date(CREATED + 60_000).toISOString() });
  console.log(`\nDigests across instances: ${subscriptions} subscriptions due in the same minute, posted to the local Discord`);

  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `briefbot_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const stores = await Promise.all([0, 1, 2].map(() => PostgresStore.open(url, { schema })));
    await run('3 instances, PostgreSQL', stores, newsroom, subscriptions);
    for (const s of stores) await s.close();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  } catch (error) {
    console.log(`  PostgreSQL part skipped: ${(error as Error).message}`);
  } finally {
    await admin.end().catch(() => {});
  }

  const dir = mkdtempSync(join(tmpdir(), 'briefbot-bench-inst-'));
  const sqlite = new SqliteStore(join(dir, 'db.sqlite'));
  await run('1 instance, SQLite', [sqlite], newsroom, subscriptions);
  await sqlite.close();
  rmSync(dir, { recursive: true, force: true });
}
