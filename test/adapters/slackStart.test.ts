import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, until } from '../botProcess.ts';
import { APP_TOKEN, BOT_TOKEN, CLIENT_ID, CLIENT_SECRET, type FakeSlack, SIGNING_SECRET, startFakeSlack } from '../fakes/slack.ts';

let fake: FakeSlack;
beforeAll(async () => {
  fake = await startFakeSlack();
});
afterAll(async () => {
  await fake.close();
});

const start = (env: Record<string, string>) =>
  startBot({ DATABASE_URL: `sqlite:${join(mkdtempSync(join(tmpdir(), 'briefbot-slack-')), 'db.sqlite')}`, SLACK_API_URL: fake.apiUrl, ...env });

describe('operating the Slack bot', () => {
  it('starts in Socket Mode from the environment and stops on a signal', async () => {
    const bot = start({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN });
    await until(() => bot.stderr().includes('slack: connected in Socket Mode') || undefined, 'Socket Mode', 20_000).catch(() => {});
    expect(bot.stderr()).toContain('slack: connected in Socket Mode');
    expect(fake.socketConnected()).toBe(true);
    bot.child.kill('SIGTERM');
    expect(await bot.closed).toBe(0);
    expect(bot.stderr()).not.toMatch(/xoxb-|xapp-/);
  });

  it('serves workspaces that install by OAuth, healthy with none installed yet', async () => {
    const free = createServer();
    await new Promise<void>((r) => free.listen(0, '127.0.0.1', r));
    const slackPort = String((free.address() as AddressInfo).port);
    await new Promise((r) => free.close(r));
    const bot = start({
      SLACK_CLIENT_ID: CLIENT_ID,
      SLACK_CLIENT_SECRET: CLIENT_SECRET,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_STATE_SECRET: 'state-secret',
      SLACK_PORT: slackPort,
      METRICS_PORT: '0',
    });
    try {
      const port = await until(() => /health and metrics on :(\d+)/.exec(bot.stderr())?.[1], 'the ops server', 20_000);
      expect(bot.stderr()).toContain('0 workspace(s) installed; new ones install at /slack/install');
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      const install = await fetch(`http://127.0.0.1:${slackPort}/slack/install`, { redirect: 'manual' });
      expect(install.headers.get('location')).toMatch(/^https:\/\/slack\.com\/oauth\/v2\/authorize\?/);
    } finally {
      await bot.stop();
    }
    expect(await bot.closed).toBe(0);
    expect(bot.stderr()).not.toContain(CLIENT_SECRET);
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
