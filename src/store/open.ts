import type { Store } from './store.ts';

/**
 * The store named by DATABASE_URL: `sqlite:<file>` (the default) or a PostgreSQL URL. Only the
 * engine in use is loaded: a PostgreSQL deployment never loads SQLite's native module.
 */
export async function openStore(databaseUrl: string): Promise<Store> {
  if (databaseUrl.startsWith('sqlite:')) {
    const file = databaseUrl.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '') || 'data/briefbot.db';
    const { SqliteStore } = await import('./sqlite.ts');
    return new SqliteStore(file);
  }
  const { PostgresStore } = await import('./postgres.ts');
  return PostgresStore.open(databaseUrl);
}
