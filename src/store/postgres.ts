import pg from 'pg';
import { MIGRATIONS, migrationSql } from './migrations.ts';
import { PostgresSql } from './sql.ts';
import { SqlStore } from './sqlStore.ts';

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
}
