import { aliasWords, personKey, surnameOf } from '../core/people.ts';
import { articleTime, decodeTerms, encodeTerms, headOf } from '../core/search.ts';
import { chooseStory, leadTerms, probeTerms, STORY_WINDOW_MS, type StoryCandidate, similarityTo, storyVector } from '../core/stories.ts';
import { foldName } from '../core/text.ts';
import type { AnalyzedArticle } from '../core/types.ts';
import { insertRows, num, placeholders, selectIn } from './rows.ts';
import { matchDocs, termQuery } from './search.ts';
import { serializeAnalysis } from './serialize.ts';
import type { Sql } from './sql.ts';
import type { PutResult, StoredArticle } from './store.ts';

// Writing articles: the row itself, and everything the library answers from — its search entry,
// its story, its people and quotes — in the same transaction, so a process that reads the store
// sees an article whole or not at all. Counters in `meta` (articles, total length, a change
// sequence) are kept with them, so reading them never counts the library.

/** `doc` = time in seconds × DOC_SLOTS + a counter: ordered by time, unique. */
const DOC_SLOTS = 1_000_000;

export const docFloor = (ms: number) => Math.max(0, Math.floor(ms / 1000)) * DOC_SLOTS;

interface Write {
  item: StoredArticle;
  update: boolean;
  firstSeen: string;
}

export async function putArticles(sql: Sql, items: StoredArticle[], at: string): Promise<PutResult[]> {
  if (!items.length) return [];
  return sql.tx(async (q) => {
    // One writer of the library at a time across instances: stories and people are decided in order.
    if (q.dialect === 'postgres') await q.run('SELECT pg_advisory_xact_lock(727365)');
    const existing = new Map(
      (
        await selectIn<{ id: string; content_hash: string; analyzer_version: number; first_seen: string }>(
          q,
          [...new Set(items.map((i) => i.id))],
          (l) => `SELECT id, content_hash, analyzer_version, first_seen FROM articles WHERE id IN (${l})`,
        )
      ).map((r) => [r.id, r]),
    );
    const twins = new Set(
      (
        await selectIn<{ content_hash: string }>(
          q,
          [...new Set(items.map((i) => i.contentHash))],
          (l) => `SELECT content_hash FROM articles WHERE content_hash IN (${l})`,
        )
      ).map((r) => r.content_hash),
    );
    const results: PutResult[] = [];
    const writes: Write[] = [];
    const written = new Set<string>();
    for (const item of items) {
      const e = existing.get(item.id);
      if (written.has(item.id)) {
        results.push('unchanged');
      } else if (e) {
        if (e.content_hash === item.contentHash && num(e.analyzer_version) === item.analyzerVersion) {
          results.push('unchanged');
          continue;
        }
        writes.push({ item, update: true, firstSeen: e.first_seen });
        results.push(e.content_hash === item.contentHash ? 'unchanged' : 'updated');
      } else if (twins.has(item.contentHash)) {
        // The same text under another id (syndication, a moved URL) is stored once.
        results.push('duplicate');
        continue;
      } else {
        writes.push({ item, update: false, firstSeen: at });
        results.push('added');
      }
      written.add(item.id);
      twins.add(item.contentHash);
    }
    if (!writes.length) return results;

    const updated = writes.filter((w) => w.update).map((w) => w.item.id);
    const keptStories = new Map(
      (
        await selectIn<{ article_id: string; story_id: number | null }>(
          q,
          updated,
          (l) => `SELECT article_id, story_id FROM search_docs WHERE article_id IN (${l})`,
        )
      ).map((r) => [r.article_id, r.story_id === null ? null : num(r.story_id)]),
    );
    await unindexArticles(q, updated);
    for (const w of writes.filter((x) => x.update)) {
      const { body, analysis } = serializeAnalysis(w.item.analysis);
      const { article } = w.item.analysis;
      await q.run(
        // Index terms live in the search entry only (`terms` is left from before the library moved in).
        'UPDATE articles SET url = $1, guid = $2, content_hash = $3, title = $4, published = $5, updated_at = $6, analyzer_version = $7, body = $8, analysis = $9, terms = NULL WHERE id = $10',
        [w.item.url, w.item.guid, w.item.contentHash, article.title, article.published ?? null, at, w.item.analyzerVersion, body, analysis, w.item.id],
      );
    }
    const inserts = writes.filter((w) => !w.update);
    await insertRows(
      q,
      'INSERT INTO articles (id, source_id, url, guid, content_hash, title, published, first_seen, updated_at, analyzer_version, body, analysis)',
      12,
      inserts.map(({ item }) => {
        const { body, analysis } = serializeAnalysis(item.analysis);
        const { article } = item.analysis;
        return [
          item.id,
          item.sourceId,
          item.url,
          item.guid,
          item.contentHash,
          article.title,
          article.published ?? null,
          at,
          at,
          item.analyzerVersion,
          body,
          analysis,
        ];
      }),
    );
    await indexArticles(
      q,
      writes.map((w) => ({ analysis: w.item.analysis, terms: w.item.terms, firstSeen: Date.parse(w.firstSeen), story: keptStories.get(w.item.id) ?? null })),
    );
    return results;
  });
}

