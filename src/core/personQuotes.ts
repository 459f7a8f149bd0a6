import type { PersonMatch } from './people.ts';
import type { Article } from './types.ts';

export interface ArticleRef {
  id: string;
  title: string;
  url?: string;
  published?: string;
  source?: string;
}

export interface QuoteItem {
  text: string;
  speaker: string | null;
  partial: boolean;
  article: ArticleRef;
  start: number;
  end: number;
  cue?: string;
}

/** The answer to `/quotes <person>`; its JSON form is the CLI's `quotes --json` interface. */
export interface PersonQuotes {
  query: string;
  person: { name: string; aliases: string[]; roles: string[] } | null;
  /** Articles that mention the person. */
  mentions: number;
  quotes: QuoteItem[];
  suggestions: string[];
}

export function articleRef(a: Article): ArticleRef {
  return { id: a.id, title: a.title, url: a.url, published: a.published, source: a.source };
}

/** A quote as the store lists a person's: already newest first. */
export interface PersonQuote {
  text: string;
  start: number;
  end: number;
  partial: boolean;
  cue?: string;
  article: ArticleRef;
}

/**
 * Everything a person said, verbatim, newest first (full quotes before fragments within an
 * article, then in reading order), under the library's name for them.
 */
export function composePersonQuotes(query: string, match: PersonMatch, quotes: PersonQuote[]): PersonQuotes {
  const { person, suggestions } = match;
  if (!person) return { query, person: null, mentions: 0, quotes: [], suggestions };
  return {
    query,
    person: { name: person.name, aliases: person.aliases, roles: person.roles },
    mentions: person.articles,
    quotes: quotes.map((q) => ({ ...q, speaker: person.name })),
    suggestions,
  };
}
