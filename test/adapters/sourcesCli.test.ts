import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { type NewsServer, startNewsServer } from '../fakes/newsServer.ts';
import { repoRoot } from '../helpers.ts';

const run = promisify(execFile);
let server: NewsServer;
beforeAll(async () => {
  server = await startNewsServer();
});
afterAll(async () => {
  await server.close();
});

describe('sources from the command line', () => {
  const root = mkdtempSync(join(tmpdir(), 'briefbot-cli-'));
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DOTENV_PATH: join(root, 'none.env'),
    BRIEFINGS_DIR: join(repoRoot, 'briefings'),
    DATABASE_URL: `sqlite:${join(root, 'db.sqlite')}`,
    FEED_ALLOW_PRIVATE: '1',
  };
  const briefbot = (...args: string[]) => run('npm', ['run', '--silent', 'briefbot', '--', ...args], { cwd: repoRoot, env });

  it('add a feed, ingest, brief on its topic; a second ingest adds nothing; a broken source is reported', async () => {
    expect((await briefbot('sources', 'add', `${server.url}/rss.xml`)).stdout).toMatch(
      /Added source #1: .*rss\.xml\. Run `briefbot ingest` to read it now, or it is read when the bot runs\./,
    );
    expect((await briefbot('sources', 'add', `${server.url}/broken.xml`)).stdout).toMatch(/Added source #2/);
    expect((await briefbot('sources', 'add', `${server.url}/rss.xml`)).stdout).toMatch(/Already following that feed as source #1/);

    // A failed source makes ingest exit 1 and name it, after reading the others.
    const first = await briefbot('ingest').then(
      () => expect.unreachable('ingest with a broken source exited 0'),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/#1 Test Wire: 2 new/);
    expect(first.stdout).toMatch(/#2 .*broken\.xml: failed: not a feed/);
    expect(first.stdout).toMatch(/2 sources read, 2 new articles, 1 failed\./);
    expect(first.stderr).toMatch(/briefbot ingest: a source failed: #2 http:\/\/127\.0\.0\.1:\d+\/broken\.xml \(not a feed/);

    const brief = await briefbot('brief', 'ceasefire talks');
    expect(brief.stdout).toContain('Ceasefire talks resume in Geneva');
    expect(brief.stdout).toContain('— Anna Berg');

    const second = await briefbot('ingest', '--json').catch((error: { stdout: string }) => error);
    const json = JSON.parse(second.stdout);
    expect(json.sources.find((s: { id: number }) => s.id === 1)).toMatchObject({ added: 0, updated: 0 });

    // Every article stored from a source, newest first, in the documented shape.
    const articles = JSON.parse((await briefbot('sources', 'articles', '1', '--json')).stdout);
    expect(Object.keys(articles)).toEqual(['source', 'articles']);
    expect(articles.source).toEqual({ id: 1, url: `${server.url}/rss.xml`, title: 'Test Wire' });
    expect(articles.articles).toHaveLength(2);
    for (const a of articles.articles) expect(Object.keys(a)).toEqual(['id', 'title', 'url', 'published', 'guid']);
    const dates = articles.articles.map((a: { published: string }) => a.published);
    expect([...dates].sort().reverse()).toEqual(dates);
    const limited = JSON.parse((await briefbot('sources', 'articles', '1', '--limit', '1', '--json')).stdout);
    expect(limited.articles).toEqual(articles.articles.slice(0, 1));
    await expect(briefbot('sources', 'articles', '99')).rejects.toMatchObject({
      stdout: expect.stringMatching(/There is no source #99\. See briefbot sources list\./),
    });

    const list = await briefbot('sources', 'list');
    expect(list.stdout).toMatch(/#1 Test Wire/);
    expect(list.stdout).toMatch(/2 articles/);
    expect(list.stdout).toMatch(/last attempt failed \(not a feed/);

    expect((await briefbot('sources', 'remove', '1')).stdout).toMatch(/Removed source #1 and its 2 articles/);
    await expect(briefbot('sources', 'remove', '99')).rejects.toMatchObject({ stdout: expect.stringMatching(/There is no source #99/) });
  });

  it('says which source another instance is reading, and counts one skipped item as one', async () => {
    const settings = { ...env, DATABASE_URL: `sqlite:${join(root, 'busy.sqlite')}` };
    const cli = (...args: string[]) => run('npm', ['run', '--silent', 'briefbot', '--', ...args], { cwd: repoRoot, env: settings });
    await cli('sources', 'add', `${server.url}/mixed.xml`);
    expect((await cli('ingest')).stdout).toMatch(/#1 Mixed: 1 new, 1 unreadable item skipped\n/);

    // Another instance holds the source's lease: not "No sources yet", and not an error.
    const store = new SqliteStore(join(root, 'busy.sqlite'));
    const now = new Date();
    expect(await store.leaseSource(1, 'instance-b', now.toISOString(), new Date(now.getTime() + 600_000).toISOString())).toBe(true);
    await store.close();
    const busy = await cli('ingest');
    expect(busy.stdout).toMatch(/#1 Mixed: being read by another instance, skipped here/);
    expect(busy.stdout).toMatch(/0 sources read, 0 new articles, 1 being read by another instance\./);
    expect(busy.stdout).not.toMatch(/No sources yet/);
  });

  it('refuses a private address without FEED_ALLOW_PRIVATE', async () => {
    const strict = { ...env, FEED_ALLOW_PRIVATE: '0', DATABASE_URL: `sqlite:${join(root, 'strict.sqlite')}` };
    await expect(
      run('npm', ['run', '--silent', 'briefbot', '--', 'sources', 'add', `${server.url}/rss.xml`], { cwd: repoRoot, env: strict }),
    ).rejects.toMatchObject({
      stdout: expect.stringMatching(/Not added: .*private or local network/),
    });
  });
});