interface ToIndex {
  analysis: AnalyzedArticle;
  /** Encoded index terms (`encodeTerms`). */
  terms: string;
  firstSeen: number;
  /** The story an updated article already belongs to: it keeps it. */
  story: number | null;
}

async function meta(q: Sql): Promise<Record<string, number>> {
  const rows = await q.all<{ key: string; value: unknown }>('SELECT key, value FROM meta');
  return Object.fromEntries(rows.map((r) => [r.key, num(r.value)]));
}

/** Adds to the change sequence and the counters (`live` articles, their total `length`). */
async function bump(q: Sql, deltas: { live?: number; length?: number; docs?: number }): Promise<void> {
  await q.run("UPDATE meta SET value = value + 1 WHERE key = 'seq'");
  for (const [key, delta] of Object.entries(deltas)) if (delta) await q.run('UPDATE meta SET value = value + $1 WHERE key = $2', [delta, key]);
}

/** Search entries, lead terms, people, quotes and stories for articles whose rows are written. */
async function indexArticles(q: Sql, docs: ToIndex[]): Promise<void> {
  const counters = await meta(q);
  let counter = counters.docs ?? 0;
  const live = (counters.live ?? 0) + docs.length;
  const surface = new Map<string, string>();
  const leads = docs.map((d) => leadTerms(d.analysis.article, surface));
  const leadVocabulary = [...new Set(leads.flatMap((l) => [...l.keys()]))].sort();
  const df = new Map(
    (await selectIn<{ term: string; df: unknown }>(q, leadVocabulary, (l) => `SELECT term, df FROM lead_terms WHERE term IN (${l})`)).map((r) => [
      r.term,
      num(r.df),
    ]),
  );
  const idf = (t: string) => Math.log(1 + live / ((df.get(t) ?? 0) + 1));

  const rows = docs.map((d, i) => {
    const { article } = d.analysis;
    const time = articleTime(article.published, d.firstSeen);
    counter++;
    const doc = docFloor(time) + (counter % DOC_SLOTS);
    const terms = decodeTerms(d.terms);
    let length = 0;
    for (const w of terms.values()) length += w;
    const vector = storyVector(leads[i] as Map<string, number>, idf);
    return { d, doc, time, terms, length, vector };
  });
  const placed = new Set<string>();
  // One at a time, in order: each article's story is decided with the ones before it in view, and
  // its row is written whole (no update after, which on PostgreSQL would leave a dead copy).
  for (const r of rows) {
    const a = r.d.analysis.article;
    const story = await joinStory(
      q,
      r.time,
      r.vector,
      r.d.story,
      probeTerms(r.vector, (t) => (df.get(t) ?? 0) > 0 || placed.has(t)),
    );
    for (const t of r.vector.keys()) placed.add(t);
    const values: unknown[] = [r.doc, a.id, story, r.time, r.d.firstSeen, a.source ?? null, a.title, headOf(a), r.length, r.d.terms, encodeTerms(r.vector)];
    const terms = [...r.terms.keys()].join(' ');
    if (q.dialect === 'postgres') {
      await q.run(`INSERT INTO search_docs (${SEARCH_COLUMNS}, tsv) VALUES (${placeholders(12)})`, [...values, terms]);
    } else {
      await q.run(`INSERT INTO search_docs (${SEARCH_COLUMNS}) VALUES (${placeholders(11)})`, values);
      await q.run('INSERT INTO search_fts (rowid, terms) VALUES ($1, $2)', [r.doc, terms]);
    }
  }
  // Counted from the stored vectors, so taking an article out subtracts exactly what it added.
  const leadDf = new Map<string, number>();
  for (const r of rows) for (const t of r.vector.keys()) leadDf.set(t, (leadDf.get(t) ?? 0) + 1);
  await addLeadTerms(q, leadDf, surface);
  const people = await indexPeople(
    q,
    docs.map((d) => d.analysis),
  );
  await insertRows(
    q,
    'INSERT INTO quotes (article_id, n, person_id, time, text, start_at, end_at, partial, cue)',
    9,
    rows.flatMap((r) =>
      r.d.analysis.quotes.map((quote, n) => [
        r.d.analysis.article.id,
        n,
        quote.speaker ? (people.get(r.d.analysis.article.id)?.get(quote.speaker) ?? null) : null,
        r.time,
        quote.text,
        quote.start,
        quote.end,
        quote.partial ? 1 : 0,
        quote.cue ?? null,
      ]),
    ),
  );
  await bump(q, {
    docs: docs.length,
    live: docs.length,
    length: rows.reduce((s, r) => s + r.length, 0),
  });
}

