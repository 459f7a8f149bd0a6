import { describe, expect, it } from 'vitest';
import { formatRun, localParts, nextRuns, parseCron, previousRun } from '../../src/core/schedule.ts';

// One engine names the times /digest shows (nextRuns) and the slot a tick delivers (previousRun);
// these hold the two together, and to a brute-force reading of cron, over random expressions,
// zones and daylight-saving days.

const MINUTE = 60_000;
const DAY = 86_400_000;
const ZONES = ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/Sao_Paulo', 'Pacific/Chatham'];
/** Days around daylight-saving changes: Paris and New York spring and autumn 2025, Lord Howe (half an hour). */
const DST_DAYS = [
  '2025-03-30T00:00:00Z',
  '2025-10-26T00:00:00Z',
  '2025-03-09T05:00:00Z',
  '2025-11-02T05:00:00Z',
  '2025-04-06T00:00:00Z',
  '2025-10-05T00:00:00Z',
];

/** A small deterministic generator (mulberry32), so a failure names its seed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: T[]) => xs[int(0, xs.length - 1)] as T;
  return { int, pick };
}

type Random = ReturnType<typeof random>;

function cronField(r: Random, lo: number, hi: number, restrictOften: boolean): string {
  const a = r.int(lo, hi);
  const b = r.int(a, hi);
  const shapes = [
    () => '*',
    () => `*/${r.int(1, Math.min(30, hi - lo + 1))}`,
    () => `${a}`,
    () => `${a}-${b}`,
    () => `${a},${b}`,
    () => `${a}-${b}/${r.int(1, 5)}`,
  ];
  return restrictOften ? r.pick(shapes.slice(1))() : r.pick([shapes[0] as () => string, shapes[0] as () => string, ...shapes.slice(1)])();
}

function randomCron(r: Random): string {
  return [cronField(r, 0, 59, true), cronField(r, 0, 23, false), cronField(r, 1, 28, false), cronField(r, 1, 12, false), cronField(r, 0, 7, false)].join(' ');
}

/** Cron read the slow, obvious way: every minute from `from` to `to`, its local time matched field by field. */
function bruteForce(cron: string, zone: string, from: number, to: number): number[] {
  const parsed = parseCron(cron);
  if (!parsed.ok) throw new Error(parsed.reason);
  const f = parsed.fields;
  const out: number[] = [];
  for (let t = Math.ceil(from / MINUTE) * MINUTE; t <= to; t += MINUTE) {
    const l = localParts(t, zone);
    const domOk = f.dom.has(l.day);
    const dowOk = f.dow.has(l.weekday);
    const dayOk = f.domAny && f.dowAny ? true : f.domAny ? dowOk : f.dowAny ? domOk : domOk || dowOk;
    if (dayOk && f.month.has(l.month) && f.hour.has(l.hour) && f.minute.has(l.minute)) out.push(t);
  }
  return out;
}

const offset = (ms: number, zone: string) => {
  const l = localParts(ms, zone);
  return Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute) - ms;
};

describe('the schedule engine', () => {
  it('agrees with a brute-force reading of cron, away from daylight-saving changes', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const r = random(seed);
      const cron = randomCron(r);
      const zone = r.pick(ZONES);
      const from = Date.parse('2025-01-01T00:00:00Z') + r.int(0, 360) * DAY + r.int(0, DAY / MINUTE) * MINUTE + r.int(0, 59_999);
      const to = from + 2 * DAY;
      if (offset(from, zone) !== offset(to, zone)) continue; // a change of offset: the next test's business
      const expected = bruteForce(cron, zone, from + 1, to);
      const got = nextRuns(cron, zone, from, expected.length + 1).filter((t) => t <= to);
      expect({ seed, cron, zone, runs: got }).toEqual({ seed, cron, zone, runs: expected });
      if (expected.length) expect({ seed, cron, zone, slot: previousRun(cron, zone, to, 2 * DAY) }).toEqual({ seed, cron, zone, slot: expected.at(-1) });
    }
  });

  it('ticks where it says, on any day: the slot found at each shown time is that time, and none between', () => {
    let checked = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const r = random(1000 + seed);
      const cron = randomCron(r);
      const zone = seed % 2 ? r.pick(['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe']) : r.pick(ZONES);
      const day = Date.parse(r.pick(DST_DAYS));
      const from = day - DAY + r.int(0, (3 * DAY) / MINUTE) * MINUTE;
      const runs = nextRuns(cron, zone, from, 4);
      for (const [i, run] of runs.entries()) {
        const context = { seed, cron, zone, run: new Date(run).toISOString() };
        // A tick fires at the shown time (or a little after) and delivers exactly that slot.
        expect({ ...context, slot: previousRun(cron, zone, run + 999, 400 * DAY) }).toEqual({ ...context, slot: run });
        // Just before it, the slot is the previous shown time (or an earlier one).
        const before = previousRun(cron, zone, run - 1, 400 * DAY);
        expect(before === null || before < run).toBe(true);
        if (i > 0) {
          expect({ ...context, before }).toEqual({ ...context, before: runs[i - 1] });
          const between = (runs[i - 1] as number) + Math.floor((run - (runs[i - 1] as number)) / 2);
          expect({ ...context, between: previousRun(cron, zone, between, 400 * DAY) }).toEqual({ ...context, between: runs[i - 1] });
        }
        // And asked from just before, the next time is this one: no run is shown twice or skipped.
        expect({ ...context, next: nextRuns(cron, zone, run - 1, 1)[0] }).toEqual({ ...context, next: run });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(800);
  });

  it('reads day-of-month and weekday as cron does: either matches', () => {
    const after = Date.parse('2025-03-01T12:00:00Z');
    const runs = nextRuns('0 8 1 * 1', 'UTC', after, 6).map((t) => formatRun(t, 'UTC'));
    expect(runs).toEqual([
      'Mon 3 Mar 2025, 08:00 (UTC)',
      'Mon 10 Mar 2025, 08:00 (UTC)',
      'Mon 17 Mar 2025, 08:00 (UTC)',
      'Mon 24 Mar 2025, 08:00 (UTC)',
      'Mon 31 Mar 2025, 08:00 (UTC)',
      'Tue 1 Apr 2025, 08:00 (UTC)',
    ]);
  });

  it('moves a run in a skipped hour to just after the change, and runs a repeated hour once', () => {
    const spring = nextRuns('30 2 * * *', 'Europe/Paris', Date.parse('2025-03-29T12:00:00Z'), 3).map((t) => new Date(t).toISOString());
    // 29 March 02:30 CET; 30 March has no 02:30 (02:00 → 03:00): 03:30 CEST; then 02:30 CEST.
    expect(spring).toEqual(['2025-03-30T01:30:00.000Z', '2025-03-31T00:30:00.000Z', '2025-04-01T00:30:00.000Z']);
    const autumn = nextRuns('30 2 * * *', 'Europe/Paris', Date.parse('2025-10-25T12:00:00Z'), 3).map((t) => new Date(t).toISOString());
    expect(autumn).toEqual(['2025-10-26T00:30:00.000Z', '2025-10-27T01:30:00.000Z', '2025-10-28T01:30:00.000Z']);
  });

  it('finds the slot of an every-minute schedule now, not two weeks back', () => {
    const now = Date.parse('2025-03-03T03:16:00.400Z');
    expect(previousRun('* * * * *', 'UTC', now, 14 * DAY)).toBe(Date.parse('2025-03-03T03:16:00Z'));
    expect(nextRuns('* * * * *', 'UTC', now, 3).map((t) => new Date(t).toISOString().slice(11, 16))).toEqual(['03:17', '03:18', '03:19']);
    expect(previousRun('*/2 * * * *', 'Europe/Paris', now, 14 * DAY)).toBe(Date.parse('2025-03-03T03:16:00Z'));
  });
});
