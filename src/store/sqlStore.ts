import type { CorpusStats } from '../core/search.ts';
import { deleteArticles, docFloor, putArticles } from './articles.ts';
import * as deliveries from './deliveries.ts';
import * as installations from './installations.ts';
import * as reads from './libraryReads.ts';
import { insertRows, num, selectIn, strOrNull } from './rows.ts';
import { countDocs, countTerms, matchDocs, termQuery, toCandidate } from './search.ts';
import { deserializeAnalysis } from './serialize.ts';
import type { Row, Sql } from './sql.ts';
import type {
  DeliveryStatus,
  FeedItemRecord,
  FolderFile,
  OpenDeliveryStatus,
  Platform,
  PollOutcome,
  SearchWindow,
  SlackInstallationRecord,
  SourceRecord,
  Store,
  StoredArticle,
  SubscriptionRecord,
} from './store.ts';

// The store on either engine: the same SQL (written for PostgreSQL, see sql.ts) and the same
// behaviour, so one contract suite holds both. Engine differences stay in sql.ts (transactions,
// parameters), search.ts (the full-text index) and the migrations.

/** Failing after this many failed polls in a row; until then a failure is only retried sooner. */
export const FAILING_AFTER = 3;

const SOURCES = 'SELECT s.*, (SELECT COUNT(*) FROM articles a WHERE a.source_id = s.id) AS articles FROM sources s';

function toSource(r: Row): SourceRecord {
  return {
    id: num(r.id),
    url: String(r.url),
    title: strOrNull(r.title),
    addedAt: String(r.added_at),
    addedBy: strOrNull(r.added_by),
    status: r.status === 'failing' ? 'failing' : 'ok',
    lastError: strOrNull(r.last_error),
    failures: num(r.failures),
    lastPolledAt: strOrNull(r.last_polled_at),
    lastOkAt: strOrNull(r.last_ok_at),
    nextPollAt: strOrNull(r.next_poll_at),
    etag: strOrNull(r.etag),
    lastModified: strOrNull(r.last_modified),
    articles: num(r.articles),
  };
}

function toSubscription(r: Row): SubscriptionRecord {
  return {
    id: num(r.id),
    platform: String(r.platform) as Platform,
    channelId: String(r.channel_id),
    topic: String(r.topic),
    schedule: String(r.schedule),
    timezone: String(r.timezone),
    createdBy: strOrNull(r.created_by),
    createdAt: String(r.created_at),
    paused: num(r.paused) === 1,
    lastDeliveredAt: strOrNull(r.last_delivered_at),
  };
}

const windowOf = (w: SearchWindow) => ({
  from: w.after === undefined ? 0 : docFloor(w.after),
  to: w.before === undefined ? undefined : docFloor(w.before) + 999_999,
  seenAfter: w.seenAfter,
});

export class SqlStore implements Store {
  constructor(protected readonly sql: Sql) {}

  get kind(): 'sqlite' | 'postgres' {
    return this.sql.dialect;
  }

  // Sources -----------------------------------------------------------------------------------------

  async addSource(url: string, addedBy: string | null, at: string) {
    const existing = await this.sql.get(`${SOURCES} WHERE s.url = $1`, [url]);
    if (existing) return { source: toSource(existing), created: false };
    const inserted = await this.sql.run('INSERT INTO sources (url, added_at, added_by, next_poll_at) VALUES ($1, $2, $3, $2) ON CONFLICT (url) DO NOTHING', [
      url,
      at,
      addedBy,
    ]);
    const row = await this.sql.get(`${SOURCES} WHERE s.url = $1`, [url]);
    return { source: toSource(row as Row), created: inserted > 0 };
  }

  async listSources() {
    return (await this.sql.all(`${SOURCES} ORDER BY s.id`)).map(toSource);
  }

  async getSource(id: number) {
    const row = await this.sql.get(`${SOURCES} WHERE s.id = $1`, [id]);
    return row ? toSource(row) : null;
  }

