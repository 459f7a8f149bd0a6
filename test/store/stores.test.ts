import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { toStoredArticle } from '../../src/sources/storedArticle.ts';
import { PostgresStore } from '../../src/store/postgres.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import type { Store, StoredArticle } from '../../src/store/store.ts';
import { sampleText } from '../helpers.ts';
import { dropSchemas, freshSchema, PG_URL, postgresAvailable, query } from '../postgres.ts';

// One suite, both engines: the PostgreSQL store must behave as the SQLite one does.

const AT = '2025-03-01T00:00:00.000Z';
const article = (id: string, body: string, sourceId: number | null = null): StoredArticle => toStoredArticle({ id, body }, { sourceId, url: null, guid: null });

interface Backend {
  /** A fresh, empty database; `open` may be called again for a restart, or for a second instance. */
  fresh: () => Promise<{ open: () => Promise<Store>; versions: () => Promise<number[]> }>;
}

const sqlite: Backend = {
  fresh: async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'briefbot-store-')), 'nested', 'briefbot.db');
    return {
      open: async () => new SqliteStore(file),
      versions: async () => {
        const db = new Database(file, { readonly: true });
        const rows = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[];
        db.close();
        return rows.map((r) => r.version);
      },
    };
  },
};

const pgUp = await postgresAvailable('its store tests');

const postgres: Backend = {
  fresh: async () => {
    const schema = await freshSchema();
    return {
      open: () => PostgresStore.open(PG_URL, { schema }),
      versions: async () => (await query<{ version: number }>(schema, 'SELECT version FROM schema_migrations ORDER BY version')).map((r) => Number(r.version)),
    };
  },
};

afterAll(dropSchemas);

describe('the PostgreSQL search index', () => {
  (pgUp ? it : it.skip)('takes new articles in a small pending list and still finds them at once', async () => {
    const schema = await freshSchema();
    const store = await PostgresStore.open(PG_URL, { schema });
    const [index] = await query<{ reloptions: string[] }>(
      schema,
      "SELECT reloptions FROM pg_class WHERE relname = 'search_docs_tsv' AND relnamespace = $1::regnamespace",
      [schema],
    );
    expect(index?.reloptions).toEqual(['fastupdate=on', 'gin_pending_list_limit=256']);
    await store.putArticle(article('pending', `Zqxwv harbour reopens\n\n${sampleText}`), AT);
    // One article does not fill the list, so it is found there, before any merge.
    expect((await store.matchArticles([[['zqxwv']]], {}, 10)).map((c) => c.articleId)).toEqual(['pending']);
    await store.close();
  });
});

