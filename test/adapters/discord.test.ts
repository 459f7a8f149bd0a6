import type { APIEmbed } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../src/adapters/discord/discord.ts';
import { LIMITS, paginate, renderDiscord } from '../../src/adapters/discord/render.ts';
import type { DigestInfo, DigestsPort, SourcesPort } from '../../src/commands/ports.ts';
import { commandTable } from '../../src/commands/table.ts';
import { createLogger } from '../../src/log.ts';
import { AdapterStartError, digestKey } from '../../src/platform.ts';
import { APP_ID, CHANNEL_ID, type FakeDiscord, type Recorded, startFakeDiscord } from '../fakes/discord.ts';
import { libraryOf, manyPeople, sampleText } from '../helpers.ts';

const logs: string[] = [];
const log = createLogger(['test-token'], (l) => logs.push(l));
const library = await libraryOf(
  { id: 'file:trump-macron-ukraine', body: sampleText },
  { id: 'everyone', body: 'Ping storm hits chat servers\n\n“Hello @everyone and @here, <@123> and <@&456>,” Jane Smith wrote in the server.' },
);
const table = commandTable();
// This channel's digests and the followed feeds, for the id autocompletes.
const digest = (id: number, topic: string): DigestInfo => ({ id, topic, description: 'daily at 08:00', timezone: 'Europe/Paris', paused: false, next: [] });
const digests: DigestsPort = {
  list: async (where) => (where.channelId === CHANNEL_ID ? [digest(3, 'ukraine'), digest(7, 'rare earths')] : [digest(9, 'elsewhere')]),
  subscribe: async () => ({ ok: false, reason: 'not here' }),
  unsubscribe: async () => false,
  setPaused: async () => null,
  preview: async () => null,
};
const feed = (id: number, title: string) => ({
  id,
  url: `https://${id}.test/feed`,
  title,
  status: 'ok' as const,
  lastError: null,
  failures: 0,
  lastPolledAt: null,
  lastOkAt: null,
  articles: 0,
});
const sources: SourcesPort = {
  list: async () => [feed(1, 'Harbour Times'), feed(2, 'Valley Post')],
  add: async () => ({ ok: false, reason: 'not here' }),
  remove: async () => null,
  articles: async () => null,
};
let fake: FakeDiscord;
let bot: DiscordAdapter;

beforeAll(async () => {
  fake = await startFakeDiscord();
  bot = createDiscordAdapter({
    token: fake.token,
    apiUrl: fake.apiUrl,
    table,
    context: () => ({ library, now: Date.parse('2025-03-01T00:00:00Z'), digests, sources }),
    log,
  });
  await bot.start();
});
afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

const embedsOf = (r: Recorded) => ((r.body as { embeds?: APIEmbed[] }).embeds ?? []) as APIEmbed[];
const textOf = (e: APIEmbed[]) =>
  e.map((x) => [x.title, x.description, ...(x.fields ?? []).flatMap((f) => [f.name, f.value]), x.footer?.text].join('\n')).join('\n');
const isEdit = (token: string) => (r: Recorded) => r.method === 'PATCH' && r.path === `/webhooks/${APP_ID}/${token}/messages/@original`;
const isFollowUp = (token: string) => (r: Recorded) => r.method === 'POST' && r.path === `/webhooks/${APP_ID}/${token}`;

async function run(name: string, options: Record<string, string | number>, extra: Parameters<FakeDiscord['chatInput']>[2] = {}) {
  const interaction = fake.chatInput(name, options, extra);
  fake.interact(interaction);
  const callback = await fake.waitFor((r) => r.path === `/interactions/${interaction.id}/${interaction.token}/callback`);
  return { interaction, callback };
}

