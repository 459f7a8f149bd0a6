import { PostgresStore } from './postgres.ts';
import { SqliteStore } from './sqlite.ts';
import type { Store } from './store.ts';

/** The store named by DATABASE_URL: `sqlite:<file>` (the default) or a PostgreSQL URL. */
export async function openStore(databaseUrl: string): Promise<Store> {
  if (databaseUrl.startsWith('sqlite:')) {
    const file = databaseUrl.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '') || 'data/briefbot.db';
    return new SqliteStore(file);
  }
  return PostgresStore.open(databaseUrl);
}