async function addLeadTerms(q: Sql, deltas: Map<string, number>, surface: Map<string, string>): Promise<void> {
  await insertRows(
    q,
    'INSERT INTO lead_terms (term, word, df)',
    3,
    [...deltas.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([t, n]) => [t, surface.get(t) ?? t, n]),
    'ON CONFLICT (term) DO UPDATE SET df = lead_terms.df + excluded.df',
  );
}

/** The story of an article's most similar recent articles, if it is close enough to join it. */
export async function storyFor(q: Sql, time: number, vector: Map<string, number>, probe = probeTerms(vector)): Promise<number | null> {
  if (!probe.length) return null;
  const window = { from: docFloor(time - STORY_WINDOW_MS), to: docFloor(time + STORY_WINDOW_MS) + DOC_SLOTS - 1 };
  const options = { ...window, limit: NEIGHBOURS, columns: 'd.doc, d.story_id, d.lead' };
  const any = await matchDocs(
    q,
    termQuery(
      q.dialect,
      probe.map((t) => [[t]]),
    ),
    options,
  );
  // When more articles share a probe term than are scored, the newest of them crowd out another
  // outlet's report of the same event (thousands share one at a newsroom's rate): those sharing two
  // probe terms come first. Otherwise every match is scored already.
  let near = any;
  if (any.length === NEIGHBOURS && probe.length > 1) {
    const pairs = probe.flatMap((a, i) => probe.slice(i + 1).map((b) => [[a], [b]]));
    const strong = await matchDocs(q, termQuery(q.dialect, pairs), options);
    const seen = new Set(strong.map((r) => num(r.doc)));
    near = [...strong, ...any.filter((r) => !seen.has(num(r.doc)))].slice(0, NEIGHBOURS);
  }
  const scored = new Map<number, StoryCandidate>();
  for (const c of near) if (c.story_id !== null) scored.set(num(c.doc), { storyId: num(c.story_id), score: similarityTo(vector, String(c.lead)) });
  // The closest stories, with their newest articles of the window: a story is judged by its best two.
  const stories = closestStories(scored);
  // One statement for all of them (a round trip each cost PostgreSQL more than the reads), each
  // still read newest first along the (story_id, doc) index.
  const members = stories.length
    ? await q.all(
        stories
          .map(
            (_, i) =>
              `SELECT * FROM (SELECT doc, story_id, lead FROM search_docs WHERE story_id = $${i + 3} AND doc BETWEEN $1 AND $2 ORDER BY doc DESC LIMIT 20) AS s${i}`,
          )
          .join(' UNION ALL '),
        [window.from, window.to, ...stories],
      )
    : [];
  for (const m of members) if (!scored.has(num(m.doc))) scored.set(num(m.doc), { storyId: num(m.story_id), score: similarityTo(vector, String(m.lead)) });
  return chooseStory([...scored.values()].filter((c) => stories.includes(c.storyId)));
}

/**
 * How many of the window's newest articles sharing a probe term are scored. At 20 the sibling of
 * another outlet was often not among them (AllSides dev completeness 76.7 %, 78.0 % at 40, no
 * gain past 60); the window holds thousands of articles at a newsroom's rate.
 */
const NEIGHBOURS = 40;