describe('the Discord adapter against a local Discord', () => {
  it('logs in through the gateway the API names', () => {
    expect(fake.requests.some((r) => r.path === '/gateway/bot')).toBe(true);
    expect(bot.client.guilds.cache.size).toBe(1);
    expect(logs.some((l) => l.includes('discord: logged in as briefbot'))).toBe(true);
  });

  it('defers /brief ukraine, then edits in the sample story, its summary and both leaders’ quotes', async () => {
    const { interaction, callback } = await run('brief', { topic: 'ukraine' });
    expect(callback.body).toMatchObject({ type: 5 });
    const edit = await fake.waitFor(isEdit(interaction.token));
    const text = textOf(embedsOf(edit));
    expect(text).toContain('It’s in Russia’s benefit to end war in Ukraine');
    expect(text).toContain('third anniversary');
    expect(text).toContain('rare earth minerals');
    const speakers = embedsOf(edit)
      .flatMap((e) => e.fields ?? [])
      .map((f) => f.name);
    expect(speakers).toEqual(expect.arrayContaining(['Donald Trump', 'Emmanuel Macron']));
    expect(edit.body).toMatchObject({ allowed_mentions: { parse: [] } });
  });

  it('answers /quotes macron with his quotes, article and all', async () => {
    const { interaction } = await run('quotes', { person: 'macron' });
    const edit = await fake.waitFor(isEdit(interaction.token));
    const [embed] = embedsOf(edit);
    expect(embed?.title).toBe('Emmanuel Macron (President)');
    expect(embed?.fields?.map((f) => f.value).join('\n')).toContain('I think it’s super important to \\(bring\\) peace,');
  });

  it('sends an unknown person an ephemeral, helpful answer', async () => {
    const { interaction } = await run('quotes', { person: 'merkel' });
    await fake.waitFor((r) => r.method === 'DELETE' && r.path === `/webhooks/${APP_ID}/${interaction.token}/messages/@original`);
    const follow = await fake.waitFor(isFollowUp(interaction.token));
    expect(follow.body).toMatchObject({ flags: 64 });
    expect((follow.body as { content: string }).content).toContain("I don't know anyone called “merkel”");
  });

  it('never pings, whatever the article says', async () => {
    const { interaction } = await run('quotes', { person: 'jane smith' });
    const edit = await fake.waitFor(isEdit(interaction.token));
    expect(edit.body).toMatchObject({ allowed_mentions: { parse: [] } });
    const text = textOf(embedsOf(edit));
    expect(text).not.toMatch(/@everyone|@here|<@\d|<@&/);
    expect(text).toContain('@\u200beveryone');
  });

  it('serves DMs as well as servers', async () => {
    const { interaction } = await run('quotes', { person: 'trump' }, { dm: true });
    const edit = await fake.waitFor(isEdit(interaction.token));
    expect(embedsOf(edit)[0]?.title).toBe('Donald Trump (US President)');
  });

  it('posts an answer to a channel with mentions disabled', async () => {
    const reply = await table.find((c) => c.name === 'brief')?.run({ topic: 'ukraine' }, { library, now: 0 });
    const ids = await bot.postToChannel(CHANNEL_ID, reply ?? { kind: 'notice', tone: 'info', text: '' });
    expect(ids).toHaveLength(1);
    const post = await fake.waitFor((r) => r.method === 'POST' && r.path === `/channels/${CHANNEL_ID}/messages`);
    expect(post.body).toMatchObject({ allowed_mentions: { parse: [] } });
  });

  it('posts a digest retried after a crash once: Discord returns the message its nonce made', async () => {
    const reply = await table.find((c) => c.name === 'brief')?.run({ topic: 'ukraine' }, { library, now: 0 });
    const delivery = { key: digestKey(7, '2025-03-03T08:00:00.000Z'), maybePosted: false, slot: '2025-03-03T08:00:00.000Z' };
    const before = fake.created.length;
    const first = await bot.postToChannel(CHANNEL_ID, reply ?? { kind: 'notice', tone: 'info', text: '' }, delivery);
    const retry = await bot.postToChannel(CHANNEL_ID, reply ?? { kind: 'notice', tone: 'info', text: '' }, { ...delivery, maybePosted: true });
    expect(retry).toEqual(first);
    expect(fake.created.length - before).toBe(first.length);
    expect(fake.nonceReplays.at(-1)?.body).toMatchObject({ nonce: `${delivery.key}.0`, enforce_nonce: true });
    expect(`${delivery.key}.0`.length).toBeLessThanOrEqual(25);
  });

  it('never logs the token', () => {
    expect(logs.join('\n')).not.toContain(fake.token);
  });
});

