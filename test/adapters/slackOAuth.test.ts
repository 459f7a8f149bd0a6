import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/slack.ts';
import { commandTable } from '../../src/commands/table.ts';
import { createLogger } from '../../src/log.ts';
import { ChannelGoneError } from '../../src/platform.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { CHANNEL, CLIENT_ID, CLIENT_SECRET, type FakeSlack, responseId, SIGNING_SECRET, sign, startFakeSlack } from '../fakes/slack.ts';
import { libraryOf, sampleText } from '../helpers.ts';

// Many workspaces: each installs through the OAuth flow, its installation lands in our store, and
// two instances sharing that store answer any workspace, any request, with nothing kept in memory.

const ONE = 'T0000ONE';
const TWO = 'T0000TWO';
const STATE_SECRET = 'test-state-secret';
const logs: string[] = [];
const log = createLogger([CLIENT_SECRET, SIGNING_SECRET, STATE_SECRET], (l) => logs.push(l));
const library = await libraryOf(
  { id: 'file:trump-macron-ukraine', body: sampleText },
  ...Array.from({ length: 30 }, (_, i) => ({
    id: `h${i}`,
    body: `Harbour story ${i}\n\n“${'We will rebuild the harbour and the town around it, stone by stone. '.repeat(8)}” Mayor Ines Duarte said on day ${i}.`,
  })),
);
const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'briefbot-oauth-')), 'db.sqlite'));
let fake: FakeSlack;
const instances: { adapter: SlackAdapter; url: string }[] = [];

async function instance(): Promise<{ adapter: SlackAdapter; url: string }> {
  const adapter = createSlackAdapter({
    mode: 'http',
    oauth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, stateSecret: STATE_SECRET },
    signingSecret: SIGNING_SECRET,
    port: 0,
    apiUrl: fake.apiUrl,
    admins: [],
    table: commandTable([
      {
        name: 'whereami',
        description: 'where a command came from, as the store will keep it',
        options: [],
        run: (_args, ctx) => ({ kind: 'notice', tone: 'info', text: `${ctx.where?.channelId} ${ctx.actor?.platformId}` }),
      },
    ]),
    context: () => ({ library, now: Date.parse('2025-03-01T00:00:00Z') }),
    log,
    retries: 0,
    store,
  });
  await adapter.start();
  const server = (adapter.app as unknown as { receiver: { server?: { address(): AddressInfo } } }).receiver.server;
  return { adapter, url: `http://127.0.0.1:${server?.address().port}` };
}

/** What an admin's browser does: open the install link, approve on Slack, come back with a code. */
async function install(base: string, team: string, withCookie = true): Promise<Response> {
  const start = await fetch(`${base}/slack/install`, { redirect: 'manual' });
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get('location') ?? '');
  expect(`${authorize.origin}${authorize.pathname}`).toBe('https://slack.com/oauth/v2/authorize');
  expect(authorize.searchParams.get('client_id')).toBe(CLIENT_ID);
  expect(authorize.searchParams.get('scope')?.split(',')).toContain('commands');
  const state = authorize.searchParams.get('state') ?? '';
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return fetch(`${base}/slack/oauth_redirect?code=code-${team}&state=${encodeURIComponent(state)}`, { headers: withCookie ? { cookie } : {} });
}

const post = (base: string, body: string) => fetch(`${base}/slack/events`, { method: 'POST', body, headers: sign(body) });
const slash = (base: string, text: string, team: string) => {
  const payload = fake.slash('/quotes', text, 'U0000USER', team);
  return { payload, sent: post(base, new URLSearchParams(payload).toString()) };
};

beforeAll(async () => {
  fake = await startFakeSlack();
  instances.push(await instance(), await instance());
});
afterAll(async () => {
  for (const i of instances) await i.adapter.stop();
  await fake.close();
  await store.close();
});

