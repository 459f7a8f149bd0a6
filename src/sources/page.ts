import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { htmlToText } from './htmlText.ts';

export interface PageArticle {
  title: string | null;
  /** Paragraphs separated by blank lines. */
  text: string;
  byline: string | null;
  published: string | null;
}

/**
 * The main text of an article page, through Readability on a linkedom DOM. Null when the page
 * has no article to speak of; the caller keeps the feed's own text then.
 */
export function extractPage(html: string): PageArticle | null {
  try {
    const { document } = parseHTML(html);
    const published =
      document.querySelector('meta[property="article:published_time"]')?.getAttribute('content') ??
      document.querySelector('time[datetime]')?.getAttribute('datetime') ??
      null;
    const reader = new Readability(document as unknown as Document, { charThreshold: 200 });
    const article = reader.parse();
    if (!article?.content) return null;
    const { text } = htmlToText(`<html><body>${article.content}</body></html>`);
    if (text.length < 200) return null;
    return { title: article.title ?? null, text, byline: article.byline ?? null, published };
  } catch {
    return null;
  }
}
