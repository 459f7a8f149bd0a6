import type { KnownBlock } from '@slack/types';
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

// Reply → Block Kit, pure. Slack's limits are kept by paging (50 blocks, 3,000 characters a
// section, and a message total far below the ~12,000 at which Slack rejects it).

export const SLACK_LIMITS = { blocks: 50, sectionText: 3000, headerText: 150, contextText: 2000, messageChars: 10_000 };

export interface SlackPage {
  text: string;
  blocks: KnownBlock[];
}

export interface SlackReply {
  pages: SlackPage[];
  /** Errors and "nothing found" stay with the asker. */
  ephemeral: boolean;
  /** Offer "Share in channel" (briefings and quotes). */
  shareable: boolean;
}

/** Article text cannot format, link or ping: &, < and > escaped, as Slack asks. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\s+/g, ' ').trim();
}

function fitText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/&[a-z]*$/, '')}…`;
}

function link(title: string, url: string | undefined): string {
  const label = escapeMrkdwn(title).replace(/\|/g, '¦');
  if (!url || !/^https?:\/\//.test(url)) return label;
  return `<${url.replace(/[<>|\s]/g, encodeURIComponent)}|${label}>`;
}

const meta = (a: { source?: string; published?: string }) => [a.source && escapeMrkdwn(a.source), shortDate(a.published)].filter(Boolean).join(' · ');
const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: fitText(text, SLACK_LIMITS.sectionText) } });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text: fitText(text, SLACK_LIMITS.contextText) }] });
const header = (text: string): KnownBlock => ({ type: 'header', text: { type: 'plain_text', text: fitText(text, SLACK_LIMITS.headerText), emoji: false } });

const blockChars = (b: KnownBlock) => JSON.stringify(b).length;

/** Packs blocks into pages under every limit, each page led by the header; a block never splits. */
export function paginateBlocks(title: string, body: KnownBlock[], fallback: string, reserve = 2): SlackPage[] {
  const pages: SlackPage[] = [];
  let current: KnownBlock[] = [header(title)];
  let chars = blockChars(current[0] as KnownBlock);
  for (const block of body) {
    const size = blockChars(block);
    if (current.length + 1 > SLACK_LIMITS.blocks - reserve || chars + size > SLACK_LIMITS.messageChars) {
      pages.push({ text: fallback, blocks: current });
      current = [header(`${title} (continued)`)];
      chars = blockChars(current[0] as KnownBlock);
    }
    current.push(block);
    chars += size;
  }
  pages.push({ text: fallback, blocks: current });
  return pages.map((p, i) => (pages.length > 1 ? { ...p, blocks: [...p.blocks, context(`page ${i + 1} of ${pages.length}`)] } : p));
}

function notice(text: string, suggestions: string[] = [], ephemeral = true): SlackReply {
  const tail = suggestions.length ? `\nTry: ${suggestions.map(escapeMrkdwn).join(', ')}` : '';
  const body = `${escapeMrkdwn(text)}${tail}`;
  return { pages: [{ text: fitText(body, 3000), blocks: [section(body)] }], ephemeral, shareable: false };
}

function quoteBlocks(q: QuoteItem, withSpeaker: boolean): KnownBlock[] {
  const who = withSpeaker ? `— *${escapeMrkdwn(q.speaker ?? 'Unattributed')}*, ` : '— ';
  const m = meta(q.article);
  return [
    section(
      `${q.partial ? '_(fragment)_ ' : ''}> “${fitText(escapeMrkdwn(q.text), 2400)}”\n${who}${link(fitText(q.article.title, 200), q.article.url)}${m ? ` · ${m}` : ''}`,
    ),
  ];
}

function briefing(b: Briefing, since?: string, digest?: DigestWindow): SlackReply {
  if (!b.stories.length) {
    const { text, suggestions } = emptyBriefing(b, since, digest);
    return notice(text, suggestions);
  }
  const body: KnownBlock[] = [context(briefingScope(b.total, since, digest))];
  const stories = b.stories.map((s, i) => {
    const shown = s.alsoIn.slice(0, 5).map((a) => link(a.source ?? a.title, a.url));
    if (s.alsoIn.length > shown.length) shown.push(`${s.alsoIn.length - shown.length} more`);
    const also = shown.length ? ` (also ${shown.join(', ')})` : '';
    const tally = storyTally(s, b.now);
    const m = [tally && escapeMrkdwn(tally), meta(s)].filter(Boolean).join(' · ');
    return `${i + 1}. ${link(s.title, s.url)}${m ? ` — ${m}` : ''}${also}`;
  });
  body.push(section(`*Top stories*\n${stories.join('\n')}`));
  if (b.points.length) {
    body.push(section(`*What happened*\n${b.points.map((p) => `• ${escapeMrkdwn(p.text)}${p.trimmed ? '…' : ''} [${p.story + 1}]`).join('\n')}`));
  }
  if (b.quotes.length) {
    body.push({ type: 'divider' }, section('*Key quotes*'));
    for (const q of b.quotes) body.push(...quoteBlocks(q, true));
  }
  if (b.people.length) body.push(context(`People: ${b.people.map((p) => escapeMrkdwn(personLabel(p))).join(', ')}`));
  const title = briefingTitle(b.topic, digest);
  return { pages: paginateBlocks(title, body, title), ephemeral: true, shareable: !digest };
}

