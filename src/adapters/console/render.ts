import type { CommandInfo, DigestWindow, Reply, SourceArticleInfo, SourceInfo } from '../../commands/reply.ts';
import {
  briefingScope,
  briefingTitle,
  describeMissingPerson,
  describeNoQuotes,
  describeSource,
  emptyBriefing,
  NO_PEOPLE,
  NO_SOURCES,
  personLabel,
  personTally,
  quoteTally,
  shortDate,
  sourceArticlesTitle,
  storyTally,
} from '../../commands/wording.ts';
import type { Briefing } from '../../core/briefing.ts';
import type { Person } from '../../core/people.ts';
import type { PersonQuotes, QuoteItem } from '../../core/personQuotes.ts';

export interface TerminalStyle {
  color: boolean;
}

/** Article text must not drive the terminal: control characters (escape sequences) are dropped. */
export function clean(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) out += code === 9 || code === 10 || code === 13 ? ' ' : '';
    else out += ch;
  }
  return out.replace(/\s+/g, ' ').trim();
}

function paint(style: TerminalStyle) {
  const wrap = (code: string) => (s: string) => (style.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  return { bold: wrap('1'), dim: wrap('2'), cyan: wrap('36'), yellow: wrap('33'), red: wrap('31') };
}

/** A reply as terminal text: the same content the chat platforms show. */
export function renderReply(reply: Reply, style: TerminalStyle = { color: false }): string {
  const text = renderKind(reply, style);
  return reply.note ? `${text}\n\n${paint(style).dim(clean(reply.note))}` : text;
}

function renderKind(reply: Reply, style: TerminalStyle): string {
  const p = paint(style);
  switch (reply.kind) {
    case 'briefing':
      return renderBriefing(reply.briefing, reply.since, p, reply.digest);
    case 'quotes':
      return renderQuotes(reply.quotes, reply.topic, p);
    case 'people':
      return renderPeople(reply.people, p);
    case 'help':
      return renderHelp(reply.commands, p);
    case 'sources':
      return renderSources(reply.sources, p);
    case 'sourceArticles':
      return renderSourceArticles(reply.source, reply.articles, reply.total, p);
    case 'notice': {
      const text = reply.tone === 'error' ? p.red(reply.text) : reply.text;
      return reply.suggestions?.length ? `${text}\n${p.dim('Try:')} ${reply.suggestions.map(clean).join(', ')}` : text;
    }
  }
}

type Paint = ReturnType<typeof paint>;

function articleLine(a: { title: string; source?: string; published?: string; url?: string }, p: Paint): string {
  const meta = [a.source, shortDate(a.published)]
    .filter(Boolean)
    .map((s) => clean(s as string))
    .join(' · ');
  return [clean(a.title), meta && p.dim(meta)].filter(Boolean).join('  ');
}

function renderBriefing(b: Briefing, since: string | undefined, p: Paint, digest?: DigestWindow): string {
  if (!b.stories.length) {
    const { text, suggestions } = emptyBriefing(b, since, digest);
    return suggestions.length ? `${text}\n${p.dim('Try:')} ${suggestions.map(clean).join(', ')}` : text;
  }
  const out: string[] = [p.bold(clean(briefingTitle(b.topic, digest))) + p.dim(`  (${briefingScope(b.total, since, digest)})`), ''];
  out.push(p.bold('Top stories'));
  b.stories.forEach((s, i) => {
    out.push(` ${i + 1}. ${articleLine(s, p)}`);
    const detail = [storyTally(s, b.now), s.why, s.url].filter(Boolean).map((x) => clean(x as string));
    if (detail.length) out.push(`    ${p.dim(detail.join(' · '))}`);
    for (const other of s.alsoIn) out.push(`    ${p.dim('also:')} ${articleLine(other, p)}`);
  });
  if (b.points.length) {
    out.push('', p.bold('What happened'));
    for (const point of b.points) out.push(` • ${clean(point.text)}${point.trimmed ? '…' : ''} ${p.dim(`[${point.story + 1}]`)}`);
  }
  if (b.quotes.length) {
    out.push('', p.bold('Key quotes'));
    for (const q of b.quotes) out.push(...renderQuote(q, p));
  }
  if (b.people.length) {
    out.push('', `${p.bold('People:')} ${b.people.map((x) => clean(personLabel(x))).join(', ')}`);
  }
  return out.join('\n');
}

function renderQuote(q: QuoteItem, p: Paint): string[] {
  const mark = q.partial ? p.dim('(fragment) ') : '';
  return [` ${mark}${p.cyan(`“${clean(q.text)}”`)}`, `    — ${p.bold(clean(q.speaker ?? 'unattributed'))}, ${articleLine(q.article, p)}`];
}

function renderQuotes(answer: PersonQuotes, topic: string | undefined, p: Paint): string {
  if (!answer.person) {
    const { text, suggestions } = describeMissingPerson(answer);
    return suggestions.length ? `${text}\n${p.dim('Try:')} ${suggestions.map(clean).join(', ')}` : text;
  }
  if (!answer.quotes.length) return describeNoQuotes(answer, topic);
  const head = `${p.bold(clean(answer.person.name))}${answer.person.roles[0] ? p.dim(` (${clean(answer.person.roles[0])})`) : ''}`;
  const counts = p.dim(`  ${clean(quoteTally(answer.quotes, topic))}`);
  return [head + counts, '', ...answer.quotes.flatMap((q) => renderQuote(q, p))].join('\n');
}

function renderPeople(people: Person[], p: Paint): string {
  if (!people.length) return NO_PEOPLE;
  const rows = people.slice(0, 50).map((x) => {
    const role = x.roles[0] ? p.dim(` (${clean(x.roles[0])})`) : '';
    return ` ${clean(x.name)}${role}  ${p.dim(personTally(x))}`;
  });
  const more = people.length > 50 ? [p.dim(` …and ${people.length - 50} more`)] : [];
  return [p.bold('People in the news'), ...rows, ...more].join('\n');
}

function renderHelp(commands: CommandInfo[], p: Paint): string {
  const width = Math.max(...commands.map((c) => c.usage.length)) + 2;
  return [p.bold('briefbot commands'), ...commands.map((c) => ` ${c.usage.padEnd(width)}${p.dim(c.description)}`)].join('\n');
}

function renderSourceArticles(source: SourceInfo, articles: SourceArticleInfo[], total: number, p: Paint): string {
  const { title, scope } = sourceArticlesTitle(source, articles.length, total);
  return [
    p.bold(clean(title)) + p.dim(`  (${scope})`),
    ...articles.map((a) => ` ${articleLine({ title: a.title, published: a.published ?? undefined }, p)}${a.url ? `\n    ${p.dim(clean(a.url))}` : ''}`),
  ].join('\n');
}

function renderSources(sources: SourceInfo[], p: Paint): string {
  if (!sources.length) return NO_SOURCES;
  return [
    p.bold('Sources'),
    ...sources.flatMap((s) => {
      const { title, detail } = describeSource(s);
      return [` ${s.status === 'failing' ? p.red(clean(title)) : clean(title)}`, `    ${p.dim(clean(`${s.url} · ${detail}`))}`];
    }),
  ].join('\n');
}
