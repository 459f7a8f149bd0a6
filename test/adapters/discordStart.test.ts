import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processEnv, startBot, until } from '../botProcess.ts';
import { type FakeDiscord, GUILD_ID, startFakeDiscord } from '../fakes/discord.ts';
import { repoRoot } from '../helpers.ts';

const run = promisify(execFile);
let fake: FakeDiscord;
beforeAll(async () => {
  fake = await startFakeDiscord({ token: 'secret-token-123' });
});
afterAll(async () => {
  await fake.close();
});

const env = (token: string) => ({
  DATABASE_URL: `sqlite:${join(mkdtempSync(join(tmpdir(), 'briefbot-discord-')), 'db.sqlite')}`,
  DISCORD_TOKEN: token,
  DISCORD_API_URL: fake.apiUrl,
});

describe('operating the Discord bot', () => {
  it('discord deploy registers the command table in a guild and prints the invite URL', async () => {
    const { stdout } = await run('npm', ['run', '--silent', 'briefbot', '--', 'discord', 'deploy', '--guild', GUILD_ID], {
      cwd: repoRoot,
      env: { ...processEnv(), ...env(fake.token) },
    });
    expect(stdout).toMatch(/Registered 6 commands in server/);
    expect(stdout).toContain('https://discord.com/oauth2/authorize?client_id=100000000000000001&scope=bot%20applications.commands&permissions=19456');
    const put = fake.requests.find((r) => r.method === 'PUT' && r.path.endsWith(`/guilds/${GUILD_ID}/commands`));
    interface Registered {
      name: string;
      type?: number;
      autocomplete?: boolean;
      required?: boolean;
      choices?: { value: string }[];
      options?: Registered[];
    }
    const registered = (put?.body ?? []) as Registered[];
    expect(registered.map((c) => c.name)).toEqual(['brief', 'quotes', 'people', 'sources', 'digest', 'help']);
    const byName = (list: Registered[] | undefined, name: string) => list?.find((o) => o.name === name);
    const shape = (o: Registered | undefined) => o?.options?.map((x) => `${x.name}:${x.type}${x.required ? '!' : ''}${x.autocomplete ? '~' : ''}`);
    // /brief topic:<autocomplete> since:<choices> stories: points:, /quotes person:<autocomplete> topic:
    expect(shape(byName(registered, 'brief'))).toEqual(['topic:3!~', 'since:3', 'stories:4', 'points:4']);
    expect(byName(byName(registered, 'brief')?.options, 'since')?.choices?.map((c) => c.value)).toEqual(['24h', '3d', '7d', '30d']);
    expect(shape(byName(registered, 'quotes'))).toEqual(['person:3!~', 'topic:3~']);
    // Subcommands (type 1) with typed options: strings 3, integers 4.
    const digest = byName(registered, 'digest');
    expect(digest?.options?.map((s) => `${s.name}:${s.type}`)).toEqual(['list:1', 'subscribe:1', 'unsubscribe:1', 'preview:1', 'pause:1', 'resume:1']);
    expect(shape(byName(digest?.options, 'subscribe'))).toEqual(['topic:3!~', 'schedule:3!~', 'timezone:3~']);
    for (const s of ['unsubscribe', 'preview', 'pause', 'resume']) expect(shape(byName(digest?.options, s))).toEqual(['id:4!~']);
    const sources = byName(registered, 'sources');
    expect(sources?.options?.map((s) => s.name)).toEqual(['list', 'add', 'remove', 'articles']);
    expect(shape(byName(sources?.options, 'add'))).toEqual(['url:3!']);
    expect(shape(byName(sources?.options, 'articles'))).toEqual(['id:4!~', 'limit:4']);
  });

  it('npm start with a bad token stops with one clear line and no trace', async () => {
    const child = spawn('npm', ['start', '--silent'], { cwd: repoRoot, env: { ...processEnv(), ...env('wrong-token') } });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('briefbot: Discord rejected DISCORD_TOKEN: check the bot token in the Developer Portal (Bot → Reset Token).');
    expect(stderr).not.toContain('wrong-token');
  });

  it('SIGTERM to npm start stops the bot within 5 s: gateway closed, store closed, “shutting down” logged', async () => {
    const settings = env(fake.token);
    const child = spawn('npm', ['start'], { cwd: repoRoot, env: { ...processEnv(), ...settings } });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    await until(() => stderr.includes('discord: logged in') || undefined, 'the login', 20_000);
    expect(fake.shards.size).toBe(1);
    const { stdout: children } = await run('ps', ['-o', 'pid=', '--ppid', String(child.pid)]);
    const bot = Number(children.trim().split(/\s+/)[0]);
    const stopping = Date.now();
    child.kill('SIGTERM');
    expect(await closed).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(5_000);
    expect(stderr).toContain('info shutting down (SIGTERM)');
    expect(fake.shards.size).toBe(0);
    // The bot itself is gone, not orphaned under init, and it closed its store (no WAL left behind).
    expect(() => process.kill(bot, 0)).toThrow(/ESRCH/);
    const file = settings.DATABASE_URL.slice('sqlite:'.length);
    expect(existsSync(file)).toBe(true);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('the bot with a good token connects and serves until stopped', async () => {
    // What `npm start` runs, started directly so the stop signal reaches it.
    const bot = startBot({ ...env(fake.token), METRICS_PORT: '0' });
    await until(() => bot.stderr().includes('discord: logged in') || undefined, 'the login', 20_000).catch(() => {});
    expect(bot.stderr()).toContain('discord: logged in as briefbot');
    const port = await until(() => /health and metrics on :(\d+)/.exec(bot.stderr())?.[1], 'the ops server', 20_000);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok', checks: { store: 'ok', discord: 'ok' } });
    await bot.stop();
    expect(bot.stderr()).not.toContain(fake.token);
  });
});

describe('secrets on the way out', () => {
  it('a start-up failure that quotes the token upstream prints it redacted', async () => {
    const echo = await startFakeDiscord({ token: 'echoed-secret-456', echoAuthorization: true });
    try {
      const bot = startBot({ ...env('echoed-secret-456'), DISCORD_API_URL: echo.apiUrl });
      expect(await bot.closed).toBe(1);
      expect(bot.stderr()).toMatch(/Bad request from Bot \[redacted\]/);
      expect(bot.stderr()).not.toContain('echoed-secret-456');
    } finally {
      await echo.close();
    }
  });
});
