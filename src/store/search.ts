import type { CandidateDoc } from '../core/search.ts';
import { num, strOrNull } from './rows.ts';
import type { Dialect, Row, Sql } from './sql.ts';

// Matching and counting in each engine's full-text index: FTS5 on SQLite, a GIN-indexed tsvector
// on PostgreSQL. Both index the same terms (the core's stems, one token each, no stemming of
// their own), so the same expression matches the same articles on both; ranking is the core's.

/**
 * The engine's query text for an OR of AND-ed term groups, each group an OR of alternatives:
 * `[[['nra'], ['russia', 'russian']]]` is nra AND (russia OR russian).
 */
export function termQuery(dialect: Dialect, any: string[][][]): string {
  const term = (t: string) => (dialect === 'sqlite' ? `"${t}"` : `'${t}'`);
  const [and, or] = dialect === 'sqlite' ? [' AND ', ' OR '] : [' & ', ' | '];
  const group = (alternatives: string[]) => (alternatives.length === 1 ? term(alternatives[0] as string) : `(${alternatives.map(term).join(or)})`);
  return any.map((set) => `(${set.map(group).join(and)})`).join(or);
}

export interface MatchWindow {
  /** Lowest and highest `doc` (the time-ordered article key). */
  from?: number;
  to?: number;
  /** Only articles first seen after this time (ms): what is new for a digest. */
  seenAfter?: number;
}

const MAX_DOC = Number.MAX_SAFE_INTEGER;

function matchSql(dialect: Dialect, select: string, window: MatchWindow, tail: string): string {
  const seen = window.seenAfter !== undefined ? ' AND d.seen > $4' : '';
  if (dialect === 'postgres') return `SELECT ${select} FROM search_docs d WHERE d.tsv @@ $1::tsquery AND d.doc BETWEEN $2 AND $3${seen} ${tail}`;
  // The index alone when nothing of the row is needed: joining each match to its row costs 30×
  // on a common word (66 ms against 2 ms for 31,000 matches at 100,000 articles).
  const join = seen || select.includes('d.') ? ' JOIN search_docs d ON d.doc = search_fts.rowid' : '';
  return `SELECT ${select} FROM search_fts${join}
       WHERE search_fts MATCH $1 AND search_fts.rowid BETWEEN $2 AND $3${seen} ${tail.replaceAll('d.doc', 'search_fts.rowid')}`;
}

const windowParams = (query: string, window: MatchWindow) => {
  const params: unknown[] = [query, window.from ?? 0, window.to ?? MAX_DOC];
  if (window.seenAfter !== undefined) params.push(window.seenAfter);
  return params;
};

/** The newest articles matching `query` (from `termQuery`), at most `limit`, as raw rows of `columns`. */
export async function matchDocs(q: Sql, query: string, options: MatchWindow & { limit: number; columns?: string }): Promise<Row[]> {
  const params = windowParams(query, options);
  params.push(options.limit);
  return q.all(matchSql(q.dialect, options.columns ?? CANDIDATE_COLUMNS, options, `ORDER BY d.doc DESC LIMIT $${params.length}`), params);
}

/** How many articles match, exactly. */
export async function countDocs(q: Sql, query: string, window: MatchWindow = {}): Promise<number> {
  return num((await q.get<{ n: unknown }>(matchSql(q.dialect, 'COUNT(*) AS n', window, ''), windowParams(query, window)))?.n);
}

/** How many articles hold each term, in one statement. */
export async function countTerms(q: Sql, terms: string[]): Promise<Map<string, number>> {
  if (!terms.length) return new Map();
  const one = (i: number) =>
    q.dialect === 'sqlite'
      ? `(SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH $${i + 1}) AS c${i}`
      : `(SELECT COUNT(*) FROM search_docs WHERE tsv @@ $${i + 1}::tsquery) AS c${i}`;
  const row = await q.get(
    `SELECT ${terms.map((_, i) => one(i)).join(', ')}`,
    terms.map((t) => termQuery(q.dialect, [[[t]]])),
  );
  return new Map(terms.map((t, i) => [t, num(row?.[`c${i}`])]));
}

export const CANDIDATE_COLUMNS = 'd.doc, d.article_id, d.story_id, d.time, d.seen, d.source, d.title, d.head, d.length, d.weights';

export function toCandidate(r: Row): CandidateDoc {
  return {
    doc: num(r.doc),
    articleId: String(r.article_id),
    storyId: num(r.story_id),
    time: num(r.time),
    seen: num(r.seen),
    source: strOrNull(r.source),
    title: String(r.title),
    head: String(r.head),
    length: num(r.length),
    weights: String(r.weights),
  };
}
