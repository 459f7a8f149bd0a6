// The digest part of `npm run bench`: many subscriptions due in the same minute, composed and
// posted by one process through the real Discord adapter to the local fake Discord.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Library } from '../src/library/library.ts';
import { DigestScheduler } from '../src/schedule/scheduler.ts';
import { toStoredArticle } from '../src/sources/storedArticle.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { type BaseText, makeArticle } from './benchCorpus.ts';
import { seedSubscriptions, startLocalDiscord } from './benchDelivery.ts';

export async function benchDigests({ texts, library, subscriptions }: { texts: BaseText[]; library: number; subscriptions: number }): Promise<void> {
  const created = Date.parse('2026-01-01T00:00:00Z');
  const slot = Date.parse('2026-01-01T08:00:00Z');
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-bench-digests-'));
  const store = new SqliteStore(join(dir, 'db.sqlite'));
  for (let i = 0; i < library; i++) {
    const raw = makeArticle(texts, i, slot);
    await store.putArticle(toStoredArticle(raw, { sourceId: null, url: null, guid: null }), new Date(created + 60_000 + (i % 1000) * 1000).toISOString());
  }
  const newsroom = new Library(store);
  const topics = await newsroom.topics('', 200);
  await seedSubscriptions(store, subscriptions, created, (i) => ({ channelId: '300000000000000001', topic: topics[i % topics.length] ?? 'news' }));
  const { fake, discord, log, stop } = await startLocalDiscord(newsroom, slot);
  const scheduler = new DigestScheduler({
    store,
    library: newsroom,
    posters: { discord: discord.poster },
    now: () => slot + 5_000,
    log,
    catchupMs: 3_600_000,
    emptyNote: false,
  });
  const subs = await store.listSubscriptions();
  const t0 = performance.now();
  const outcomes = new Map<string, number>();
  for (const sub of subs) {
    const outcome = await scheduler.runDue(sub);
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  }
  const seconds = (performance.now() - t0) / 1000;
  const posts = fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/messages')).length;
  console.log(`\nDigests: ${subscriptions} subscriptions due in one minute, library of ${library}, posted to the local Discord`);
  console.log(`  delivered                  ${[...outcomes].map(([k, v]) => `${v} ${k}`).join(', ')} in ${seconds.toFixed(1)} s (${posts} messages)`);
  console.log(`  throughput                 ${Math.round((subscriptions / seconds) * 60)} due digests per minute, one process`);
  await stop();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
