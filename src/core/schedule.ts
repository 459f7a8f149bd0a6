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

/** The instant a wall-clock time in a zone stands for (the later side of a skipped hour). */
function zonedInstant(year: number, month: number, day: number, hour: number, minute: number, zone: string): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const offsetAt = (ms: number) => {
    const l = localParts(ms, zone);
    return Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute) - Math.floor(ms / 60_000) * 60_000;
  };
  const first = wall - offsetAt(wall);
  const second = wall - offsetAt(first);
  return Math.min(first, second) === first && offsetAt(first) === offsetAt(second) ? first : Math.max(first, second);
}

/** The next `count` run times strictly after `after` (ms), in ascending order. */
export function nextRuns(cron: string, zone: string, after: number, count: number): number[] {
  const parsed = parseCron(cron);
  if (!parsed.ok) return [];
  const { fields } = parsed;
  const hours = [...fields.hour].sort((a, b) => a - b);
  const minutes = [...fields.minute].sort((a, b) => a - b);
  const out: number[] = [];
  const start = localParts(after, zone);
  let cursor = Date.UTC(start.year, start.month - 1, start.day);
  for (let d = 0; d < 800 && out.length < count; d++, cursor += 86_400_000) {
    const date = new Date(cursor);
    const [y, mo, day, wd] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCDay()];
    if (!fields.month.has(mo)) continue;
    const domOk = fields.dom.has(day);
    const dowOk = fields.dow.has(wd);
    // Standard cron: with both day fields restricted, either may match.
    const dayOk = fields.domAny && fields.dowAny ? true : fields.domAny ? dowOk : fields.dowAny ? domOk : domOk || dowOk;
    if (!dayOk) continue;
    for (const h of hours) {
      for (const m of minutes) {
        const at = zonedInstant(y, mo, day, h, m, zone);
        if (at > after && (out.length === 0 || at > (out[out.length - 1] as number))) out.push(at);
        if (out.length >= count) return out;
      }
    }
  }
  return out;
}

/** The latest run time at or before `at`, within `lookbackMs`; null when none. */
export function previousRun(cron: string, zone: string, at: number, lookbackMs: number): number | null {
  const runs = nextRuns(cron, zone, at - lookbackMs - 1, 10_000);
  let last: number | null = null;
  for (const r of runs) {
    if (r > at) break;
    last = r;
  }
  return last;
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
