import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerLine } from '../../src/adapters/console/console.ts';
import { renderReply } from '../../src/adapters/console/render.ts';
import { splitSubscription } from '../../src/commands/digest.ts';
import type { Reply } from '../../src/commands/reply.ts';
import { commandTable } from '../../src/commands/table.ts';
import { nextRuns, parseSchedule } from '../../src/core/schedule.ts';
import { Library } from '../../src/library/library.ts';
import { createLogger } from '../../src/log.ts';
import { ChannelGoneError, type DigestDelivery, digestKey, type Poster } from '../../src/platform.ts';
import { createDigestsPort } from '../../src/schedule/digestsPort.ts';
import { DigestScheduler, type SchedulerDeps } from '../../src/schedule/scheduler.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { putRaw } from '../helpers.ts';

const iso = (ms: number) => new Date(ms).toISOString();

describe('schedules', () => {
  it.each([
    ['daily 08:00', '0 8 * * *'],
    ['weekdays 07:30', '30 7 * * 1-5'],
    ['mondays 09:00', '0 9 * * 1'],
    ['every 6h', '0 */6 * * *'],
    ['Friday at 5pm', '0 17 * * 5'],
    ['0 8 * * 1-5', '0 8 * * 1-5'],
  ])('%s reads as %s', (text, cron) => {
    const r = parseSchedule(text);
    expect(r.ok && r.schedule.cron).toBe(cron);
  });

  it.each(['daily 25:00', 'fortnightly 08:00', '61 * * * *', 'every 0h', 'soon'])('%s is refused with what would work', (text) => {
    const r = parseSchedule(text);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/Try|Use|needs/);
  });

  it('follows the zone across daylight-saving changes', () => {
    // Paris springs forward on 30 March 2025 and falls back on 26 October 2025.
    expect(nextRuns('0 8 * * *', 'Europe/Paris', Date.parse('2025-03-29T12:00:00Z'), 2).map(iso)).toEqual([
      '2025-03-30T06:00:00.000Z',
      '2025-03-31T06:00:00.000Z',
    ]);
    expect(nextRuns('0 8 * * *', 'Europe/Paris', Date.parse('2025-10-25T12:00:00Z'), 2).map(iso)).toEqual([
      '2025-10-26T07:00:00.000Z',
      '2025-10-27T07:00:00.000Z',
    ]);
    const skipped = nextRuns('30 2 * * *', 'Europe/Paris', Date.parse('2025-03-29T12:00:00Z'), 1).map(iso);
    expect(skipped).toEqual(['2025-03-30T01:30:00.000Z']); // 02:30 does not exist that day: 03:30
    expect(nextRuns('30 2 * * *', 'Europe/Paris', Date.parse('2025-10-25T12:00:00Z'), 2)).toHaveLength(2); // repeated hour: once
  });

  it.each([
    ['ukraine daily 08:00', { topic: 'ukraine', schedule: 'daily 08:00' }],
    ['rare earth minerals weekdays 7:30 Europe/Paris', { topic: 'rare earth minerals', schedule: 'weekdays 7:30', timezone: 'Europe/Paris' }],
    ['security guarantees every 6h', { topic: 'security guarantees', schedule: 'every 6h' }],
    ['gaza 0 8 * * 1-5 UTC', { topic: 'gaza', schedule: '0 8 * * 1-5', timezone: 'UTC' }],
  ])('splits “%s”', (text, expected) => {
    expect(splitSubscription(text)).toEqual(expected);
  });

  it('names an unknown zone', () => {
    expect(splitSubscription('ukraine daily 08:00 Mars/Olympus')).toEqual({ error: expect.stringContaining('“Mars/Olympus” is not a time zone') });
  });
});

