import { findPerson, type Library } from './library.ts';
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

/** Newest first; undated articles after dated ones. */
export function byNewest(a: { published?: string }, b: { published?: string }): number {
  if (a.published && b.published) return b.published.localeCompare(a.published);
  return a.published ? -1 : b.published ? 1 : 0;
}

/**
 * Everything a person said across the library, verbatim, newest first (full quotes before
 * fragments within an article, then in reading order). `articleFilter` narrows to a topic.
 */
export function findQuotes(library: Library, query: string, articleFilter?: (id: string) => boolean): PersonQuotes {
  const { person, suggestions } = findPerson(library, query);
  if (!person) return { query, person: null, mentions: 0, quotes: [], suggestions };
  const quotes = (library.quotesBy.get(person.name) ?? [])
    .filter((q) => !articleFilter || articleFilter(q.articleId))
    .map((q): QuoteItem => {
      const article = library.byId.get(q.articleId)?.article;
      return {
        text: q.text,
        // The library-wide name: the article may have written a shorter form.
        speaker: person.name,
        partial: q.partial,
        article: article ? articleRef(article) : { id: q.articleId, title: q.articleId },
        start: q.start,
        end: q.end,
        cue: q.cue,
      };
    })
    .sort((a, b) => byNewest(a.article, b.article) || a.article.id.localeCompare(b.article.id) || Number(a.partial) - Number(b.partial) || a.start - b.start);
  return {
    query,
    person: { name: person.name, aliases: person.aliases, roles: person.roles },
    mentions: person.articles,
    quotes,
    suggestions,
  };
}
