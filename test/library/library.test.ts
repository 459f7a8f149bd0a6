import { mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { renderReply } from '../../src/adapters/console/render.ts';
import { createApp } from '../../src/app.ts';
import { brief } from '../../src/commands/brief.ts';
import { runCommand } from '../../src/commands/run.ts';
import { loadConfig } from '../../src/config.ts';
import type { RawArticle } from '../../src/core/article.ts';
import { ANALYZER_VERSION } from '../../src/core/version.ts';
import { Library } from '../../src/library/library.ts';
import { reanalyzeAll } from '../../src/library/maintenance.ts';
import { createLogger } from '../../src/log.ts';
import { toStoredArticle } from '../../src/sources/storedArticle.ts';
import { MIGRATIONS, migrationSql } from '../../src/store/migrations.ts';
import { PostgresStore } from '../../src/store/postgres.ts';
import { serializeAnalysis } from '../../src/store/serialize.ts';
import { SqliteSql } from '../../src/store/sql.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import type { Store } from '../../src/store/store.ts';
import { OPEN_NETWORK } from '../helpers.ts';
import { dropSchemas, freshSchema, PG_URL, postgresAvailable, query, schemaUrl } from '../postgres.ts';

// The library served from the store: the same answers on both engines, stories decided once at
// ingest, every process answering from what any process stored, pruning, and stores written
// before the library moved in.

const NOW = Date.parse('2025-03-10T12:00:00Z');
const AT = new Date(NOW - 3_600_000).toISOString();
const log = createLogger([], () => {});
const pgUp = await postgresAvailable('the library contract tests');
afterAll(dropSchemas);

const day = (d: number) => new Date(Date.parse('2025-03-01T09:00:00Z') + d * 86_400_000).toISOString();
/** Invented news: three stories told by several outlets, and unrelated articles around them. */
const CORPUS: RawArticle[] = [
  {
    id: 'flood-1',
    source: 'Harbour Times',
    published: day(8),
    body: 'Thames flood barrier closed as storm surge nears London\n\nThe Thames Barrier was closed on Sunday as a storm surge moved up the estuary.\n\n“We expect the highest tides in forty years,” said Environment Agency chief Dana Holt.',
  },
  {
    id: 'flood-2',
    source: 'Evening Courier',
    published: day(8),
    body: 'Storm surge: London shuts Thames Barrier\n\nEngineers shut the Thames Barrier as the storm surge approached London on Sunday.\n\n“The barrier is doing exactly what it was built for,” Holt told reporters.',
  },
  {
    id: 'flood-3',
    source: 'Morning Post',
    published: day(9),
    body: 'Thames Barrier holds back record storm surge\n\nThe Thames Barrier held back a record storm surge overnight, officials said.',
  },
  {
    id: 'rail-1',
    source: 'Harbour Times',
    published: day(7),
    body: 'Rail unions call off strike after pay deal\n\nRail unions called off next week’s strike after a pay deal was reached.\n\n“Our members have won a fair deal,” union leader Maria Lopez said.',
  },
  {
    id: 'rail-2',
    source: 'Morning Post',
    published: day(7),
    body: 'Rail strike cancelled as unions accept pay offer\n\nThe rail strike was cancelled after unions accepted the pay offer.\n\n“This is a fair deal for passengers and staff,” Transport Secretary Omar Reyes said.',
  },
  {
    id: 'budget-1',
    source: 'Evening Courier',
    published: day(5),
    body: 'Parliament passes the budget after long debate\n\nParliament passed the budget late on Friday.\n\n“This budget protects the families who need it most,” Finance Minister Carl Jensen said.',
  },
  {
    id: 'garden-1',
    source: 'Gazette',
    published: day(3),
    body: 'Spring flowers bloom early in city parks\n\nGardeners say the mild winter brought the tulips out weeks early.',
  },
  {
    id: 'old-flood',
    source: 'Gazette',
    published: '2019-02-01T09:00:00Z',
    body: 'Flood defences tested in 2019\n\nAn old story about flood defences on the coast.',
  },
];

const stored = (raws: RawArticle[]) => raws.map((r) => toStoredArticle(r, { sourceId: null, url: null, guid: null }));

interface Engine {
  name: string;
  up: boolean;
  open: () => Promise<{ store: Store; reopen: () => Promise<Store> }>;
  /** A database at schema 5, as the previous version left it: raw SQL into it, then open it. */
  legacy: () => Promise<{ exec: (sql: string, params: unknown[]) => Promise<void>; open: () => Promise<Store> }>;
}
const BEFORE = MIGRATIONS.filter((m) => m.version <= 5);
const engines: Engine[] = [
  {
    name: 'SQLite',
    up: true,
    open: async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'briefbot-lib-')), 'db.sqlite');
      return { store: new SqliteStore(file), reopen: async () => new SqliteStore(file) };
    },
    legacy: async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'briefbot-legacy-')), 'db.sqlite');
      const db = new Database(file);
      db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
      for (const m of BEFORE) {
        for (const st of m.statements) db.exec(migrationSql(st, 'sqlite'));
        db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, AT);
      }
      return {
        exec: async (sql, params) => void (await new SqliteSql(db).run(sql, params)),
        open: async () => {
          db.close();
          return new SqliteStore(file);
        },
      };
    },
  },
  {
    name: 'PostgreSQL',
    up: pgUp,
    open: async () => {
      const schema = await freshSchema('briefbot_lib');
      return { store: await PostgresStore.open(PG_URL, { schema }), reopen: () => PostgresStore.open(PG_URL, { schema }) };
    },
    legacy: async () => {
      const schema = await freshSchema('briefbot_legacy');
      await query(schema, 'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
      for (const m of BEFORE) {
        for (const st of m.statements) await query(schema, migrationSql(st, 'postgres'));
        await query(schema, 'INSERT INTO schema_migrations VALUES ($1, $2, $3)', [m.version, m.name, AT]);
      }
      return { exec: async (sql, params) => void (await query(schema, sql, params)), open: () => PostgresStore.open(PG_URL, { schema }) };
    },
  },
];