  async sourceArticles(sourceId: number, limit?: number) {
    const rows = await this.sql.all<{ id: string; title: string; url: string | null; published: string | null; guid: string | null }>(
      `SELECT id, title, url, published, guid FROM articles WHERE source_id = $1 ORDER BY COALESCE(published, first_seen) DESC, id${limit ? ' LIMIT $2' : ''}`,
      limit ? [sourceId, limit] : [sourceId],
    );
    return rows.map((r) => ({ id: r.id, title: r.title, url: strOrNull(r.url), published: strOrNull(r.published), guid: strOrNull(r.guid) }));
  }

  async removeSource(id: number) {
    if (!(await this.sql.get('SELECT 1 AS x FROM sources WHERE id = $1', [id]))) return null;
    const ids = (await this.sql.all<{ id: string }>('SELECT id FROM articles WHERE source_id = $1', [id])).map((r) => r.id);
    const removed = await deleteArticles(this.sql, ids);
    await this.sql.run('DELETE FROM sources WHERE id = $1', [id]);
    return removed;
  }

  async recordPoll(id: number, outcome: PollOutcome) {
    if (outcome.ok) {
      await this.sql.run(
        `UPDATE sources SET status = 'ok', last_error = NULL, failures = 0, last_polled_at = $1, last_ok_at = $1, next_poll_at = $2,
         etag = COALESCE($3, etag), last_modified = COALESCE($4, last_modified), title = COALESCE($5, title) WHERE id = $6`,
        [outcome.at, outcome.nextAt, outcome.etag ?? null, outcome.lastModified ?? null, outcome.title ?? null, id],
      );
    } else {
      await this.sql.run(
        `UPDATE sources SET failures = failures + 1, last_error = $1, last_polled_at = $2, next_poll_at = $3,
         status = CASE WHEN failures + 1 >= ${FAILING_AFTER} THEN 'failing' ELSE status END WHERE id = $4`,
        [outcome.error.slice(0, 500), outcome.at, outcome.nextAt, id],
      );
    }
    return this.getSource(id);
  }

  async dueSources(now: string) {
    return (await this.sql.all(`${SOURCES} WHERE s.next_poll_at IS NULL OR s.next_poll_at <= $1 ORDER BY s.next_poll_at`, [now])).map(toSource);
  }

  async leaseSource(id: number, owner: string, now: string, until: string) {
    const changed = await this.sql.run(
      'UPDATE sources SET lease_owner = $1, lease_until = $2 WHERE id = $3 AND (lease_until IS NULL OR lease_until <= $4 OR lease_owner = $1)',
      [owner, until, id, now],
    );
    return changed === 1;
  }

  async releaseSource(id: number, owner: string) {
    await this.sql.run('UPDATE sources SET lease_owner = NULL, lease_until = NULL WHERE id = $1 AND lease_owner = $2', [id, owner]);
  }

  // Articles ----------------------------------------------------------------------------------------

  async putArticle(article: StoredArticle, at: string) {
    return (await putArticles(this.sql, [article], at))[0] ?? 'unchanged';
  }

  putArticles(articles: StoredArticle[], at: string) {
    return putArticles(this.sql, articles, at);
  }

  async deleteArticle(id: string) {
    return (await deleteArticles(this.sql, [id])) > 0;
  }

  deleteArticles(ids: string[]) {
    return deleteArticles(this.sql, ids);
  }

  async articleIds(prefix: string) {
    // SQLite: a range on the key, so the index answers it (LIKE would read every article; its
    // keys sort by code point). PostgreSQL's collation may not: there, a pattern on the narrow heap.
    const rows =
      this.sql.dialect === 'sqlite'
        ? await this.sql.all<{ id: string; content_hash: string }>('SELECT id, content_hash FROM articles WHERE id >= $1 AND id < $2', [
            prefix,
            `${prefix}\uffff`,
          ])
        : await this.sql.all<{ id: string; content_hash: string }>("SELECT id, content_hash FROM articles WHERE id LIKE $1 ESCAPE '\\'", [
            `${prefix.replace(/[\\%_]/g, '\\$&')}%`,
          ]);
    return new Map(rows.map((r) => [r.id, r.content_hash]));
  }

