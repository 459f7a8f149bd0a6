import { editDistance, foldName } from './text.ts';
import type { AnalyzedArticle, Quote, SpeakerKind } from './types.ts';

/** A person or organisation across the whole library. */
export interface Person {
  name: string;
  kind: SpeakerKind;
  /** Every form seen in articles, the canonical name first. */
  aliases: string[];
  roles: string[];
  /** Articles that mention them. */
  articles: number;
  /** Mentions across all articles. */
  mentions: number;
  quotes: number;
}

export interface Library {
  byId: Map<string, AnalyzedArticle>;
  people: Person[];
  /** Quotes by canonical speaker: the articles' own quote objects, not copies. */
  quotesBy: Map<string, Quote[]>;
  /** Folded alias word → people it may name. */
  aliasIndex: Map<string, Person[]>;
  /** Folded whole alias → people. */
  aliasExact: Map<string, Person[]>;
  /** Alias words by first letter, for typo matching without scanning every word. */
  aliasWordsByInitial: Map<string, string[]>;
}

const TITLES =
  /^(?:(?:us|u\.s\.|french|russian|former|president|vice|prime|minister|mr|mrs|ms|dr|sen|senator|rep|gov|governor|secretary|chancellor|mayor|general|gen|judge|the)\.? )+/;
const stripMiddle = (folded: string) =>
  folded
    .split(' ')
    .filter((w, i, all) => i === 0 || i === all.length - 1 || w.length > 1)
    .join(' ');
const surname = (folded: string) => folded.split(' ').pop() ?? '';
const firstAndLast = (folded: string) => {
  const w = folded.split(' ');
  return w.length > 1 ? `${w[0]} ${w[w.length - 1]}` : folded;
};

/**
 * Joins per-article people into library-wide people: the same first and last name is one person
 * ("Donald J. Trump" = "Donald Trump"), and a surname used alone ("Trump") joins the most
 * mentioned full name that ends with it.
 */
export function buildLibrary(analyzed: AnalyzedArticle[]): Library {
  interface Draft {
    forms: Map<string, number>;
    kind: SpeakerKind;
    roles: Set<string>;
    articles: Set<string>;
    mentions: number;
  }
  const drafts = new Map<string, Draft>();
  const keyOf = new Map<string, string>(); // articleId \0 article-name → draft key
  const pending: { articleId: string; name: string; folded: string; draft: Draft }[] = [];

  const ordered = [...analyzed].sort((a, b) => a.people.length - b.people.length);
  for (const { article, people } of ordered) {
    for (const p of people) {
      const folded = foldName(p.name);
      const key = p.name.includes(' ') ? firstAndLast(stripMiddle(folded)) : `~${folded}`;
      let draft = drafts.get(key);
      if (!draft) {
        draft = { forms: new Map(), kind: p.kind, roles: new Set(), articles: new Set(), mentions: 0 };
        drafts.set(key, draft);
      }
      draft.forms.set(p.name, (draft.forms.get(p.name) ?? 0) + p.mentions);
      for (const f of p.forms) if (!draft.forms.has(f)) draft.forms.set(f, 0);
      for (const r of p.roles) draft.roles.add(r);
      draft.articles.add(article.id);
      draft.mentions += p.mentions;
      keyOf.set(`${article.id}\0${p.name}`, key);
      if (!p.name.includes(' ')) pending.push({ articleId: article.id, name: p.name, folded, draft });
    }
  }

  // Single names join the most mentioned full name with that surname, when there is one.
  const bySurname = new Map<string, string>();
  for (const [key, d] of drafts) {
    if (key.startsWith('~') || d.kind !== 'person') continue;
    const s = surname(key);
    const current = bySurname.get(s);
    if (!current || (drafts.get(current)?.mentions ?? 0) < d.mentions) bySurname.set(s, key);
  }
  for (const single of pending) {
    const target = bySurname.get(single.folded);
    const singleKey = `~${single.folded}`;
    const into = target ? drafts.get(target) : undefined;
    if (!target || !into || drafts.get(singleKey) !== single.draft) continue;
    for (const [f, n] of single.draft.forms) into.forms.set(f, (into.forms.get(f) ?? 0) + n);
    for (const r of single.draft.roles) into.roles.add(r);
    for (const a of single.draft.articles) into.articles.add(a);
    into.mentions += single.draft.mentions;
    drafts.delete(singleKey);
    for (const [k, v] of keyOf) if (v === singleKey) keyOf.set(k, target);
  }

  const people = new Map<string, Person>();
  for (const [key, d] of drafts) {
    const full = [...d.forms].filter(([f]) => f.includes(' ') || key.startsWith('~')).sort((a, b) => b[1] - a[1] || a[0].length - b[0].length);
    const name = full[0]?.[0] ?? [...d.forms.keys()][0] ?? key;
    const aliases = [name, ...[...d.forms.keys()].filter((f) => f !== name)];
    people.set(key, { name, kind: d.kind, aliases, roles: [...d.roles], articles: d.articles.size, mentions: d.mentions, quotes: 0 });
  }

  const quotesBy = new Map<string, Quote[]>();
  const byId = new Map<string, AnalyzedArticle>();
  const byName = new Map([...people.values()].map((p) => [p.name, p]));
  for (const a of analyzed) {
    byId.set(a.article.id, a);
    for (const q of a.quotes) {
      if (!q.speaker) continue;
      const name = people.get(keyOf.get(`${a.article.id}\0${q.speaker}`) ?? '')?.name ?? q.speaker;
      const list = quotesBy.get(name) ?? [];
      list.push(q);
      quotesBy.set(name, list);
      const person = byName.get(name);
      if (person) person.quotes++;
    }
  }

  const aliasIndex = new Map<string, Person[]>();
  const aliasExact = new Map<string, Person[]>();
  const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const p of people.values()) {
    const folded = new Set(p.aliases.map(foldName));
    for (const a of folded) push(aliasExact, a, p);
    const words = new Set([...folded].flatMap((a) => a.split(' ')).filter((w) => w.length > 1));
    for (const w of words) push(aliasIndex, w, p);
  }
  const aliasWordsByInitial = new Map<string, string[]>();
  for (const w of aliasIndex.keys()) push(aliasWordsByInitial, w[0] ?? '', w);

  return {
    byId,
    people: [...people.values()].sort((a, b) => b.mentions - a.mentions),
    quotesBy,
    aliasIndex,
    aliasExact,
    aliasWordsByInitial,
  };
}

