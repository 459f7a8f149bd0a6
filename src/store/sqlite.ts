import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import * as deliveries from './deliveries.ts';
import * as installations from './installations.ts';
import { forSqlite, MIGRATIONS, migrationSql } from './migrations.ts';
import { deserializeAnalysis, serializeAnalysis } from './serialize.ts';
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

interface SubscriptionRow {
  id: number;
  platform: string;
  channel_id: string;
  topic: string;
  schedule: string;
  timezone: string;
  created_by: string | null;
  created_at: string;
  paused: number;
  last_delivered_at: string | null;
}

function toSubscription(r: SubscriptionRow): SubscriptionRecord {
  return {
    id: r.id,
    platform: r.platform as Platform,
    channelId: r.channel_id,
    topic: r.topic,
    schedule: r.schedule,
    timezone: r.timezone,
    createdBy: r.created_by,
    createdAt: r.created_at,
    paused: r.paused === 1,
    lastDeliveredAt: r.last_delivered_at,
  };
}

interface SourceRow {
  id: number;
  url: string;
  title: string | null;
  added_at: string;
  added_by: string | null;
  status: string;
  last_error: string | null;
  failures: number;
  last_polled_at: string | null;
  last_ok_at: string | null;
  next_poll_at: string | null;
  etag: string | null;
  last_modified: string | null;
  articles: number;
}

interface ArticleRow {
  id: string;
  source_id: number | null;
  url: string | null;
  guid: string | null;
  content_hash: string;
  analyzer_version: number;
  body: string;
  analysis: string;
  terms: string | null;
}

const SOURCE_COLUMNS = `s.*, (SELECT COUNT(*) FROM articles a WHERE a.source_id = s.id) AS articles`;

function toSource(r: SourceRow): SourceRecord {
  return {
    id: r.id,
    url: r.url,
    title: r.title,
    addedAt: r.added_at,
    addedBy: r.added_by,
    status: r.status === 'failing' ? 'failing' : 'ok',
    lastError: r.last_error,
    failures: r.failures,
    lastPolledAt: r.last_polled_at,
    lastOkAt: r.last_ok_at,
    nextPollAt: r.next_poll_at,
    etag: r.etag,
    lastModified: r.last_modified,
    articles: r.articles,
  };
}

/** Failing after this many failed polls in a row; until then a failure is only retried sooner. */
export const FAILING_AFTER = 3;

