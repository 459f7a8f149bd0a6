import { isTimeZone, parseSchedule } from '../core/schedule.ts';
import type { Args, Command, CommandContext, OptionSpec, Suggestion } from './command.ts';
import type { DigestInfo } from './ports.ts';
import { notice, type Reply } from './reply.ts';
import { suggestSchedules, suggestTimezones, suggestTopics } from './suggest.ts';

const USAGE = 'Usage: /digest subscribe <topic> <schedule> [timezone] · list · unsubscribe <id> · preview <id> · pause <id> · resume <id>';

/**
 * "rare earth minerals daily 08:00 Europe/Paris" → topic, schedule, zone: the zone is a last word
 * that names one, the schedule the longest tail that reads as one, the topic what is left.
 */
export function splitSubscription(text: string): { topic: string; schedule: string; timezone?: string } | { error: string } {
  const words = text.trim().split(/\s+/).filter(Boolean);
  let timezone: string | undefined;
  const last = words[words.length - 1];
  if (last && (last.includes('/') || /^(?:utc|gmt)$/i.test(last))) {
    if (!isTimeZone(last)) return { error: `“${last}” is not a time zone I know. Use an IANA name such as Europe/Paris or America/New_York.` };
    timezone = last.toUpperCase() === 'GMT' || last.toUpperCase() === 'UTC' ? 'UTC' : last;
    words.pop();
  }
  for (let n = Math.min(5, words.length); n >= 1; n--) {
    const schedule = words.slice(-n).join(' ');
    if (parseSchedule(schedule).ok) return { topic: words.slice(0, -n).join(' '), schedule, timezone };
  }
  const tail = words.slice(-2).join(' ');
  const reason = parseSchedule(tail);
  return { error: words.length < 2 ? `Give a topic and a schedule: /digest subscribe ukraine daily 08:00` : reason.ok ? USAGE : reason.reason };
}

const describe = (d: DigestInfo) => `#${d.id} “${d.topic}” ${d.description} (${d.timezone})${d.paused ? ' — paused' : d.next[0] ? ` — next ${d.next[0]}` : ''}`;

/** This channel's digests, for the id options. */
async function suggestDigests(typed: string, ctx: CommandContext): Promise<Suggestion[]> {
  if (!ctx.digests || !ctx.where) return [];
  const wanted = typed.replace(/^#/, '').trim().toLowerCase();
  return (await ctx.digests.list(ctx.where))
    .filter((d) => !wanted || String(d.id).startsWith(wanted) || d.topic.toLowerCase().includes(wanted))
    .map((d) => ({ label: describe(d).slice(0, 100), value: String(d.id) }));
}

const ID: OptionSpec = {
  name: 'id',
  description: 'The digest, by its number in /digest list',
  hint: 'Which digest? Give its number from /digest list, e.g. /digest preview 3',
  type: 'integer',
  required: true,
  min: 1,
  max: 1_000_000_000,
  suggest: suggestDigests,
};

/** "rare earth minerals daily 08:00 Europe/Paris" as typed in Slack or the console. */
function subscriptionText(text: string): Args {
  const parsed = splitSubscription(text);
  return 'error' in parsed ? { parseError: parsed.error } : { topic: parsed.topic, schedule: parsed.schedule, timezone: parsed.timezone };
}

async function subscribe({ topic = '', schedule = '', timezone }: Args, { digests, where, actor, defaultTimezone }: CommandContext): Promise<Reply> {
  if (!digests || !where) return notice('Digests are not available here.', 'error');
  if (!actor?.canManageChannel) return notice('Only members who can manage this channel may subscribe it to digests.', 'error');
  if (!topic.trim()) return notice('What topic? /digest subscribe ukraine daily 08:00', 'error');
  const parsedSchedule = parseSchedule(schedule);
  if (!parsedSchedule.ok) return notice(parsedSchedule.reason, 'error');
  const zone = timezone?.trim();
  if (zone && !isTimeZone(zone)) return notice(`“${zone}” is not a time zone I know. Use an IANA name such as Europe/Paris or America/New_York.`, 'error');
  const chosen = zone ? (/^(?:utc|gmt)$/i.test(zone) ? 'UTC' : zone) : (actor.timezone ?? defaultTimezone ?? 'UTC');
  const result = await digests.subscribe({ topic: topic.trim(), schedule: schedule.trim(), timezone: chosen, createdBy: actor.platformId ?? null }, where);
  if (!result.ok) return notice(result.reason, 'error');
  const d = result.digest;
  return notice(`Subscribed: digest #${d.id} on “${d.topic}”, ${d.description} (${d.timezone}). Next: ${d.next.join('; ')}.`);
}

/** unsubscribe, preview, pause, resume: one digest of this channel, by id. */
async function onDigest(verb: string, { id = '' }: Args, { digests, where, actor }: CommandContext): Promise<Reply> {
  if (!digests || !where) return notice('Digests are not available here.', 'error');
  const n = Number(id.trim().replace(/^#/, ''));
  if (!Number.isInteger(n) || n < 1) return notice(`Which digest? Give its number from /digest list, e.g. /digest ${verb} 3`, 'error');
  const missing = notice(`There is no digest #${n} in this channel. See /digest list.`, 'error');
  if (verb === 'preview') return (await digests.preview(n, where)) ?? missing;
  if (!actor?.canManageChannel) return notice('Only members who can manage this channel may change its digests.', 'error');
  if (verb === 'unsubscribe') return (await digests.unsubscribe(n, where)) ? notice(`Unsubscribed digest #${n}.`) : missing;
  const changed = await digests.setPaused(n, where, verb === 'pause');
  if (!changed) return missing;
  return notice(verb === 'pause' ? `Paused digest #${n}. /digest resume ${n} restarts it.` : `Resumed digest #${n}. Next: ${changed.next.join('; ')}.`);
}

export const digest = {
  name: 'digest',
  description: 'Scheduled digests for this channel',
  options: [],
  subcommands: [
    { name: 'list', description: 'The digests this channel gets', options: [] },
    {
      name: 'subscribe',
      description: 'Send this channel a digest on a topic, on a schedule',
      changesState: true,
      options: [
        { name: 'topic', description: 'What the digest is about', type: 'string', required: true, suggest: suggestTopics },
        {
          name: 'schedule',
          description: 'daily 08:00, weekdays 07:30, mondays 09:00, every 6h, or cron',
          type: 'string',
          required: true,
          suggest: suggestSchedules,
        },
        {
          name: 'timezone',
          description: 'An IANA zone such as Europe/Paris (yours, or the server default, if not given)',
          type: 'string',
          suggest: suggestTimezones,
        },
      ],
      parseText: subscriptionText,
    },
    { name: 'unsubscribe', description: 'Stop a digest', options: [ID], changesState: true },
    { name: 'preview', description: 'What the next digest would hold, now (only you see it)', options: [ID] },
    { name: 'pause', description: 'Pause a digest', options: [ID], changesState: true },
    { name: 'resume', description: 'Resume a paused digest', options: [ID], changesState: true },
  ],
  run: async (args, ctx) => {
    const verb = args.subcommand ?? 'list';
    if (verb === 'subscribe') return subscribe(args, ctx);
    if (verb !== 'list') return onDigest(verb, args, ctx);
    if (!ctx.digests || !ctx.where) return notice('Digests are not available here.', 'error');
    const list = await ctx.digests.list(ctx.where);
    return notice(
      list.length
        ? ['Digests for this channel:', ...list.map(describe)].join('\n')
        : 'This channel has no digests. /digest subscribe <topic> <schedule> starts one.',
    );
  },
} satisfies Command;