describe.each([
  ['SQLite', sqlite, true],
  ['PostgreSQL', postgres, pgUp],
] as const)('the %s store', (_name, backend, available) => {
  const run = available ? it : it.skip;

  run('applies each migration once, across restarts', async () => {
    const db = await backend.fresh();
    await (await db.open()).close();
    await (await db.open()).close();
    expect(await db.versions()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  run('remembers feed items per source, updates them in place and forgets them with the source', async () => {
    const store = await (await backend.fresh()).open();
    const { source } = await store.addSource('https://example.com/feed', null, AT);
    const item = { key: 'guid:1', fingerprint: 'f1', articleId: 'feed:1', pageFailures: 0, pageRetryAt: null };
    await store.setFeedItems(source.id, [item, { ...item, key: 'url:x', articleId: 'feed:2', pageFailures: 1, pageRetryAt: AT }], AT);
    // The same key twice in one call (two identical items in a feed): one row, the last.
    await store.setFeedItems(
      source.id,
      [
        { ...item, fingerprint: 'f0' },
        { ...item, fingerprint: 'f2' },
      ],
      AT,
    );
    const remembered = await store.feedItems(source.id);
    expect([...remembered.values()].sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { ...item, fingerprint: 'f2' },
      { key: 'url:x', fingerprint: 'f1', articleId: 'feed:2', pageFailures: 1, pageRetryAt: AT },
    ]);
    await store.putArticle(article('a', sampleText), AT);
    expect(await store.existingArticles(['a', 'b', 'a'])).toEqual(new Set(['a']));
    await store.removeSource(source.id);
    expect((await store.feedItems(source.id)).size).toBe(0);
    await store.close();
  });

  run('adds, leaves alone, updates and refuses duplicates of articles', async () => {
    const store = await (await backend.fresh()).open();
    expect(await store.putArticle(article('a', sampleText), AT)).toBe('added');
    expect(await store.putArticle(article('a', sampleText), AT)).toBe('unchanged');
    expect(await store.putArticle(article('a', `${sampleText}\n\nA new closing paragraph.`), AT)).toBe('updated');
    expect(await store.putArticle(article('b', `${sampleText}\n\nA new closing paragraph.`), AT)).toBe('duplicate');
    expect(await store.countArticles()).toBe(1);
    expect((await store.articleBodies(['a', 'missing'])).get('a')).toContain('A new closing paragraph.');
    await store.close();
  });

  run('loses and duplicates nothing across a restart, quotes verbatim', async () => {
    const db = await backend.fresh();
    const first = await db.open();
    const original = article('file:sample', sampleText);
    await first.putArticle(original, AT);
    const { source } = await first.addSource('http://example.test/feed.xml', 'u1', AT);
    await first.close();
    const second = await db.open();
    const loaded = (await second.loadArticles(['file:sample'], { text: true })).get('file:sample');
    expect(await second.countArticles()).toBe(1);
    expect(loaded?.analysis.quotes).toEqual(original.analysis.quotes);
    expect(loaded?.analysis.people).toEqual(original.analysis.people);
    expect(loaded?.analysis.article).toEqual(original.analysis.article);
    expect((await second.listSources()).map((s) => s.url)).toEqual([source.url]);
    expect((await second.addSource(source.url, 'u2', AT)).created).toBe(false);
    expect(await second.listSources()).toHaveLength(1);
    await second.close();
  });

  run('records poll health: failures back off into failing, a success clears them', async () => {
    const store = await (await backend.fresh()).open();
    const { source } = await store.addSource('http://example.test/feed.xml', null, AT);
    for (let i = 0; i < 3; i++) await store.recordPoll(source.id, { ok: false, at: AT, nextAt: AT, error: 'HTTP 500' });
    expect(await store.getSource(source.id)).toMatchObject({ status: 'failing', failures: 3, lastError: 'HTTP 500' });
    await store.recordPoll(source.id, { ok: true, at: AT, nextAt: '2025-03-01T00:10:00.000Z', etag: '"x"' });
    expect(await store.getSource(source.id)).toMatchObject({ status: 'ok', failures: 0, lastError: null, etag: '"x"' });
    expect(await store.dueSources(AT)).toEqual([]);
    expect(await store.dueSources('2025-03-01T00:10:00.000Z')).toHaveLength(1);
    await store.close();
  });

  run('leases a source to one instance at a time; an unreleased lease expires', async () => {
    const db = await backend.fresh();
    const a = await db.open();
    const b = await db.open();
    const { source } = await a.addSource('http://example.test/feed.xml', null, AT);
    const until = '2025-03-01T00:05:00.000Z';
    const leases = await Promise.all([a.leaseSource(source.id, 'a', AT, until), b.leaseSource(source.id, 'b', AT, until)]);
    expect(leases.filter(Boolean)).toHaveLength(1);
    const holder = leases[0] ? 'a' : 'b';
    const other = holder === 'a' ? 'b' : 'a';
    expect(await b.leaseSource(source.id, other, '2025-03-01T00:04:00.000Z', '2025-03-01T00:09:00.000Z')).toBe(false);
    // The holder died without releasing: after `until`, the other instance may take it.
    expect(await b.leaseSource(source.id, other, until, '2025-03-01T00:10:00.000Z')).toBe(true);
    await a.releaseSource(source.id, holder); // a stale release does not free the new holder's lease
    expect(await a.leaseSource(source.id, holder, '2025-03-01T00:06:00.000Z', '2025-03-01T00:11:00.000Z')).toBe(false);
    await b.releaseSource(source.id, other);
    expect(await a.leaseSource(source.id, holder, '2025-03-01T00:06:00.000Z', '2025-03-01T00:11:00.000Z')).toBe(true);
    await a.close();
    await b.close();
  });

  run('removes a source with its articles, and says so for an unknown one', async () => {
    const store = await (await backend.fresh()).open();
    const { source } = await store.addSource('http://example.test/feed.xml', null, AT);
    await store.putArticle(article('feed:1', sampleText, source.id), AT);
    expect(await store.removeSource(source.id)).toBe(1);
    expect(await store.countArticles()).toBe(0);
    expect(await store.removeSource(999)).toBeNull();
    await store.close();
  });

  run('lets an expired claim be taken over once, and never a live or finished one', async () => {
    const db = await backend.fresh();
    const a = await db.open();
    const b = await db.open();
    const sub = await a.addSubscription({
      platform: 'slack',
      channelId: 'C1',
      topic: 'gaza',
      schedule: 'daily 08:00',
      timezone: 'UTC',
      createdBy: null,
      createdAt: AT,
    });
    const slot = '2025-03-02T08:00:00.000Z';
    const t = (s: number) => new Date(Date.parse(slot) + s * 1000).toISOString();
    expect(await a.claimDelivery(sub.id, slot, 'a', t(0), t(60))).toEqual({ attempt: 1, maybePosted: false });
    expect(await b.claimDelivery(sub.id, slot, 'b', t(30), t(90))).toBeNull(); // a's lease holds
    expect(await a.renewDelivery(sub.id, slot, 'a', t(120), true)).toBe(true); // a is posting now
    expect(await b.renewDelivery(sub.id, slot, 'b', t(120), true)).toBe(false); // not b's claim
    expect(await b.expiredDeliveries(t(100))).toEqual([]);
    expect(await b.claimDelivery(sub.id, slot, 'b', t(100), t(160))).toBeNull(); // renewed: still a's
    // a dies; its lease runs out and b takes the slot, told that a may have posted it.
    expect(await b.expiredDeliveries(t(121))).toEqual([{ subscriptionId: sub.id, slot, status: 'posting' }]);
    const takeovers = await Promise.all([b.claimDelivery(sub.id, slot, 'b', t(121), t(181)), a.claimDelivery(sub.id, slot, 'c', t(121), t(181))]);
    expect(takeovers.filter(Boolean)).toEqual([{ attempt: 2, maybePosted: true }]);
    expect(await a.renewDelivery(sub.id, slot, 'a', t(200), false)).toBe(false); // a, back from a pause, has lost it
    await b.finishDelivery(sub.id, slot, 'sent', t(130));
    expect(await a.expiredDeliveries(t(1000))).toEqual([]);
    expect(await a.claimDelivery(sub.id, slot, 'a', t(1000), t(1060))).toBeNull(); // finished: never again
    expect(await a.deliveryStatus(sub.id, slot)).toBe('sent');
    await a.close();
    await b.close();
  });

  run('keeps Slack installations per workspace; a reinstall replaces, an uninstall removes', async () => {
    const db = await backend.fresh();
    const a = await db.open();
    const b = await db.open();
    const one = { id: 'T1', teamId: 'T1', enterpriseId: null, installation: JSON.stringify({ team: { id: 'T1' }, bot: { token: 'xoxb-1' } }) };
    const org = { id: 'E9', teamId: null, enterpriseId: 'E9', installation: JSON.stringify({ enterprise: { id: 'E9' }, bot: { token: 'xoxb-9' } }) };
    await a.saveSlackInstallation(one, AT);
    await a.saveSlackInstallation(org, AT);
    expect(await b.slackInstallation('T1')).toEqual(one);
    expect(await b.slackInstallation('E9')).toEqual(org);
    const again = { ...one, installation: JSON.stringify({ team: { id: 'T1' }, bot: { token: 'xoxb-1-new' } }) };
    await b.saveSlackInstallation(again, '2025-03-02T00:00:00.000Z');
    expect(await a.slackInstallation('T1')).toEqual(again);
    expect(await a.countSlackInstallations()).toBe(2);
    expect(await a.deleteSlackInstallation('T1')).toBe(true);
    expect(await a.deleteSlackInstallation('T1')).toBe(false);
    expect(await b.slackInstallation('T1')).toBeNull();
    expect(await b.countSlackInstallations()).toBe(1);
    await a.close();
    await b.close();
  });

  run('keeps subscriptions, and lets exactly one of two instances claim a slot', async () => {
    const db = await backend.fresh();
    const a = await db.open();
    const b = await db.open();
    const sub = await a.addSubscription({
      platform: 'discord',
      channelId: 'c1',
      topic: 'ukraine',
      schedule: 'daily 08:00',
      timezone: 'UTC',
      createdBy: 'u1',
      createdAt: AT,
    });
    expect(await b.listSubscriptions({ platform: 'discord', channelId: 'c1' })).toEqual([sub]);
    const slot = '2025-03-02T08:00:00.000Z';
    const until = '2025-03-02T08:01:00.000Z';
    const claims = await Promise.all([a.claimDelivery(sub.id, slot, 'a', AT, until), b.claimDelivery(sub.id, slot, 'b', AT, until)]);
    expect(claims.filter(Boolean)).toEqual([{ attempt: 1, maybePosted: false }]);
    expect(await a.deliveryStatus(sub.id, slot)).toBe('claimed');
    await b.finishDelivery(sub.id, slot, 'sent', '2025-03-02T08:00:02.000Z');
    expect(await a.deliveryStatus(sub.id, slot)).toBe('sent');
    expect((await a.getSubscription(sub.id))?.lastDeliveredAt).toBe(AT);
    expect(await a.setPaused(sub.id, true)).toBe(true);
    expect((await b.getSubscription(sub.id))?.paused).toBe(true);
    expect(await b.removeSubscription(sub.id)).toBe(true);
    expect(await a.getSubscription(sub.id)).toBeNull();
    await a.close();
    await b.close();
  });
});

describe('the PostgreSQL store', () => {
  const run = pgUp ? it : it.skip;

  run('keeps the planner statistics current as the library grows, whatever autovacuum does', async () => {
    const schema = await freshSchema();
    const store = await PostgresStore.open(PG_URL, { schema });
    const analyses = async () =>
      Number(
        (
          await query<{ n: string }>(schema, "SELECT analyze_count AS n FROM pg_stat_user_tables WHERE relname = 'search_docs' AND schemaname = $1", [schema])
        )[0]?.n,
      );
    const batch = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) =>
        article(`a${from + i}`, `Harbour report ${from + i}\n\nThe harbour council met on day ${from + i} to discuss the flood barrier.`),
      );
    await store.putArticles(batch(0, 10), AT);
    expect(await analyses()).toBe(1);
    // Nothing new: no statistics taken again.
    await store.putArticles(batch(0, 10), AT);
    expect(await analyses()).toBe(1);
    await store.putArticles(batch(10, 300), AT);
    expect(await analyses()).toBe(1);
    await store.putArticles(batch(310, 300), AT);
    expect(await analyses()).toBe(2);
    // The planner now knows the word every article holds is common.
    const stats = await query<{ elems: string | null }>(
      schema,
      "SELECT most_common_elems::text AS elems FROM pg_stats WHERE schemaname = $1 AND tablename = 'search_docs' AND attname = 'tsv'",
      [schema],
    );
    expect(stats[0]?.elems).toContain('harbour');
    await store.close();
  });
});
