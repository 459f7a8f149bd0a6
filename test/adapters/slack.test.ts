import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paginateBlocks, renderSlack, SLACK_LIMITS } from '../../src/adapters/slack/render.ts';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/slack.ts';
import type { Command } from '../../src/commands/command.ts';
import { commandTable } from '../../src/commands/table.ts';
import { createLogger } from '../../src/log.ts';
import { digestKey } from '../../src/platform.ts';
import { APP_TOKEN, BOT_TOKEN, CHANNEL, type FakeSlack, GONE_CHANNEL, responseId, SIGNING_SECRET, sign, startFakeSlack } from '../fakes/slack.ts';
import { libraryOf, manyPeople, sampleText } from '../helpers.ts';

const logs: string[] = [];
const log = createLogger([BOT_TOKEN, APP_TOKEN, SIGNING_SECRET], (l) => logs.push(l));
const library = await libraryOf(
  { id: 'file:trump-macron-ukraine', body: sampleText },
  { id: 'ping', body: 'Ping storm hits chat servers\n\n“Hello <!channel> and @here and <@U123>, come & see,” Jane Smith wrote.' },
  ...Array.from({ length: 30 }, (_, i) => ({
    id: `h${i}`,
    body: `Harbour story ${i}\n\n“${'We will rebuild the harbour and the town around it, stone by stone. '.repeat(8)}” Mayor Ines Duarte said on day ${i}.`,
  })),
);
const table = commandTable();
const context = () => ({ library, now: Date.parse('2025-03-01T00:00:00Z') });
let fake: FakeSlack;
let http: SlackAdapter;
let socket: SlackAdapter;
let httpUrl = '';

type Block = { type: string; text?: { text: string }; elements?: { action_id?: string; value?: string; text?: string | { text: string } }[] };
const blocksOf = (body: Record<string, unknown>) => (body.blocks ?? []) as Block[];
const textOf = (body: Record<string, unknown>) =>
  blocksOf(body)
    .map((b) => [b.text?.text, ...(b.elements ?? []).map((e) => (typeof e.text === 'string' ? e.text : e.text?.text))].filter(Boolean).join('\n'))
    .join('\n');

/** The app in Socket Mode against the fake, with a given command table. */
const socketMode = (commands: Command[]) =>
  createSlackAdapter({
    botToken: BOT_TOKEN,
    mode: 'socket',
    appToken: APP_TOKEN,
    port: 0,
    apiUrl: fake.apiUrl,
    admins: [],
    table: commands,
    context,
    log,
    retries: 0,
  });

beforeAll(async () => {
  fake = await startFakeSlack();
  http = createSlackAdapter({
    botToken: BOT_TOKEN,
    mode: 'http',
    signingSecret: SIGNING_SECRET,
    port: 0,
    apiUrl: fake.apiUrl,
    admins: [],
    table,
    context,
    log,
    retries: 0,
  });
  await http.start();
  const server = (http.app as unknown as { receiver: { server?: { address(): AddressInfo } } }).receiver.server;
  httpUrl = `http://127.0.0.1:${server?.address().port}/slack/events`;
  socket = socketMode(table);
  await socket.start();
});
afterAll(async () => {
  await http?.stop();
  await socket?.stop();
  await fake?.close();
});

async function post(form: Record<string, string>, headers?: Record<string, string>) {
  const body = new URLSearchParams(form).toString();
  return fetch(httpUrl, { method: 'POST', body, headers: headers ?? sign(body) });
}