const SEARCH_COLUMNS = 'doc, article_id, story_id, time, seen, source, title, head, length, weights, lead';

/** The story an article joins (its most similar recent articles'), or a new one; returns its id. */
async function joinStory(q: Sql, time: number, vector: Map<string, number>, kept: number | null, probe: string[]): Promise<number> {
  const story = kept ?? (await storyFor(q, time, vector, probe));
  const joined =
    story !== null &&
    (await q.run(
      `UPDATE stories SET articles = articles + 1,
        first_time = CASE WHEN first_time > $1 THEN $1 ELSE first_time END,
        last_time = CASE WHEN last_time < $1 THEN $1 ELSE last_time END WHERE id = $2`,
      [time, story],
    )) > 0;
  if (joined && story !== null) return story;
  const row = await q.get<{ id: unknown }>('INSERT INTO stories (first_time, last_time, articles) VALUES ($1, $1, 1) RETURNING id', [time]);
  return num(row?.id);
}

/** Up to three stories of the nearest articles, closest first. */
function closestStories(near: Map<number, StoryCandidate>): number[] {
  const best = new Map<number, number>();
  for (const { storyId, score } of near.values()) if (score > (best.get(storyId) ?? -1)) best.set(storyId, score);
  return [...best.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, 3)
    .map(([id]) => id);
}

interface PersonEntry {
  articleId: string;
  local: string;
  key: string;
  name: string;
  kind: 'person' | 'organisation';
  gender: string | null;
  forms: string[];
  roles: string[];
  mentions: number;
  quotes: number;
}

/**
 * Upserts the articles' people into the library's, returning article → local name → person id.
 * Full names go first; a surname alone then joins the most mentioned full name with that surname
 * (or stays a person of its own, merged into the first full name that comes along later).
 */
async function indexPeople(q: Sql, analyses: AnalyzedArticle[]): Promise<Map<string, Map<string, number>>> {
  const entries: PersonEntry[] = [];
  for (const a of analyses) {
    const quotesBy = new Map<string, number>();
    for (const quote of a.quotes) if (quote.speaker) quotesBy.set(quote.speaker, (quotesBy.get(quote.speaker) ?? 0) + 1);
    const locals = new Set<string>();
    for (const p of a.people) {
      if (locals.has(p.name)) continue;
      locals.add(p.name);
      entries.push({
        articleId: a.article.id,
        local: p.name,
        key: personKey(p.name),
        name: p.name,
        kind: p.kind,
        gender: p.gender ?? null,
        forms: [...new Set([p.name, ...p.forms])],
        roles: p.roles,
        mentions: p.mentions,
        quotes: quotesBy.get(p.name) ?? 0,
      });
    }
    // A speaker the article names nowhere else is still someone.
    for (const [speaker, n] of quotesBy) {
      if (locals.has(speaker)) continue;
      locals.add(speaker);
      entries.push({
        articleId: a.article.id,
        local: speaker,
        key: personKey(speaker),
        name: speaker,
        kind: 'person',
        gender: null,
        forms: [speaker],
        roles: [],
        mentions: 1,
        quotes: n,
      });
    }
  }
  if (!entries.length) return new Map();

  const before = new Set(
    (await selectIn<{ key: string }>(q, [...new Set(entries.map((e) => e.key))], (l) => `SELECT key FROM people WHERE key IN (${l})`)).map((r) => r.key),
  );
  const full = entries.filter((e) => !e.key.startsWith('~'));
  const ids = await upsertPeople(q, full);
  // A lone surname seen before any full name (“~clinton”) joins the first full name with it.
  const created = full.filter((e) => !before.has(e.key) && e.kind === 'person');
  const bySurname = new Map<string, PersonEntry>();
  for (const e of created) {
    const s = surnameOf(e.name);
    const current = bySurname.get(s);
    if (!current || current.mentions < e.mentions) bySurname.set(s, e);
  }
  if (bySurname.size) {
    const lone = await selectIn<{ id: unknown; key: string }>(
      q,
      [...bySurname.keys()].map((s) => `~${s}`),
      (l) => `SELECT id, key FROM people WHERE key IN (${l}) AND kind = 'person'`,
    );
    for (const r of lone) {
      const into = ids.get(bySurname.get(r.key.slice(1))?.key ?? '');
      if (into !== undefined) await mergePerson(q, num(r.id), into);
    }
  }
  const singles = entries.filter((e) => e.key.startsWith('~'));
  const surnames = [...new Set(singles.filter((e) => e.kind === 'person').map((e) => e.key.slice(1)))];
  const targets = new Map<string, string>();
  for (const r of await selectIn<{ key: string; surname: string }>(
    q,
    surnames,
    (l) => `SELECT key, surname FROM people WHERE surname IN (${l}) AND kind = 'person' AND key NOT LIKE '~%' ORDER BY mentions DESC, id`,
  )) {
    if (!targets.has(r.surname)) targets.set(r.surname, r.key);
  }
  for (const e of singles) if (e.kind === 'person') e.key = targets.get(e.key.slice(1)) ?? e.key;
  for (const [key, id] of await upsertPeople(q, singles)) ids.set(key, id);

  const names: unknown[][] = [];
  const words: unknown[][] = [];
  for (const e of entries) {
    const id = ids.get(e.key) as number;
    for (const f of e.forms) {
      names.push([id, 'alias', f, foldName(f), f === e.name ? Math.max(1, e.mentions) : 1]);
      for (const w of aliasWords(f)) words.push([w, id]);
    }
    for (const r of e.roles) names.push([id, 'role', r, foldName(r), 1]);
  }
  await insertRows(
    q,
    'INSERT INTO person_names (person_id, kind, form, folded, n)',
    5,
    sortedUnique(names, 3),
    'ON CONFLICT (person_id, kind, form) DO UPDATE SET n = person_names.n + excluded.n',
  );
  await insertRows(q, 'INSERT INTO person_words (word, person_id)', 2, sortedUnique(words, 2), 'ON CONFLICT DO NOTHING');
  await insertRows(
    q,
    'INSERT INTO article_people (article_id, name, person_id, mentions, quotes)',
    5,
    entries.map((e) => [e.articleId, e.local, ids.get(e.key), e.mentions, e.quotes]),
  );
  const touched = [...new Set(ids.values())];
  await selectIn(q, touched, (l) => `UPDATE people SET name = ${BEST_ALIAS} WHERE id IN (${l}) RETURNING id`);
  const byArticle = new Map<string, Map<string, number>>();
  for (const e of entries) {
    const local = byArticle.get(e.articleId) ?? new Map<string, number>();
    local.set(e.local, ids.get(e.key) as number);
    byArticle.set(e.articleId, local);
  }
  return byArticle;
}

