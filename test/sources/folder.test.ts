import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { findQuotes } from '../../src/core/personQuotes.ts';
import { ANALYZER_VERSION } from '../../src/core/version.ts';
import { createLogger } from '../../src/log.ts';
import { openNewsroom } from '../../src/sources/openNewsroom.ts';
import { sampleText } from '../helpers.ts';

const log = createLogger([], () => {});

function workspace() {
  const root = mkdtempSync(join(tmpdir(), 'briefbot-folder-'));
  const dir = join(root, 'briefings');
  const { config } = loadConfig({ BRIEFINGS_DIR: dir, DATABASE_URL: `sqlite:${join(root, 'db.sqlite')}` });
  return { dir, config };
}

const waitFor = async (check: () => boolean, ms = 5_000) => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('the briefings folder', () => {
  it('is read into the store, and a restart re-parses nothing and loses nothing', async () => {
    const { dir, config } = workspace();
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'sample.txt'), sampleText);
    writeFileSync(join(dir, 'empty.md'), '');
    const first = await openNewsroom(config, log);
    expect(first.newsroom.size).toBe(2);
    expect(await first.store.countArticles()).toBe(2);
    await first.close();

    const second = await openNewsroom(config, log);
    expect(second.newsroom.size).toBe(2);
    expect(await second.store.countArticles()).toBe(2);
    expect(findQuotes(second.newsroom.library, 'macron').quotes).toHaveLength(4);
    await second.close();
  });

  it('redoes analyses stored by an older analyzer at start-up, once', async () => {
    const { dir, config } = workspace();
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'sample.txt'), sampleText);
    const first = await openNewsroom(config, log);
    await first.close();
    // An analysis from the previous analyzer, with its quotes lost, as an older version might have stored it.
    const db = new Database(config.databaseUrl.replace(/^sqlite:/, ''));
    const row = db.prepare('SELECT id, analysis FROM articles').get() as { id: string; analysis: string };
    const old = JSON.parse(row.analysis) as { quotes: unknown[] };
    db.prepare('UPDATE articles SET analyzer_version = ?, analysis = ? WHERE id = ?').run(ANALYZER_VERSION - 1, JSON.stringify({ ...old, quotes: [] }), row.id);
    db.close();
    const lines: string[] = [];
    const second = await openNewsroom(
      config,
      createLogger([], (l) => lines.push(l)),
    );
    expect(lines.some((l) => l.includes(`re-analyzed 1 stored articles for analyzer version ${ANALYZER_VERSION}`))).toBe(true);
    expect(findQuotes(second.newsroom.library, 'macron').quotes).toHaveLength(4);
    await second.close();
    const third = await openNewsroom(
      config,
      createLogger([], (l) => lines.push(l)),
    );
    expect(lines.filter((l) => l.includes('re-analyzed'))).toHaveLength(1);
    await third.close();
  });

  it('picks up files added, changed and removed while the bot runs', async () => {
    const { dir, config } = workspace();
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir, { recursive: true });
    const opened = await openNewsroom(config, log);
    opened.startBackground();
    try {
      const path = join(dir, 'talks.md');
      writeFileSync(path, 'Talks resume\n\n“We are ready to talk,” Jane Smith said.');
      await waitFor(() => findQuotes(opened.newsroom.library, 'jane smith').quotes.length === 1);
      writeFileSync(path, 'Talks resume\n\n“We are ready to sign,” Jane Smith said.');
      await waitFor(() => findQuotes(opened.newsroom.library, 'jane smith').quotes[0]?.text === 'We are ready to sign,');
      rmSync(path);
      await waitFor(() => opened.newsroom.size === 0);
      expect(await opened.store.countArticles()).toBe(0);
    } finally {
      await opened.close();
    }
  });
});