describe('Slack over HTTP', () => {
  it('acknowledges /brief ukraine, then answers privately with the story, summary and both leaders', async () => {
    const payload = fake.slash('/brief', 'ukraine');
    const res = await post(payload);
    expect(res.status).toBe(200);
    const [answer] = await fake.waitForResponse(responseId(payload));
    expect(answer).toMatchObject({ response_type: 'ephemeral' });
    const text = textOf(answer ?? {});
    expect(blocksOf(answer ?? {})[0]).toMatchObject({ type: 'header', text: { text: 'Briefing: ukraine' } });
    expect(text).toContain('It’s in Russia’s benefit to end war in Ukraine');
    expect(text).toContain('third anniversary');
    expect(text).toContain('— *Donald Trump*');
    expect(text).toContain('— *Emmanuel Macron*');
    const actions = blocksOf(answer ?? {}).find((b) => b.type === 'actions');
    expect(actions?.elements?.map((e) => e.action_id)).toEqual(['share']);
  });

  it('parses free text forgivingly: /brief rare earth minerals since 7d', async () => {
    const payload = fake.slash('/brief', 'rare earth minerals since 100000d');
    await post(payload);
    const [answer] = await fake.waitForResponse(responseId(payload));
    expect(textOf(answer ?? {})).toContain('not a time span I understand');
  });

  it('shares a briefing in the channel on the button', async () => {
    const payload = fake.slash('/brief', 'ukraine');
    await post(payload);
    const [answer] = await fake.waitForResponse(responseId(payload));
    const share = blocksOf(answer ?? {})
      .find((b) => b.type === 'actions')
      ?.elements?.find((e) => e.action_id === 'share');
    const press = fake.button('share', share?.value ?? '');
    await post({ payload: JSON.stringify(press) });
    const [remove, shared] = await fake.waitForResponse(responseId(press as { response_url: string }), 2);
    expect(remove).toMatchObject({ delete_original: true });
    expect(shared).toMatchObject({ response_type: 'in_channel' });
    expect(textOf(shared ?? {})).toContain('third anniversary');
  });

  it('answers /quotes macron and an unknown person helpfully', async () => {
    const known = fake.slash('/quotes', 'President Macron');
    await post(known);
    const [q] = await fake.waitForResponse(responseId(known));
    expect(blocksOf(q ?? {})[0]).toMatchObject({ type: 'header', text: { text: 'Emmanuel Macron (President)' } });
    expect(textOf(q ?? {})).toContain('I think it’s super important to (bring) peace,');
    const unknown = fake.slash('/quotes', 'merkel');
    await post(unknown);
    const [u] = await fake.waitForResponse(responseId(unknown));
    expect(textOf(u ?? {})).toContain("I don't know anyone called “merkel”");
  });

  it('escapes article text so it cannot ping or link', async () => {
    const payload = fake.slash('/quotes', 'jane smith');
    await post(payload);
    const [answer] = await fake.waitForResponse(responseId(payload));
    const text = textOf(answer ?? {});
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('&lt;@U123&gt;');
    expect(text).toContain('come &amp; see');
    expect(text).not.toMatch(/<!channel>|<!here>|<@U123>/);
  });

  it('continues a long answer on "More", within Block Kit limits', async () => {
    const payload = fake.slash('/quotes', 'duarte');
    await post(payload);
    const [first] = await fake.waitForResponse(responseId(payload));
    expect(blocksOf(first ?? {}).length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    expect(JSON.stringify(first?.blocks).length).toBeLessThan(12_000);
    const more = blocksOf(first ?? {})
      .find((b) => b.type === 'actions')
      ?.elements?.find((e) => e.action_id === 'more');
    expect(more).toBeDefined();
    const press = fake.button('more', more?.value ?? '');
    await post({ payload: JSON.stringify(press) });
    const [next] = await fake.waitForResponse(responseId(press as { response_url: string }));
    expect(textOf(next ?? {})).toMatch(/page 2 of \d+/);
  });

  it.each([
    ['a forged signature', (body: string) => ({ ...sign(body), 'x-slack-signature': 'v0=deadbeef' })],
    ['no signature', () => ({ 'content-type': 'application/x-www-form-urlencoded' })],
    ['a stale timestamp', (body: string) => sign(body, SIGNING_SECRET, Math.floor(Date.now() / 1000) - 600)],
    ['the wrong secret', (body: string) => sign(body, 'not-the-secret')],
  ])('rejects %s with 401, before any handler runs', async (_name, headers) => {
    const payload = fake.slash('/brief', 'ukraine');
    const body = new URLSearchParams(payload).toString();
    const before = fake.responses.length;
    const res = await fetch(httpUrl, { method: 'POST', body, headers: headers(body) });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.responses.length).toBe(before);
  });

  it('posts to a channel, and reports one that is gone', async () => {
    const reply = await table.find((c) => c.name === 'brief')?.run({ topic: 'ukraine' }, context());
    const ts = await http.postToChannel(CHANNEL, reply ?? { kind: 'notice', tone: 'info', text: '' });
    expect(ts).toHaveLength(1);
    const call = fake.calls.filter((c) => c.method === 'chat.postMessage').at(-1);
    expect(call?.body.channel).toBe(CHANNEL);
    await expect(http.postToChannel(GONE_CHANNEL, reply ?? { kind: 'notice', tone: 'info', text: '' })).rejects.toThrow(/channel_not_found/);
  });
  it('posts a digest retried after a crash once, reading the channel for the pages already there', async () => {
    const reply = await table.find((c) => c.name === 'brief')?.run({ topic: 'ukraine' }, context());
    const slot = new Date(Date.now() - 60_000).toISOString();
    const delivery = { key: digestKey(9, slot), maybePosted: false, slot };
    const mine = () => fake.messages.filter((m) => m.metadata?.event_payload.key === delivery.key);
    const first = await http.postToChannel(CHANNEL, reply ?? { kind: 'notice', tone: 'info', text: '' }, delivery);
    expect(mine()).toHaveLength(first.length);
    expect(mine()[0]?.metadata).toEqual({ event_type: 'briefbot_digest', event_payload: { key: delivery.key, page: 0 } });
    const retry = await http.postToChannel(CHANNEL, reply ?? { kind: 'notice', tone: 'info', text: '' }, { ...delivery, maybePosted: true });
    expect(retry).toEqual([]);
    expect(mine()).toHaveLength(first.length);
    expect(fake.calls.filter((c) => c.method === 'conversations.history').at(-1)?.body).toMatchObject({ channel: CHANNEL, include_all_metadata: 'true' });
    // A retry of a digest that never arrived posts it.
    const other = { key: digestKey(10, slot), maybePosted: true, slot };
    expect(await http.postToChannel(CHANNEL, reply ?? { kind: 'notice', tone: 'info', text: '' }, other)).toHaveLength(first.length);
  });
});

