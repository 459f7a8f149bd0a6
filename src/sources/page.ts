import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

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
    const { document: content } = parseHTML(`<html><body>${article.content}</body></html>`);
    const paragraphs = [...content.querySelectorAll('p, h2, h3, li, blockquote')]
      .map((p) => (p.textContent ?? '').replace(/\s+/g, ' ').trim())
      .filter((p) => p.length > 0);
    const text = paragraphs.join('\n\n');
    if (text.length < 200) return null;
    return { title: article.title ?? null, text, byline: article.byline ?? null, published };
  } catch {
    return null;
  }
}

/** HTML fragment (a feed item's content) to plain paragraphs. */
export function htmlFragmentToText(html: string): string {
  if (!/<[a-z][^>]*>/i.test(html)) return html.trim();
  const { document } = parseHTML(`<html><body>${html}</body></html>`);
  const blocks = [...document.querySelectorAll('p, h1, h2, h3, li, blockquote')];
  const parts = (blocks.length ? blocks : [document.body]).map((b) => (b?.textContent ?? '').replace(/\s+/g, ' ').trim()).filter(Boolean);
  return parts.join('\n\n');
}
