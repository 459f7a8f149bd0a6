// The stories measure (`npm run eval`, issue 13): a library of AllSides roundups, each story told
// by three outlets, asked for each story by the editors' headline (and by one and three of its
// words). Scored: how often nothing comes back, how often the story is on top or in the top three,
// and, for the group that holds it, completeness (how many of its three articles it holds) and
// purity (how many of its articles are the story's).
import { STOPWORDS } from '../src/core/stopwords.ts';
import { words } from '../src/core/text.ts';

export interface MultiRecord {
  id: string;
  articles: { title: string; text: string }[];
  summary_title: string;
}

export interface StoryAnswer {
  stories: { id: string; alsoIn: { id: string }[] }[];
}

export type Ask = (topic: string) => Promise<StoryAnswer>;

export const articleId = (record: number, i: number) => `r${record}-${i}`;

/** The library's articles in a fixed shuffled order, as feeds would interleave them. */
export function libraryOrder(records: MultiRecord[]): { id: string; title: string; text: string; source: string }[] {
  const all = records.flatMap((r, ri) => r.articles.map((a, i) => ({ id: articleId(ri, i), title: a.title, text: a.text, source: `Outlet ${i + 1}` })));
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [all[i], all[j]] = [all[j] as (typeof all)[number], all[i] as (typeof all)[number]];
  }
  return all;
}

export interface StoryScores {
  asked: number;
  empty: number;
  top: number;
  top3: number;
  completeness: number;
  purity: number;
}

const content = (title: string) => words(title).filter((w) => w.length >= 3 && !STOPWORDS.has(w));

/** The three kinds of question: the headline, its first three content words, its least common word the library has. */
export function questions(records: MultiRecord[]): Record<'headline' | 'three words' | 'one word', string[]> {
  const df = new Map<string, number>();
  for (const r of records) for (const a of r.articles) for (const w of new Set(content(`${a.title} ${a.text}`))) df.set(w, (df.get(w) ?? 0) + 1);
  return {
    headline: records.map((r) => r.summary_title),
    'three words': records.map((r) => content(r.summary_title).slice(0, 3).join(' ')),
    // The headline's most telling word that the articles use at all.
    'one word': records.map(
      (r) =>
        [...content(r.summary_title)].filter((w) => (df.get(w) ?? 0) > 0).sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0))[0] ??
        content(r.summary_title)[0] ??
        r.summary_title,
    ),
  };
}

export async function scoreStories(records: MultiRecord[], topics: string[], ask: Ask): Promise<StoryScores> {
  const s: StoryScores = { asked: 0, empty: 0, top: 0, top3: 0, completeness: 0, purity: 0 };
  let found = 0;
  for (let ri = 0; ri < records.length; ri++) {
    const mine = new Set((records[ri] as MultiRecord).articles.map((_, i) => articleId(ri, i)));
    const answer = await ask(topics[ri] as string);
    s.asked++;
    if (!answer.stories.length) {
      s.empty++;
      continue;
    }
    const groups = answer.stories.map((st) => [st.id, ...st.alsoIn.map((a) => a.id)]);
    const at = groups.findIndex((g) => g.some((id) => mine.has(id)));
    if (at === 0) s.top++;
    if (at >= 0 && at < 3) s.top3++;
    if (at >= 0) {
      const group = groups[at] as string[];
      const held = group.filter((id) => mine.has(id)).length;
      s.completeness += held / mine.size;
      s.purity += held / group.length;
      found++;
    }
  }
  if (found) {
    s.completeness /= found;
    s.purity /= found;
  }
  return s;
}

/**
 * Ours: the library in an in-memory SQLite store, built through the real ingest path. `others`,
 * when given, are spread evenly among the stories' articles, all in the same days: a newsroom's
 * window holds thousands of articles, and the stories must still be found among them.
 */
export async function oursAsk(records: MultiRecord[], now: number, others: { title: string; text: string }[] = []): Promise<Ask> {
  const { SqliteStore } = await import('../src/store/sqlite.ts');
  const { Library } = await import('../src/library/library.ts');
  const { toStoredArticle } = await import('../src/sources/storedArticle.ts');
  const store = new SqliteStore(':memory:');
  const at = new Date(now).toISOString();
  const stories = libraryOrder(records);
  const order: { id: string; title: string; text: string; source: string }[] = [];
  for (let i = 0, o = 0; i < stories.length; i++) {
    for (; o < ((i + 1) * others.length) / stories.length; o++) {
      const other = others[o] as { title: string; text: string };
      order.push({ id: `other-${o}`, title: other.title, text: other.text, source: `Wire ${o % 5}` });
    }
    order.push(stories[i] as (typeof stories)[number]);
  }
  for (let i = 0; i < order.length; i += 50) {
    await store.putArticles(
      order
        .slice(i, i + 50)
        .map((a) =>
          toStoredArticle({ id: a.id, title: a.title, body: `${a.title}\n\n${a.text}`, source: a.source }, { sourceId: null, url: null, guid: null }),
        ),
      at,
    );
  }
  const library = new Library(store);
  return (topic) => library.brief(topic, { now, points: 0, quotes: 0 });
}

interface BaselineNewsroom {
  ingest: (raw: { id: string; body: string; title?: string; source?: string; seen?: string }) => unknown;
  library: unknown;
  index: unknown;
}

/** Today's code (the baseline worktree): every article in memory, stories grouped per question. */
export async function baselineAsk(dir: string, records: MultiRecord[], now: number): Promise<Ask> {
  const { Newsroom } = (await import(`${dir}/src/core/newsroom.ts`)) as { Newsroom: new () => BaselineNewsroom };
  const { composeBriefing } = (await import(`${dir}/src/core/briefing.ts`)) as {
    composeBriefing: (library: unknown, index: unknown, topic: string, options: { now: number }) => StoryAnswer;
  };
  const newsroom = new Newsroom();
  for (const a of libraryOrder(records))
    newsroom.ingest({ id: a.id, title: a.title, body: `${a.title}\n\n${a.text}`, source: a.source, seen: new Date(now).toISOString() });
  return async (topic) => composeBriefing(newsroom.library, newsroom.index, topic, { now });
}