  async articleBodies(ids: string[]) {
    const rows = await selectIn<{ id: string; body: string }>(this.sql, [...new Set(ids)], (l) => `SELECT id, body FROM articles WHERE id IN (${l})`);
    return new Map(rows.map((r) => [r.id, r.body]));
  }

  async existingArticles(ids: string[]) {
    const rows = await selectIn<{ id: string }>(this.sql, [...new Set(ids)], (l) => `SELECT id FROM articles WHERE id IN (${l})`);
    return new Set(rows.map((r) => r.id));
  }

  async countArticles() {
    return num((await this.sql.get('SELECT COUNT(*) AS n FROM articles'))?.n);
  }

  // The library -------------------------------------------------------------------------------------

  async changeSeq() {
    return num((await this.sql.get("SELECT value FROM meta WHERE key = 'seq'"))?.value);
  }

  async corpusStats(terms: string[]): Promise<CorpusStats & { seq: number }> {
    const meta = new Map((await this.sql.all<{ key: string; value: unknown }>('SELECT key, value FROM meta')).map((r) => [r.key, num(r.value)]));
    const docs = meta.get('live') ?? 0;
    const df = await countTerms(this.sql, [...new Set(terms)]);
    return { docs, avgLength: docs ? (meta.get('length') ?? 0) / docs : 0, df, seq: meta.get('seq') ?? 0 };
  }

  async matchArticles(any: string[][][], window: SearchWindow, limit: number) {
    if (!any.length) return [];
    return (await matchDocs(this.sql, termQuery(this.sql.dialect, any), { ...windowOf(window), limit })).map(toCandidate);
  }

  async countMatches(any: string[][][], window: SearchWindow) {
    return any.length ? countDocs(this.sql, termQuery(this.sql.dialect, any), windowOf(window)) : 0;
  }

  stories(ids: number[], perStory: number) {
    return reads.storyRecords(this.sql, ids, perStory);
  }

  loadArticles(ids: string[], options: { text: boolean | string[] }) {
    return reads.loadArticles(this.sql, ids, options.text);
  }

  peopleView(query: string, options?: { near?: boolean; suggestions?: boolean }) {
    return reads.peopleView(this.sql, query, options);
  }

  personQuotes(personId: number, options: { limit: number; articleIds?: string[] }) {
    return reads.personQuotes(this.sql, personId, options);
  }

  topPeople(limit: number) {
    return reads.topPeople(this.sql, limit);
  }

  personNames(prefix: string, limit: number) {
    return reads.personNames(this.sql, prefix, limit);
  }

  topics(prefix: string, limit: number) {
    return reads.topics(this.sql, prefix, limit);
  }

  vocabularyNear(word: string) {
    return reads.vocabularyNear(this.sql, word);
  }

  async analysisProgress(version: number) {
    // Asked at every start-up: the pending count comes from the version index (nothing, once done),
    // and the total from the library's counter unless articles still wait to be indexed.
    const pending = num((await this.sql.get('SELECT COUNT(*) AS n FROM articles WHERE analyzer_version < $1', [version]))?.n);
    const total = pending
      ? num((await this.sql.get('SELECT COUNT(*) AS n FROM articles'))?.n)
      : num((await this.sql.get("SELECT value AS n FROM meta WHERE key = 'live'"))?.n);
    return { pending, total };
  }

  async staleArticles(version: number, limit: number) {
    const rows = await this.sql.all(
      'SELECT id, source_id, url, guid, body, analysis FROM articles WHERE analyzer_version < $1 ORDER BY first_seen, id LIMIT $2',
      [version, limit],
    );
    return rows.map((r) => ({
      id: String(r.id),
      sourceId: r.source_id === null ? null : num(r.source_id),
      url: strOrNull(r.url),
      guid: strOrNull(r.guid),
      analysis: deserializeAnalysis(String(r.body), String(r.analysis)),
    }));
  }

