import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Library } from '../../src/library/library.ts';
import { createLogger } from '../../src/log.ts';
import { parseFeedDocument } from '../../src/sources/feed.ts';
import { decodeBody, FetchError, fetchUrl } from '../../src/sources/fetchUrl.ts';
import { pollSource } from '../../src/sources/ingest.ts';
import { pollAll } from '../../src/sources/poller.ts';
import { checkFeedUrl } from '../../src/sources/sourcesPort.ts';
import { normalizeUrl } from '../../src/sources/urls.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { useNewsServer } from '../fakes/newsServer.ts';
import { OPEN_NETWORK, PUBLIC_NETWORK } from '../helpers.ts';

const server = useNewsServer();

const logs: string[] = [];
const log = createLogger([], (l) => logs.push(l));
const clock = Date.parse('2025-03-01T00:00:00Z');
const now = () => new Date(clock);

async function setup() {
  const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'briefbot-feeds-')), 'db.sqlite'));
  const library = new Library(store);
  const deps = { store, policy: OPEN_NETWORK, pollSeconds: 600, now, log, timeoutMs: 1_000 };
  const poll = async (path: string) => {
    const { source } = await store.addSource(`${server.url}${path}`, null, now().toISOString());
    return pollSource((await store.getSource(source.id)) ?? source, deps);
  };
  return { store, library, deps, poll };
}

describe('reading feeds', () => {
  it('reads RSS (gzipped), stores its items with quotes, and fetches full text for a teaser', async () => {
    const { library, poll, store } = await setup();
    const report = await poll('/rss.xml');
    expect(report.error).toBeUndefined();
    expect(report.skipped).toEqual([]);
    expect(report.added).toBe(2);
    expect(server.requests.some((r) => r.path === '/rss.xml' && /gzip/.test(r.acceptEncoding ?? ''))).toBe(true);
    expect((await library.quotes('Berg', { now: clock })).quotes.map((q) => q.text)).toContain('We are closer to a ceasefire than at any time this year,');
    // The teaser item came with one line; the page gave the article and its quote.
    expect((await library.quotes('Kovalenko', { now: clock })).quotes[0]?.text).toBe('The corridor is working better than anyone expected,');
    const talks = (await library.quotes('Berg', { now: clock })).quotes[0]?.article;
    expect(talks).toMatchObject({ source: 'Test Wire', url: `${server.url}/articles/talks`, published: '2025-02-24T10:00:00.000Z' });
    expect(await store.countArticles()).toBe(2);
    const again = await pollSource((await store.getSource(report.source.id)) ?? report.source, {
      store,
      policy: OPEN_NETWORK,
      pollSeconds: 600,
      now,
      log,
    });
    expect(again).toMatchObject({ added: 0, updated: 0 });
    expect(await store.countArticles()).toBe(2);
  });

  it('polls a feed once when two instances poll together', async () => {
    const { store, deps } = await setup();
    const { source } = await store.addSource(`${server.url}/feed.json`, null, now().toISOString());
    const before = server.requests.filter((r) => r.path === '/feed.json').length;
    const poll = (instanceId: string) => pollAll([source], { ...deps, instanceId }, 4, () => {}, { onlyDue: true });
    const [a, b] = await Promise.all([poll('a'), poll('b')]);
    expect((a?.length ?? 0) + (b?.length ?? 0)).toBe(1);
    expect(server.requests.filter((r) => r.path === '/feed.json').length - before).toBe(1);
  });

  it('reads Atom and JSON Feed, and follows a redirect', async () => {
    const { library, poll } = await setup();
    expect((await poll('/moved.xml')).added).toBe(1);
    expect((await poll('/feed.json')).added).toBe(1);
    expect((await library.quotes('Carl Jensen', { now: clock })).quotes).toHaveLength(1);
    expect((await library.quotes('Maria Lopez', { now: clock })).quotes).toHaveLength(1);
  });

  it('sends the ETag back and counts a 304 as nothing new', async () => {
    const { poll, store, deps } = await setup();
    const first = await poll('/etag.xml');
    expect(first.added).toBe(1);
    const source = await store.getSource(first.source.id);
    expect(source?.etag).toBe('"e1"');
    const second = await pollSource(source ?? first.source, deps);
    expect(second).toMatchObject({ notModified: true, added: 0 });
    expect(server.requests.filter((r) => r.path === '/etag.xml').at(-1)?.ifNoneMatch).toBe('"e1"');
  });

  it('decodes a page that is not UTF-8', async () => {
    const { library, poll } = await setup();
    await poll('/latin.xml');
    const q = await library.quotes('René Müller', { now: clock });
    expect(q.person?.name).toBe('René Müller');
    expect(q.quotes[0]?.text).toBe('We are not asking for much,');
  });

  it('replaces an updated item instead of adding it twice', async () => {
    const { library, poll, store, deps } = await setup();
    server.version = 1;
    const first = await poll('/updating.xml');
    expect(first.added).toBe(1);
    server.version = 2;
    const second = await pollSource((await store.getSource(first.source.id)) ?? first.source, deps);
    expect(second).toMatchObject({ added: 0, updated: 1 });
    expect(await store.countArticles()).toBe(1);
    expect((await library.quotes('Novak', { now: clock })).quotes.map((q) => q.text)).toContain('The final text is agreed,');
    expect((await library.quotes('Novak', { now: clock })).quotes.map((q) => q.text)).not.toContain('The first draft is ready,');
  });

  it('skips an unreadable item and keeps the rest', async () => {
    const { poll } = await setup();
    const report = await poll('/mixed.xml');
    expect(report.added).toBe(1);
    expect(report.skipped).toEqual(['item 1: no text']);
  });

  it.each([
    ['/broken.xml', /not a feed/],
    ['/error.xml', /HTTP 500/],
    ['/slow.xml', /no answer within 1 s/],
    ['/loop.xml', /more than 5 redirects/],
    ['/huge.xml', /larger than 5120 KB/],
    ['/missing.xml', /HTTP 404/],
  ])('reports %s as a failure without throwing', async (path, message) => {
    const { poll } = await setup();
    const report = await poll(path);
    expect(report.error).toMatch(message);
    expect(report.source).toMatchObject({ failures: 1, status: 'ok' });
  });

  it('marks a source failing after repeated failures and backs off', async () => {
    const { poll, store, deps } = await setup();
    let report = await poll('/error.xml');
    const next1 = Date.parse(report.source.nextPollAt ?? '');
    for (let i = 0; i < 2; i++) report = await pollSource((await store.getSource(report.source.id)) ?? report.source, deps);
    expect(report.source).toMatchObject({ status: 'failing', failures: 3, lastError: 'HTTP 500 Internal Server Error' });
    expect(Date.parse(report.source.nextPollAt ?? '') - clock).toBeGreaterThan(next1 - clock);
  });
});