function setup(start: string, emptyNote = false) {
  let clock = Date.parse(start);
  const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'briefbot-digest-')), 'db.sqlite'));
  const library = new Library(store);
  const posted: { channel: string; reply: Reply; delivery?: DigestDelivery }[] = [];
  const notified: { user: string; text: string }[] = [];
  const gone = new Set<string>();
  const poster: Poster = {
    post: async (channel, reply, delivery) => {
      if (gone.has(channel)) throw new ChannelGoneError('Unknown Channel');
      posted.push({ channel, reply, delivery });
    },
    notify: async (user, text) => {
      notified.push({ user, text });
    },
  };
  const logs: string[] = [];
  const log = createLogger([], (l) => logs.push(l));
  const make = (instanceId: string, extra: Partial<SchedulerDeps> = {}) =>
    new DigestScheduler({ store, library, posters: { console: poster }, now: () => clock, log, catchupMs: 6 * 3_600_000, emptyNote, instanceId, ...extra });
  const scheduler = make('a');
  const port = createDigestsPort({ store, library, scheduler, limits: { minIntervalSeconds: 3600, maxPerChannel: 3 }, now: () => clock });
  const where = { platform: 'console' as const, channelId: 'news' };
  // News arrives a minute after whatever happened last.
  const add = async (id: string, title: string, quote: string) => {
    clock += 60_000;
    await putRaw(store, { id, body: `${title}\n\n“${quote},” Minister Anna Berg said on the day.`, published: iso(clock) }, iso(clock));
  };
  return {
    store,
    library,
    posted,
    notified,
    gone,
    logs,
    make,
    scheduler,
    port,
    where,
    add,
    at: (t: string) => {
      clock = Date.parse(t);
    },
  };
}

const topicsOf = (r: Reply) => (r.kind === 'briefing' ? r.briefing.stories.map((s) => s.title) : []);

