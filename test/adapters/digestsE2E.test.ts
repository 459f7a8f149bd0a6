import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIEmbed } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../src/adapters/discord/discord.ts';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/slack.ts';
import type { CommandContext } from '../../src/commands/command.ts';
import { commandTable } from '../../src/commands/table.ts';
import { Library } from '../../src/library/library.ts';
import { createLogger } from '../../src/log.ts';
import type { Poster } from '../../src/platform.ts';
import { createDigestsPort } from '../../src/schedule/digestsPort.ts';
import { DigestScheduler } from '../../src/schedule/scheduler.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import type { Platform } from '../../src/store/store.ts';
import { APP_ID, CHANNEL_ID, DM_CHANNEL_ID, type FakeDiscord, startFakeDiscord } from '../fakes/discord.ts';
import { BOT_TOKEN, CHANNEL, type FakeSlack, GONE_CHANNEL, responseId, SIGNING_SECRET, sign, startFakeSlack } from '../fakes/slack.ts';
import { putRaw } from '../helpers.ts';

let clock = Date.parse('2025-03-03T07:00:00Z');
const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'briefbot-e2e-')), 'db.sqlite'));
const library = new Library(store);
const log = createLogger([], () => {});
const posters: Partial<Record<Platform, Poster>> = {};
const scheduler = new DigestScheduler({ store, library, posters, now: () => clock, log, catchupMs: 6 * 3_600_000, emptyNote: false });
const digests = createDigestsPort({ store, library, scheduler, limits: { minIntervalSeconds: 3600, maxPerChannel: 10 }, now: () => clock });
const context = (): CommandContext => ({ library, now: clock, digests, defaultTimezone: 'UTC' });
const table = commandTable();
const news = async (id: string, title: string) => {
  clock += 60_000;
  await putRaw(store, { id, body: `${title}\n\n“The guns fall silent tonight,” Minister Anna Berg said.` }, new Date(clock).toISOString());
};

let discordFake: FakeDiscord;
let slackFake: FakeSlack;
let discord: DiscordAdapter;
let slack: SlackAdapter;
let slackUrl = '';

beforeAll(async () => {
  discordFake = await startFakeDiscord();
  discord = createDiscordAdapter({ token: discordFake.token, apiUrl: discordFake.apiUrl, table, context, log });
  await discord.start();
  posters.discord = discord.poster;
  slackFake = await startFakeSlack();
  slack = createSlackAdapter({
    botToken: BOT_TOKEN,
    mode: 'http',
    signingSecret: SIGNING_SECRET,
    port: 0,
    apiUrl: slackFake.apiUrl,
    admins: [],
    table,
    context,
    log,
    retries: 0,
  });
  await slack.start();
  posters.slack = slack.poster;
  const server = (slack.app as unknown as { receiver: { server?: { address(): { port: number } } } }).receiver.server;
  slackUrl = `http://127.0.0.1:${server?.address().port}/slack/events`;
});
afterAll(async () => {
  await scheduler.stop();
  await discord?.stop();
  await slack?.stop();
  await discordFake?.close();
  await slackFake?.close();
  await store.close();
});

describe('digests through the local Discord', () => {
  it('subscribe → the digest arrives in that channel at its time, with only new stories, once', async () => {
    const interaction = discordFake.chatInput(
      'digest',
      { subcommand: 'subscribe', topic: 'ceasefire', schedule: 'daily 09:00', timezone: 'Europe/Paris' },
      { admin: true },
    );
    discordFake.interact(interaction);
    const confirm = await discordFake.waitFor((r) => r.method === 'PATCH' && r.path === `/webhooks/${APP_ID}/${interaction.token}/messages/@original`);
    expect((confirm.body as { content: string }).content).toContain('Subscribed: digest #1 on “ceasefire”, daily at 09:00 \\(Europe/Paris\\)');

    await news('n1', 'Ceasefire agreed in Geneva');
    clock = Date.parse('2025-03-03T08:00:05Z');
    const sub = await store.getSubscription(1);
    expect(await scheduler.runDue(sub ?? (undefined as never))).toBe('sent');
    const post = await discordFake.waitFor((r) => r.method === 'POST' && r.path === `/channels/${CHANNEL_ID}/messages`);
    const embed = (post.body as { embeds: APIEmbed[] }).embeds[0];
    expect(embed?.title).toBe('Digest #1: ceasefire');
    expect(embed?.description).toContain('Ceasefire agreed in Geneva');
    expect(await scheduler.runDue((await store.getSubscription(1)) ?? (undefined as never))).toBe('not-due');
  });

  it('a deleted channel pauses the subscription and the subscriber hears of it by DM', async () => {
    discordFake.deletedChannels.add(CHANNEL_ID);
    await news('n2', 'Ceasefire holds for a second day');
    clock = Date.parse('2025-03-04T08:00:05Z');
    expect(await scheduler.runDue((await store.getSubscription(1)) ?? (undefined as never))).toBe('failed');
    expect((await store.getSubscription(1))?.paused).toBe(true);
    const dm = await discordFake.waitFor((r) => r.method === 'POST' && r.path === `/channels/${DM_CHANNEL_ID}/messages`);
    expect((dm.body as { content: string }).content).toContain('digest #1 on “ceasefire” is paused');
    discordFake.deletedChannels.delete(CHANNEL_ID);
  });
});

describe('digests through the local Slack', () => {
  const slash = async (text: string, channel = CHANNEL) => {
    const payload = { ...slackFake.slash('/digest', text), channel_id: channel };
    const body = new URLSearchParams(payload).toString();
    await fetch(slackUrl, { method: 'POST', body, headers: sign(body) });
    const [answer] = await slackFake.waitForResponse(responseId({ response_url: (payload as Record<string, string>).response_url }));
    return JSON.stringify(answer);
  };

  it('subscribe → chat.postMessage to the channel at its time', async () => {
    expect(await slash('subscribe gaza weekdays 07:30 UTC')).toContain('Subscribed: digest #2 on “gaza”, weekdays at 07:30 (UTC)');
    await news('g1', 'Gaza aid convoys reach the north');
    clock = Date.parse('2025-03-05T07:30:10Z');
    expect(await scheduler.runDue((await store.getSubscription(2)) ?? (undefined as never))).toBe('sent');
    const post = slackFake.calls.filter((c) => c.method === 'chat.postMessage').at(-1);
    expect(post?.body.channel).toBe(CHANNEL);
    expect(JSON.stringify(post?.body.blocks)).toContain('Digest #2: gaza');
  });

  it('defaults to the subscribing user’s own time zone', async () => {
    expect(await slash('subscribe elections mondays 09:00')).toContain('mondays at 09:00 (America/New_York)');
  });

  it('a channel the bot cannot post in pauses the digest and DMs the subscriber', async () => {
    expect(await slash('subscribe gaza daily 12:00 UTC', GONE_CHANNEL)).toContain('Subscribed: digest #4');
    await news('g2', 'Gaza hospitals receive fuel');
    clock = Date.parse('2025-03-05T12:00:10Z');
    expect(await scheduler.runDue((await store.getSubscription(4)) ?? (undefined as never))).toBe('failed');
    expect((await store.getSubscription(4))?.paused).toBe(true);
    const dm = slackFake.calls.filter((c) => c.method === 'chat.postMessage').at(-1);
    expect(dm?.body.channel).toBe('U0000USER');
    expect(String(dm?.body.text)).toContain('digest #4 on “gaza” is paused');
  });
});
