import type { StoryRecord } from '../core/briefing.ts';
import type { PeopleView, Person } from '../core/people.ts';
import { personQuery } from '../core/people.ts';
import type { AnalyzedArticle } from '../core/types.ts';
import { num, placeholders, selectIn, strOrNull } from './rows.ts';
import { deserializeAnalysis } from './serialize.ts';
import type { Row, Sql } from './sql.ts';
import type { LoadedArticle, PersonQuoteRow } from './store.ts';

// What commands read from the library: people and their quotes, stories and their articles,
// the analyses and texts a briefing needs, topics to suggest. Each a few indexed queries.

/** People rows with their aliases and roles, by id. */
export async function peopleByIds(q: Sql, ids: number[]): Promise<Map<number, Person>> {
  const unique = [...new Set(ids)];
  const rows = await selectIn<Row>(q, unique, (l) => `SELECT id, name, kind, mentions, articles, quotes FROM people WHERE id IN (${l})`);
  // The most used forms and roles of each (a much quoted person gathers hundreds of spellings).
  const names = await selectIn<Row>(
    q,
    unique,
    (l) => `SELECT person_id, kind, form FROM (
      SELECT person_id, kind, form, ROW_NUMBER() OVER (PARTITION BY person_id, kind ORDER BY n DESC, length(form) DESC, form) AS rank
      FROM person_names WHERE person_id IN (${l})) ranked WHERE rank <= 12 ORDER BY person_id, kind, rank`,
  );
  const people = new Map<number, Person>();
  for (const r of rows) {
    people.set(num(r.id), {
      id: num(r.id),
      name: String(r.name),
      kind: r.kind === 'organisation' ? 'organisation' : 'person',
      aliases: [String(r.name)],
      roles: [],
      articles: num(r.articles),
      mentions: num(r.mentions),
      quotes: num(r.quotes),
    });
  }
  for (const n of names) {
    const p = people.get(num(n.person_id));
    if (!p) continue;
    const form = String(n.form);
    if (n.kind === 'role') p.roles.push(form);
    else if (form !== p.name) p.aliases.push(form);
  }
  return people;
}

/**
 * The people a typed name could mean: by whole alias and by each word; with `near`, also alias
 * words a typo away (first letter and length); with `suggestions`, people to suggest instead.
 */
export async function peopleView(q: Sql, query: string, options: { near?: boolean; suggestions?: boolean } = {}): Promise<PeopleView> {
  const { folded, words } = personQuery(query);
  const live = 'p.articles > 0';
  const exactIds = folded
    ? (
        await q.all<Row>(
          `SELECT DISTINCT n.person_id FROM person_names n JOIN people p ON p.id = n.person_id WHERE n.folded = $1 AND n.kind = 'alias' AND ${live}`,
          [folded],
        )
      ).map((r) => num(r.person_id))
    : [];
  const wordRows = words.length
    ? await q.all<Row>(
        `SELECT w.word, w.person_id FROM person_words w JOIN people p ON p.id = w.person_id WHERE w.word IN (${placeholders(words.length)}) AND ${live}`,
        words,
      )
    : [];
  // Typo candidates: alias words with the same first letter and nearly the same length.
  const nearRows: Row[] = [];
  for (const w of options.near ? new Set(words) : []) {
    if (w.length < 4) continue;
    const next = String.fromCharCode(w.charCodeAt(0) + 1);
    nearRows.push(
      ...(await q.all<Row>(
        `SELECT w.word, w.person_id FROM person_words w JOIN people p ON p.id = w.person_id
         WHERE w.word >= $1 AND w.word < $2 AND length(w.word) BETWEEN $3 AND $4 AND ${live} LIMIT 20000`,
        [w[0], next, w.length - 2, w.length + 2],
      )),
    );
  }
  const prefix = folded.slice(0, 3);
  const prefixRows =
    prefix && options.suggestions
      ? await q.all<Row>(
          `SELECT DISTINCT w.person_id, p.quotes, p.mentions FROM person_words w JOIN people p ON p.id = w.person_id
         WHERE w.word >= $1 AND w.word < $2 AND ${live} ORDER BY p.quotes DESC, p.mentions DESC LIMIT 5`,
          [prefix, `${prefix}\uffff`],
        )
      : [];
  const topRows = options.suggestions
    ? await q.all<Row>(`SELECT id FROM people p WHERE kind = 'person' AND ${live} ORDER BY quotes DESC, mentions DESC, id LIMIT 5`)
    : [];
  const people = await peopleByIds(q, [
    ...exactIds,
    ...wordRows.map((r) => num(r.person_id)),
    ...nearRows.map((r) => num(r.person_id)),
    ...prefixRows.map((r) => num(r.person_id)),
    ...topRows.map((r) => num(r.id)),
  ]);
  const pick = (ids: number[]) => ids.map((id) => people.get(id)).filter((p): p is Person => p !== undefined);
  const group = (rows: Row[]) => {
    const map = new Map<string, Person[]>();
    for (const r of rows) {
      const p = people.get(num(r.person_id));
      if (!p) continue;
      const list = map.get(String(r.word)) ?? [];
      list.push(p);
      map.set(String(r.word), list);
    }
    return map;
  };
  return {
    exact: pick(exactIds),
    byWord: group(wordRows),
    near: group(nearRows),
    byPrefix: pick(prefixRows.map((r) => num(r.person_id))),
    top: pick(topRows.map((r) => num(r.id))),
  };
}

