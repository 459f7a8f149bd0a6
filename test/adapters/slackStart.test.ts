import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_TOKEN, BOT_TOKEN, type FakeSlack, startFakeSlack } from '../fakes/slack.ts';
import { repoRoot } from '../helpers.ts';

let fake: FakeSlack;
beforeAll(async () => {
  fake = await startFakeSlack();
});
afterAll(async () => {
  await fake.close();
});

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DOTENV_PATH: join(tmpdir(), 'none.env'),
      DATABASE_URL: `sqlite:${join(mkdtempSync(join(tmpdir(), 'briefbot-slack-')), 'db.sqlite')}`,
      SLACK_API_URL: fake.apiUrl,
      ...env,
    },
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += String(d);
  });
  return { child, stderr: () => stderr, closed: new Promise<number | null>((resolve) => child.on('close', resolve)) };
}

describe('operating the Slack bot', () => {
  it('starts in Socket Mode from the environment and stops on a signal', async () => {
    const bot = start({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN });
    const until = Date.now() + 20_000;
    while (!bot.stderr().includes('slack: connected in Socket Mode') && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(bot.stderr()).toContain('slack: connected in Socket Mode');
    expect(fake.socketConnected()).toBe(true);
    bot.child.kill('SIGTERM');
    expect(await bot.closed).toBe(0);
    expect(bot.stderr()).not.toMatch(/xoxb-|xapp-/);
  });

  it('refuses a bad token with one clear line', async () => {
    const bot = start({ SLACK_BOT_TOKEN: 'xoxb-wrong', SLACK_APP_TOKEN: APP_TOKEN });
    expect(await bot.closed).toBe(1);
    expect(bot.stderr().trim().split('\n').pop()).toBe('briefbot: Slack did not start: Slack rejected SLACK_BOT_TOKEN or SLACK_APP_TOKEN.');
    expect(bot.stderr()).not.toContain('xoxb-wrong');
  });

  it('explains a half-configured Slack before starting anything', async () => {
    const bot = start({ SLACK_BOT_TOKEN: BOT_TOKEN });
    expect(await bot.closed).toBe(2);
    expect(bot.stderr()).toContain('SLACK_BOT_TOKEN is set, but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode) is.');
  });
});
