import pg from 'pg';
import * as deliveries from './deliveries.ts';
import * as installations from './installations.ts';
import { MIGRATIONS, migrationSql } from './migrations.ts';
import { deserializeAnalysis, serializeAnalysis } from './serialize.ts';
import { FAILING_AFTER } from './sqlite.ts';
import type {
  DeliveryStatus,
  OpenDeliveryStatus,
  Platform,
  PollOutcome,
  PutResult,
  SlackInstallationRecord,
  SourceRecord,
  Store,
  StoredArticle,
  SubscriptionRecord,
} from './store.ts';

// The store on PostgreSQL, for deployments that run several instances on one database. Same
// migrations, same behaviour as SQLite; the delivery claims and installations run the same SQL
// (deliveries.ts, installations.ts).

type Row = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

function toSource(r: Row): SourceRecord {
  return {
    id: Number(r.id),
    url: String(r.url),
    title: str(r.title),
    addedAt: String(r.added_at),
    addedBy: str(r.added_by),
    status: r.status === 'failing' ? 'failing' : 'ok',
    lastError: str(r.last_error),
    failures: Number(r.failures),
    lastPolledAt: str(r.last_polled_at),
    lastOkAt: str(r.last_ok_at),
    nextPollAt: str(r.next_poll_at),
    etag: str(r.etag),
    lastModified: str(r.last_modified),
    articles: Number(r.articles ?? 0),
  };
}

function toSubscription(r: Row): SubscriptionRecord {
  return {
    id: Number(r.id),
    platform: String(r.platform) as Platform,
    channelId: String(r.channel_id),
    topic: String(r.topic),
    schedule: String(r.schedule),
    timezone: String(r.timezone),
    createdBy: str(r.created_by),
    createdAt: String(r.created_at),
    paused: Number(r.paused) === 1,
    lastDeliveredAt: str(r.last_delivered_at),
  };
}

const SOURCES = 'SELECT s.*, (SELECT COUNT(*) FROM articles a WHERE a.source_id = s.id) AS articles FROM sources s';

export class PostgresStore implements Store {
  readonly kind = 'postgres';
  private constructor(private readonly pool: pg.Pool) {}