describe('Slack when something breaks', () => {
  it('logs with context and answers politely', async () => {
    const broken = socketMode([{ name: 'brief', description: 'x', options: [], run: () => Promise.reject(new Error('database on fire')) }]);
    await socket.stop();
    await broken.start();
    try {
      const payload = fake.slash('/brief', 'ukraine');
      await fake.envelope('slash_commands', payload);
      const [answer] = await fake.waitForResponse(responseId(payload));
      expect(answer).toMatchObject({ response_type: 'ephemeral', text: 'Sorry, something went wrong answering that. It has been logged.' });
      expect(logs.some((l) => l.includes('slack: /brief from U0000USER in C0000NEWS failed') && l.includes('database on fire'))).toBe(true);
    } finally {
      await broken.stop();
      socket = socketMode(table);
      await socket.start();
    }
  });
});

describe('Slack in Socket Mode', () => {
  it('connects through apps.connections.open and acknowledges envelopes', async () => {
    expect(fake.calls.some((c) => c.method === 'apps.connections.open')).toBe(true);
    expect(fake.socketConnected()).toBe(true);
    const payload = fake.slash('/quotes', 'macron');
    const ack = await fake.envelope('slash_commands', payload);
    expect(ack.envelope_id).toBeTruthy();
    const [answer] = await fake.waitForResponse(responseId(payload));
    expect(blocksOf(answer ?? {})[0]).toMatchObject({ type: 'header', text: { text: 'Emmanuel Macron (President)' } });
  });

  it('lets only admins add sources', async () => {
    const payload = fake.slash('/sources', 'add https://example.com/feed.xml');
    await fake.envelope('slash_commands', payload);
    const [answer] = await fake.waitForResponse(responseId(payload));
    expect(textOf(answer ?? {})).toContain('Only server admins can add or remove sources');
  });
});

describe('Block Kit pages', () => {
  it('keeps every page under the block and size limits', () => {
    const body = Array.from({ length: 130 }, (_, i) => ({
      type: 'section' as const,
      text: { type: 'mrkdwn' as const, text: `Block ${i} ${'x'.repeat(400)}` },
    }));
    const pages = paginateBlocks('Title', body, 'fallback');
    expect(pages.length).toBeGreaterThan(2);
    for (const p of pages) {
      expect(p.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
      expect(JSON.stringify(p.blocks).length).toBeLessThan(12_000);
    }
    expect(pages.flatMap((p) => p.blocks).filter((b) => b.type === 'section')).toHaveLength(130);
  });

  it('puts a caveat under the answer in a context block, inside the block limit', () => {
    const people = manyPeople(300, ' <b>');
    const noted = renderSlack({ kind: 'people', people, note: 'Re-reading stored articles: 10 of 20 done & counting.' });
    expect(noted.pages.at(-1)?.blocks.at(-1)).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'Re-reading stored articles: 10 of 20 done &amp; counting.' }],
    });
    for (const p of noted.pages) expect(p.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  });

  it('renders notices privately', () => {
    expect(renderSlack({ kind: 'notice', tone: 'error', text: 'a < b & c' }).pages[0]?.text).toBe('a &lt; b &amp; c');
  });

  it('never logs a secret', () => {
    expect(logs.join('\n')).not.toMatch(/xoxb-test|xapp-test|test-signing-secret/);
  });
});

describe('the Slack app manifest', () => {
  it('stays in sync with the command table (regenerate: npx tsx scripts/slackManifest.ts)', async () => {
    const { readFileSync } = await import('node:fs');
    const { slackManifest } = await import('../../src/adapters/slack/manifest.ts');
    const committed = JSON.parse(readFileSync(new URL('../../slack-app-manifest.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(slackManifest(table))));
    expect(committed.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(table.map((c) => `/${c.name}`));
  });
});
