// Digest schedules: the words people use ("daily 08:00", "weekdays 07:30", "mondays 09:00",
// "every 6h") or a five-field cron expression, evaluated in an IANA time zone. Pure: time comes
// in as a parameter. Daylight-saving changes follow the zone: a run inside a skipped hour moves
// to the same instant after the change, and a repeated hour runs once.

export interface Schedule {
  /** The five-field cron expression the words stand for. */
  cron: string;
  /** How the schedule reads back to the user. */
  description: string;
}

export type ScheduleResult = { ok: true; schedule: Schedule } | { ok: false; reason: string };

const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const DAY_NAMES: Record<string, number> = Object.fromEntries(
  DAYS.flatMap((d, i) => [
    [d, i],
    [`${d}s`, i],
    [d.slice(0, 3), i],
  ]),
);
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const HELP = 'Try “daily 08:00”, “weekdays 07:30”, “mondays 09:00”, “every 6h”, or a cron expression such as “0 8 * * 1-5”.';

function time(text: string): { h: number; m: number } | null {
  const t = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$/i.exec(text.trim());
  if (!t?.[1]) return null;
  let h = Number(t[1]);
  const m = Number(t[2] ?? 0);
  const suffix = t[3]?.toLowerCase();
  if (suffix === 'pm' && h < 12) h += 12;
  if (suffix === 'am' && h === 12) h = 0;
  return h <= 23 && m <= 59 ? { h, m } : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Words or cron → a schedule, or a reason that says what would work. */
export function parseSchedule(input: string): ScheduleResult {
  const text = input.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!text) return { ok: false, reason: `A schedule is needed. ${HELP}` };
  const every = /^every (\d+) ?(m|min|mins|minutes?|h|hrs?|hours?)$/.exec(text);
  if (every?.[1] && every[2]) {
    const n = Number(every[1]);
    if (every[2].startsWith('h')) {
      if (n < 1 || n > 23) return { ok: false, reason: `“every ${n}h” needs between 1 and 23 hours. For a daily digest, say “daily 08:00”.` };
      return { ok: true, schedule: { cron: `0 */${n} * * *`, description: n === 1 ? 'every hour' : `every ${n} hours` } };
    }
    if (n < 1 || n > 59) return { ok: false, reason: `“every ${n} minutes” needs between 1 and 59 minutes. ${HELP}` };
    return { ok: true, schedule: { cron: `*/${n} * * * *`, description: `every ${n} minutes` } };
  }
  if (text === 'hourly') return { ok: true, schedule: { cron: '0 * * * *', description: 'every hour' } };
  const words = /^(daily|every day|weekdays|weekends|[a-z]+) (?:at )?(.+)$/.exec(text);
  if (words?.[1] && words[2] && !/^[\d*]/.test(text)) {
    const at = time(words[2]);
    if (!at) return { ok: false, reason: `“${words[2]}” is not a time of day. Use 24-hour “08:00” or “8am”.` };
    const hm = `${pad(at.h)}:${pad(at.m)}`;
    const head = `${at.m} ${at.h} * *`;
    if (words[1] === 'daily' || words[1] === 'every day') return { ok: true, schedule: { cron: `${head} *`, description: `daily at ${hm}` } };
    if (words[1] === 'weekdays') return { ok: true, schedule: { cron: `${head} 1-5`, description: `weekdays at ${hm}` } };
    if (words[1] === 'weekends') return { ok: true, schedule: { cron: `${head} 0,6`, description: `weekends at ${hm}` } };
    const day = DAY_NAMES[words[1]];
    if (day !== undefined) return { ok: true, schedule: { cron: `${head} ${day}`, description: `${DAYS[day]}s at ${hm}` } };
    return { ok: false, reason: `“${words[1]}” is not a day I know. ${HELP}` };
  }
  const cron = parseCron(text);
  if (!cron.ok) return { ok: false, reason: `“${input.trim()}” is not a schedule I understand (${cron.reason}). ${HELP}` };
  return { ok: true, schedule: { cron: text, description: `cron “${text}”` } };
}

interface CronFields {
  minute: Set<number>;
  hour: Set<number>;
  dom: Set<number>;
  month: Set<number>;
  dow: Set<number>;
  domAny: boolean;
  dowAny: boolean;
}