describe('Slack across workspaces (OAuth)', () => {
  it('installs two workspaces through the OAuth flow, through either instance, into the store', async () => {
    const [a, b] = instances;
    if (!a || !b) throw new Error('no instances');
    const first = await install(a.url, ONE);
    expect(first.status).toBe(200);
    const second = await install(b.url, TWO);
    expect(second.status).toBe(200);
    const saved = await store.slackInstallation(TWO);
    expect(JSON.parse(saved?.installation ?? '{}')).toMatchObject({ team: { id: TWO }, bot: { token: fake.tokens.get(TWO), userId: 'U0000BOT' } });
    expect(await store.countSlackInstallations()).toBe(2);
  });

  it('refuses a callback that did not start in this browser (forged state), and stores nothing', async () => {
    const before = await store.countSlackInstallations();
    const forged = await install(instances[0]?.url ?? '', 'T0000EVIL', false);
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect(await store.slackInstallation('T0000EVIL')).toBeNull();
    expect(await store.countSlackInstallations()).toBe(before);
  });

  it('answers each workspace with its own token, on whichever instance the request lands', async () => {
    const [a, b] = instances;
    if (!a || !b) throw new Error('no instances');
    const one = slash(a.url, 'trump', ONE);
    const two = slash(b.url, 'macron', TWO);
    expect((await one.sent).status).toBe(200);
    expect((await two.sent).status).toBe(200);
    const [answerOne] = await fake.waitForResponse(responseId(one.payload));
    const [answerTwo] = await fake.waitForResponse(responseId(two.payload));
    expect(JSON.stringify(answerOne)).toContain('Donald Trump');
    expect(JSON.stringify(answerTwo)).toContain('Emmanuel Macron');
    const lookups = fake.calls.filter((c) => c.method === 'users.info').map((c) => c.team);
    expect(lookups).toEqual(expect.arrayContaining([ONE, TWO]));
  });

  it('pages an answer on "More" pressed on the other instance: nothing is kept in memory', async () => {
    const [a, b] = instances;
    if (!a || !b) throw new Error('no instances');
    const asked = slash(a.url, 'duarte', TWO);
    await asked.sent;
    const [first] = await fake.waitForResponse(responseId(asked.payload));
    const blocks = (first?.blocks ?? []) as { type: string; elements?: { action_id?: string; value?: string }[] }[];
    const more = blocks.find((x) => x.type === 'actions')?.elements?.find((e) => e.action_id === 'more');
    expect(more?.value).toBeDefined();
    const press = fake.button('more', more?.value ?? '', 'U0000USER', TWO);
    await post(b.url, new URLSearchParams({ payload: JSON.stringify(press) }).toString());
    const [next] = await fake.waitForResponse(responseId(press as { response_url: string }));
    expect(JSON.stringify(next)).toMatch(/page 2 of \d+/);
  });

  it('keeps a channel and a user with their workspace, so a digest knows whose token to use', async () => {
    const payload = fake.slash('/whereami', '', 'U0000USER', TWO);
    await post(instances[0]?.url ?? '', new URLSearchParams(payload).toString());
    const [answer] = await fake.waitForResponse(responseId(payload));
    expect(JSON.stringify(answer)).toContain(`${TWO}:${CHANNEL} ${TWO}:U0000USER`);
  });

  it("posts a workspace's digest with that workspace's token", async () => {
    const digestTarget = `${TWO}:${CHANNEL}`;
    const ts = await instances[0]?.adapter.postToChannel(digestTarget, { kind: 'notice', tone: 'info', text: 'Digest #1: nothing new on “gaza”.' });
    expect(ts).toHaveLength(1);
    const call = fake.calls.filter((c) => c.method === 'chat.postMessage').at(-1);
    expect(call?.body.channel).toBe(CHANNEL);
    expect(call?.team).toBe(TWO);
  });

  it('tells a workspace that is not installed so, and keeps serving the others', async () => {
    const [a] = instances;
    if (!a) throw new Error('no instances');
    const stranger = slash(a.url, 'trump', 'T0000NONE');
    await stranger.sent;
    const [told] = await fake.waitForResponse(responseId(stranger.payload));
    expect(told).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('not installed in this workspace') });
    expect(logs.join('\n')).toMatch(/not installed in Slack workspace T0000NONE/);
    const member = slash(a.url, 'trump', ONE);
    await member.sent;
    expect(await fake.waitForResponse(responseId(member.payload))).toHaveLength(1);
  });

  it('forgets a workspace that uninstalls', async () => {
    const body = JSON.stringify({
      token: 'x',
      team_id: ONE,
      api_app_id: 'A0000APP',
      type: 'event_callback',
      event_id: 'Ev1',
      event_time: 1,
      event: { type: 'app_uninstalled', event_ts: '1.0' },
    });
    const res = await fetch(`${instances[1]?.url}/slack/events`, { method: 'POST', body, headers: { ...sign(body), 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
    for (let i = 0; i < 50 && (await store.slackInstallation(ONE)); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await store.slackInstallation(ONE)).toBeNull();
    expect(await store.slackInstallation(TWO)).not.toBeNull();
  });

  it('pauses, rather than retries, the digests of a workspace that uninstalled', async () => {
    await expect(instances[0]?.adapter.poster.post(`${ONE}:${CHANNEL}`, { kind: 'notice', tone: 'info', text: 'Digest' })).rejects.toBeInstanceOf(
      ChannelGoneError,
    );
  });

  it('never logs a workspace token', () => {
    const text = logs.join('\n');
    for (const token of fake.tokens.values()) expect(text).not.toContain(token);
    expect(text).not.toMatch(/xoxb-/);
  });
});
