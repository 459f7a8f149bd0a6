import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArticle, type RawArticle } from '../src/core/article.ts';
import type { Person } from '../src/core/people.ts';
import { analyzeArticle } from '../src/core/quotes.ts';
import type { AnalyzedArticle } from '../src/core/types.ts';
import { Library } from '../src/library/library.ts';
import { AddressPolicy } from '../src/sources/netGuard.ts';
import { NO_PRIVATE_ACCESS } from '../src/sources/privateAccess.ts';
import { toStoredArticle } from '../src/sources/storedArticle.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import type { Store } from '../src/store/store.ts';

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

/** A library on a real (in-memory) SQLite store holding these articles, stored in order. */
export async function libraryOf(...articles: Partial<RawArticle>[]): Promise<Library> {
  const store = new SqliteStore(':memory:');
  await store.putArticles(
    articles.map((a, i) => toStoredArticle({ id: a.id ?? `a${i}`, body: a.body ?? '', ...a }, { sourceId: null, url: a.url ?? null, guid: null })),
    '2025-03-01T00:00:00.000Z',
  );
  return new Library(store);
}

export const sampleLibrary = () => libraryOf({ id: 'file:trump-macron-ukraine', body: sampleText });

/** Stores one article as a source would, first seen at `at`. */
export async function putRaw(store: Store, raw: RawArticle, at: string): Promise<void> {
  await store.putArticle(toStoredArticle(raw, { sourceId: null, url: raw.url ?? null, guid: null }), at);
}

/** `n` people named `Person <i><suffix>`, for tests of long lists. */
export function manyPeople(n: number, suffix = ''): Person[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i,
    name: `Person ${i}${suffix}`,
    kind: 'person',
    roles: [],
    aliases: [],
    mentions: 1,
    articles: 1,
    quotes: 0,
  }));
}

/** Feed fetching that may reach loopback (the local news server), and one that may not. */
export const OPEN_NETWORK = new AddressPolicy({ all: true, hosts: [], ranges: [] });
export const PUBLIC_NETWORK = new AddressPolicy(NO_PRIVATE_ACCESS);