function field(text: string, min: number, max: number, names: string[] = []): Set<number> | string {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^(\*|[a-z0-9]+(?:-[a-z0-9]+)?)(?:\/(\d+))?$/.exec(part);
    if (!m?.[1]) return `“${part}” is not a cron field`;
    const value = (v: string) => {
      const i = names.indexOf(v);
      return i >= 0 ? i + (min === 1 ? 1 : 0) : Number(v);
    };
    let [lo, hi] = m[1] === '*' ? [min, max] : m[1].split('-').map(value).concat([]);
    hi ??= m[2] && m[1] !== '*' ? max : lo;
    const step = m[2] ? Number(m[2]) : 1;
    if (lo === undefined || !Number.isInteger(lo) || !Number.isInteger(hi) || lo < min || (hi as number) > max || lo > (hi as number) || step < 1) {
      return `“${part}” is outside ${min}–${max}`;
    }
    for (let v = lo; v <= (hi as number); v += step) out.add(v);
  }
  return out;
}

export function parseCron(expression: string): { ok: true; fields: CronFields } | { ok: false; reason: string } {
  const parts = expression.trim().toLowerCase().split(/\s+/);
  if (parts.length !== 5) return { ok: false, reason: 'a cron expression has five fields: minute hour day month weekday' };
  const [mi, h, dom, mo, dow] = parts as [string, string, string, string, string];
  const minute = field(mi, 0, 59);
  const hour = field(h, 0, 23);
  const days = field(dom, 1, 31);
  const months = field(mo, 1, 12, MONTHS);
  const weekdays = field(
    dow,
    0,
    7,
    DAYS.map((d) => d.slice(0, 3)),
  );
  for (const f of [minute, hour, days, months, weekdays]) if (typeof f === 'string') return { ok: false, reason: f };
  const dowSet = new Set([...(weekdays as Set<number>)].map((d) => d % 7));
  return {
    ok: true,
    fields: {
      minute: minute as Set<number>,
      hour: hour as Set<number>,
      dom: days as Set<number>,
      month: months as Set<number>,
      dow: dowSet,
      domAny: dom === '*',
      dowAny: dow === '*',
    },
  };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Whether the runtime knows an IANA zone name. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

interface Local {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

export function localParts(ms: number, zone: string): Local {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formatters.set(zone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(ms)) p[part.type] = part.value;
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    weekday: DAYS.findIndex((d) => d.startsWith((p.weekday ?? '').toLowerCase())),
  };
}

/** The zone's offset from UTC at an instant, in ms (wall clock minus UTC). */
function offsetAt(ms: number, zone: string): number {
  const l = localParts(ms, zone);
  return Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute) - Math.floor(ms / 60_000) * 60_000;
}

/**
 * The instant a wall-clock time in a zone stands for: the first of a repeated hour's two, and for
 * a time a skipped hour does not have, the same instant read with the offset from before the change
 * (02:30 on the night Paris goes from 02:00 to 03:00 is 03:30).
 */
function zonedInstant(year: number, month: number, day: number, hour: number, minute: number, zone: string): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const earlier = wall - offsetAt(wall - 3 * HOUR, zone);
  const later = wall - offsetAt(wall + 3 * HOUR, zone);
  const shows = (instant: number) => instant + offsetAt(instant, zone) === wall;
  const real = [earlier, later].filter(shows);
  return real.length ? Math.min(...real) : earlier;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;
const parsedCrons = new Map<string, CronFields | null>();

/** Parsed once per expression (a few thousand subscriptions share a few dozen). */
function fieldsOf(cron: string): CronFields | null {
  let fields = parsedCrons.get(cron);
  if (fields === undefined) {
    if (parsedCrons.size > 1_000) parsedCrons.clear();
    const parsed = parseCron(cron);
    fields = parsed.ok ? parsed.fields : null;
    parsedCrons.set(cron, fields);
  }
  return fields;
}

const sortedOf = (values: Set<number>) => [...values].sort((a, b) => a - b);

