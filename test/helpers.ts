import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArticle, type RawArticle } from '../src/core/article.ts';
import { Newsroom } from '../src/core/newsroom.ts';
import { analyzeArticle } from '../src/core/quotes.ts';
import type { AnalyzedArticle } from '../src/core/types.ts';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const sampleText = readFileSync(new URL('../briefings/trump-macron-ukraine.txt', import.meta.url), 'utf8');

/** Analyzes a small article written for a test: `analyze('Headline\n\nBody…')`. */
export function analyze(body: string, meta: Partial<RawArticle> = {}): AnalyzedArticle {
  return analyzeArticle(parseArticle({ id: meta.id ?? 'test', body, ...meta }));
}

/** The quotes of an article as [text, speaker] pairs, the shape most tests assert on. */
export function quotesOf(body: string, meta: Partial<RawArticle> = {}): [string, string | null][] {
  return analyze(body, meta).quotes.map((q) => [q.text, q.speaker]);
}

export function newsroomOf(...articles: Partial<RawArticle>[]): Newsroom {
  const n = new Newsroom();
  articles.forEach((a, i) => {
    n.ingest({ id: a.id ?? `a${i}`, body: a.body ?? '', ...a });
  });
  return n;
}

export const sampleNewsroom = () => newsroomOf({ id: 'file:trump-macron-ukraine', body: sampleText });