/** The default store: one SQLite file, created (with its folder) on first use. */
export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
  }

  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const applied = new Set(
      this.db
        .prepare('SELECT version FROM schema_migrations')
        .all()
        .map((r) => (r as { version: number }).version),
    );
    for (const m of MIGRATIONS) {
      if (applied.has(m.version)) continue;
      this.db.transaction(() => {
        for (const s of m.statements) this.db.exec(migrationSql(s, 'sqlite'));
        this.db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
      })();
    }
  }

  async addSource(url: string, addedBy: string | null, at: string) {
    const existing = this.db.prepare(`SELECT ${SOURCE_COLUMNS} FROM sources s WHERE s.url = ?`).get(url) as SourceRow | undefined;
    if (existing) return { source: toSource(existing), created: false };
    const { lastInsertRowid } = this.db.prepare('INSERT INTO sources (url, added_at, added_by, next_poll_at) VALUES (?, ?, ?, ?)').run(url, at, addedBy, at);
    const source = (await this.getSource(Number(lastInsertRowid))) as SourceRecord;
    return { source, created: true };
  }

  async listSources() {
    return (this.db.prepare(`SELECT ${SOURCE_COLUMNS} FROM sources s ORDER BY s.id`).all() as SourceRow[]).map(toSource);
  }

  async getSource(id: number) {
    const row = this.db.prepare(`SELECT ${SOURCE_COLUMNS} FROM sources s WHERE s.id = ?`).get(id) as SourceRow | undefined;
    return row ? toSource(row) : null;
  }

  async removeSource(id: number) {
    return this.db.transaction(() => {
      const exists = this.db.prepare('SELECT 1 FROM sources WHERE id = ?').get(id);
      if (!exists) return null;
      const { changes } = this.db.prepare('DELETE FROM articles WHERE source_id = ?').run(id);
      this.db.prepare('DELETE FROM sources WHERE id = ?').run(id);
      return changes;
    })();
  }

  async recordPoll(id: number, outcome: PollOutcome) {
    if (outcome.ok) {
      this.db
        .prepare(
          `UPDATE sources SET status = 'ok', last_error = NULL, failures = 0, last_polled_at = ?, last_ok_at = ?, next_poll_at = ?,
           etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified), title = COALESCE(?, title) WHERE id = ?`,
        )
        .run(outcome.at, outcome.at, outcome.nextAt, outcome.etag ?? null, outcome.lastModified ?? null, outcome.title ?? null, id);
    } else {
      this.db
        .prepare(
          `UPDATE sources SET failures = failures + 1, last_error = ?, last_polled_at = ?, next_poll_at = ?,
           status = CASE WHEN failures + 1 >= ${FAILING_AFTER} THEN 'failing' ELSE status END WHERE id = ?`,
        )
        .run(outcome.error.slice(0, 500), outcome.at, outcome.nextAt, id);
    }
    return this.getSource(id);
  }

  async dueSources(now: string) {
    return (
      this.db
        .prepare(`SELECT ${SOURCE_COLUMNS} FROM sources s WHERE s.next_poll_at IS NULL OR s.next_poll_at <= ? ORDER BY s.next_poll_at`)
        .all(now) as SourceRow[]
    ).map(toSource);
  }

  async leaseSource(id: number, owner: string, now: string, until: string) {
    const { changes } = this.db
      .prepare('UPDATE sources SET lease_owner = ?, lease_until = ? WHERE id = ? AND (lease_until IS NULL OR lease_until <= ? OR lease_owner = ?)')
      .run(owner, until, id, now, owner);
    return changes === 1;
  }

  async releaseSource(id: number, owner: string) {
    this.db.prepare('UPDATE sources SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?').run(id, owner);
  }

  async putArticle(a: StoredArticle, at: string): Promise<PutResult> {
    const { body, analysis } = serializeAnalysis(a.analysis);
    const { article } = a.analysis;
    return this.db.transaction((): PutResult => {
      const existing = this.db.prepare('SELECT content_hash, analyzer_version FROM articles WHERE id = ?').get(a.id) as
        | { content_hash: string; analyzer_version: number }
        | undefined;
      if (existing) {
        if (existing.content_hash === a.contentHash && existing.analyzer_version === a.analyzerVersion) return 'unchanged';
        this.db
          .prepare(
            'UPDATE articles SET url = ?, guid = ?, content_hash = ?, title = ?, published = ?, updated_at = ?, analyzer_version = ?, body = ?, analysis = ?, terms = ? WHERE id = ?',
          )
          .run(a.url, a.guid, a.contentHash, article.title, article.published ?? null, at, a.analyzerVersion, body, analysis, a.terms, a.id);
        return existing.content_hash === a.contentHash ? 'unchanged' : 'updated';
      }
      // The same text under another id (syndication, a moved URL) is stored once.
      const twin = this.db.prepare('SELECT id FROM articles WHERE content_hash = ?').get(a.contentHash);
      if (twin) return 'duplicate';
      this.db
        .prepare(
          `INSERT INTO articles (id, source_id, url, guid, content_hash, title, published, first_seen, updated_at, analyzer_version, body, analysis, terms)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(a.id, a.sourceId, a.url, a.guid, a.contentHash, article.title, article.published ?? null, at, at, a.analyzerVersion, body, analysis, a.terms);
      return 'added';
    })();
  }

  async deleteArticle(id: string) {
    return this.db.prepare('DELETE FROM articles WHERE id = ?').run(id).changes > 0;
  }

  async articleIds(prefix: string) {
    const rows = this.db.prepare("SELECT id, content_hash FROM articles WHERE id LIKE ? ESCAPE '\\'").all(`${prefix.replace(/[\\%_]/g, '\\$&')}%`) as {
      id: string;
      content_hash: string;
    }[];
    return new Map(rows.map((r) => [r.id, r.content_hash]));
  }

  async loadArticles(onBatch: (batch: StoredArticle[]) => void, batchSize = 2000) {
    let batch: StoredArticle[] = [];
    let count = 0;
    const rows = this.db
      .prepare('SELECT id, source_id, url, guid, content_hash, analyzer_version, body, analysis, terms FROM articles ORDER BY rowid')
      .iterate() as IterableIterator<ArticleRow>;
    for (const r of rows) {
      batch.push({
        id: r.id,
        sourceId: r.source_id,
        url: r.url,
        guid: r.guid,
        contentHash: r.content_hash,
        analyzerVersion: r.analyzer_version,
        analysis: deserializeAnalysis(r.body, r.analysis),
        terms: r.terms,
      });
      count++;
      if (batch.length >= batchSize) {
        onBatch(batch);
        batch = [];
      }
    }
    if (batch.length) onBatch(batch);
    return count;
  }

  async articleBodies(ids: string[]) {
    const out = new Map<string, string>();
    const get = this.db.prepare('SELECT body FROM articles WHERE id = ?');
    for (const id of ids) {
      const row = get.get(id) as { body: string } | undefined;
      if (row) out.set(id, row.body);
    }
    return out;
  }

  async countArticles() {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM articles').get() as { n: number }).n;
  }

  async addSubscription(s: Omit<SubscriptionRecord, 'id' | 'paused' | 'lastDeliveredAt'>) {
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO subscriptions (platform, channel_id, topic, schedule, timezone, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(s.platform, s.channelId, s.topic, s.schedule, s.timezone, s.createdBy, s.createdAt);
    return (await this.getSubscription(Number(lastInsertRowid))) as SubscriptionRecord;
  }

  async listSubscriptions(where: { platform?: Platform; channelId?: string } = {}) {
    const rows = this.db
      .prepare('SELECT * FROM subscriptions WHERE (? IS NULL OR platform = ?) AND (? IS NULL OR channel_id = ?) ORDER BY id')
      .all(where.platform ?? null, where.platform ?? null, where.channelId ?? null, where.channelId ?? null) as SubscriptionRow[];
    return rows.map(toSubscription);
  }

  async getSubscription(id: number) {
    const row = this.db.prepare('SELECT * FROM subscriptions WHERE id = ?').get(id) as SubscriptionRow | undefined;
    return row ? toSubscription(row) : null;
  }

  async setPaused(id: number, paused: boolean) {
    return this.db.prepare('UPDATE subscriptions SET paused = ? WHERE id = ?').run(paused ? 1 : 0, id).changes > 0;
  }

  async removeSubscription(id: number) {
    return this.db.prepare('DELETE FROM subscriptions WHERE id = ?').run(id).changes > 0;
  }

  async claimDelivery(subscriptionId: number, slot: string, claimedBy: string, at: string, leaseUntil: string) {
    const row = this.db.prepare(forSqlite(deliveries.CLAIM_DELIVERY)).get(subscriptionId, slot, claimedBy, at, leaseUntil) as deliveries.ClaimRow | undefined;
    return row ? deliveries.toClaim(row) : null;
  }

  async renewDelivery(subscriptionId: number, slot: string, claimedBy: string, leaseUntil: string, posting: boolean) {
    return this.db.prepare(forSqlite(deliveries.RENEW_DELIVERY)).run(leaseUntil, posting ? 1 : 0, subscriptionId, slot, claimedBy).changes > 0;
  }

  async expiredDeliveries(now: string) {
    return (this.db.prepare(forSqlite(deliveries.EXPIRED_DELIVERIES)).all(now) as deliveries.ExpiredRow[]).map(deliveries.toExpired);
  }

  async finishDelivery(subscriptionId: number, slot: string, status: Exclude<DeliveryStatus, OpenDeliveryStatus>, at: string, error?: string) {
    this.db.transaction(() => {
      this.db
        .prepare("INSERT INTO deliveries (subscription_id, slot, status, claimed_by, claimed_at) VALUES (?, ?, 'claimed', NULL, ?) ON CONFLICT DO NOTHING")
        .run(subscriptionId, slot, at);
      this.db
        .prepare('UPDATE deliveries SET status = ?, done_at = ?, error = ? WHERE subscription_id = ? AND slot = ?')
        .run(status, at, error ?? null, subscriptionId, slot);
      // A digest covers what was new when it was composed, right after its claim.
      if (status === 'sent' || status === 'empty') {
        this.db
          .prepare('UPDATE subscriptions SET last_delivered_at = (SELECT claimed_at FROM deliveries WHERE subscription_id = ? AND slot = ?) WHERE id = ?')
          .run(subscriptionId, slot, subscriptionId);
      }
    })();
  }

  async deliveryStatus(subscriptionId: number, slot: string) {
    const row = this.db.prepare('SELECT status FROM deliveries WHERE subscription_id = ? AND slot = ?').get(subscriptionId, slot) as
      | { status: DeliveryStatus }
      | undefined;
    return row?.status ?? null;
  }

  async saveSlackInstallation(installation: SlackInstallationRecord, at: string) {
    this.db.prepare(forSqlite(installations.SAVE_INSTALLATION)).run(...installations.saveParams(installation, at));
  }

  async slackInstallation(id: string) {
    const row = this.db.prepare(forSqlite(installations.GET_INSTALLATION)).get(id) as installations.InstallationRow | undefined;
    return row ? installations.toInstallation(row) : null;
  }

  async deleteSlackInstallation(id: string) {
    return this.db.prepare(forSqlite(installations.DELETE_INSTALLATION)).run(id).changes > 0;
  }

  async countSlackInstallations() {
    return (this.db.prepare(installations.COUNT_INSTALLATIONS).get() as { n: number }).n;
  }

  async close() {
    if (this.db.open) this.db.close();
  }
}
