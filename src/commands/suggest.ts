import { parseSchedule } from '../core/schedule.ts';
import { foldName } from '../core/text.ts';
import type { CommandContext, Suggestion } from './command.ts';

// Autocomplete choices, shared by the options that offer them. Each answers from the store or
// from memory in milliseconds: Discord waits three seconds at most.

/** People whose names start with what was typed. */
export function suggestPeople(typed: string, ctx: CommandContext): Promise<Suggestion[]> {
  return ctx.library.personNames(foldName(typed), 25);
}

/** Topics (stored lead terms), then people: a briefing can be on either. */
export async function suggestTopics(typed: string, ctx: CommandContext): Promise<Suggestion[]> {
  const prefix = foldName(typed);
  const [topics, people] = await Promise.all([ctx.library.topics(prefix, 25), ctx.library.personNames(prefix, 25)]);
  return [...new Set([...topics, ...people])].slice(0, 25);
}

/** The phrases a schedule understands; what was typed comes first when it reads as one. */
const SCHEDULE_PHRASES = [
  'daily 08:00',
  'weekdays 07:30',
  'weekends 09:00',
  'mondays 09:00',
  'fridays 17:00',
  'every 6h',
  'every 30 minutes',
  'hourly',
  '0 8 * * 1-5',
];

export async function suggestSchedules(typed: string): Promise<Suggestion[]> {
  const text = typed.trim().toLowerCase();
  const matching = SCHEDULE_PHRASES.filter((p) => !text || p.includes(text) || p.startsWith(text.split(' ')[0] ?? ''));
  const own = text && parseSchedule(text).ok && !matching.includes(text) ? [text] : [];
  return [...own, ...(matching.length ? matching : SCHEDULE_PHRASES)].slice(0, 25);
}

let zones: string[] | null = null;

/** IANA zones whose name holds what was typed, anywhere ("paris", "new_y", "europe/"). */
export async function suggestTimezones(typed: string): Promise<Suggestion[]> {
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  const wanted = typed.trim().toLowerCase().replace(/\s+/g, '_');
  const hits = wanted ? zones.filter((z) => z.toLowerCase().includes(wanted)) : zones;
  // A part of the name that starts with the text ranks first: "par" is Europe/Paris before Asia/Paramaribo-like matches.
  const starts = (z: string) =>
    z
      .toLowerCase()
      .split('/')
      .some((part) => part.startsWith(wanted));
  return [...hits.filter(starts), ...hits.filter((z) => !starts(z))].slice(0, 25);
}
