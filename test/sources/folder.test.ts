import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { ANALYZER_VERSION } from '../../src/core/version.ts';
import { createLogger } from '../../src/log.ts';
import { sampleText } from '../helpers.ts';

const log = createLogger([], () => {});

function workspace() {
  const root = mkdtempSync(join(tmpdir(), 'briefbot-folder-'));
  const dir = join(root, 'briefings');
  const { config } = loadConfig({ BRIEFINGS_DIR: dir, DATABASE_URL: `sqlite:${join(root, 'db.sqlite')}` });
  return { dir, config };
}

const NOW = Date.parse('2025-03-01T00:00:00Z');
const quotesOf = async (app: Awaited<ReturnType<typeof createApp>>, person: string) => (await app.library.quotes(person, { now: NOW })).quotes;

const waitFor = async (check: () => boolean | Promise<boolean>, ms = 5_000) => {
  const until = Date.now() + ms;
  while (!(await check())) {
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
    const first = await createApp(config, log);
    expect(await first.store.countArticles()).toBe(2);
    await first.close();

    const second = await createApp(config, log);
    expect(await second.store.countArticles()).toBe(2);
    expect(await quotesOf(second, 'macron')).toHaveLength(4);
    await second.close();
  });

  it('redoes analyses stored by an older analyzer in the background, once', async () => {
    const { dir, config } = workspace();
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'sample.txt'), sampleText);
    const first = await createApp(config, log);
    await first.close();
    // An analysis from the previous analyzer, with its quotes lost, as an older version might have stored it.
    const db = new Database(config.databaseUrl.replace(/^sqlite:/, ''));
    const row = db.prepare('SELECT id, analysis FROM articles').get() as { id: string; analysis: string };
    const old = JSON.parse(row.analysis) as { quotes: unknown[] };
    db.prepare('UPDATE articles SET analyzer_version = ?, analysis = ? WHERE id = ?').run(ANALYZER_VERSION - 1, JSON.stringify({ ...old, quotes: [] }), row.id);
    db.close();
    const lines: string[] = [];
    const second = await createApp(
      config,
      createLogger([], (l) => lines.push(l)),
    );
    await second.startBackground();
    await waitFor(async () => (await second.library.progress(ANALYZER_VERSION)).pending === 0);
    await waitFor(() => lines.some((l) => l.includes('re-analysed 1 stored articles')));
    expect(await quotesOf(second, 'macron')).toHaveLength(4);
    await second.close();
    const third = await createApp(
      config,
      createLogger([], (l) => lines.push(l)),
    );
    await third.startBackground();
    await new Promise((r) => setTimeout(r, 200));
    await third.close();
    expect(lines.filter((l) => l.includes('re-analysed'))).toHaveLength(1);
  });

  it('picks up files added, changed and removed while the bot runs', async () => {
    const { dir, config } = workspace();
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir, { recursive: true });
    const opened = await createApp(config, log);
    await opened.startBackground();
    try {
      const path = join(dir, 'talks.md');
      writeFileSync(path, 'Talks resume\n\n“We are ready to talk,” Jane Smith said.');
      await waitFor(async () => (await quotesOf(opened, 'jane smith')).length === 1);
      writeFileSync(path, 'Talks resume\n\n“We are ready to sign,” Jane Smith said.');
      await waitFor(async () => (await quotesOf(opened, 'jane smith'))[0]?.text === 'We are ready to sign,');
      rmSync(path);
      await waitFor(async () => (await opened.store.countArticles()) === 0);
      expect(await opened.store.countArticles()).toBe(0);
    } finally {
      await opened.close();
    }
  });
});
