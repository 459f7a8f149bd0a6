import { createHash } from 'node:crypto';
import { parseArticle, type RawArticle } from '../core/article.ts';
import { analyzeArticle } from '../core/quotes.ts';
import { encodeTerms, indexTerms } from '../core/search.ts';
import { ANALYZER_VERSION } from '../core/version.ts';
import type { StoredArticle } from '../store/store.ts';

export const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

/** Whitespace and case do not make two texts different stories. */
export function contentHash(text: string): string {
  return sha1(text.toLowerCase().replace(/\s+/g, ' ').trim());
}

/** Parses and analyzes a raw article into what the store keeps. */
export function toStoredArticle(raw: RawArticle, meta: { sourceId: number | null; url: string | null; guid: string | null }): StoredArticle {
  const analysis = analyzeArticle(parseArticle(raw));
  return {
    id: raw.id,
    sourceId: meta.sourceId,
    url: meta.url,
    guid: meta.guid,
    contentHash: contentHash(analysis.article.text),
    analysis,
    analyzerVersion: ANALYZER_VERSION,
    terms: encodeTerms(indexTerms(analysis.article)),
  };
}
