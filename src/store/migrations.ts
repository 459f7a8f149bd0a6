// Versioned schema. Each migration runs once, in order, inside a transaction, and is recorded in
// schema_migrations. The SQL is portable: `{{id}}` becomes each engine's auto-increment key.

export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'sources, articles, subscriptions, deliveries',
    statements: [
      `CREATE TABLE sources (
        id {{id}},
        url TEXT NOT NULL UNIQUE,
        title TEXT,
        added_at TEXT NOT NULL,
        added_by TEXT,
        status TEXT NOT NULL DEFAULT 'ok',
        last_error TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        last_polled_at TEXT,
        last_ok_at TEXT,
        next_poll_at TEXT,
        etag TEXT,
        last_modified TEXT
      )`,
      `CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        source_id INTEGER REFERENCES sources(id) ON DELETE CASCADE,
        url TEXT,
        guid TEXT,
        content_hash TEXT NOT NULL,
        title TEXT NOT NULL,
        published TEXT,
        first_seen TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        analyzer_version INTEGER NOT NULL,
        body TEXT NOT NULL,
        analysis TEXT NOT NULL
      )`,
      'CREATE INDEX articles_url ON articles (url)',
      'CREATE INDEX articles_content_hash ON articles (content_hash)',
      'CREATE INDEX articles_source ON articles (source_id)',
      `CREATE TABLE subscriptions (
        id {{id}},
        platform TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        topic TEXT NOT NULL,
        schedule TEXT NOT NULL,
        timezone TEXT NOT NULL,
        created_by TEXT,
        created_at TEXT NOT NULL,
        paused INTEGER NOT NULL DEFAULT 0,
        last_delivered_at TEXT
      )`,
      'CREATE INDEX subscriptions_channel ON subscriptions (platform, channel_id)',
      `CREATE TABLE deliveries (
        subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
        slot TEXT NOT NULL,
        status TEXT NOT NULL,
        claimed_by TEXT,
        claimed_at TEXT NOT NULL,
        done_at TEXT,
        error TEXT,
        PRIMARY KEY (subscription_id, slot)
      )`,
    ],
  },
  {
    version: 2,
    name: 'article index terms, so start-up does not tokenize the library',
    statements: ['ALTER TABLE articles ADD COLUMN terms TEXT'],
  },
  {
    version: 3,
    name: 'feed leases, so several instances never poll one feed at once',
    statements: ['ALTER TABLE sources ADD COLUMN lease_owner TEXT', 'ALTER TABLE sources ADD COLUMN lease_until TEXT'],
  },
  {
    version: 4,
    name: 'delivery leases, so a digest claimed by an instance that died is taken over',
    statements: [
      'ALTER TABLE deliveries ADD COLUMN lease_until TEXT',
      'ALTER TABLE deliveries ADD COLUMN attempts INTEGER NOT NULL DEFAULT 1',
      'CREATE INDEX deliveries_open ON deliveries (status, lease_until)',
    ],
  },
  {
    version: 5,
    name: 'Slack installations, for the OAuth install flow across workspaces',
    statements: [
      `CREATE TABLE slack_installations (
        id TEXT PRIMARY KEY,
        team_id TEXT,
        enterprise_id TEXT,
        installation TEXT NOT NULL,
        installed_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      )`,
    ],
  },
];

export function migrationSql(statement: string, dialect: 'sqlite' | 'postgres'): string {
  return statement.replaceAll('{{id}}', dialect === 'sqlite' ? 'INTEGER PRIMARY KEY AUTOINCREMENT' : 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY');
}

/** Shared SQL is written for PostgreSQL with each `$n` once and in order, so SQLite's `?` can stand for it. */
export const forSqlite = (sql: string) => sql.replaceAll(/\$\d/g, '?');