/** What a user sees of an answer: stories as their articles, points, quotes with speakers, people. */
async function answers(library: Library) {
  const out: Record<string, unknown> = {};
  for (const topic of ['thames barrier', 'storm surge london', 'rail strike', 'flood', 'budget', 'Dana Holt', 'fair deal for passengers']) {
    const b = await library.brief(topic, { now: NOW });
    out[topic] = {
      total: b.total,
      stories: b.stories.map((s) => [s.id, ...s.alsoIn.map((a) => a.id)]),
      outlets: b.stories.map((s) => s.outlets),
      points: b.points.map((p) => p.text),
      quotes: b.quotes.map((q) => `${q.speaker}: ${q.text}`),
      people: b.people.map((p) => p.name),
    };
  }
  out.quotes = (await library.quotes('holt', { now: NOW })).quotes.map((q) => q.text);
  out.people = (await library.people()).map((p) => `${p.name} ${p.quotes}/${p.articles}`);
  return out;
}

describe('the library in the store', () => {
  const seen: Record<string, unknown>[] = [];

  describe.each(engines)('on $name', (engine) => {
    const run = engine.up ? it : it.skip;

    run('tells each story once, with all its outlets, whatever the question', async () => {
      const { store } = await engine.open();
      await store.putArticles(stored(CORPUS), AT);
      const library = new Library(store);
      const flood = await library.brief('thames barrier', { now: NOW });
      expect([flood.stories[0]?.id, ...(flood.stories[0]?.alsoIn.map((a) => a.id) ?? [])].sort()).toEqual(['flood-1', 'flood-2', 'flood-3']);
      expect(flood.stories[0]).toMatchObject({ outlets: 3, size: 3, since: day(8) });
      // Another question about the same event gets the same story, not a regrouping.
      const surge = await library.brief('record storm surge', { now: NOW });
      expect(surge.stories[0]?.storyId).toBe(flood.stories[0]?.storyId);
      const rail = await library.brief('rail strike', { now: NOW });
      expect(rail.stories).toHaveLength(1);
      expect(rail.stories[0]?.alsoIn).toHaveLength(1);
      seen.push(await answers(library));
      await store.close();
    });

    run('finds another outlet’s report of a story among hundreds of newer articles sharing one of its words', async () => {
      const { store } = await engine.open();
      const at = day(9);
      const raw = (id: string, body: string, source: string): RawArticle => ({ id, body, source, published: at });
      await store.putArticles(
        stored([
          raw('a', 'Thames barrier floodgates jammed by surge\n\nThe Thames barrier floodgates jammed on Monday as a surge reached the estuary.', 'Gazette'),
        ]),
        AT,
      );
      // A busy newsroom's window: many articles that share none of its words, and many that share one.
      const words = ['thames', 'barrier', 'floodgates', 'jammed', 'surge'];
      const others: RawArticle[] = [];
      for (let i = 0; i < 400; i++)
        others.push(
          raw(`o${i}`, `Council item ${i.toString(36)} on meters\n\nItem ${i.toString(36)} of the agenda covers parking meters in ward ${i}.`, 'Courier'),
        );
      for (let i = 0; i < 250; i++)
        others.push(
          raw(
            `f${i}`,
            `${words[i % 5]} note ${i.toString(36)} for ward\n\nA ${words[i % 5]} note number ${i.toString(36)} was filed for ward ${i}.`,
            'Courier',
          ),
        );
      await store.putArticles(stored(others), AT);
      await store.putArticles(
        stored([
          raw('b', 'Surge jams Thames barrier floodgates\n\nFloodgates on the Thames barrier jammed during the surge, the agency said on Monday.', 'Herald'),
        ]),
        AT,
      );
      const brief = await new Library(store).brief('thames barrier floodgates', { now: NOW });
      expect([brief.stories[0]?.id, ...(brief.stories[0]?.alsoIn.map((a) => a.id) ?? [])].sort()).toEqual(['a', 'b']);
      await store.close();
    });

    run('counts honestly, and says when only older articles match', async () => {
      const { store } = await engine.open();
      await store.putArticles(stored(CORPUS), AT);
      const library = new Library(store);
      expect((await library.brief('flood', { now: NOW })).total).toBe(2);
      const week = await library.brief('flood defences coast', { now: NOW, since: 7 * 86_400_000 });
      expect(week.stories).toEqual([]);
      expect(week.older).toEqual({ total: 1, since: null });
      const recent = await library.brief('spring flowers', { now: NOW, since: 86_400_000 });
      expect(recent.older).toEqual({ total: 1, since: '7d' });
      await store.close();
    });

    run('keeps a one-word total exact while another process writes and deletes', async () => {
      const { store, reopen } = await engine.open();
      await store.putArticles(stored(CORPUS), AT);
      const library = new Library(store);
      expect((await library.brief('flood', { now: NOW })).total).toBe(2);
      expect((await library.brief('flood', { now: NOW })).total).toBe(2);
      // The count of the word is remembered, but not past a change to the library.
      const other = await reopen();
      await other.putArticles(stored([{ id: 'flood-9', title: 'Flood warning', body: 'Flood warning\n\nA flood warning was issued for the estuary.' }]), AT);
      expect((await library.brief('flood', { now: NOW })).total).toBe(3);
      await other.deleteArticle('flood-9');
      expect((await library.brief('flood', { now: NOW })).total).toBe(2);
      await other.close();
      await store.close();
    });

    run('keeps stories and people across a restart and in a second process', async () => {
      const { store, reopen } = await engine.open();
      await store.putArticles(stored(CORPUS.slice(0, 4)), AT);
      const before = await new Library(store).brief('thames barrier', { now: NOW });
      // A second connection is what another process holds: it sees each write at once.
      const other = await reopen();
      await store.putArticles(stored(CORPUS.slice(4)), AT);
      expect((await new Library(other).brief('budget', { now: NOW })).stories[0]?.id).toBe('budget-1');
      await store.close();
      const again = await new Library(other).brief('thames barrier', { now: NOW });
      expect(again.stories.map((s) => s.storyId)).toEqual(before.stories.map((s) => s.storyId));
      expect((await new Library(other).quotes('Dana Holt', { now: NOW })).quotes).toHaveLength(2);
      await other.close();
    });

    run('prunes old articles with what they indexed, and briefs on what is left', async () => {
      const { store } = await engine.open();
      await store.putArticles(stored(CORPUS), AT);
      const library = new Library(store);
      // Before 7 March: the 2019 story, the spring flowers (4 March) and the budget (6 March), two at a time.
      expect(await store.pruneArticles(Date.parse('2025-03-07T00:00:00Z'), 2)).toBe(2);
      expect(await store.pruneArticles(Date.parse('2025-03-07T00:00:00Z'), 100)).toBe(1);
      expect(await store.countArticles()).toBe(CORPUS.length - 3);
      expect((await library.brief('budget', { now: NOW })).stories).toEqual([]);
      expect((await library.quotes('Carl Jensen', { now: NOW })).person).toBeNull();
      expect((await library.brief('thames barrier', { now: NOW })).stories[0]?.outlets).toBe(3);
      expect((await library.people()).map((p) => p.name)).not.toContain('Carl Jensen');
      await store.close();
    });

    run('migrates a store written before the library moved in, losing nothing', async () => {
      const legacy = await engine.legacy();
      // Rows as the previous version wrote them (schema 5, analyzer 2, its term format).
      for (const a of stored(CORPUS)) {
        const { body, analysis } = serializeAnalysis(a.analysis);
        const oldTerms = a.terms
          .trim()
          .split(' ')
          .map((p) => p.replace(':', ' '))
          .join(' ');
        await legacy.exec(
          `INSERT INTO articles (id, source_id, url, guid, content_hash, title, published, first_seen, updated_at, analyzer_version, body, analysis, terms)
           VALUES ($1, NULL, NULL, NULL, $2, $3, $4, $5, $5, 2, $6, $7, $8)`,
          [a.id, a.contentHash, a.analysis.article.title, a.analysis.article.published ?? null, AT, body, analysis, oldTerms],
        );
      }
      const store = await legacy.open();
      // It serves at once (nothing indexed yet), and says how far re-analysis is.
      let clock = NOW;
      const library = new Library(store, { clock: () => clock });
      const asked = await runCommand(brief, { topic: 'thames barrier' }, { library, now: NOW });
      expect(asked.kind).toBe('briefing');
      expect(asked.note).toBe(
        `Re-reading stored articles with the updated analyzer: 0 of ${CORPUS.length} done. Quotes and speakers from the rest may still change.`,
      );
      expect(renderReply(asked)).toContain(`0 of ${CORPUS.length} done`);
      expect(await store.analysisProgress(ANALYZER_VERSION)).toEqual({ pending: CORPUS.length, total: CORPUS.length });
      await reanalyzeAll(store, { log, now: () => new Date(NOW), stopped: () => false });
      expect(await store.analysisProgress(ANALYZER_VERSION)).toEqual({ pending: 0, total: CORPUS.length });
      clock += 10_000; // past the few seconds a progress reading is reused
      const done = await runCommand(brief, { topic: 'thames barrier' }, { library, now: NOW });
      expect(done.kind).toBe('briefing');
      expect(done.note).toBeUndefined();
      expect(await store.countArticles()).toBe(CORPUS.length);
      expect((await new Library(store).brief('thames barrier', { now: NOW })).stories[0]?.outlets).toBe(3);
      expect((await new Library(store).quotes('Maria Lopez', { now: NOW })).quotes).toHaveLength(1);
      await store.close();
    });
  });

  (pgUp ? it : it.skip)('answers the same on both engines', () => {
    expect(seen).toHaveLength(2);
    expect(seen[1]).toEqual(seen[0]);
  });
});