/** Standard cron: with both day fields restricted, either may match. */
function dayMatches(f: CronFields, utcMidnight: number): boolean {
  const date = new Date(utcMidnight);
  if (!f.month.has(date.getUTCMonth() + 1)) return false;
  const domOk = f.dom.has(date.getUTCDate());
  const dowOk = f.dow.has(date.getUTCDay());
  return f.domAny && f.dowAny ? true : f.domAny ? dowOk : f.dowAny ? domOk : domOk || dowOk;
}

/**
 * A local day's wall times as instants. On a day whose offset does not change (nearly all) one
 * subtraction each; around a daylight-saving change, each time is placed in the zone exactly.
 */
function instantsOn(utcMidnight: number, zone: string): (hour: number, minute: number) => number {
  const before = offsetAt(utcMidnight - 14 * HOUR, zone);
  if (before === offsetAt(utcMidnight + DAY + 14 * HOUR, zone)) return (h, m) => utcMidnight + h * HOUR + m * 60_000 - before;
  const date = new Date(utcMidnight);
  return (h, m) => zonedInstant(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), h, m, zone);
}

/** The local calendar day (as its UTC midnight) an instant falls on. */
function localDay(ms: number, zone: string): number {
  const l = localParts(ms, zone);
  return Date.UTC(l.year, l.month - 1, l.day);
}

/** The next `count` run times strictly after `after` (ms), in ascending order. */
export function nextRuns(cron: string, zone: string, after: number, count: number): number[] {
  const f = fieldsOf(cron);
  if (!f || count <= 0) return [];
  const hours = sortedOf(f.hour);
  const minutes = sortedOf(f.minute);
  const out: number[] = [];
  let day = localDay(after, zone);
  for (let d = 0; d < 800; d++, day += DAY) {
    if (!dayMatches(f, day)) continue;
    const instant = instantsOn(day, zone);
    for (const h of hours) {
      // A whole hour that ended before `after` (with room for any offset change) is passed over.
      if (d === 0 && instant(h, 59) <= after - 3 * HOUR) continue;
      for (const m of minutes) {
        const at = instant(h, m);
        if (at > after && (out.length === 0 || at > (out[out.length - 1] as number))) out.push(at);
        if (out.length >= count) return out;
      }
    }
  }
  return out;
}

/**
 * The latest run time at or before `at`, within `lookbackMs`; null when none. Walks back from
 * `at`, a day and then an hour at a time, so an every-minute schedule costs as little as a yearly one.
 */
export function previousRun(cron: string, zone: string, at: number, lookbackMs: number): number | null {
  const f = fieldsOf(cron);
  if (!f) return null;
  const hours = sortedOf(f.hour).reverse();
  const minutes = sortedOf(f.minute).reverse();
  const floor = at - lookbackMs;
  const first = localDay(at, zone);
  for (let day = first; day + DAY + 14 * HOUR >= floor; day -= DAY) {
    if (!dayMatches(f, day)) continue;
    const instant = instantsOn(day, zone);
    let best: number | null = null;
    for (const h of hours) {
      if (instant(h, 0) > at + 3 * HOUR) continue;
      for (const m of minutes) {
        const run = instant(h, m);
        // Around a change of offset wall order and time order can differ: keep the latest.
        if (run <= at && run >= floor && (best === null || run > best)) best = run;
        if (run <= at - 3 * HOUR) break;
      }
      if (best !== null && instant(h, 0) <= best - 3 * HOUR) break;
    }
    if (best !== null) return best;
  }
  return null;
}

/** The shortest gap between runs over the next few weeks, in ms (for the minimum-interval rule). */
export function shortestGap(cron: string, zone: string, from: number): number {
  const runs = nextRuns(cron, zone, from, 60);
  let gap = Number.POSITIVE_INFINITY;
  for (let i = 1; i < runs.length; i++) gap = Math.min(gap, (runs[i] as number) - (runs[i - 1] as number));
  return gap;
}

/** "Mon 3 Mar 2025, 08:00 (Europe/Paris)". */
export function formatRun(ms: number, zone: string): string {
  const l = localParts(ms, zone);
  const day = DAYS[l.weekday]?.slice(0, 3) ?? '';
  const month = MONTHS[l.month - 1] ?? '';
  return `${day[0]?.toUpperCase()}${day.slice(1)} ${l.day} ${month[0]?.toUpperCase()}${month.slice(1)} ${l.year}, ${pad(l.hour)}:${pad(l.minute)} (${zone})`;
}
