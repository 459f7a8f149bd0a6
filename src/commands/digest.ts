import { isTimeZone, parseSchedule } from '../core/schedule.ts';
import type { Command } from './command.ts';
import type { DigestInfo } from './ports.ts';
import { notice } from './reply.ts';

const ACTIONS = ['subscribe', 'list', 'unsubscribe', 'preview', 'pause', 'resume'];
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

export const digest = {
  name: 'digest',
  description: 'Scheduled digests for this channel: subscribe, list, unsubscribe, preview, pause, resume',
  options: [
    { name: 'action', description: 'subscribe, list, unsubscribe, preview, pause or resume', type: 'string', oneWord: true, choices: ACTIONS },
    { name: 'details', description: 'subscribe: <topic> <schedule> [timezone]; others: the digest id', type: 'string' },
  ],
  changesState: ({ action = 'list' }) => !['list', 'preview'].includes(action),
  run: async ({ action = 'list', details = '' }, { digests, where, actor, defaultTimezone }) => {
    const verb = action.trim().toLowerCase() || 'list';
    if (!ACTIONS.includes(verb)) return notice(`“${action}” is not something /digest does. ${USAGE}`, 'error');
    if (!digests || !where) return notice('Digests are not available here.', 'error');
    if (verb === 'list') {
      const list = await digests.list(where);
      return notice(
        list.length
          ? ['Digests for this channel:', ...list.map(describe)].join('\n')
          : 'This channel has no digests. /digest subscribe <topic> <schedule> starts one.',
      );
    }
    if (verb === 'subscribe') {
      if (!actor?.canManageChannel) return notice('Only members who can manage this channel may subscribe it to digests.', 'error');
      const parsed = splitSubscription(details);
      if ('error' in parsed) return notice(parsed.error, 'error');
      if (!parsed.topic) return notice('What topic? /digest subscribe ukraine daily 08:00', 'error');
      const timezone = parsed.timezone ?? actor.timezone ?? defaultTimezone ?? 'UTC';
      const result = await digests.subscribe({ topic: parsed.topic, schedule: parsed.schedule, timezone, createdBy: actor.platformId ?? null }, where);
      if (!result.ok) return notice(result.reason, 'error');
      const d = result.digest;
      return notice(`Subscribed: digest #${d.id} on “${d.topic}”, ${d.description} (${d.timezone}). Next: ${d.next.join('; ')}.`);
    }
    const id = Number(details.trim().replace(/^#/, ''));
    if (!Number.isInteger(id) || id < 1) return notice(`Which digest? Give its number from /digest list, e.g. /digest ${verb} 3`, 'error');
    if (verb === 'preview') {
      const reply = await digests.preview(id, where);
      return reply ?? notice(`There is no digest #${id} in this channel. See /digest list.`, 'error');
    }
    if (!actor?.canManageChannel) return notice('Only members who can manage this channel may change its digests.', 'error');
    if (verb === 'unsubscribe') {
      return (await digests.unsubscribe(id, where))
        ? notice(`Unsubscribed digest #${id}.`)
        : notice(`There is no digest #${id} in this channel. See /digest list.`, 'error');
    }
    const changed = await digests.setPaused(id, where, verb === 'pause');
    if (!changed) return notice(`There is no digest #${id} in this channel. See /digest list.`, 'error');
    return notice(verb === 'pause' ? `Paused digest #${id}. /digest resume ${id} restarts it.` : `Resumed digest #${id}. Next: ${changed.next.join('; ')}.`);
  },
} satisfies Command;