  async pruneArticles(before: number, limit: number) {
    // Indexed articles by their time; ones not yet (re-)indexed by when they were first seen.
    const ids = [
      ...(await this.sql.all<{ article_id: string }>('SELECT article_id FROM search_docs WHERE doc < $1 ORDER BY doc LIMIT $2', [docFloor(before), limit])).map(
        (r) => r.article_id,
      ),
    ];
    if (ids.length < limit) {
      const cutoff = new Date(before).toISOString();
      const unindexed = await this.sql.all<{ id: string }>(
        'SELECT a.id FROM articles a WHERE a.first_seen < $1 AND NOT EXISTS (SELECT 1 FROM search_docs d WHERE d.article_id = a.id) LIMIT $2',
        [cutoff, limit - ids.length],
      );
      ids.push(...unindexed.map((r) => r.id));
    }
    const removed = await deleteArticles(this.sql, ids);
    if (removed) await this.sql.run('DELETE FROM stories WHERE articles <= 0');
    return removed;
  }

  // Subscriptions and deliveries ---------------------------------------------------------------------

  async addSubscription(s: Omit<SubscriptionRecord, 'id' | 'paused' | 'lastDeliveredAt'>) {
    const row = await this.sql.get(
      'INSERT INTO subscriptions (platform, channel_id, topic, schedule, timezone, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *',
      [s.platform, s.channelId, s.topic, s.schedule, s.timezone, s.createdBy, s.createdAt],
    );
    return toSubscription(row as Row);
  }

  async listSubscriptions(where: { platform?: Platform; channelId?: string } = {}) {
    const rows = await this.sql.all(
      `SELECT * FROM subscriptions WHERE (CAST($1 AS TEXT) IS NULL OR platform = $1) AND (CAST($2 AS TEXT) IS NULL OR channel_id = $2) ORDER BY id`,
      [where.platform ?? null, where.channelId ?? null],
    );
    return rows.map(toSubscription);
  }

  async getSubscription(id: number) {
    const row = await this.sql.get('SELECT * FROM subscriptions WHERE id = $1', [id]);
    return row ? toSubscription(row) : null;
  }

  async setPaused(id: number, paused: boolean) {
    return (await this.sql.run('UPDATE subscriptions SET paused = $1 WHERE id = $2', [paused ? 1 : 0, id])) > 0;
  }

  async removeSubscription(id: number) {
    return (await this.sql.run('DELETE FROM subscriptions WHERE id = $1', [id])) > 0;
  }

  async claimDelivery(subscriptionId: number, slot: string, claimedBy: string, at: string, leaseUntil: string) {
    const row = await this.sql.get<deliveries.ClaimRow>(deliveries.CLAIM_DELIVERY, [subscriptionId, slot, claimedBy, at, leaseUntil]);
    return row ? deliveries.toClaim(row) : null;
  }

  async renewDelivery(subscriptionId: number, slot: string, claimedBy: string, leaseUntil: string, posting: boolean) {
    return (await this.sql.run(deliveries.RENEW_DELIVERY, [leaseUntil, posting ? 1 : 0, subscriptionId, slot, claimedBy])) > 0;
  }

  async expiredDeliveries(now: string) {
    return (await this.sql.all<deliveries.ExpiredRow>(deliveries.EXPIRED_DELIVERIES, [now])).map(deliveries.toExpired);
  }

  async finishDelivery(subscriptionId: number, slot: string, status: Exclude<DeliveryStatus, OpenDeliveryStatus>, at: string, error?: string) {
    await this.sql.tx(async (q) => {
      await q.run(
        "INSERT INTO deliveries (subscription_id, slot, status, claimed_by, claimed_at) VALUES ($1, $2, 'claimed', NULL, $3) ON CONFLICT DO NOTHING",
        [subscriptionId, slot, at],
      );
      await q.run('UPDATE deliveries SET status = $1, done_at = $2, error = $3 WHERE subscription_id = $4 AND slot = $5', [
        status,
        at,
        error ?? null,
        subscriptionId,
        slot,
      ]);
      // A digest covers what was new when it was composed, right after its claim.
      if (status === 'sent' || status === 'empty') {
        await q.run('UPDATE subscriptions SET last_delivered_at = (SELECT claimed_at FROM deliveries WHERE subscription_id = $1 AND slot = $2) WHERE id = $1', [
          subscriptionId,
          slot,
        ]);
      }
    });
  }

