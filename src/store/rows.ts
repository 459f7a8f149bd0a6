import type { Sql } from './sql.ts';

// Small helpers for statements whose size depends on the data: lists in IN (…) and multi-row
// inserts, chunked under both engines' limits on bound parameters.

/** `$k, $k+1, …` for `count` values starting at parameter `from`. */
export function placeholders(count: number, from = 1): string {
  return Array.from({ length: count }, (_, i) => `$${from + i}`).join(', ');
}

const MAX_PARAMS = 30_000;

/**
 * Inserts `rows` (each an array in `columns` order) in as few statements as the engines allow.
 * `tail` follows the VALUES list (ON CONFLICT …, RETURNING …); the returned rows are concatenated.
 */
export async function insertRows<T>(sql: Sql, head: string, columns: number, rows: unknown[][], tail = ''): Promise<T[]> {
  const out: T[] = [];
  const returns = /RETURNING/i.test(tail);
  // SQLite runs in-process: one prepared single-row statement, run per row, beats preparing a
  // statement of every size. PostgreSQL is a round trip away: as few statements as possible.
  if (sql.dialect === 'sqlite') {
    const statement = `${head} VALUES (${placeholders(columns)}) ${tail}`;
    for (const row of rows) {
      if (returns) out.push(...(await sql.all<T>(statement, row)));
      else await sql.run(statement, row);
    }
    return out;
  }
  const perChunk = Math.max(1, Math.floor(MAX_PARAMS / columns));
  for (let i = 0; i < rows.length; i += perChunk) {
    const chunk = rows.slice(i, i + perChunk);
    const values = chunk.map((_, r) => `(${placeholders(columns, r * columns + 1)})`).join(', ');
    const statement = `${head} VALUES ${values} ${tail}`;
    if (returns) out.push(...(await sql.all<T>(statement, chunk.flat())));
    else await sql.run(statement, chunk.flat());
  }
  return out;
}

/**
 * Runs `query` with `IN (…)` over `values`, concatenating the rows: on SQLite the list is one JSON
 * parameter (one statement whatever its length), on PostgreSQL chunks of placeholders.
 */
export async function selectIn<T>(sql: Sql, values: unknown[], query: (list: string) => string, params: unknown[] = []): Promise<T[]> {
  if (!values.length) return [];
  if (sql.dialect === 'sqlite') return sql.all<T>(query(`SELECT value FROM json_each($${params.length + 1})`), [...params, JSON.stringify(values)]);
  const out: T[] = [];
  const perChunk = MAX_PARAMS - params.length;
  for (let i = 0; i < values.length; i += perChunk) {
    const chunk = values.slice(i, i + perChunk);
    out.push(...(await sql.all<T>(query(placeholders(chunk.length, params.length + 1)), [...params, ...chunk])));
  }
  return out;
}

export const num = (v: unknown): number => Number(v ?? 0);
export const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
