// Versioned schema. Each migration runs once, in order, inside a transaction, and is recorded in
// schema_migrations. The SQL is portable: `{{id}}` becomes each engine's auto-increment key, `{{doc}}` a 64-bit key.

export interface Migration {
  version: number;
  name: string;
  /** Portable SQL, or one statement per engine where they differ (full-text search). */
  statements: (string | { sqlite: string; postgres: string })[];
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
  {
    version: 6,
    name: 'the library in the store: search, stories, people and quotes, queried per command',
    statements: [
      `CREATE TABLE meta (key TEXT PRIMARY KEY, value BIGINT NOT NULL)`,
      `INSERT INTO meta (key, value) VALUES ('seq', 0), ('docs', 0), ('live', 0), ('length', 0)`,
      `CREATE TABLE stories (
        id {{id}},
        first_time BIGINT NOT NULL,
        last_time BIGINT NOT NULL,
        articles INTEGER NOT NULL DEFAULT 0
      )`,
      // One row per indexed article. `doc` orders articles by time (seconds, then a counter), so
      // "the newest matches" is a walk down the full-text index, never a sort.
      `CREATE TABLE search_docs (
        doc {{doc}},
        article_id TEXT NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE,
        story_id BIGINT,
        time BIGINT NOT NULL,
        seen BIGINT NOT NULL,
        source TEXT,
        title TEXT NOT NULL,
        head TEXT NOT NULL,
        length INTEGER NOT NULL,
        weights TEXT NOT NULL,
        lead TEXT NOT NULL
      )`,
      'CREATE INDEX search_docs_story ON search_docs (story_id, doc)',
      {
        sqlite: `CREATE VIRTUAL TABLE search_fts USING fts5(terms, content='', contentless_delete=1, detail=none, tokenize='unicode61 remove_diacritics 0')`,
        postgres: 'ALTER TABLE search_docs ADD COLUMN tsv tsvector',
      },
      {
        sqlite: 'CREATE TRIGGER search_docs_gone AFTER DELETE ON search_docs BEGIN DELETE FROM search_fts WHERE rowid = old.doc; END',
        postgres: 'CREATE INDEX search_docs_tsv ON search_docs USING gin (tsv) WITH (fastupdate = off)',
      },
      // Lead words (headline, standfirst, first paragraph) with how many articles lead with them:
      // topics to suggest and complete, and the rarity that weighs story similarity.
      `CREATE TABLE lead_terms (term TEXT PRIMARY KEY, word TEXT NOT NULL, df INTEGER NOT NULL)`,
      `CREATE TABLE people (
        id {{id}},
        key TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        surname TEXT NOT NULL,
        gender TEXT,
        mentions INTEGER NOT NULL DEFAULT 0,
        articles INTEGER NOT NULL DEFAULT 0,
        quotes INTEGER NOT NULL DEFAULT 0
      )`,
      'CREATE INDEX people_surname ON people (surname, mentions)',
      'CREATE INDEX people_rank ON people (quotes, mentions)',
      `CREATE TABLE person_names (
        person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        form TEXT NOT NULL,
        folded TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (person_id, kind, form)
      )`,
      'CREATE INDEX person_names_folded ON person_names (folded)',
      `CREATE TABLE person_words (word TEXT NOT NULL, person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE, PRIMARY KEY (word, person_id))`,
      `CREATE TABLE article_people (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        person_id BIGINT NOT NULL,
        mentions INTEGER NOT NULL,
        quotes INTEGER NOT NULL,
        PRIMARY KEY (article_id, name)
      )`,
      'CREATE INDEX article_people_person ON article_people (person_id)',
      `CREATE TABLE quotes (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        n INTEGER NOT NULL,
        person_id BIGINT,
        time BIGINT NOT NULL,
        text TEXT NOT NULL,
        start_at INTEGER NOT NULL,
        end_at INTEGER NOT NULL,
        partial INTEGER NOT NULL,
        cue TEXT,
        PRIMARY KEY (article_id, n)
      )`,
      'CREATE INDEX quotes_person ON quotes (person_id, time)',
      // The briefings folder as last synced, so a restart compares sizes and times, not texts.
      `CREATE TABLE folder_files (path TEXT PRIMARY KEY, size BIGINT NOT NULL, mtime BIGINT NOT NULL, article_id TEXT NOT NULL)`,
      `CREATE TABLE digest_stories (
        subscription_id BIGINT NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
        story_id BIGINT NOT NULL,
        first_sent_at TEXT NOT NULL,
        PRIMARY KEY (subscription_id, story_id)
      )`,
      'CREATE INDEX articles_version ON articles (analyzer_version)',
      'CREATE INDEX articles_first_seen ON articles (first_seen)',
    ],
  },
  {
    version: 7,
    name: 'feed items as last read, so an unchanged item is not read, analysed or fetched again',
    statements: [
      `CREATE TABLE feed_items (
        source_id BIGINT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        item_key TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        article_id TEXT NOT NULL,
        page_failures INTEGER NOT NULL DEFAULT 0,
        page_retry_at TEXT,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (source_id, item_key)
      )`,
    ],
  },
  {
    version: 8,
    name: 'the PostgreSQL search index takes new articles in a small pending list',
    statements: [
      {
        // Without a pending list each stored article updates the index for each of its few hundred
        // terms: 1.4 ms of the 4.0 ms an article's write took at 5,000 articles, 0.5 ms with one.
        // Searches also read the list until it is merged, so it is kept small: at the default 4 MB
        // a /brief took twice as long (p50 28 against 16 ms), at 256 kB the difference is lost in
        // the noise. Merging happens when it fills, by the writer, as well as in (auto)vacuum.
        sqlite: 'SELECT 1',
        postgres: 'ALTER INDEX search_docs_tsv SET (fastupdate = on, gin_pending_list_limit = 256)',
      },
    ],
  },
];

export function migrationSql(statement: Migration['statements'][number], dialect: 'sqlite' | 'postgres'): string {
  if (typeof statement !== 'string') return statement[dialect];
  return (
    statement
      .replaceAll('{{id}}', dialect === 'sqlite' ? 'INTEGER PRIMARY KEY AUTOINCREMENT' : 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY')
      // A key we assign ourselves; on SQLite it is the rowid itself, which the full-text index joins on.
      .replaceAll('{{doc}}', dialect === 'sqlite' ? 'INTEGER PRIMARY KEY' : 'BIGINT PRIMARY KEY')
  );
}
