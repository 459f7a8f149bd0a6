import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.ts';
import { type IngestDeps, pollSource } from '../../src/sources/ingest.ts';
import { pollAll } from '../../src/sources/poller.ts';
import { sha1, toStoredArticle } from '../../src/sources/storedArticle.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { useNewsServer } from '../fakes/newsServer.ts';
import { OPEN_NETWORK } from '../helpers.ts';

// Real-world feed quirks, each in a fixture of its own (test/fakes/newsServer.ts): nothing an
// item says is lost, nothing is believed that should not be, and nothing is read twice.

const server = useNewsServer();

const logs: string[] = [];
const log = createLogger([], (l) => logs.push(l));
const FIRST_SEEN = '2025-03-01T00:00:00.000Z';

async function setup(overrides: Partial<IngestDeps> = {}) {
  const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'briefbot-quirks-')), 'db.sqlite'));
  let clock = Date.parse(FIRST_SEEN);
  const deps: IngestDeps = { store, policy: OPEN_NETWORK, pollSeconds: 600, now: () => new Date(clock), log, timeoutMs: 2_000, ...overrides };
  const add = async (path: string) => (await store.addSource(`${server.url}${path}`, null, new Date(clock).toISOString())).source;
  const poll = async (id: number) => pollSource((await store.getSource(id)) ?? (await store.listSources())[0]!, deps);
  const articles = (id: number) => store.sourceArticles(id);
  const bodies = async (id: number) => [...(await store.articleBodies((await articles(id)).map((a) => a.id))).values()];
  return { store, deps, add, poll, articles, bodies, advance: (ms: number) => (clock += ms) };
}

const pageRequests = (prefix: string) => server.requests.filter((r) => r.path.startsWith(prefix)).length;

describe('items are never lost or overwritten', () => {
  it('keeps all 130 episodes of a podcast that gives every one the same link', async () => {
    const { add, poll, articles, store } = await setup();
    const source = await add('/podcast.xml');
    const report = await poll(source.id);
    expect(report).toMatchObject({ added: 130, duplicates: 0, skipped: [] });
    const stored = await articles(source.id);
    expect(stored).toHaveLength(130);
    expect(new Set(stored.map((a) => a.guid)).size).toBe(130);
    expect(await store.countArticles()).toBe(130);
    // The next poll finds every episode as it was: nothing re-read.
    expect(await poll(source.id)).toMatchObject({ added: 0, updated: 0, unchanged: 130 });
  });

  it('keeps both items that share only a link, and an item with neither link nor guid', async () => {
    const { add, poll, articles } = await setup();
    const source = await add('/shared.xml');
    expect(await poll(source.id)).toMatchObject({ added: 3, skipped: [] });
    const titles = (await articles(source.id)).map((a) => a.title).sort();
    expect(titles).toEqual(['Evening update', 'Morning update', 'Notice to readers']);
    const notice = (await articles(source.id)).find((a) => a.title === 'Notice to readers');
    expect(notice).toMatchObject({ url: null, guid: null });
    // Polled again: the linkless item is the same item, not a second copy.
    expect(await poll(source.id)).toMatchObject({ added: 0, unchanged: 3 });
    expect(await articles(source.id)).toHaveLength(3);
  });

  it('keeps the articles a store made when items were keyed by their link', async () => {
    const { add, poll, articles, store } = await setup();
    const source = await add('/rss.xml');
    // What the link-first key stored for this item before guids were preferred.
    const link = `${server.url}/articles/talks`;
    const legacyId = `feed:${sha1(link).slice(0, 20)}`;
    await store.putArticle(
      toStoredArticle(
        { id: legacyId, body: 'Ceasefire talks resume in Geneva\n\nAn older text.', format: 'text', url: link },
        { sourceId: source.id, url: link, guid: 'talks-1' },
      ),
      FIRST_SEEN,
    );
    expect(await poll(source.id)).toMatchObject({ added: 1, updated: 1 });
    expect((await articles(source.id)).map((a) => a.id)).toContain(legacyId);
    expect(await store.countArticles()).toBe(2);
  });
});

describe('dates', () => {
  it('reads Dublin Core dates in RSS 1.0', async () => {
    const { add, poll, articles } = await setup();
    const source = await add('/rdf.xml');
    expect(await poll(source.id)).toMatchObject({ added: 1 });
    expect(await articles(source.id)).toEqual([expect.objectContaining({ title: 'Dam repairs finished early', published: '2025-02-20T10:00:00.000Z' })]);
  });

  it('dates an item by when it was first seen when its date is in 2099, 9999, -1 or unreadable', async () => {
    const { add, poll, articles } = await setup();
    const source = await add('/dates.xml');
    expect(await poll(source.id)).toMatchObject({ added: 5 });
    const byGuid = Object.fromEntries((await articles(source.id)).map((a) => [a.guid, a.published]));
    expect(byGuid).toEqual({
      'future-1': null,
      'future-2': null,
      'minus-1': null,
      garbage: null,
      good: '2025-02-28T12:00:00.000Z',
    });
    // …and so sorts by first seen, not at the top of every "last 24 hours".
    const order = (await articles(source.id)).map((a) => a.guid);
    expect(order.indexOf('good')).toBe(4);
  });
});

