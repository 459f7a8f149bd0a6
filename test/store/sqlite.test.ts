import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { toStoredArticle } from '../../src/sources/storedArticle.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import type { StoredArticle } from '../../src/store/store.ts';
import { sampleText } from '../helpers.ts';

const AT = '2025-03-01T00:00:00.000Z';
const file = () => join(mkdtempSync(join(tmpdir(), 'briefbot-store-')), 'nested', 'briefbot.db');
const article = (id: string, body: string, sourceId: number | null = null): StoredArticle => toStoredArticle({ id, body }, { sourceId, url: null, guid: null });

describe('the SQLite store', () => {
  it('creates its file and folder, and applies each migration once', async () => {
    const path = file();
    await new SqliteStore(path).close();
    await new SqliteStore(path).close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual([{ version: 1 }, { version: 2 }]);
    db.close();
  });

  it('adds, leaves alone, updates and refuses duplicates of articles', async () => {
    const store = new SqliteStore(file());
    expect(await store.putArticle(article('a', sampleText), AT)).toBe('added');
    expect(await store.putArticle(article('a', sampleText), AT)).toBe('unchanged');
    expect(await store.putArticle(article('a', `${sampleText}\n\nA new closing paragraph.`), AT)).toBe('updated');
    expect(await store.putArticle(article('b', `${sampleText}\n\nA new closing paragraph.`), AT)).toBe('duplicate');
    expect(await store.countArticles()).toBe(1);
    await store.close();
  });

  it('loses and duplicates nothing across a restart, quotes verbatim', async () => {
    const path = file();
    const first = new SqliteStore(path);
    const original = article('file:sample', sampleText);
    await first.putArticle(original, AT);
    const { source } = await first.addSource('http://example.test/feed.xml', 'u1', AT);
    await first.close();

    const second = new SqliteStore(path);
    const loaded: StoredArticle[] = [];
    expect(await second.loadArticles((b) => loaded.push(...b))).toBe(1);
    expect(loaded[0]?.analysis.quotes).toEqual(original.analysis.quotes);
    expect(loaded[0]?.analysis.people).toEqual(original.analysis.people);
    expect(loaded[0]?.analysis.article).toEqual(original.analysis.article);
    expect((await second.listSources()).map((s) => s.url)).toEqual([source.url]);
    expect((await second.addSource(source.url, 'u2', AT)).created).toBe(false);
    expect(await second.listSources()).toHaveLength(1);
    await second.close();
  });

  it('records poll health: failures back off into failing, a success clears them', async () => {
    const store = new SqliteStore(file());
    const { source } = await store.addSource('http://example.test/feed.xml', null, AT);
    for (let i = 0; i < 3; i++) await store.recordPoll(source.id, { ok: false, at: AT, nextAt: AT, error: 'HTTP 500' });
    expect(await store.getSource(source.id)).toMatchObject({ status: 'failing', failures: 3, lastError: 'HTTP 500' });
    await store.recordPoll(source.id, { ok: true, at: AT, nextAt: '2025-03-01T00:10:00.000Z', etag: '"x"' });
    expect(await store.getSource(source.id)).toMatchObject({ status: 'ok', failures: 0, lastError: null, etag: '"x"' });
    expect(await store.dueSources(AT)).toEqual([]);
    expect(await store.dueSources('2025-03-01T00:10:00.000Z')).toHaveLength(1);
    await store.close();
  });

  it('removes a source with its articles, and says so for an unknown one', async () => {
    const store = new SqliteStore(file());
    const { source } = await store.addSource('http://example.test/feed.xml', null, AT);
    await store.putArticle(article('feed:1', sampleText, source.id), AT);
    expect(await store.removeSource(source.id)).toBe(1);
    expect(await store.countArticles()).toBe(0);
    expect(await store.removeSource(999)).toBeNull();
    await store.close();
  });
});