describe('a running bot and the command line on one SQLite file', () => {
  it('the bot answers from what the command line stored, without a restart', async () => {
    const root = mkdtempSync(join(tmpdir(), 'briefbot-shared-'));
    const { config } = loadConfig({ DATABASE_URL: `sqlite:${join(root, 'db.sqlite')}`, BRIEFINGS_DIR: join(root, 'briefings') });
    const bot = await createApp(config, log);
    const cli = await createApp(config, log);
    const before = await bot.library.brief('thames barrier', { now: NOW });
    expect(before.stories).toEqual([]);
    await cli.store.putArticles(stored(CORPUS.slice(0, 3)), AT);
    await cli.close();
    const after = await bot.library.brief('thames barrier', { now: NOW });
    expect(after.stories[0]?.outlets).toBe(3);
    await bot.close();
  });
});

describe('start-up from a synced folder', () => {
  it('reads only the files that changed (by size and time), not the whole folder again', async () => {
    const root = mkdtempSync(join(tmpdir(), 'briefbot-manifest-'));
    const dir = join(root, 'briefings');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir);
    for (const a of CORPUS) writeFileSync(join(dir, `${a.id}.txt`), a.body);
    const { config } = loadConfig({ DATABASE_URL: `sqlite:${join(root, 'db.sqlite')}`, BRIEFINGS_DIR: dir });
    await (await createApp(config, log)).close();
    // Same size and time, other words: a sync that re-read it would store the new words.
    const path = join(dir, 'flood-1.txt');
    const { mtimeMs, atimeMs } = statSync(path);
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace('Thames', 'Severn'));
    utimesSync(path, atimeMs / 1000, mtimeMs / 1000);
    const second = await createApp(config, log);
    expect((await second.library.brief('severn', { now: NOW })).stories).toEqual([]);
    // A real change is picked up.
    writeFileSync(join(dir, 'garden-1.txt'), 'Spring flowers bloom early in Kew\n\nTulips are out.');
    await second.close();
    const third = await createApp(config, log);
    expect((await third.library.brief('kew', { now: NOW })).stories[0]?.id).toBe('file:garden-1');
    await third.close();
  });
});

