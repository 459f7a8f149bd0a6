import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';

// One way to talk to either engine, so the store's queries are written once. SQL is written for
// PostgreSQL (`$1`, `$2`…); for SQLite each `$n` becomes the named parameter `@pn`, so a parameter
// may appear several times and in any order. Values come back as the engine gives them: PostgreSQL
// returns BIGINT and COUNT as strings, so row readers convert with Number().

export type Dialect = 'sqlite' | 'postgres';
export type Row = Record<string, unknown>;

export interface Sql {
  readonly dialect: Dialect;
  all<T = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  get<T = Row>(sql: string, params?: unknown[]): Promise<T | undefined>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
  /** Runs `work` in one transaction; inside it, use the `Sql` it is given. */
  tx<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const PARAM = /\$(\d+)/g;

/** SQLite through better-sqlite3: statements are prepared once and cached by their text. */
export class SqliteSql implements Sql {
  readonly dialect = 'sqlite';
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  /** A transaction holds the one connection; other callers wait for it (see `tx`). */
  private busy: Promise<void> | null = null;

  constructor(readonly db: BetterSqlite3.Database) {}

  private prepare(sql: string): BetterSqlite3.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      // Lists of varying length make new statements; the cache stays bounded.
      if (this.statements.size >= 2000) this.statements.clear();
      statement = this.db.prepare(sql.replace(PARAM, '@p$1'));
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private bind(params: unknown[]): Record<string, unknown> {
    const named: Record<string, unknown> = {};
    params.forEach((v, i) => {
      named[`p${i + 1}`] = v === undefined ? null : typeof v === 'boolean' ? Number(v) : v;
    });
    return named;
  }

  // The connection is synchronous, but a transaction's work awaits between statements: another
  // caller's statement must not run inside it, so while one is open everyone else waits.
  private async turn(): Promise<void> {
    while (this.busy) await this.busy;
  }

  async all<T = Row>(sql: string, params: unknown[] = []): Promise<T[]> {
    if (this.busy) await this.turn();
    return this.allNow<T>(sql, params);
  }

  async get<T = Row>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    if (this.busy) await this.turn();
    return this.getNow<T>(sql, params);
  }

  async run(sql: string, params: unknown[] = []): Promise<number> {
    if (this.busy) await this.turn();
    return this.runNow(sql, params);
  }

  allNow<T>(sql: string, params: unknown[] = []): T[] {
    return this.prepare(sql).all(this.bind(params)) as T[];
  }

  getNow<T>(sql: string, params: unknown[] = []): T | undefined {
    return this.prepare(sql).get(this.bind(params)) as T | undefined;
  }

  runNow(sql: string, params: unknown[] = []): number {
    const statement = this.prepare(sql);
    // A statement with RETURNING reads rows; better-sqlite3 wants .all() for it.
    if (statement.reader) return statement.all(this.bind(params)).length;
    return statement.run(this.bind(params)).changes;
  }

  async tx<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    await this.turn();
    let release = () => {};
    this.busy = new Promise<void>((resolve) => {
      release = resolve;
    });
    const inner: Sql = {
      dialect: 'sqlite',
      all: async (s, p) => this.allNow(s, p),
      get: async (s, p) => this.getNow(s, p),
      run: async (s, p) => this.runNow(s, p),
      tx: (w) => w(inner),
      close: async () => {},
    };
    try {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(inner);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    } finally {
      this.busy = null;
      release();
    }
  }

  async close(): Promise<void> {
    await this.turn();
    if (this.db.open) this.db.close();
  }
}

/** PostgreSQL through a pg pool; a transaction runs on one client of its own. */
export class PostgresSql implements Sql {
  readonly dialect = 'postgres';
  private readonly direct: Pick<Sql, 'all' | 'get' | 'run'>;

  constructor(readonly pool: pg.Pool) {
    this.direct = PostgresSql.on(pool);
  }

  static on(client: pg.PoolClient | pg.Pool): Pick<Sql, 'all' | 'get' | 'run'> {
    return {
      all: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
      get: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0] as T | undefined,
      run: async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rowCount ?? 0,
    };
  }

  all<T = Row>(sql: string, params?: unknown[]): Promise<T[]> {
    return this.direct.all<T>(sql, params);
  }

  get<T = Row>(sql: string, params?: unknown[]): Promise<T | undefined> {
    return this.direct.get<T>(sql, params);
  }

  run(sql: string, params?: unknown[]): Promise<number> {
    return this.direct.run(sql, params);
  }

  async tx<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const inner: Sql = { dialect: 'postgres', ...PostgresSql.on(client), tx: (w) => w(inner), close: async () => {} };
    try {
      await client.query('BEGIN');
      const result = await work(inner);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
