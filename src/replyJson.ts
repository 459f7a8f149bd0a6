import type { Reply } from './commands/reply.ts';
import type { PersonQuotes } from './core/personQuotes.ts';

// The `--json` shapes of the command line: documented for other tools, so kept exactly.

/** The `quotes --json` shape, exactly as documented for other tools. */
export function quotesJson(a: PersonQuotes) {
  return {
    query: a.query,
    person: a.person ? { name: a.person.name, aliases: a.person.aliases, roles: a.person.roles } : null,
    mentions: a.mentions,
    quotes: a.quotes.map((q) => ({
      text: q.text,
      speaker: q.speaker,
      partial: q.partial,
      article: { id: q.article.id, title: q.article.title, url: q.article.url ?? null, published: q.article.published ?? null },
    })),
    suggestions: a.suggestions,
  };
}

export function replyJson(reply: Reply): unknown {
  const json = kindJson(reply);
  return reply.note ? { ...(json as object), note: reply.note } : json;
}

function kindJson(reply: Reply): unknown {
  switch (reply.kind) {
    case 'quotes':
      return quotesJson(reply.quotes);
    case 'people':
      return { people: reply.people.map((p) => ({ name: p.name, roles: p.roles, mentions: p.mentions, articles: p.articles, quotes: p.quotes })) };
    case 'briefing':
      return reply.briefing;
    case 'help':
      return { commands: reply.commands };
    case 'sources':
      return { sources: reply.sources };
    case 'sourceArticles':
      return {
        source: { id: reply.source.id, url: reply.source.url, title: reply.source.title },
        articles: reply.articles.map((a) => ({ id: a.id, title: a.title, url: a.url, published: a.published, guid: a.guid })),
      };
    case 'notice':
      return { notice: reply.text, tone: reply.tone, suggestions: reply.suggestions ?? [] };
  }
}