describe('links', () => {
  it('resolves relative Atom links against xml:base, and RSS links against the channel link', async () => {
    const { add, poll, articles } = await setup();
    const atom = await add('/relative.xml');
    expect(await poll(atom.id)).toMatchObject({ added: 3, skipped: [] });
    expect((await articles(atom.id)).map((a) => a.url).sort()).toEqual([
      `${server.url}/archive/2024/post/3`,
      `${server.url}/blog/post/2`,
      `${server.url}/post/1`,
    ]);
    const rss = await add('/relative-rss.xml');
    expect(await poll(rss.id)).toMatchObject({ added: 1 });
    expect((await articles(rss.id))[0]?.url).toBe(`${server.url}/wire/items/9`);
  });
});

describe('text', () => {
  it('reads a Latin-1 feed declared only in its XML prolog', async () => {
    const { add, poll, articles, bodies } = await setup();
    const source = await add('/latin1.xml');
    expect(await poll(source.id)).toMatchObject({ added: 1 });
    expect((await articles(source.id))[0]?.title).toBe('Müller eröffnet Café am See');
    expect((await bodies(source.id))[0]).toContain('Zürich: René Müller eröffnet ein Café am See.');
  });

  it('turns Reddit-style HTML into text: entities decoded, comments, script and style gone', async () => {
    const { add, poll, articles, bodies } = await setup();
    const source = await add('/reddit.xml');
    expect(await poll(source.id)).toMatchObject({ added: 1 });
    expect((await articles(source.id))[0]?.title).toBe('Council funds library & Q&A sessions');
    const body = (await bodies(source.id))[0] ?? '';
    expect(body).toContain('The council voted 7–2 to fund the Q&A sessions & the new library.');
    expect(body).toContain('“We listened to every resident,” said councillor Maya Ortiz after the vote.');
    for (const leak of ['tracker', 'color: red', 'SC_OFF', '&amp;', '&#32;', '<', '>']) expect(body).not.toContain(leak);
  });

  it('decodes entities in a description that has no tags', async () => {
    const { add, poll, bodies, articles } = await setup();
    const source = await add('/entities.xml');
    server.pageDelayMs = 0;
    expect(await poll(source.id)).toMatchObject({ added: 1 });
    expect((await articles(source.id))[0]?.title).toBe('Tom & Jerry return');
    const body = (await bodies(source.id))[0] ?? '';
    expect(body).toContain('Q&A: Tom & Jerry – the studio’s plans.');
    expect(body).not.toContain('&amp;');
  });
});

describe('work done once', () => {
  it('fetches a teaser page only for a new or changed item, and remembers a page that failed', async () => {
    server.pageDelayMs = 0;
    const { add, poll, advance, bodies } = await setup();
    const source = await add('/teasers.xml');
    const slow = pageRequests('/slowpage/');
    const gone = pageRequests('/articles/gone');
    expect(await poll(source.id)).toMatchObject({ added: 4 });
    expect(pageRequests('/slowpage/') - slow).toBe(3);
    expect(pageRequests('/articles/gone') - gone).toBe(1);
    expect((await bodies(source.id)).some((b) => b.includes('The full text of slow story 2'))).toBe(true);

    // The same feed again: no page is fetched, the failed one included.
    expect(await poll(source.id)).toMatchObject({ added: 0, updated: 0, unchanged: 4 });
    expect(pageRequests('/slowpage/') - slow).toBe(3);
    expect(pageRequests('/articles/gone') - gone).toBe(1);

    // Six hours on, the failed page is tried once more, and only it.
    advance(6 * 3_600_000 + 1);
    expect(await poll(source.id)).toMatchObject({ added: 0, unchanged: 4 });
    expect(pageRequests('/articles/gone') - gone).toBe(2);
    expect(pageRequests('/slowpage/') - slow).toBe(3);
  });

  it('bounds a poll: past its time, pages wait for the next poll and the items are stored meanwhile', async () => {
    server.pageDelayMs = 400;
    try {
      const { add, poll, bodies } = await setup({ pollBudgetMs: 300 });
      const source = await add('/teasers.xml');
      const before = pageRequests('/slowpage/');
      const started = performance.now();
      expect(await poll(source.id)).toMatchObject({ added: 4 });
      // One page started inside the budget; the others were left for later.
      expect(pageRequests('/slowpage/') - before).toBe(1);
      expect(performance.now() - started).toBeLessThan(1_500 + 2_000);
      expect((await bodies(source.id)).filter((b) => b.includes('which took its time'))).toHaveLength(1);
      // The next poll goes on with the pages still owed.
      const next = await poll(source.id);
      expect(pageRequests('/slowpage/') - before).toBe(2);
      expect(next.updated).toBe(1);
    } finally {
      server.pageDelayMs = 0;
    }
  });

  it('renews the feed lease while a long poll runs, so a second instance does not poll it too', async () => {
    server.pageDelayMs = 700;
    try {
      const { store, add, deps } = await setup({ now: () => new Date() });
      const source = await add('/teasers.xml');
      const polling = pollAll([source], { ...deps, instanceId: 'instance-a' }, 1, () => {}, { leaseMs: 600 });
      // Well past one lease: instance B still finds the feed taken.
      await new Promise((r) => setTimeout(r, 1_200));
      const now = new Date();
      expect(await store.leaseSource(source.id, 'instance-b', now.toISOString(), new Date(now.getTime() + 600).toISOString())).toBe(false);
      const [report] = await polling;
      expect(report).toMatchObject({ added: 4 });
      // Released when done.
      expect(await store.leaseSource(source.id, 'instance-b', new Date().toISOString(), new Date(Date.now() + 600).toISOString())).toBe(true);
    } finally {
      server.pageDelayMs = 0;
    }
  });
});
