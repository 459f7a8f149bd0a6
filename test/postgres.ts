import { randomBytes } from 'node:crypto';
import pg from 'pg';

// The machine's PostgreSQL, for the tests that need a real server. Outside CI an unreachable
// server skips them with a visible warning; in CI (CI=true) it fails the run.

export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function admin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Whether PostgreSQL answers; `what` names the tests that are skipped when it does not. */
export async function postgresAvailable(what: string): Promise<boolean> {
  const up = await admin(async () => true).catch(() => false);
  if (!up && process.env.CI === 'true') throw new Error(`PostgreSQL is not reachable at ${PG_URL}, and CI must run ${what}`);
  if (!up) console.warn(`\nPostgreSQL not reachable at ${PG_URL}: ${what} are SKIPPED here (set TEST_DATABASE_URL).\n`);
  return up;
}

/** A new, empty schema of its own for one test database; `dropSchemas` removes them all. */
const created: string[] = [];
export async function freshSchema(prefix = 'briefbot_test'): Promise<string> {
  const schema = `${prefix}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE SCHEMA ${schema}`));
  created.push(schema);
  return schema;
}

export async function dropSchemas(): Promise<void> {
  if (!created.length) return;
  await admin(async (c) => {
    for (const s of created.splice(0)) await c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  });
}

/** Runs SQL against one schema (for assertions on what the store wrote). */
export function query<T>(schema: string, sql: string, params: unknown[] = []): Promise<T[]> {
  return admin(async (c) => {
    await c.query(`SET search_path TO ${schema}`);
    return (await c.query(sql, params)).rows as T[];
  });
}

/** A DATABASE_URL that puts a process in `schema`. */
export const schemaUrl = (schema: string) => `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