describe('two instances on PostgreSQL, each reading its own feeds', () => {
  (pgUp ? it : it.skip)('each answers from what both stored', async () => {
    const { startNewsServer } = await import('../fakes/newsServer.ts');
    const { pollAll } = await import('../../src/sources/poller.ts');
    const server = await startNewsServer();
    const schema = await freshSchema('briefbot_two');
    try {
      const { config } = loadConfig({ DATABASE_URL: schemaUrl(schema), BRIEFINGS_DIR: join(mkdtempSync(join(tmpdir(), 'briefbot-two-')), 'none') });
      const [a, b] = [await createApp({ ...config, instanceId: 'a' }, log), await createApp({ ...config, instanceId: 'b' }, log)];
      const feedA = (await a.store.addSource(`${server.url}/rss.xml`, null, AT)).source;
      const feedB = (await b.store.addSource(`${server.url}/atom.xml`, null, AT)).source;
      const deps = (app: typeof a) => ({
        store: app.store,
        policy: OPEN_NETWORK,
        pollSeconds: 600,
        now: () => new Date(NOW),
        log,
        instanceId: app === a ? 'a' : 'b',
      });
      await pollAll([feedA], deps(a));
      await pollAll([feedB], deps(b));
      for (const app of [a, b]) {
        expect((await app.library.brief('ceasefire talks', { now: NOW })).stories[0]?.title).toBe('Ceasefire talks resume in Geneva');
        expect((await app.library.brief('budget', { now: NOW })).stories[0]?.title).toBe('Parliament passes the budget');
        expect((await app.library.quotes('Carl Jensen', { now: NOW })).quotes).toHaveLength(1);
      }
      await a.close();
      await b.close();
    } finally {
      await server.close();
    }
  });
});
