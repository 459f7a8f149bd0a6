import pg from 'pg';
import { MIGRATIONS, migrationSql } from './migrations.ts';
import { num } from './rows.ts';
import { PostgresSql } from './sql.ts';
import { SqlStore } from './sqlStore.ts';
import type { StoredArticle } from './store.ts';

/** The tables whose planner statistics the library's queries depend on. */
const PLANNED = ['search_docs', 'articles', 'quotes', 'people', 'person_names', 'person_words', 'stories', 'lead_terms'];

/** The store on PostgreSQL, for deployments that run several instances on one database. */
export class PostgresStore extends SqlStore {
  /** Connects and applies the migrations (serialised by an advisory lock across instances). */
  static async open(connectionString: string, options: { schema?: string } = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString, max: 8, options: options.schema ? `-c search_path=${options.schema}` : undefined });
    pool.on('error', () => {}); // an idle client's connection dropped: the next query reconnects
    const sql = new PostgresSql(pool);
    await sql.tx(async (c) => {
      await c.run('SELECT pg_advisory_xact_lock(727364)');
      await c.run('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
      const applied = new Set((await c.all<{ version: unknown }>('SELECT version FROM schema_migrations')).map((r) => Number(r.version)));
      for (const m of MIGRATIONS) {
        if (applied.has(m.version)) continue;
        for (const s of m.statements) await c.run(migrationSql(s, 'postgres'));
        await c.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
      }
    });
    return new PostgresStore(sql);
  }

  override async putArticles(articles: StoredArticle[], at: string) {
    const outcomes = await super.putArticles(articles, at);
    if (outcomes.some((o) => o === 'added' || o === 'updated')) await this.keepStatistics();
    return outcomes;
  }

  override async deleteArticles(ids: string[]) {
    const removed = await super.deleteArticles(ids);
    if (removed) await this.keepStatistics();
    return removed;
  }

  override async pruneArticles(before: number, limit: number) {
    const removed = await super.pruneArticles(before, limit);
    if (removed) await this.keepStatistics();
    return removed;
  }

  /**
   * Refreshes the planner's statistics once the library has changed by a tenth since they were
   * taken (as autovacuum would). Without them a common word is estimated at 0.5 % of the rows and
   * its newest matches are read by sorting all of them (143 ms against 7 ms at 100,000 articles);
   * autovacuum may be off, or behind a bulk ingest. One instance takes the turn.
   */
  private async keepStatistics(): Promise<void> {
    const row = await this.sql.get("SELECT (SELECT value FROM meta WHERE key = 'live') AS live, (SELECT value FROM meta WHERE key = 'analyzed') AS analyzed");
    const live = num(row?.live);
    const analyzed = row?.analyzed === null || row?.analyzed === undefined ? null : num(row.analyzed);
    if (analyzed !== null && Math.abs(live - analyzed) < 500 + analyzed / 10) return;
    const claimed =
      analyzed === null
        ? await this.sql.run("INSERT INTO meta (key, value) VALUES ('analyzed', $1) ON CONFLICT (key) DO NOTHING", [live])
        : await this.sql.run("UPDATE meta SET value = $1 WHERE key = 'analyzed' AND value = $2", [live, analyzed]);
    if (claimed) await this.sql.run(`ANALYZE ${PLANNED.join(', ')}`);
  }
}