describe('safety', () => {
  it('refuses feeds on loopback unless FEED_ALLOW_PRIVATE', async () => {
    await expect(fetchUrl(`${server.url}/rss.xml`, { policy: PUBLIC_NETWORK })).rejects.toThrow(/private or local network/);
    expect(await checkFeedUrl(`${server.url}/rss.xml`, PUBLIC_NETWORK)).toMatchObject({ ok: false });
    expect(await checkFeedUrl('http://localhost/feed', PUBLIC_NETWORK)).toMatchObject({ ok: false });
    expect(await checkFeedUrl(`${server.url}/rss.xml`, OPEN_NETWORK)).toMatchObject({ ok: true });
    expect(await checkFeedUrl('file:///etc/passwd', OPEN_NETWORK)).toMatchObject({ ok: false, reason: 'that is not an http(s) URL.' });
  });

  it('refuses a redirect to a private address even from an allowed host', async () => {
    await expect(fetchUrl('http://127.0.0.1:9/', { policy: PUBLIC_NETWORK })).rejects.toBeInstanceOf(FetchError);
  });
});

describe('parsing and URLs', () => {
  it.each([
    ['https://Example.com/a/?utm_source=x&b=2&a=1#top', 'https://example.com/a?a=1&b=2'],
    ['http://example.com:80/story/', 'http://example.com/story'],
    ['https://example.com/?fbclid=abc', 'https://example.com/'],
    ['ftp://example.com/x', null],
    ['not a url', null],
  ])('normalizes %s', (input, expected) => {
    expect(normalizeUrl(input)).toBe(expected);
  });

  it('decodes by declared charset, falling back to UTF-8', () => {
    expect(decodeBody(Buffer.from('café', 'latin1'), 'text/html; charset=iso-8859-1')).toBe('café');
    expect(decodeBody(Buffer.from('<?xml version="1.0" encoding="windows-1252"?><a>é</a>', 'latin1'), '')).toContain('é');
    expect(decodeBody(Buffer.from('ok'), 'text/plain; charset=no-such-charset')).toBe('ok');
  });

  it('rejects what is not a feed', () => {
    expect(() => parseFeedDocument('<html><body>hello</body></html>')).toThrow(/not a feed/);
    expect(() => parseFeedDocument('')).toThrow(/not a feed/);
  });
});