describe('Discord limits', () => {
  it('pages long answers without cutting a line or breaking a limit', () => {
    const lines = Array.from({ length: 120 }, (_, i) => `Line ${i} ${'word '.repeat(20)}`.trim());
    const fields = Array.from({ length: 40 }, (_, i) => ({ name: `Speaker ${i}`, value: 'quote '.repeat(150) }));
    const pages = paginate({ title: 'A long briefing', lines, fields, footer: 'footer' });
    expect(pages.length).toBeGreaterThan(2);
    const seen: string[] = [];
    for (const p of pages) {
      const e = p.embeds[0] as APIEmbed;
      const size =
        (e.title?.length ?? 0) +
        (e.description?.length ?? 0) +
        (e.footer?.text.length ?? 0) +
        (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
      expect(size).toBeLessThanOrEqual(LIMITS.message);
      expect(e.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.description);
      expect(e.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fields);
      for (const f of e.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
      seen.push(...(e.description?.split('\n') ?? []));
    }
    expect(seen).toEqual(lines);
  });

  it('puts a caveat under the answer as small print, outside the embeds and their limits', () => {
    const people = manyPeople(300, ' *bold*');
    const plain = renderDiscord({ kind: 'people', people });
    const noted = renderDiscord({ kind: 'people', people, note: 'Re-reading stored articles: 10 of 20 done.' });
    expect(noted.pages.map((p) => p.embeds)).toEqual(plain.pages.map((p) => p.embeds));
    expect(noted.pages.at(-1)?.content).toBe('-# Re-reading stored articles: 10 of 20 done.');
    expect(noted.pages.slice(0, -1).every((p) => p.content === undefined)).toBe(true);
  });

  it('renders an error notice as an ephemeral message', () => {
    expect(renderDiscord({ kind: 'notice', tone: 'error', text: 'Nope' })).toEqual({ pages: [{ content: 'Nope', embeds: [] }], ephemeral: true });
  });
});

describe('a bad token', () => {
  it('stops start-up with one clear error', async () => {
    const other = await startFakeDiscord({ token: 'right-token' });
    const wrong = createDiscordAdapter({ token: 'wrong-token', apiUrl: other.apiUrl, table, context: () => ({ library, now: 0 }), log });
    await expect(wrong.start()).rejects.toBeInstanceOf(AdapterStartError);
    await other.close();
  });
});

describe('Discord interactions beyond commands', () => {
  it('autocompletes people by any name form, within 25 choices', async () => {
    const interaction = fake.autocomplete('quotes', 'person', 'macr');
    fake.interact(interaction);
    const callback = await fake.waitFor((r) => r.path === `/interactions/${interaction.id}/${interaction.token}/callback`);
    expect(callback.body).toMatchObject({ type: 8, data: { choices: [{ name: 'Emmanuel Macron', value: 'Emmanuel Macron' }] } });
  });

  /** The choices the bot answers an autocomplete with. */
  async function choicesFor(command: string, option: string, typed: string, subcommand?: string) {
    const interaction = fake.autocomplete(command, option, typed, subcommand);
    fake.interact(interaction);
    const callback = await fake.waitFor((r) => r.path === `/interactions/${interaction.id}/${interaction.token}/callback`);
    return (callback.body as { data: { choices: { name: string; value: string | number }[] } }).data.choices;
  }

  it('autocompletes time zones by any part of their name', async () => {
    expect((await choicesFor('digest', 'timezone', 'paris', 'subscribe')).map((c) => c.value)).toEqual(['Europe/Paris']);
    const york = await choicesFor('digest', 'timezone', 'york', 'subscribe');
    expect(york.map((c) => c.value)).toContain('America/New_York');
    const europe = await choicesFor('digest', 'timezone', 'europe/', 'subscribe');
    expect(europe).toHaveLength(25);
    expect(europe.every((c) => String(c.value).startsWith('Europe/'))).toBe(true);
  });

  it('autocompletes schedules with the phrases they understand', async () => {
    const all = (await choicesFor('digest', 'schedule', '', 'subscribe')).map((c) => c.value);
    expect(all).toEqual(expect.arrayContaining(['daily 08:00', 'weekdays 07:30', 'every 6h']));
    expect((await choicesFor('digest', 'schedule', 'week', 'subscribe')).map((c) => c.value)).toEqual(['weekdays 07:30', 'weekends 09:00']);
    // What the user typed comes first when it reads as a schedule.
    expect((await choicesFor('digest', 'schedule', 'daily 6:45', 'subscribe'))[0]?.value).toBe('daily 6:45');
  });

  it('autocompletes this channel’s digests and the followed sources by number, with what they are', async () => {
    expect(await choicesFor('digest', 'id', '', 'preview')).toEqual([
      { name: '#3 “ukraine” daily at 08:00 (Europe/Paris)', value: 3 },
      { name: '#7 “rare earths” daily at 08:00 (Europe/Paris)', value: 7 },
    ]);
    expect(await choicesFor('digest', 'id', 'rare', 'unsubscribe')).toEqual([{ name: '#7 “rare earths” daily at 08:00 (Europe/Paris)', value: 7 }]);
    expect(await choicesFor('sources', 'id', 'valley', 'articles')).toEqual([{ name: '#2 Valley Post', value: 2 }]);
  });

  it('autocompletes topics from headlines', async () => {
    const interaction = fake.autocomplete('brief', 'topic', 'ukr');
    fake.interact(interaction);
    const callback = await fake.waitFor((r) => r.path === `/interactions/${interaction.id}/${interaction.token}/callback`);
    const choices = (callback.body as { data: { choices: { name: string }[] } }).data.choices;
    expect(choices.map((c) => c.name)).toContain('ukraine');
    expect(choices.length).toBeLessThanOrEqual(25);
  });

  it('continues a long answer on a "More" button', async () => {
    const many = await libraryOf(
      ...Array.from({ length: 30 }, (_, i) => ({
        id: `m${i}`,
        body: `Harbour story ${i}\n\n“${'We will rebuild the harbour and the town around it, stone by stone. '.repeat(8)}” Mayor Ines Duarte said on day ${i}.`,
      })),
    );
    const local = createDiscordAdapter({ token: fake.token, apiUrl: fake.apiUrl, table, context: () => ({ library: many, now: 0 }), log });
    await bot.stop();
    await local.start();
    try {
      const interaction = fake.chatInput('quotes', { person: 'duarte' });
      fake.interact(interaction);
      const edit = await fake.waitFor(isEdit(interaction.token));
      const components = (edit.body as { components: { components: { custom_id: string; label: string }[] }[] }).components;
      const more = components[0]?.components[0];
      expect(more?.label).toBe('More');
      const press = fake.button(more?.custom_id ?? '');
      fake.interact(press);
      const update = await fake.waitFor((r) => r.path === `/interactions/${press.id}/${press.token}/callback`);
      expect(update.body).toMatchObject({ type: 7, data: { components: [] } });
      const next = await fake.waitFor(isFollowUp(press.token));
      expect(embedsOf(next)[0]?.footer?.text).toMatch(/page 2 of \d+/);
    } finally {
      await local.stop();
      bot = createDiscordAdapter({ token: fake.token, apiUrl: fake.apiUrl, table, context: () => ({ library, now: 0 }), log });
      await bot.start();
    }
  });

  it('tells the user politely when something breaks, and logs it with context', async () => {
    const broken = createDiscordAdapter({
      token: fake.token,
      apiUrl: fake.apiUrl,
      table: [{ name: 'brief', description: 'x', options: [], run: () => Promise.reject(new Error('database on fire')) }],
      context: () => ({ library, now: 0 }),
      log,
    });
    await bot.stop();
    await broken.start();
    try {
      const interaction = fake.chatInput('brief', {});
      fake.interact(interaction);
      const follow = await fake.waitFor(isFollowUp(interaction.token));
      expect(follow.body).toMatchObject({ content: 'Sorry, something went wrong answering that. It has been logged.', flags: 64 });
      expect(logs.some((l) => l.includes('discord: /brief from user') && l.includes('database on fire'))).toBe(true);
    } finally {
      await broken.stop();
      bot = createDiscordAdapter({ token: fake.token, apiUrl: fake.apiUrl, table, context: () => ({ library, now: 0 }), log });
      await bot.start();
    }
  });
});

describe('Discord rate limits', () => {
  it('keeps to its share of the global limit (DISCORD_REQUESTS_PER_SECOND), so Discord never says 429', async () => {
    const limited = await startFakeDiscord({ globalRateLimit: 5 });
    const bot = createDiscordAdapter({ token: limited.token, apiUrl: limited.apiUrl, requestsPerSecond: 2, table, context: () => ({ library, now: 0 }), log });
    await bot.start();
    try {
      const posts = Array.from({ length: 6 }, (_, i) => bot.postToChannel(CHANNEL_ID, { kind: 'notice', tone: 'info', text: `Digest ${i}` }));
      expect((await Promise.all(posts)).flat()).toHaveLength(6);
      expect(limited.rateLimited()).toBe(0);
    } finally {
      await bot.stop();
      await limited.close();
    }
  });

  it('waits out a global 429 and delivers every post', async () => {
    const limited = await startFakeDiscord({ globalRateLimit: 5 });
    const bot = createDiscordAdapter({ token: limited.token, apiUrl: limited.apiUrl, table, context: () => ({ library, now: 0 }), log });
    await bot.start();
    try {
      const posts = Array.from({ length: 12 }, (_, i) => bot.postToChannel(CHANNEL_ID, { kind: 'notice', tone: 'info', text: `Digest ${i}` }));
      expect((await Promise.all(posts)).flat()).toHaveLength(12);
      expect(limited.created.filter((m) => m.channel_id === CHANNEL_ID)).toHaveLength(12);
      expect(limited.rateLimited()).toBeGreaterThan(0);
    } finally {
      await bot.stop();
      await limited.close();
    }
  });
});

describe('Discord shards', () => {
  // Guild ids whose (id >> 22) % 2 puts one on each shard.
  const onShard0 = String(4n << 22n);
  const onShard1 = String(5n << 22n);
  const twoShards = () =>
    startFakeDiscord({
      shards: 2,
      guilds: [
        { id: onShard0, name: 'Zero' },
        { id: onShard1, name: 'One' },
      ],
    });
  /** A command in each server is answered, by whichever connection holds its shard. */
  const bothServed = async (sharded: FakeDiscord) => {
    expect([...sharded.shards.keys()].sort()).toEqual([0, 1]);
    for (const guildId of [onShard0, onShard1]) {
      const interaction = sharded.chatInput('quotes', { person: 'macron' }, { guildId });
      sharded.interact(interaction);
      const edit = await sharded.waitFor(isEdit(interaction.token));
      expect(embedsOf(edit)[0]?.title).toBe('Emmanuel Macron (President)');
    }
  };
  const adapter = (sharded: FakeDiscord, shards: 'auto' | number, shardIds?: number[]) =>
    createDiscordAdapter({ token: sharded.token, apiUrl: sharded.apiUrl, shards, shardIds, table, context: () => ({ library, now: 0 }), log });

  it('runs as many shards as the gateway asks for, and each serves its own servers', async () => {
    const sharded = await twoShards();
    const bot = adapter(sharded, 'auto');
    await bot.start();
    try {
      expect(bot.client.guilds.cache.size).toBe(2);
      await bothServed(sharded);
    } finally {
      await bot.stop();
      await sharded.close();
    }
  });

  it('splits the shards between two instances (DISCORD_SHARD_IDS), each serving only its own servers', async () => {
    const sharded = await twoShards();
    const [zero, one] = [adapter(sharded, 2, [0]), adapter(sharded, 2, [1])];
    await zero.start();
    await one.start();
    try {
      expect([...zero.client.guilds.cache.keys()]).toEqual([onShard0]);
      expect([...one.client.guilds.cache.keys()]).toEqual([onShard1]);
      await bothServed(sharded);
    } finally {
      await zero.stop();
      await one.stop();
      await sharded.close();
    }
  });
});
