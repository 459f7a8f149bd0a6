import type { Briefing, StoryItem } from '../core/briefing.ts';
import type { Person } from '../core/people.ts';
import type { PersonQuotes, QuoteItem } from '../core/personQuotes.ts';
import { formatRun } from '../core/schedule.ts';
import type { DigestWindow, SourceInfo } from './reply.ts';

// The sentences every platform uses for expected outcomes, so Discord, Slack and the console
// tell the user the same thing.

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "2025-02-24" from an ISO date or date-time; undefined stays undefined. */
export function shortDate(iso: string | undefined): string | undefined {
  return iso ? iso.slice(0, 10) : undefined;
}

/** "Nothing new on “ukraine” since the last digest (Mon 3 Mar 2025, 08:00, Europe/Paris)." */
export function nothingNewInDigest(topic: string, window: DigestWindow): { text: string; suggestions: string[] } {
  const when = formatRun(Date.parse(window.newSince), window.timezone);
  const since = window.after === 'last-digest' ? `since the last digest, ${when}` : `since ${when}, the period before this digest was set up`;
  return { text: `Nothing new on “${topic}” ${since}. /brief ${topic} shows everything on it.`, suggestions: [] };
}

/** What an empty briefing or digest says instead. */
export function emptyBriefing(b: Briefing, since?: string, digest?: DigestWindow): { text: string; suggestions: string[] } {
  return digest ? nothingNewInDigest(b.topic, digest) : nothingOnTopic(b, since);
}

export function nothingOnTopic(b: Briefing, since?: string): { text: string; suggestions: string[] } {
  if (!b.topic.trim()) return { text: 'Tell me a topic, for example: /brief ukraine', suggestions: b.suggestions };
  if (since && b.older) {
    const wider = b.older.since ? `try since ${b.older.since}` : 'try without a time limit';
    return { text: `Nothing on “${b.topic}” in the last ${since} — ${plural(b.older.total, 'older article')} match; ${wider}.`, suggestions: b.suggestions };
  }
  const window = since ? ` in the last ${since}` : '';
  return { text: `Nothing on “${b.topic}”${window} yet.`, suggestions: b.suggestions };
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "since Monday", "since yesterday", "since 2 Mar" (UTC), as seen at `now`. */
export function sinceWhen(iso: string, now: number): string {
  const t = new Date(iso);
  const days = Math.floor(now / 86_400_000) - Math.floor(t.getTime() / 86_400_000);
  if (days <= 0) return 'since today';
  if (days === 1) return 'since yesterday';
  if (days < 7) return `since ${WEEKDAYS[t.getUTCDay()]}`;
  return `since ${t.getUTCDate()} ${MONTHS[t.getUTCMonth()]}${days > 300 ? ` ${t.getUTCFullYear()}` : ''}`;
}

/** "update · 3 outlets · since Monday": what a story line says besides its headline. */
export function storyTally(s: StoryItem, now: number | undefined): string {
  const parts = [s.update ? 'update' : '', s.outlets > 1 ? plural(s.outlets, 'outlet') : s.size > 1 ? plural(s.size, 'article') : ''];
  if (s.since && now !== undefined && s.size > 1) parts.push(sinceWhen(s.since, now));
  return parts.filter(Boolean).join(' · ');
}

export function describeMissingPerson(a: PersonQuotes): { text: string; suggestions: string[] } {
  return { text: `I don't know anyone called “${a.query}” in the news library.`, suggestions: a.suggestions };
}

export function describeNoQuotes(a: PersonQuotes, topic?: string): string {
  const name = a.person?.name ?? a.query;
  const where = topic ? ` on “${topic}”` : '';
  return `${name} is mentioned in ${plural(a.mentions, 'article')}, but never quoted directly${where}.`;
}

const minute = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : 'never');

/** One line per source, with its health: what `/sources list` shows on every platform. */
export function describeSource(s: SourceInfo): { title: string; detail: string } {
  const name = s.title ?? s.url;
  if (s.status === 'failing') {
    return {
      title: `#${s.id} ${name} — failing`,
      detail: `${s.failures} failed attempts, last error: ${s.lastError ?? 'unknown'}; last good read ${minute(s.lastOkAt)}; retrying less often`,
    };
  }
  const health = s.failures > 0 ? `last attempt failed (${s.lastError ?? 'unknown'}), retrying` : `last read ${minute(s.lastOkAt)}`;
  return { title: `#${s.id} ${name}`, detail: `${plural(s.articles, 'article')} · ${health}` };
}

/** "Briefing: ukraine" or "Digest #3: ukraine", and what the numbers below the title mean. */
export function briefingTitle(topic: string, digest?: DigestWindow): string {
  return digest ? `Digest #${digest.id}: ${topic}` : `Briefing: ${topic}`;
}

export function briefingScope(total: number, since?: string, digest?: DigestWindow): string {
  const window = digest ? `, new since ${formatRun(Date.parse(digest.newSince), digest.timezone)}` : since ? `, last ${since}` : '';
  return `${plural(total, digest ? 'new article' : 'matching article')}${window}`;
}

/** "Emmanuel Macron (President)": a name with the role the library knows best. */
export const personLabel = (p: Pick<Person, 'name' | 'roles'>) => (p.roles[0] ? `${p.name} (${p.roles[0]})` : p.name);

/** "4 articles, 3 quotes" for /people. */
export const personTally = (p: Person) => `${plural(p.articles, 'article')}, ${plural(p.quotes, 'quote')}`;

/** "3 quotes and 1 fragment on ukraine" for /quotes. */
export function quoteTally(quotes: QuoteItem[], topic?: string): string {
  const full = quotes.filter((q) => !q.partial).length;
  const fragments = quotes.length > full ? ` and ${plural(quotes.length - full, 'fragment')}` : '';
  return `${plural(full, 'quote')}${fragments}${topic ? ` on ${topic}` : ''}`;
}

export const NO_PEOPLE = 'Nobody yet: the library has no articles naming people.';

export const NO_SOURCES = 'No feed sources yet. An admin can add one: /sources add https://example.com/feed.xml';

/** Under answers while stored articles are analysed again after an analyzer upgrade. */
export function reanalysisNote(p: { pending: number; total: number }): string {
  const done = p.total - p.pending;
  return `Re-reading stored articles with the updated analyzer: ${done.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')} done. Quotes and speakers from the rest may still change.`;
}

/** "Harbour Times (#3): 120 articles, newest first; the latest 10 shown." */
export function sourceArticlesTitle(source: SourceInfo, shown: number, total: number): { title: string; scope: string } {
  const title = `${source.title ?? source.url} (#${source.id})`;
  if (!total) return { title, scope: 'no articles stored yet' };
  return { title, scope: shown < total ? `${plural(total, 'article')}, the latest ${shown} shown` : `${plural(total, 'article')}, newest first` };
}