/** A person's name: their most used full form (the shortest of equals), else their most used form. */
const BEST_ALIAS = `(SELECT form FROM person_names n WHERE n.person_id = people.id AND n.kind = 'alias'
  ORDER BY CASE WHEN n.form LIKE '% %' OR people.key LIKE '~%' THEN 0 ELSE 1 END, n.n DESC, length(n.form), n.form LIMIT 1)`;

/** Rows unique on their first `key` columns (the last one seen wins), in key order: upserts lock in one order. */
function sortedUnique(rows: unknown[][], key: number): unknown[][] {
  const byKey = new Map<string, unknown[]>();
  for (const r of rows) {
    const k = JSON.stringify(r.slice(0, key));
    const seen = byKey.get(k);
    if (seen && typeof seen[key + 1] === 'number' && typeof r[key + 1] === 'number') seen[key + 1] = (seen[key + 1] as number) + (r[key + 1] as number);
    else byKey.set(k, [...r]);
  }
  return [...byKey.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, r]) => r);
}

/** Upserts people by key, adding their counts; returns key → id. */
async function upsertPeople(q: Sql, entries: PersonEntry[]): Promise<Map<string, number>> {
  const byKey = new Map<string, { e: PersonEntry; mentions: number; quotes: number; articles: Set<string> }>();
  for (const e of entries) {
    const agg = byKey.get(e.key) ?? { e, mentions: 0, quotes: 0, articles: new Set<string>() };
    agg.mentions += e.mentions;
    agg.quotes += e.quotes;
    agg.articles.add(e.articleId);
    byKey.set(e.key, agg);
  }
  const rows = [...byKey.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([key, a]) => [key, a.e.name, a.e.kind, surnameOf(a.e.name), a.e.gender, a.mentions, a.articles.size, a.quotes]);
  const returned = await insertRows<{ id: unknown; key: string }>(
    q,
    'INSERT INTO people (key, name, kind, surname, gender, mentions, articles, quotes)',
    8,
    rows,
    `ON CONFLICT (key) DO UPDATE SET mentions = people.mentions + excluded.mentions, articles = people.articles + excluded.articles,
      quotes = people.quotes + excluded.quotes, gender = COALESCE(people.gender, excluded.gender) RETURNING id, key`,
  );
  return new Map(returned.map((r) => [r.key, num(r.id)]));
}