function quotes(a: PersonQuotes, topic?: string): SlackReply {
  if (!a.person) {
    const { text, suggestions } = describeMissingPerson(a);
    return notice(text, suggestions);
  }
  if (!a.quotes.length) return notice(describeNoQuotes(a, topic));
  const title = personLabel(a.person);
  const body: KnownBlock[] = [context(`${escapeMrkdwn(quoteTally(a.quotes, topic))}, newest first`), ...a.quotes.flatMap((q) => quoteBlocks(q, false))];
  return { pages: paginateBlocks(title, body, `Quotes of ${a.person.name}`), ephemeral: true, shareable: true };
}

function people(list: Person[]): SlackReply {
  if (!list.length) return notice(NO_PEOPLE);
  const lines = list.map((p) => `*${escapeMrkdwn(p.name)}*${p.roles[0] ? ` (${escapeMrkdwn(p.roles[0])})` : ''} — ${personTally(p)}`);
  const chunks: string[] = [];
  for (const line of lines) {
    const last = chunks[chunks.length - 1];
    if (last !== undefined && last.length + line.length + 1 <= SLACK_LIMITS.sectionText) chunks[chunks.length - 1] = `${last}\n${line}`;
    else chunks.push(line);
  }
  return { pages: paginateBlocks('People in the news', chunks.map(section), 'People in the news'), ephemeral: true, shareable: false };
}

function sources(list: SourceInfo[]): SlackReply {
  if (!list.length) return notice(NO_SOURCES, [], true);
  const body = list.map((s) => {
    const { title, detail } = describeSource(s);
    return section(`${s.status === 'failing' ? ':warning: ' : ''}*${escapeMrkdwn(title)}*\n${escapeMrkdwn(s.url)} · ${escapeMrkdwn(detail)}`);
  });
  return { pages: paginateBlocks('Sources', body, 'Sources'), ephemeral: true, shareable: false };
}

function sourceArticles(source: SourceInfo, articles: SourceArticleInfo[], total: number): SlackReply {
  const { title, scope } = sourceArticlesTitle(source, articles.length, total);
  const body = [
    context(escapeMrkdwn(scope)),
    ...articles.map((a) => section(`${link(a.title, a.url ?? undefined)}${a.published ? ` · ${escapeMrkdwn(shortDate(a.published) ?? '')}` : ''}`)),
  ];
  return { pages: paginateBlocks(title, body, title), ephemeral: true, shareable: false };
}

function help(commands: CommandInfo[]): SlackReply {
  return {
    pages: paginateBlocks('briefbot', [section(commands.map((c) => `\`${c.usage}\` — ${escapeMrkdwn(c.description)}`).join('\n'))], 'briefbot commands'),
    ephemeral: true,
    shareable: false,
  };
}

export function renderSlack(reply: Reply): SlackReply {
  const rendered = renderKind(reply);
  const last = rendered.pages[rendered.pages.length - 1];
  // Pages keep room for two blocks beyond their body (see paginateBlocks): a caveat fits.
  if (reply.note && last) last.blocks.push(context(escapeMrkdwn(reply.note)));
  return rendered;
}

function renderKind(reply: Reply): SlackReply {
  switch (reply.kind) {
    case 'briefing':
      return briefing(reply.briefing, reply.since, reply.digest);
    case 'quotes':
      return quotes(reply.quotes, reply.topic);
    case 'people':
      return people(reply.people);
    case 'sources':
      return sources(reply.sources);
    case 'sourceArticles':
      return sourceArticles(reply.source, reply.articles, reply.total);
    case 'help':
      return help(reply.commands);
    case 'notice':
      return notice(reply.text, reply.suggestions, true);
  }
}