  async deliveryStatus(subscriptionId: number, slot: string) {
    const row = await this.sql.get<{ status: DeliveryStatus }>('SELECT status FROM deliveries WHERE subscription_id = $1 AND slot = $2', [
      subscriptionId,
      slot,
    ]);
    return row?.status ?? null;
  }

  async sentStories(subscriptionId: number) {
    const rows = await this.sql.all('SELECT story_id FROM digest_stories WHERE subscription_id = $1', [subscriptionId]);
    return new Set(rows.map((r) => num(r.story_id)));
  }

  async markStoriesSent(subscriptionId: number, storyIds: number[], at: string) {
    await insertRows(
      this.sql,
      'INSERT INTO digest_stories (subscription_id, story_id, first_sent_at)',
      3,
      [...new Set(storyIds)].sort((a, b) => a - b).map((id) => [subscriptionId, id, at]),
      'ON CONFLICT DO NOTHING',
    );
  }

  // Slack installations -----------------------------------------------------------------------------

  async saveSlackInstallation(installation: SlackInstallationRecord, at: string) {
    await this.sql.run(installations.SAVE_INSTALLATION, installations.saveParams(installation, at));
  }

  async slackInstallation(id: string) {
    const row = await this.sql.get<installations.InstallationRow>(installations.GET_INSTALLATION, [id]);
    return row ? installations.toInstallation(row) : null;
  }

  async deleteSlackInstallation(id: string) {
    return (await this.sql.run(installations.DELETE_INSTALLATION, [id])) > 0;
  }

  async countSlackInstallations() {
    return num((await this.sql.get(installations.COUNT_INSTALLATIONS))?.n);
  }

  // The briefings folder ----------------------------------------------------------------------------

  async feedItems(sourceId: number) {
    const rows = await this.sql.all('SELECT item_key, fingerprint, article_id, page_failures, page_retry_at FROM feed_items WHERE source_id = $1', [sourceId]);
    return new Map<string, FeedItemRecord>(
      rows.map((r) => [
        String(r.item_key),
        {
          key: String(r.item_key),
          fingerprint: String(r.fingerprint),
          articleId: String(r.article_id),
          pageFailures: num(r.page_failures),
          pageRetryAt: r.page_retry_at === null ? null : String(r.page_retry_at),
        },
      ]),
    );
  }

  async setFeedItems(sourceId: number, items: FeedItemRecord[], at: string) {
    // One row per key (identical items share one), so a multi-row upsert never meets a key twice.
    const rows = [...new Map(items.map((i) => [i.key, [sourceId, i.key, i.fingerprint, i.articleId, i.pageFailures, i.pageRetryAt, at]])).values()];
    if (!rows.length) return;
    await this.sql.tx((sql) =>
      insertRows(
        sql,
        'INSERT INTO feed_items (source_id, item_key, fingerprint, article_id, page_failures, page_retry_at, seen_at)',
        7,
        rows,
        `ON CONFLICT (source_id, item_key) DO UPDATE SET fingerprint = excluded.fingerprint, article_id = excluded.article_id,
           page_failures = excluded.page_failures, page_retry_at = excluded.page_retry_at, seen_at = excluded.seen_at`,
      ),
    );
  }

  async folderFiles() {
    const rows = await this.sql.all('SELECT path, size, mtime, article_id FROM folder_files');
    return new Map<string, FolderFile>(rows.map((r) => [String(r.path), { size: num(r.size), mtime: num(r.mtime), articleId: String(r.article_id) }]));
  }

  async setFolderFiles(files: (FolderFile & { path: string })[]) {
    for (const f of files) {
      await this.sql.run(
        'INSERT INTO folder_files (path, size, mtime, article_id) VALUES ($1, $2, $3, $4) ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime = excluded.mtime, article_id = excluded.article_id',
        [f.path, f.size, f.mtime, f.articleId],
      );
    }
  }

  async deleteFolderFiles(paths: string[]) {
    await selectIn(this.sql, paths, (l) => `DELETE FROM folder_files WHERE path IN (${l}) RETURNING path`);
  }

  async close() {
    await this.sql.close();
  }
}