describe('delivering digests', () => {
  it('posts only what is new, at the scheduled time, exactly once', async () => {
    const t = setup('2025-03-01T07:00:00Z');
    await t.add('old', 'Ceasefire talks open', 'We are at the table'); // before the first digest's period
    t.at('2025-03-03T07:00:00Z');
    const sub = await t.port.subscribe({ topic: 'ceasefire', schedule: 'daily 09:00', timezone: 'Europe/Paris', createdBy: 'u1' }, t.where);
    expect(sub).toMatchObject({
      ok: true,
      digest: { next: ['Mon 3 Mar 2025, 09:00 (Europe/Paris)', 'Tue 4 Mar 2025, 09:00 (Europe/Paris)', 'Wed 5 Mar 2025, 09:00 (Europe/Paris)'] },
    });
    const record = (await t.store.listSubscriptions())[0];
    if (!record) throw new Error('no subscription');
    t.at('2025-03-03T07:30:00Z');
    await t.add('new', 'Ceasefire agreed in Geneva', 'The guns fall silent tonight');
    expect(await t.scheduler.runDue(record)).toBe('not-due'); // 08:30 Paris: not yet
    t.at('2025-03-03T08:00:00Z');
    expect(await t.scheduler.runDue(record)).toBe('sent');
    expect(t.posted).toHaveLength(1);
    expect(topicsOf(t.posted[0]?.reply as Reply)).toEqual(['Ceasefire agreed in Geneva']);
    expect(await t.scheduler.runDue(record)).toBe('not-due');
    expect(await t.make('b').runDue(record)).toBe('not-due'); // a second instance: nothing
    expect(t.posted).toHaveLength(1);
  });

  it('posts nothing when there is nothing new (and a note with DIGEST_EMPTY=note)', async () => {
    const t = setup('2025-03-03T07:00:00Z');
    await t.port.subscribe({ topic: 'ceasefire', schedule: 'daily 09:00', timezone: 'Europe/Paris', createdBy: null }, t.where);
    const record = (await t.store.listSubscriptions())[0];
    if (!record) throw new Error('no subscription');
    t.at('2025-03-03T08:00:30Z');
    expect(await t.scheduler.runDue(record)).toBe('empty');
    expect(t.posted).toHaveLength(0);
  });

  it('posts a one-line note instead, with DIGEST_EMPTY=note', async () => {
    const t = setup('2025-03-03T07:00:00Z', true);
    await t.port.subscribe({ topic: 'ceasefire', schedule: 'daily 09:00', timezone: 'Europe/Paris', createdBy: null }, t.where);
    const record = (await t.store.listSubscriptions())[0];
    if (!record) throw new Error('no subscription');
    t.at('2025-03-03T08:00:30Z');
    expect(await t.scheduler.runDue(record)).toBe('empty');
    expect(t.posted.map((p) => p.reply)).toEqual([
      {
        kind: 'notice',
        tone: 'info',
        text: 'Digest #1: Nothing new on “ceasefire” since Sun 2 Mar 2025, 09:00 (Europe/Paris), the period before this digest was set up. /brief ceasefire shows everything on it.',
      },
    ]);
  });

  it('delivers when /digest shows it will: either day field of cron, and a run in the hour skipped by daylight saving', async () => {
    const t = setup('2025-03-01T12:00:00Z', true);
    const cron = await t.port.subscribe({ topic: 'ceasefire', schedule: '0 8 1 * 1', timezone: 'UTC', createdBy: null }, t.where);
    expect(cron).toMatchObject({ ok: true, digest: { next: ['Mon 3 Mar 2025, 08:00 (UTC)', 'Mon 10 Mar 2025, 08:00 (UTC)', 'Mon 17 Mar 2025, 08:00 (UTC)'] } });
    const dst = await t.port.subscribe({ topic: 'geneva', schedule: '30 2 * * *', timezone: 'Europe/Paris', createdBy: null }, t.where);
    expect(dst.ok && dst.digest.next[0]).toBe('Sun 2 Mar 2025, 02:30 (Europe/Paris)');
    const [monthly, nightly] = await t.store.listSubscriptions();
    if (!monthly || !nightly) throw new Error('no subscriptions');
    const outcome = async (sub: typeof monthly, at: string) => {
      t.at(at);
      return t.scheduler.runDue((await t.store.getSubscription(sub.id)) ?? sub);
    };
    expect(await outcome(monthly, '2025-03-02T08:00:05Z')).toBe('not-due'); // a Sunday, not the 1st
    for (const day of ['03', '10', '17']) expect(await outcome(monthly, `2025-03-${day}T08:00:05Z`)).toBe('empty');
    expect(await outcome(monthly, '2025-03-18T08:00:05Z')).toBe('not-due');
    expect(await outcome(monthly, '2025-04-01T08:00:05Z')).toBe('empty'); // the 1st, a Tuesday
    // 30 March: Paris goes from 02:00 to 03:00, so 02:30 is 03:30 CEST (01:30 UTC), as listed.
    const listed = await t.port.list(t.where);
    t.at('2025-03-29T12:00:00Z');
    expect((await t.port.list(t.where)).find((d) => d.topic === 'geneva')?.next).toEqual([
      'Sun 30 Mar 2025, 03:30 (Europe/Paris)',
      'Mon 31 Mar 2025, 02:30 (Europe/Paris)',
      'Tue 1 Apr 2025, 02:30 (Europe/Paris)',
    ]);
    expect(listed).toHaveLength(2);
    expect(await outcome(nightly, '2025-03-29T01:30:05Z')).toBe('empty'); // 02:30 CET
    expect(await outcome(nightly, '2025-03-30T00:30:05Z')).toBe('not-due'); // would be 02:30 CET: the hour that does not exist
    expect(await outcome(nightly, '2025-03-30T01:30:05Z')).toBe('empty');
    expect(await outcome(nightly, '2025-03-31T00:30:05Z')).toBe('empty');
  });

  it('starts with the period before the subscription, and the preview shows what the next digest holds', async () => {
    const t = setup('2025-03-03T06:00:00Z');
    await t.add('early', 'Ceasefire talks open', 'We are at the table'); // after Sunday's 09:00, before subscribing
    t.at('2025-03-03T07:00:00Z');
    await t.port.subscribe({ topic: 'ceasefire', schedule: 'daily 09:00', timezone: 'Europe/Paris', createdBy: null }, t.where);
    const preview = await t.port.preview(1, t.where);
    expect(preview && topicsOf(preview)).toEqual(['Ceasefire talks open']);
    const record = (await t.store.listSubscriptions())[0];
    if (!record) throw new Error('no subscription');
    t.at('2025-03-03T08:00:10Z');
    expect(await t.scheduler.runDue(record)).toBe('sent');
    expect(topicsOf(t.posted[0]?.reply as Reply)).toEqual(['Ceasefire talks open']);
    // After a digest, the next one holds only what came since, and the preview says why it is empty.
    const after = await t.port.preview(1, t.where);
    expect(after && renderReply(after)).toBe(
      'Nothing new on “ceasefire” since the last digest, Mon 3 Mar 2025, 09:00 (Europe/Paris). /brief ceasefire shows everything on it.',
    );
  });

  it('takes over a slot whose instance died, once, under the same key', async () => {
    const t = setup('2025-03-03T07:00:00Z');
    await t.port.subscribe({ topic: 'ceasefire', schedule: 'daily 09:00', timezone: 'Europe/Paris', createdBy: null }, t.where);
    await t.port.subscribe({ topic: 'geneva', schedule: 'daily 09:00', timezone: 'Europe/Paris', createdBy: null }, t.where);
    const [first, second] = await t.store.listSubscriptions();
    if (!first || !second) throw new Error('no subscriptions');
    await t.add('new', 'Ceasefire agreed in Geneva', 'The guns fall silent tonight');
    const slot = '2025-03-03T08:00:00.000Z';
    // The old process claimed both slots and died: before posting the first, while posting the second.
    expect(await t.store.claimDelivery(first.id, slot, 'crashed', slot, '2025-03-03T08:01:00.000Z')).not.toBeNull();
    expect(await t.store.claimDelivery(second.id, slot, 'crashed', slot, '2025-03-03T08:01:00.000Z')).not.toBeNull();
    expect(await t.store.renewDelivery(second.id, slot, 'crashed', '2025-03-03T08:01:00.000Z', true)).toBe(true);
    t.at('2025-03-03T08:00:30Z'); // the leases still hold: nobody else may post
    const early = t.make('early');
    await early.start();
    await early.stop();
    expect(t.posted).toHaveLength(0);
    t.at('2025-03-03T08:01:30Z');
    const restarted = t.make('restarted');
    await restarted.start();
    await restarted.start();
    await restarted.stop();
    expect(t.posted.map((p) => p.delivery)).toEqual([
      { key: digestKey(first.id, slot), maybePosted: false, slot },
      { key: digestKey(second.id, slot), maybePosted: true, slot },
    ]);
    expect(await t.store.deliveryStatus(first.id, slot)).toBe('sent');
    expect(t.logs.filter((l) => /taking over the 2025-03-03T08:00:00.000Z slot/.test(l))).toHaveLength(2);
  });

  it("gives up a dead instance's slot that is past the catch-up window", async () => {
    const t = setup('2025-03-03T07:00:00Z');
    await t.port.subscribe({ topic: 'ceasefire', schedule: 'daily 09:00', timezone: 'Europe/Paris', createdBy: null }, t.where);
    const [sub] = await t.store.listSubscriptions();
    if (!sub) throw new Error('no subscription');
    const slot = '2025-03-03T08:00:00.000Z';
    await t.store.claimDelivery(sub.id, slot, 'crashed', slot, '2025-03-03T08:01:00.000Z');
    t.at('2025-03-03T20:00:00Z');
    const late = t.make('late');
    await late.start();
    await late.stop();
    expect(t.posted).toHaveLength(0);
    expect(await t.store.deliveryStatus(sub.id, slot)).toBe('failed');
    expect(t.logs.some((l) => /given up: the instance delivering it stopped/.test(l))).toBe(true);
  });

  it('works through many due digests a few at a time, claiming only what it is posting', async () => {
    const t = setup('2025-03-03T07:00:00Z', true);
    for (let i = 0; i < 12; i++) {
      await t.store.addSubscription({
        platform: 'console',
        channelId: `c${i}`,
        topic: 'ceasefire',
        schedule: 'daily 08:00',
        timezone: 'UTC',
        createdBy: null,
        createdAt: '2025-03-03T07:00:00.000Z',
      });
    }
    t.at('2025-03-03T08:00:30Z');
    let inFlight = 0;
    let most = 0;
    let mostOpenClaims = 0;
    const slow: Poster = {
      post: async () => {
        most = Math.max(most, ++inFlight);
        const open = await Promise.all((await t.store.listSubscriptions()).map((s) => t.store.deliveryStatus(s.id, '2025-03-03T08:00:00.000Z')));
        mostOpenClaims = Math.max(mostOpenClaims, open.filter((x) => x === 'claimed' || x === 'posting').length);
        await new Promise((r) => setTimeout(r, 20));
        inFlight--;
      },
      notify: async () => {},
    };
    const scheduler = t.make('paced', { concurrency: 3, posters: { console: slow } });
    await scheduler.start();
    await scheduler.stop();
    const statuses = await Promise.all((await t.store.listSubscriptions()).map((s) => t.store.deliveryStatus(s.id, '2025-03-03T08:00:00.000Z')));
    expect(statuses).toEqual(Array(12).fill('empty'));
    expect(most).toBe(3);
    expect(mostOpenClaims).toBeLessThanOrEqual(3);
  });

  it('picks up subscriptions another instance added or removed, and leaves other platforms alone', async () => {
    const t = setup('2025-03-03T07:00:00Z');
    const other = t.make('other');
    await other.start();
    expect(other.scheduled()).toEqual([]);
    await t.port.subscribe({ topic: 'ceasefire', schedule: 'daily 09:00', timezone: 'Europe/Paris', createdBy: null }, t.where); // through instance a
    const discord = await t.store.addSubscription({
      platform: 'discord',
      channelId: 'd1',
      topic: 'gaza',
      schedule: 'daily 08:00',
      timezone: 'UTC',
      createdBy: null,
      createdAt: '2025-03-03T06:00:00.000Z',
    });
    await other.sync();
    const [mine] = await t.store.listSubscriptions({ platform: 'console', channelId: 'news' });
    expect(other.scheduled()).toEqual([mine?.id]);
    await t.store.removeSubscription(mine?.id ?? 0);
    await other.sync();
    expect(other.scheduled()).toEqual([]);
    // A Discord digest due now is not this console-only instance's to claim.
    t.at('2025-03-03T08:00:30Z');
    const late = t.make('late');
    await late.start();
    expect(await t.store.deliveryStatus(discord.id, '2025-03-03T08:00:00.000Z')).toBeNull();
    expect(t.logs.some((l) => /1 subscription\(s\) post to discord, which this instance does not connect to/.test(l))).toBe(true);
    await late.stop();
    await other.stop();
  });

  it('says once, not at every reread, that a stored schedule no longer reads', async () => {
    const t = setup('2025-03-03T07:00:00Z');
    await t.store.addSubscription({
      platform: 'console',
      channelId: 'news',
      topic: 'gaza',
      schedule: 'fortnightly 08:00',
      timezone: 'UTC',
      createdBy: null,
      createdAt: '2025-03-03T06:00:00.000Z',
    });
    const s = t.make('rereads');
    await s.start();
    await s.sync();
    await s.sync();
    expect(s.scheduled()).toEqual([]);
    expect(t.logs.filter((l) => /schedule “fortnightly 08:00” no longer reads/.test(l))).toHaveLength(1);
    await s.stop();
  });

  it('catches up a slot missed while down, once; skips one older than the window', async () => {
    const t = setup('2025-03-03T07:00:00Z');
    await t.port.subscribe({ topic: 'ceasefire', schedule: 'daily 09:00', timezone: 'Europe/Paris', createdBy: null }, t.where);
    await t.add('new', 'Ceasefire agreed in Geneva', 'The guns fall silent tonight');
    t.at('2025-03-03T11:00:00Z'); // down at 09:00 Paris, back three hours later
    const back = t.make('back');
    await back.start();
    expect(t.posted).toHaveLength(1);
    await back.start();
    expect(t.posted).toHaveLength(1);
    await back.stop();

    t.at('2025-03-04T20:00:00Z'); // the next day's slot is 12 hours old: skipped, logged
    const late = t.make('late');
    await late.start();
    expect(t.posted).toHaveLength(1);
    expect(t.logs.some((l) => /slot was missed by more than the catch-up window/.test(l))).toBe(true);
    await late.stop();
  });

  it('pauses a subscription whose channel is gone and tells the subscriber', async () => {
    const t = setup('2025-03-03T07:00:00Z');
    await t.port.subscribe({ topic: 'ceasefire', schedule: 'daily 09:00', timezone: 'Europe/Paris', createdBy: 'u42' }, t.where);
    const record = (await t.store.listSubscriptions())[0];
    if (!record) throw new Error('no subscription');
    await t.add('new', 'Ceasefire agreed in Geneva', 'The guns fall silent tonight');
    t.gone.add('news');
    t.at('2025-03-03T08:00:00Z');
    expect(await t.scheduler.runDue(record)).toBe('failed');
    expect((await t.store.getSubscription(record.id))?.paused).toBe(true);
    expect(t.notified).toEqual([{ user: 'u42', text: expect.stringContaining('is paused: I can no longer post in that channel') }]);
    await t.scheduler.stop();
  });
});