  /** Connects and applies the migrations (serialised by an advisory lock across instances). */
  static async open(connectionString: string, options: { schema?: string } = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString, max: 8, options: options.schema ? `-c search_path=${options.schema}` : undefined });
    pool.on('error', () => {}); // an idle client's connection dropped: the next query reconnects
    const store = new PostgresStore(pool);
    await store.migrate();
    return store;
  }

  private async tx<T>(work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  private async migrate(): Promise<void> {
    await this.tx(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock(727364)');
      await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
      const applied = new Set((await c.query('SELECT version FROM schema_migrations')).rows.map((r: Row) => Number(r.version)));
      for (const m of MIGRATIONS) {
        if (applied.has(m.version)) continue;
        for (const s of m.statements) await c.query(migrationSql(s, 'postgres'));
        await c.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
      }
    });
  }

  private async one(sql: string, params: unknown[] = []): Promise<Row | undefined> {
    return (await this.pool.query(sql, params)).rows[0] as Row | undefined;
  }

  async addSource(url: string, addedBy: string | null, at: string) {
    const existing = await this.one(`${SOURCES} WHERE s.url = $1`, [url]);
    if (existing) return { source: toSource(existing), created: false };
    const inserted = await this.one(
      'INSERT INTO sources (url, added_at, added_by, next_poll_at) VALUES ($1, $2, $3, $2) ON CONFLICT (url) DO NOTHING RETURNING id',
      [url, at, addedBy],
    );
    const row = await this.one(`${SOURCES} WHERE s.url = $1`, [url]);
    return { source: toSource(row as Row), created: Boolean(inserted) };
  }

  async listSources() {
    return (await this.pool.query(`${SOURCES} ORDER BY s.id`)).rows.map(toSource);
  }

  async getSource(id: number) {
    const row = await this.one(`${SOURCES} WHERE s.id = $1`, [id]);
    return row ? toSource(row) : null;
  }

  async removeSource(id: number) {
    return this.tx(async (c) => {
      if (!(await c.query('SELECT 1 FROM sources WHERE id = $1', [id])).rowCount) return null;
      const removed = (await c.query('DELETE FROM articles WHERE source_id = $1', [id])).rowCount ?? 0;
      await c.query('DELETE FROM sources WHERE id = $1', [id]);
      return removed;
    });
  }

  async recordPoll(id: number, outcome: PollOutcome) {
    if (outcome.ok) {
      await this.pool.query(
        `UPDATE sources SET status = 'ok', last_error = NULL, failures = 0, last_polled_at = $1, last_ok_at = $1, next_poll_at = $2,
         etag = COALESCE($3, etag), last_modified = COALESCE($4, last_modified), title = COALESCE($5, title) WHERE id = $6`,
        [outcome.at, outcome.nextAt, outcome.etag ?? null, outcome.lastModified ?? null, outcome.title ?? null, id],
      );
    } else {
      await this.pool.query(
        `UPDATE sources SET failures = failures + 1, last_error = $1, last_polled_at = $2, next_poll_at = $3,
         status = CASE WHEN failures + 1 >= ${FAILING_AFTER} THEN 'failing' ELSE status END WHERE id = $4`,
        [outcome.error.slice(0, 500), outcome.at, outcome.nextAt, id],
      );
    }
    return this.getSource(id);
  }

  async dueSources(now: string) {
    return (await this.pool.query(`${SOURCES} WHERE s.next_poll_at IS NULL OR s.next_poll_at <= $1 ORDER BY s.next_poll_at`, [now])).rows.map(toSource);
  }

  async leaseSource(id: number, owner: string, now: string, until: string) {
    const result = await this.pool.query(
      'UPDATE sources SET lease_owner = $1, lease_until = $2 WHERE id = $3 AND (lease_until IS NULL OR lease_until <= $4 OR lease_owner = $1)',
      [owner, until, id, now],
    );
    return result.rowCount === 1;
  }

  async releaseSource(id: number, owner: string) {
    await this.pool.query('UPDATE sources SET lease_owner = NULL, lease_until = NULL WHERE id = $1 AND lease_owner = $2', [id, owner]);
  }

  async putArticle(a: StoredArticle, at: string): Promise<PutResult> {
    const { body, analysis } = serializeAnalysis(a.analysis);
    const { article } = a.analysis;
    return this.tx(async (c): Promise<PutResult> => {
      // Serialise writers of one article (and of one text) across instances.
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [a.contentHash]);
      const existing = (await c.query('SELECT content_hash, analyzer_version FROM articles WHERE id = $1 FOR UPDATE', [a.id])).rows[0] as Row | undefined;
      if (existing) {
        if (existing.content_hash === a.contentHash && Number(existing.analyzer_version) === a.analyzerVersion) return 'unchanged';
        await c.query(
          'UPDATE articles SET url = $1, guid = $2, content_hash = $3, title = $4, published = $5, updated_at = $6, analyzer_version = $7, body = $8, analysis = $9, terms = $10 WHERE id = $11',
          [a.url, a.guid, a.contentHash, article.title, article.published ?? null, at, a.analyzerVersion, body, analysis, a.terms, a.id],
        );
        return existing.content_hash === a.contentHash ? 'unchanged' : 'updated';
      }
      if ((await c.query('SELECT 1 FROM articles WHERE content_hash = $1', [a.contentHash])).rowCount) return 'duplicate';
      const inserted = await c.query(
        `INSERT INTO articles (id, source_id, url, guid, content_hash, title, published, first_seen, updated_at, analyzer_version, body, analysis, terms)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10, $11, $12) ON CONFLICT (id) DO NOTHING`,
        [a.id, a.sourceId, a.url, a.guid, a.contentHash, article.title, article.published ?? null, at, a.analyzerVersion, body, analysis, a.terms],
      );
      return inserted.rowCount ? 'added' : 'unchanged';
    });
  }

  async deleteArticle(id: string) {
    return ((await this.pool.query('DELETE FROM articles WHERE id = $1', [id])).rowCount ?? 0) > 0;
  }

  async articleIds(prefix: string) {
    const rows = (await this.pool.query("SELECT id, content_hash FROM articles WHERE id LIKE $1 ESCAPE '\\'", [`${prefix.replace(/[\\%_]/g, '\\$&')}%`])).rows;
    return new Map(rows.map((r: Row) => [String(r.id), String(r.content_hash)]));
  }

  async loadArticles(onBatch: (batch: StoredArticle[]) => void, batchSize = 2000) {
    let count = 0;
    let after = '';
    for (;;) {
      const rows = (
        await this.pool.query(
          'SELECT id, source_id, url, guid, content_hash, analyzer_version, body, analysis, terms FROM articles WHERE id > $1 ORDER BY id LIMIT $2',
          [after, batchSize],
        )
      ).rows as Row[];
      if (!rows.length) break;
      onBatch(
        rows.map((r) => ({
          id: String(r.id),
          sourceId: r.source_id === null ? null : Number(r.source_id),
          url: str(r.url),
          guid: str(r.guid),
          contentHash: String(r.content_hash),
          analyzerVersion: Number(r.analyzer_version),
          analysis: deserializeAnalysis(String(r.body), String(r.analysis)),
          terms: str(r.terms),
        })),
      );
      count += rows.length;
      after = String(rows[rows.length - 1]?.id);
    }
    return count;
  }

  async articleBodies(ids: string[]) {
    if (!ids.length) return new Map<string, string>();
    const rows = (await this.pool.query('SELECT id, body FROM articles WHERE id = ANY($1)', [ids])).rows;
    return new Map(rows.map((r: Row) => [String(r.id), String(r.body)]));
  }

  async countArticles() {
    return Number((await this.one('SELECT COUNT(*) AS n FROM articles'))?.n ?? 0);
  }

  async addSubscription(s: Omit<SubscriptionRecord, 'id' | 'paused' | 'lastDeliveredAt'>) {
    const row = await this.one(
      'INSERT INTO subscriptions (platform, channel_id, topic, schedule, timezone, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *',
      [s.platform, s.channelId, s.topic, s.schedule, s.timezone, s.createdBy, s.createdAt],
    );
    return toSubscription(row as Row);
  }

  async listSubscriptions(where: { platform?: Platform; channelId?: string } = {}) {
    const rows = (
      await this.pool.query('SELECT * FROM subscriptions WHERE ($1::text IS NULL OR platform = $1) AND ($2::text IS NULL OR channel_id = $2) ORDER BY id', [
        where.platform ?? null,
        where.channelId ?? null,
      ])
    ).rows;
    return rows.map(toSubscription);
  }

  async getSubscription(id: number) {
    const row = await this.one('SELECT * FROM subscriptions WHERE id = $1', [id]);
    return row ? toSubscription(row) : null;
  }

  async setPaused(id: number, paused: boolean) {
    return ((await this.pool.query('UPDATE subscriptions SET paused = $1 WHERE id = $2', [paused ? 1 : 0, id])).rowCount ?? 0) > 0;
  }

  async removeSubscription(id: number) {
    return ((await this.pool.query('DELETE FROM subscriptions WHERE id = $1', [id])).rowCount ?? 0) > 0;
  }

  async claimDelivery(subscriptionId: number, slot: string, claimedBy: string, at: string, leaseUntil: string) {
    const row = await this.one(deliveries.CLAIM_DELIVERY, [subscriptionId, slot, claimedBy, at, leaseUntil]);
    return row ? deliveries.toClaim(row as unknown as deliveries.ClaimRow) : null;
  }

  async renewDelivery(subscriptionId: number, slot: string, claimedBy: string, leaseUntil: string, posting: boolean) {
    return ((await this.pool.query(deliveries.RENEW_DELIVERY, [leaseUntil, posting ? 1 : 0, subscriptionId, slot, claimedBy])).rowCount ?? 0) > 0;
  }

  async expiredDeliveries(now: string) {
    return ((await this.pool.query(deliveries.EXPIRED_DELIVERIES, [now])).rows as deliveries.ExpiredRow[]).map(deliveries.toExpired);
  }

  async finishDelivery(subscriptionId: number, slot: string, status: Exclude<DeliveryStatus, OpenDeliveryStatus>, at: string, error?: string) {
    await this.tx(async (c) => {
      await c.query(
        "INSERT INTO deliveries (subscription_id, slot, status, claimed_by, claimed_at) VALUES ($1, $2, 'claimed', NULL, $3) ON CONFLICT DO NOTHING",
        [subscriptionId, slot, at],
      );
      await c.query('UPDATE deliveries SET status = $1, done_at = $2, error = $3 WHERE subscription_id = $4 AND slot = $5', [
        status,
        at,
        error ?? null,
        subscriptionId,
        slot,
      ]);
      if (status === 'sent' || status === 'empty') {
        await c.query(
          'UPDATE subscriptions SET last_delivered_at = (SELECT claimed_at FROM deliveries WHERE subscription_id = $1 AND slot = $2) WHERE id = $1',
          [subscriptionId, slot],
        );
      }
    });
  }

  async deliveryStatus(subscriptionId: number, slot: string) {
    const row = await this.one('SELECT status FROM deliveries WHERE subscription_id = $1 AND slot = $2', [subscriptionId, slot]);
    return row ? (String(row.status) as DeliveryStatus) : null;
  }

  async saveSlackInstallation(installation: SlackInstallationRecord, at: string) {
    await this.pool.query(installations.SAVE_INSTALLATION, installations.saveParams(installation, at));
  }

  async slackInstallation(id: string) {
    const row = await this.one(installations.GET_INSTALLATION, [id]);
    return row ? installations.toInstallation(row as unknown as installations.InstallationRow) : null;
  }

  async deleteSlackInstallation(id: string) {
    return ((await this.pool.query(installations.DELETE_INSTALLATION, [id])).rowCount ?? 0) > 0;
  }

  async countSlackInstallations() {
    return Number((await this.one(installations.COUNT_INSTALLATIONS))?.n ?? 0);
  }

  async close() {
    await this.pool.end();
  }
}