/** A person's quotes, newest first; within an article full quotes before fragments, in reading order. */
export async function personQuotes(q: Sql, personId: number, options: { limit: number; articleIds?: string[] }): Promise<PersonQuoteRow[]> {
  const select = `SELECT q.article_id, q.text, q.start_at, q.end_at, q.partial, q.cue, q.time, a.title, a.url, a.published, d.source
    FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN search_docs d ON d.article_id = q.article_id`;
  const order = 'ORDER BY q.time DESC, q.article_id, q.partial, q.start_at';
  const rows = options.articleIds
    ? await selectIn<Row>(q, options.articleIds, (l) => `${select} WHERE q.person_id = $1 AND q.article_id IN (${l}) ${order}`, [personId])
    : await q.all<Row>(`${select} WHERE q.person_id = $1 ${order} LIMIT $2`, [personId, options.limit]);
  return rows.slice(0, options.limit).map((r) => ({
    articleId: String(r.article_id),
    text: String(r.text),
    start: num(r.start_at),
    end: num(r.end_at),
    partial: num(r.partial) === 1,
    cue: strOrNull(r.cue) ?? undefined,
    article: {
      id: String(r.article_id),
      title: String(r.title),
      url: strOrNull(r.url) ?? undefined,
      published: strOrNull(r.published) ?? undefined,
      source: strOrNull(r.source) ?? undefined,
    },
  }));
}

/** The most quoted people (and most mentioned), for `/people`. */
export async function topPeople(q: Sql, limit: number): Promise<Person[]> {
  const ids = (await q.all<Row>("SELECT id FROM people WHERE kind = 'person' AND articles > 0 ORDER BY quotes DESC, mentions DESC, id LIMIT $1", [limit])).map(
    (r) => num(r.id),
  );
  const people = await peopleByIds(q, ids);
  return ids.map((id) => people.get(id)).filter((p): p is Person => p !== undefined);
}

/** Names starting with `prefix`, most quoted first: autocompletion. */
export async function personNames(q: Sql, prefix: string, limit: number): Promise<string[]> {
  const folded = prefix.toLowerCase();
  const rows = await q.all<Row>(
    `SELECT DISTINCT p.id, p.name, p.quotes, p.mentions FROM person_words w JOIN people p ON p.id = w.person_id
     WHERE w.word >= $1 AND w.word < $2 AND p.kind = 'person' AND p.articles > 0 ORDER BY p.quotes DESC, p.mentions DESC LIMIT $3`,
    [folded, `${folded}\uffff`, limit],
  );
  return rows.map((r) => String(r.name));
}

/** Lead words starting with `prefix`, the most common first: topics to suggest and complete. */
export async function topics(q: Sql, prefix: string, limit: number): Promise<string[]> {
  const p = prefix.toLowerCase();
  const rows = await q.all<Row>(`SELECT word FROM lead_terms WHERE term >= $1 AND term < $2 AND df > 0 AND length(word) >= 3 ORDER BY df DESC, term LIMIT $3`, [
    p,
    `${p}\uffff`,
    limit * 2,
  ]);
  return [...new Set(rows.map((r) => String(r.word)).filter((w) => !/^\d+$/.test(w)))].slice(0, limit);
}

