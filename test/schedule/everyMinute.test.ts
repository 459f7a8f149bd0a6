import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIEmbed } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../src/adapters/discord/discord.ts';
import type { CommandContext } from '../../src/commands/command.ts';
import { commandTable } from '../../src/commands/table.ts';
import { Library } from '../../src/library/library.ts';
import { createLogger } from '../../src/log.ts';
import type { Poster } from '../../src/platform.ts';
import { createDigestsPort } from '../../src/schedule/digestsPort.ts';
import { DigestScheduler } from '../../src/schedule/scheduler.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import type { Platform } from '../../src/store/store.ts';
import { until } from '../botProcess.ts';
import { APP_ID, CHANNEL_ID, type FakeDiscord, startFakeDiscord } from '../fakes/discord.ts';
import { putRaw } from '../helpers.ts';

// Real time, real timers: a channel subscribed every minute (DIGEST_MIN_INTERVAL_SECONDS=60)
// gets a digest each minute, through the Discord adapter and the local Discord. Slow by nature
// (about two minutes); the schedule engine's own tests cover the calendar.

const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'briefbot-minute-')), 'db.sqlite'));
const library = new Library(store);
const log = createLogger([], () => {});
const posters: Partial<Record<Platform, Poster>> = {};
const scheduler = new DigestScheduler({ store, library, posters, now: Date.now, log, catchupMs: 6 * 3_600_000, emptyNote: false });
const digests = createDigestsPort({ store, library, scheduler, limits: { minIntervalSeconds: 60, maxPerChannel: 10 }, now: Date.now });
const context = (): CommandContext => ({ library, now: Date.now(), digests, defaultTimezone: 'UTC' });
let fake: FakeDiscord;
let discord: DiscordAdapter;

beforeAll(async () => {
  fake = await startFakeDiscord();
  discord = createDiscordAdapter({ token: fake.token, apiUrl: fake.apiUrl, table: commandTable(), context, log });
  await discord.start();
  posters.discord = discord.poster;
  await scheduler.start();
});
afterAll(async () => {
  await scheduler.stop();
  await discord?.stop();
  await fake?.close();
  await store.close();
});

const news = (id: string, title: string) =>
  putRaw(store, { id, body: `${title}\n\n“The guns fall silent tonight,” Minister Anna Berg said.` }, new Date().toISOString());
const digestPosts = () => fake.created.filter((m) => m.channel_id === CHANNEL_ID && (m.embeds as APIEmbed[]).some((e) => e.title?.startsWith('Digest #1')));

describe('a digest every minute', () => {
  it('is confirmed with the next three minutes, then posts at each of them', async () => {
    const interaction = fake.chatInput('digest', { subcommand: 'subscribe', topic: 'ceasefire', schedule: '* * * * *' }, { admin: true });
    fake.interact(interaction);
    const confirm = await fake.waitFor((r) => r.method === 'PATCH' && r.path === `/webhooks/${APP_ID}/${interaction.token}/messages/@original`);
    const text = (confirm.body as { content: string }).content.replace(/\\(.)/g, '$1'); // as Discord shows it, markdown escapes undone
    expect(text).toMatch(/Subscribed: digest #1 on “ceasefire”, cron “\* \* \* \* \*” \(UTC\)\. Next: (.+?); (.+?); (.+?)\./);
    const shown = [...text.matchAll(/(\d\d):(\d\d) \(UTC\)/g)].map((m) => `${m[1]}:${m[2]}`);
    expect(shown).toHaveLength(3);

    await news('n1', 'Ceasefire agreed in Geneva');
    const first = await until(() => digestPosts()[0], 'the first digest', 75_000, 200);
    await news('n2', 'Ceasefire holds through the night');
    const second = await until(() => digestPosts()[1], 'the second digest', 75_000, 200);
    const at = (m: { timestamp: string }) => new Date(m.timestamp);
    // Posted at consecutive minutes, each just after its minute began (the first at a time shown).
    expect(shown).toContain(at(first).toISOString().slice(11, 16));
    expect(Math.round((at(second).getTime() - at(first).getTime()) / 60_000)).toBe(1);
    for (const m of [first, second]) expect(at(m).getUTCSeconds()).toBeLessThan(15);
    const titles = (m: typeof first) => (m.embeds as APIEmbed[]).map((e) => e.description ?? '').join('\n');
    expect(titles(first)).toContain('Ceasefire agreed in Geneva');
    // The second leads with what is new (the story it continues comes back as an update).
    expect(titles(second)).toMatch(/^\*\*Top stories\*\*\n1\. Ceasefire holds through the night/);
  }, 180_000);
});