/** Moves everything of person `from` to person `into`, then forgets `from`. */
async function mergePerson(q: Sql, from: number, into: number): Promise<void> {
  await q.run('UPDATE article_people SET person_id = $1 WHERE person_id = $2', [into, from]);
  await q.run('UPDATE quotes SET person_id = $1 WHERE person_id = $2', [into, from]);
  await q.run(
    `INSERT INTO person_names (person_id, kind, form, folded, n) SELECT $1, kind, form, folded, n FROM person_names WHERE person_id = $2
     ON CONFLICT (person_id, kind, form) DO UPDATE SET n = person_names.n + excluded.n`,
    [into, from],
  );
  await q.run('INSERT INTO person_words (word, person_id) SELECT word, $1 FROM person_words WHERE person_id = $2 ON CONFLICT DO NOTHING', [into, from]);
  await q.run(
    `UPDATE people SET mentions = mentions + (SELECT mentions FROM people WHERE id = $2), articles = articles + (SELECT articles FROM people WHERE id = $2),
      quotes = quotes + (SELECT quotes FROM people WHERE id = $2) WHERE id = $1`,
    [into, from],
  );
  await q.run('DELETE FROM people WHERE id = $1', [from]);
}

/**
 * Takes articles out of the library's indexes (their rows stay, for the caller to update or
 * delete): people's counts, quotes, lead terms, story sizes, search entries, the counters.
 */
export async function unindexArticles(q: Sql, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const docs = await selectIn<{ doc: unknown; story_id: unknown; length: unknown; lead: string }>(
    q,
    ids,
    (l) => `SELECT doc, story_id, length, lead FROM search_docs WHERE article_id IN (${l})`,
  );
  const inList = (l: string) => `article_id IN (${l})`;
  await selectIn(
    q,
    ids,
    (l) => `UPDATE people SET
      mentions = mentions - COALESCE((SELECT SUM(ap.mentions) FROM article_people ap WHERE ap.person_id = people.id AND ap.${inList(l)}), 0),
      quotes = quotes - COALESCE((SELECT SUM(ap.quotes) FROM article_people ap WHERE ap.person_id = people.id AND ap.${inList(l)}), 0),
      articles = articles - (SELECT COUNT(DISTINCT ap.article_id) FROM article_people ap WHERE ap.person_id = people.id AND ap.${inList(l)})
      WHERE id IN (SELECT person_id FROM article_people WHERE ${inList(l)}) RETURNING id`,
  );
  await selectIn(q, ids, (l) => `DELETE FROM article_people WHERE ${inList(l)} RETURNING article_id`);
  await selectIn(q, ids, (l) => `DELETE FROM quotes WHERE ${inList(l)} RETURNING article_id`);
  const leadDf = new Map<string, number>();
  const stories = new Map<number, number>();
  for (const d of docs) {
    for (const t of decodeTerms(d.lead).keys()) leadDf.set(t, (leadDf.get(t) ?? 0) - 1);
    if (d.story_id !== null) stories.set(num(d.story_id), (stories.get(num(d.story_id)) ?? 0) + 1);
  }
  await addLeadTerms(q, leadDf, new Map());
  for (const [story, n] of stories) await q.run('UPDATE stories SET articles = articles - $1 WHERE id = $2', [n, story]);
  await selectIn(q, ids, (l) => `DELETE FROM search_docs WHERE ${inList(l)} RETURNING doc`);
  await bump(q, { live: -docs.length, length: -docs.reduce((s, d) => s + num(d.length), 0) });
}

/** Deletes articles with everything indexed from them; returns how many went. */
export async function deleteArticles(sql: Sql, ids: string[]): Promise<number> {
  if (!ids.length) return 0;
  return sql.tx(async (q) => {
    if (q.dialect === 'postgres') await q.run('SELECT pg_advisory_xact_lock(727365)');
    await unindexArticles(q, ids);
    return (await selectIn(q, ids, (l) => `DELETE FROM articles WHERE id IN (${l}) RETURNING id`)).length;
  });
}