describe('/digest commands', () => {
  const table = commandTable();
  const say = async (t: ReturnType<typeof setup>, line: string, canManageChannel = true) => {
    const reply = await answerLine(
      line,
      table,
      {
        library: t.library,
        now: 0,
        digests: t.port,
        where: t.where,
        defaultTimezone: 'UTC',
        actor: { id: 'u1', admin: false, canManageChannel, platformId: 'u1' },
      },
      createLogger([], () => {}),
    );
    return reply ? renderReply(reply) : '';
  };

  it('subscribes, confirming the next three runs in the zone asked for', async () => {
    const t = setup('2025-03-03T07:00:00Z');
    const out = await say(t, '/digest subscribe rare earth minerals weekdays 07:30 Europe/Paris');
    expect(out).toBe(
      'Subscribed: digest #1 on “rare earth minerals”, weekdays at 07:30 (Europe/Paris). Next: Tue 4 Mar 2025, 07:30 (Europe/Paris); Wed 5 Mar 2025, 07:30 (Europe/Paris); Thu 6 Mar 2025, 07:30 (Europe/Paris).',
    );
    expect(await say(t, '/digest list')).toContain('#1 “rare earth minerals” weekdays at 07:30 (Europe/Paris) — next Tue 4 Mar 2025');
    expect(await say(t, '/digest pause 1')).toContain('Paused digest #1');
    expect(await say(t, '/digest list')).toContain('— paused');
    expect(await say(t, '/digest resume 1')).toContain('Resumed digest #1. Next: Tue 4 Mar 2025');
    expect(await say(t, '/digest unsubscribe 1')).toBe('Unsubscribed digest #1.');
    expect(await say(t, '/digest list')).toContain('This channel has no digests');
    await t.scheduler.stop();
  });

  it.each([
    ['/digest subscribe ukraine fortnightly 08:00', '“fortnightly” is not a day I know'],
    ['/digest subscribe ukraine daily 08:00 Mars/Olympus', 'not a time zone I know'],
    ['/digest subscribe ukraine every 30m', 'digests here run at most every 60 minutes'],
    ['/digest subscribe daily 08:00', '/digest subscribe needs a topic. Usage: /digest subscribe <topic> <schedule> [timezone]'],
    ['/digest unsubscribe 99', 'There is no digest #99 in this channel'],
    ['/digest preview x', 'Which digest?'],
    ['/digest launch', 'is not something /digest does'],
  ])('%s → a clear answer', async (line, expected) => {
    const t = setup('2025-03-03T07:00:00Z');
    expect(await say(t, line)).toContain(expected);
  });

  it('refuses members who cannot manage the channel, and caps digests per channel', async () => {
    const t = setup('2025-03-03T07:00:00Z');
    expect(await say(t, '/digest subscribe ukraine daily 08:00', false)).toContain('Only members who can manage this channel');
    for (const topic of ['a1', 'b2', 'c3']) await say(t, `/digest subscribe ${topic} daily 08:00`);
    expect(await say(t, '/digest subscribe d4 daily 08:00')).toContain('already has 3 digests, the most allowed');
    await t.scheduler.stop();
  });

  it('previews what would be posted now, only to the asker', async () => {
    const t = setup('2025-03-03T07:00:00Z');
    await say(t, '/digest subscribe ceasefire daily 09:00');
    await t.add('new', 'Ceasefire agreed in Geneva', 'The guns fall silent tonight');
    const reply = await t.port.preview(1, t.where);
    expect(reply).toMatchObject({ kind: 'briefing', private: true, digest: { id: 1 } });
    expect(renderReply(reply as Reply)).toContain('Digest #1: ceasefire');
    await t.scheduler.stop();
  });
});