/** Lead words that start with the same letter as `word` and are about as long: for typo suggestions. */
export async function vocabularyNear(q: Sql, word: string): Promise<{ term: string; word: string; df: number }[]> {
  if (!word) return [];
  const next = String.fromCharCode(word.charCodeAt(0) + 1);
  const rows = await q.all<Row>(
    'SELECT term, word, df FROM lead_terms WHERE term >= $1 AND term < $2 AND length(term) BETWEEN $3 AND $4 AND df > 0 LIMIT 50000',
    [word[0], next, word.length - 2, word.length + 2],
  );
  return rows.map((r) => ({ term: String(r.term), word: String(r.word), df: num(r.df) }));
}

/** Stories with their articles (newest first, at most `perStory` each), in one statement. */
export async function storyRecords(q: Sql, ids: number[], perStory: number): Promise<Map<number, StoryRecord>> {
  const rows = await selectIn<Row>(
    q,
    [...new Set(ids)],
    (l) => `SELECT s.id, s.first_time, s.last_time, s.articles, m.article_id, m.time, m.source, m.title, a.url, a.published
      FROM stories s
      LEFT JOIN (SELECT story_id, doc, article_id, time, source, title, ROW_NUMBER() OVER (PARTITION BY story_id ORDER BY doc DESC) AS rank
        FROM search_docs WHERE story_id IN (${l})) m ON m.story_id = s.id AND m.rank <= $1
      LEFT JOIN articles a ON a.id = m.article_id
      WHERE s.id IN (${l}) ORDER BY s.id, m.doc DESC`,
    [perStory],
  );
  const out = new Map<number, StoryRecord>();
  for (const r of rows) {
    const id = num(r.id);
    let story = out.get(id);
    if (!story) {
      story = { id, firstTime: num(r.first_time), lastTime: num(r.last_time), size: num(r.articles), articles: [] };
      out.set(id, story);
    }
    if (r.article_id === null) continue;
    story.articles.push({
      id: String(r.article_id),
      title: String(r.title),
      source: strOrNull(r.source) ?? undefined,
      url: strOrNull(r.url) ?? undefined,
      published: strOrNull(r.published) ?? undefined,
      time: num(r.time),
    });
  }
  return out;
}

/** Analyses (texts too when `withText`), with each article's names mapped to the library's. */
export async function loadArticles(q: Sql, ids: string[], withText: boolean | string[]): Promise<Map<string, LoadedArticle>> {
  const unique = [...new Set(ids)];
  const texts = withText === true ? unique : withText === false ? [] : withText;
  // Texts for some, analyses for all, in one statement: the ids wanting their text are $1.
  const some = q.dialect === 'sqlite' ? 'SELECT value FROM json_each($1)' : 'SELECT unnest(CAST($1 AS text[]))';
  const body = texts.length === unique.length ? 'body' : texts.length === 0 ? "'' AS body" : `CASE WHEN id IN (${some}) THEN body ELSE '' END AS body`;
  const partial = body.includes('$1');
  const rows = await selectIn<Row>(
    q,
    unique,
    (l) => `SELECT id, ${body}, analysis FROM articles WHERE id IN (${l})`,
    partial ? [q.dialect === 'sqlite' ? JSON.stringify(texts) : texts] : [],
  );
  const names = await selectIn<Row>(
    q,
    unique,
    (l) => `SELECT ap.article_id, ap.name, p.id, p.name AS canonical FROM article_people ap JOIN people p ON p.id = ap.person_id WHERE ap.article_id IN (${l})`,
  );
  const out = new Map<string, LoadedArticle>();
  for (const r of rows) {
    const analysis: AnalyzedArticle = deserializeAnalysis(String(r.body), String(r.analysis));
    out.set(String(r.id), { analysis, canonical: new Map(), personIds: new Map() });
  }
  for (const n of names) {
    const a = out.get(String(n.article_id));
    a?.canonical.set(String(n.name), String(n.canonical));
    a?.personIds.set(String(n.name), num(n.id));
  }
  return out;
}
