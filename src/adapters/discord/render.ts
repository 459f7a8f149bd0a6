import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
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

// Reply → Discord messages, pure. Every limit Discord enforces is respected by paging, never by
// cutting a word or sending what the API would reject: the caller shows page 1 and a "More" button.

export const LIMITS = { title: 256, description: 4096, fields: 25, fieldName: 256, fieldValue: 1024, footer: 2048, message: 6000 };
const BRAND = 0x2f6fdf;

export interface DiscordPage {
  content?: string;
  embeds: APIEmbed[];
}

export interface DiscordReply {
  pages: DiscordPage[];
  /** Errors and "nothing found" go only to the asker. */
  ephemeral: boolean;
}

/** Article text cannot format, link or ping: markdown escaped, mentions broken with a zero-width space. */
export function escapeText(text: string): string {
  return (
    text
      .replace(/[\\*_~`|[\]()]/g, (c) => `\\${c}`)
      // Headings, quotes and lists only start a line.
      .replace(/^(\s*)([#>-])/gm, '$1\\$2')
      .replace(/@/g, '@\u200b')
      .replace(/<(?=[@#:/!&]|a:|t:)/g, '<\u200b')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** Cuts at a word boundary below `max`, with an ellipsis; whole text when it fits. */
export function fitText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\\\s]+$/, '')}…`;
}

function link(title: string, url: string | undefined): string {
  const label = escapeText(title);
  if (!url || !/^https?:\/\//.test(url)) return label;
  return `[${label}](${url.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/ /g, '%20')})`;
}

function meta(a: { source?: string; published?: string }): string {
  return [a.source && escapeText(a.source), shortDate(a.published)].filter(Boolean).join(' · ');
}

const embedSize = (e: APIEmbed) =>
  (e.title?.length ?? 0) +
  (e.description?.length ?? 0) +
  (e.footer?.text.length ?? 0) +
  (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);

interface Section {
  title: string;
  lines: string[];
  fields: APIEmbedField[];
  footer?: string;
}

/**
 * Packs lines (into descriptions) and fields into as many embeds as needed, one embed per page,
 * each under every limit. A line or field never spans two pages.
 */
export function paginate(section: Section, color = BRAND): DiscordPage[] {
  const pages: DiscordPage[] = [];
  const title = fitText(section.title, LIMITS.title);
  const footer = section.footer ? fitText(section.footer, LIMITS.footer) : undefined;
  const budget = LIMITS.message - title.length - (footer?.length ?? 0) - 40;
  let embed: APIEmbed = { title, color, description: '', fields: [] };
  const flush = () => {
    if (!embed.description) delete embed.description;
    if (!embed.fields?.length) delete embed.fields;
    if (embed.description || embed.fields) pages.push({ embeds: [embed] });
    embed = { title: `${title} (continued)`.slice(0, LIMITS.title), color, description: '', fields: [] };
  };
  for (const raw of section.lines) {
    const line = fitText(raw, LIMITS.description);
    const next = embed.description ? `${embed.description}\n${line}` : line;
    if (next.length > LIMITS.description || embedSize(embed) + line.length + 1 > budget) {
      flush();
      embed.description = line;
    } else embed.description = next;
  }
  for (const raw of section.fields) {
    const field = { name: fitText(raw.name, LIMITS.fieldName), value: fitText(raw.value, LIMITS.fieldValue), inline: raw.inline };
    if ((embed.fields?.length ?? 0) >= LIMITS.fields || embedSize(embed) + field.name.length + field.value.length > budget) flush();
    embed.fields?.push(field);
  }
  flush();
  if (!pages.length) pages.push({ embeds: [{ title, color, description: '\u200b' }] });
  pages.forEach((page, i) => {
    const e = page.embeds[0] as APIEmbed;
    const parts = [footer, pages.length > 1 ? `page ${i + 1} of ${pages.length}` : undefined].filter(Boolean);
    if (parts.length) e.footer = { text: fitText(parts.join(' · '), LIMITS.footer) };
  });
  return pages;
}

function notice(text: string, suggestions: string[] = [], isError = true): DiscordReply {
  const tail = suggestions.length ? `\nTry: ${suggestions.map(escapeText).join(', ')}` : '';
  return { pages: [{ content: fitText(`${escapeText(text)}${tail}`, 2000), embeds: [] }], ephemeral: isError };
}

function quoteField(q: QuoteItem, withSpeaker: boolean): APIEmbedField {
  const when = meta(q.article);
  const name = withSpeaker ? (q.speaker ?? 'Unattributed') : q.partial ? 'Fragment' : 'Quote';
  return {
    name: fitText(escapeText(name), LIMITS.fieldName),
    value: `${fitText(`“${escapeText(q.text)}”`, LIMITS.fieldValue - 300)}\n— ${link(fitText(q.article.title, 200), q.article.url)}${when ? ` · ${when}` : ''}`,
  };
}

function briefingReply(b: Briefing, since?: string, digest?: DigestWindow, isPrivate = false): DiscordReply {
  if (!b.stories.length) {
    const { text, suggestions } = emptyBriefing(b, since, digest);
    return notice(text, suggestions);
  }
  const lines = ['**Top stories**'];
  b.stories.forEach((s, i) => {
    const shown = s.alsoIn.slice(0, 5).map((a) => link(a.source ?? a.title, a.url));
    if (s.alsoIn.length > shown.length) shown.push(`${s.alsoIn.length - shown.length} more`);
    const also = shown.length ? ` (also ${shown.join(', ')})` : '';
    const tally = storyTally(s, b.now);
    const m = [tally && escapeText(tally), meta(s)].filter(Boolean).join(' · ');
    lines.push(`${i + 1}. ${link(s.title, s.url)}${m ? ` — ${m}` : ''}${also}`);
  });
  if (b.points.length) {
    lines.push('', '**What happened**');
    for (const p of b.points) lines.push(`• ${escapeText(p.text)}${p.trimmed ? '…' : ''} [${p.story + 1}]`);
  }
  const people = b.people.map(personLabel).join(', ');
  return {
    pages: paginate({
      title: escapeText(briefingTitle(b.topic, digest)),
      lines,
      fields: b.quotes.map((q) => quoteField(q, true)),
      footer: [briefingScope(b.total, since, digest), people && `People: ${people}`].filter(Boolean).join(' · '),
    }),
    ephemeral: isPrivate,
  };
}

function quotesReply(a: PersonQuotes, topic?: string): DiscordReply {
  if (!a.person) {
    const { text, suggestions } = describeMissingPerson(a);
    return notice(text, suggestions);
  }
  if (!a.quotes.length) return notice(describeNoQuotes(a, topic));
  const role = a.person.roles[0] ? ` (${escapeText(a.person.roles[0])})` : '';
  return {
    pages: paginate({
      title: `${escapeText(a.person.name)}${role}`,
      lines: [`${escapeText(quoteTally(a.quotes, topic))}, newest first`],
      fields: a.quotes.map((q) => quoteField(q, false)),
    }),
    ephemeral: false,
  };
}

function peopleReply(people: Person[]): DiscordReply {
  if (!people.length) return notice(NO_PEOPLE);
  return {
    pages: paginate({
      title: 'People in the news',
      lines: people.map((p) => `**${escapeText(p.name)}**${p.roles[0] ? ` (${escapeText(p.roles[0])})` : ''} — ${personTally(p)}`),
      fields: [],
    }),
    ephemeral: false,
  };
}

function sourcesReply(sources: SourceInfo[]): DiscordReply {
  if (!sources.length) return notice(NO_SOURCES, [], false);
  return {
    pages: paginate({
      title: 'Sources',
      lines: sources.map((s) => {
        const { title, detail } = describeSource(s);
        return `${s.status === 'failing' ? '⚠️ ' : ''}**${escapeText(title)}**\n${escapeText(s.url)} · ${escapeText(detail)}`;
      }),
      fields: [],
    }),
    ephemeral: false,
  };
}

function sourceArticlesReply(source: SourceInfo, articles: SourceArticleInfo[], total: number): DiscordReply {
  const { title, scope } = sourceArticlesTitle(source, articles.length, total);
  return {
    pages: paginate({
      title,
      lines: articles.map((a) => `${link(a.title, a.url ?? undefined)}${a.published ? ` · ${shortDate(a.published)}` : ''}`),
      fields: [],
      footer: scope,
    }),
    ephemeral: false,
  };
}

function helpReply(commands: CommandInfo[]): DiscordReply {
  return {
    pages: paginate({ title: 'briefbot', lines: commands.map((c) => `\`${c.usage}\` — ${c.description}`), fields: [] }),
    ephemeral: true,
  };
}

export function renderDiscord(reply: Reply): DiscordReply {
  const rendered = renderKind(reply);
  const last = rendered.pages[rendered.pages.length - 1];
  // A caveat goes in the message text as small print: it never pushes an embed past its limits.
  if (reply.note && last) last.content = fitText([last.content, `-# ${escapeText(reply.note)}`].filter(Boolean).join('\n'), 2000);
  return rendered;
}

function renderKind(reply: Reply): DiscordReply {
  switch (reply.kind) {
    case 'briefing':
      return briefingReply(reply.briefing, reply.since, reply.digest, reply.private);
    case 'quotes':
      return quotesReply(reply.quotes, reply.topic);
    case 'people':
      return peopleReply(reply.people);
    case 'sources':
      return sourcesReply(reply.sources);
    case 'sourceArticles':
      return sourceArticlesReply(reply.source, reply.articles, reply.total);
    case 'help':
      return helpReply(reply.commands);
    case 'notice':
      return notice(reply.text, reply.suggestions, reply.tone === 'error');
  }
}