/**
 * The library-wide name for a name as an article wrote it: the person who has that form, the
 * most mentioned when several do ("Clinton"). Looked up, not stored, to keep memory per article low.
 */
export function canonicalSpeaker(library: Library, speaker: string | null): string | null {
  if (!speaker) return null;
  const people = library.aliasExact.get(foldName(speaker));
  if (!people?.length) return speaker;
  let best = people[0] as Person;
  for (const p of people) if (p.mentions > best.mentions) best = p;
  return best.name;
}

export interface PersonMatch {
  person: Person | null;
  suggestions: string[];
}

/**
 * Finds a person by any name form: "macron", "President Macron", "Emmanuel Macron", or one typo
 * away ("Macon"). Unknown names get close names as suggestions.
 */
export function findPerson(library: Library, query: string, options: { typos?: boolean; suggest?: boolean } = {}): PersonMatch {
  const folded = foldName(query).replace(TITLES, '').trim();
  if (!folded) return { person: null, suggestions: [] };
  const words = folded.split(' ');
  const rank = (list: Person[]) => [...list].sort((a, b) => b.quotes - a.quotes || b.mentions - a.mentions);

  const exact = library.aliasExact.get(folded);
  if (exact?.length) return { person: rank(exact)[0] ?? null, suggestions: [] };

  // Every query word must name the person (surname alone, first + last, …).
  const all = words.map((w) => library.aliasIndex.get(w) ?? []);
  const both = (all[0] ?? []).filter((p) => all.every((list) => list.includes(p)));
  if (both.length)
    return {
      person: rank(both)[0] ?? null,
      suggestions: rank(both)
        .slice(1, 4)
        .map((p) => p.name),
    };

  // One typo per word (two for long words); typos rarely hit the first letter.
  const near = new Map<Person, number>();
  for (const w of options.typos === false ? [] : words) {
    const max = w.length >= 8 ? 2 : w.length >= 4 ? 1 : 0;
    if (max === 0) continue;
    for (const word of library.aliasWordsByInitial.get(w[0] ?? '') ?? []) {
      if (Math.abs(word.length - w.length) > max) continue;
      const d = editDistance(word, w, max);
      if (d <= max) for (const p of library.aliasIndex.get(word) ?? []) near.set(p, Math.min(near.get(p) ?? 9, d));
    }
  }
  const close = [...near.entries()].sort((a, b) => a[1] - b[1] || b[0].quotes - a[0].quotes || b[0].mentions - a[0].mentions);
  const first = close[0];
  if (first && first[1] <= 1 && (close.length === 1 || (close[1]?.[1] ?? 9) > 1 || words.length === 1)) {
    return { person: first[0], suggestions: [] };
  }
  if (options.suggest === false) return { person: null, suggestions: [] };
  return {
    person: null,
    suggestions: suggestNames(
      library,
      folded,
      close.map(([p]) => p),
    ),
  };
}

function suggestNames(library: Library, folded: string, near: Person[]): string[] {
  const prefix = folded.slice(0, 3);
  const byPrefix = library.people.filter((p) =>
    p.aliases.some((a) =>
      foldName(a)
        .split(' ')
        .some((w) => w.startsWith(prefix)),
    ),
  );
  const found = [...new Set([...near, ...byPrefix].map((p) => p.name))];
  // Nothing close: offer the most quoted people, so the user sees who the library knows.
  if (!found.length)
    return library.people
      .filter((p) => p.kind === 'person')
      .sort((a, b) => b.quotes - a.quotes || b.mentions - a.mentions)
      .slice(0, 5)
      .map((p) => p.name);
  return found.slice(0, 5);
}
