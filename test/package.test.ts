import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processEnv } from './botProcess.ts';
import { repoRoot } from './helpers.ts';
import { dropSchemas, freshSchema, schemaUrl } from './postgres.ts';

// The package as `npm pack` makes it, unpacked where a global install would put it, with only its
// production dependencies beside it (linked from this checkout: tests do not reach the registry).
// dist/ is built once for all tests (globalSetup), so packing skips the prepare script.

const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), 'briefbot-pack-'));
const installed = join(root, 'lib', 'node_modules', 'briefbot');
let files: string[] = [];

beforeAll(async () => {
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', root], {
    cwd: repoRoot,
    env: { ...process.env, npm_config_loglevel: 'silent' },
  });
  const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  files = packed?.files.map((f) => f.path) ?? [];
  mkdirSync(installed, { recursive: true });
  await run('tar', ['xzf', join(root, packed?.filename ?? ''), '--strip-components=1', '-C', installed]);
  const { stdout: deps } = await run('npm', ['ls', '--omit=dev', '--parseable'], { cwd: repoRoot });
  for (const path of deps.trim().split('\n').slice(1)) {
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    mkdirSync(dirname(join(installed, 'node_modules', name)), { recursive: true });
    symlinkSync(path, join(installed, 'node_modules', name));
  }
}, 120_000);

/** `briefbot …` as installed, run from an empty folder with a store of its own. */
async function briefbot(...args: string[]) {
  const cwd = mkdtempSync(join(tmpdir(), 'briefbot-user-'));
  return run(process.execPath, [join(installed, 'bin', 'briefbot.js'), ...args], {
    cwd,
    env: { ...processEnv(), DATABASE_URL: `sqlite:${join(cwd, 'db.sqlite')}` },
  });
}

describe('the packed package', () => {
  it('ships built JavaScript, the sample briefing and no TypeScript', () => {
    expect(files).toContain('bin/briefbot.js');
    expect(files).toContain('dist/cli.js');
    expect(files).toContain('briefings/trump-macron-ukraine.txt');
    expect(files.filter((f) => /\.(?:ts|mts|cts)$/.test(f))).toEqual([]);
    expect(files.some((f) => f.startsWith('src/') || f.startsWith('test/') || f.startsWith('scripts/'))).toBe(false);
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const tool of ['tsx', 'typescript', 'esbuild', 'vitest']) expect(manifest.dependencies[tool]).toBeUndefined();
  });

  it('answers help and a briefing from the sample article, on production dependencies only', async () => {
    const help = await briefbot('help');
    expect(help.stdout).toMatch(/^Usage: briefbot <command> \[options\]/);
    expect(help.stdout).toContain('brief <topic> [--since SINCE]');
    const { stdout } = await briefbot('brief', 'ukraine');
    expect(stdout).toContain('It’s in Russia’s benefit to end war in Ukraine');
    expect(stdout).toContain('— Emmanuel Macron');
  });
});

describe('what a command loads', () => {
  afterAll(dropSchemas);

  /** Runs `briefbot <args>` in this process's way and lists which heavy packages it loaded. */
  async function loaded(databaseUrl: string, ...args: string[]) {
    const probe = [
      "import { createRequire } from 'node:module';",
      `const { main } = await import(${JSON.stringify(join(repoRoot, 'dist', 'cli.js'))});`,
      `process.exitCode = await main(${JSON.stringify(args)});`,
      'const cache = Object.keys(createRequire(import.meta.url).cache);',
      "const has = (name) => cache.some((p) => p.includes('/node_modules/' + name + '/'));",
      "console.error(JSON.stringify(Object.fromEntries(['better-sqlite3', 'pg', 'discord.js', '@slack/bolt', 'linkedom'].map((n) => [n, has(n)]))));",
    ].join('\n');
    const { stderr } = await run(process.execPath, ['--input-type=module', '-e', probe], {
      cwd: repoRoot,
      env: { ...processEnv(), DATABASE_URL: databaseUrl, BRIEFINGS_DIR: join(repoRoot, 'briefings') },
    });
    return JSON.parse(stderr.trim().split('\n').at(-1) ?? '{}') as Record<string, boolean>;
  }

  it('loads only the store engine in use, and no chat SDK or HTML parser for a briefing', async () => {
    const sqlite = await loaded(`sqlite:${join(mkdtempSync(join(tmpdir(), 'briefbot-load-')), 'db.sqlite')}`, 'brief', 'ukraine');
    expect(sqlite).toEqual({ 'better-sqlite3': true, pg: false, 'discord.js': false, '@slack/bolt': false, linkedom: false });
    const postgres = await loaded(schemaUrl(await freshSchema('briefbot_load')), 'brief', 'ukraine');
    expect(postgres).toEqual({ 'better-sqlite3': false, pg: true, 'discord.js': false, '@slack/bolt': false, linkedom: false });
  });
});
