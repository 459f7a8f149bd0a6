import { editDistance, foldName } from './text.ts';
import type { SpeakerKind } from './types.ts';

// People across the library. Each article names its people (core/names.ts); the store joins them
// into library-wide people by key as articles arrive: the same first and last name is one person
// ("Donald J. Trump" = "Donald Trump"), and a surname used alone joins the most mentioned full
// name that ends with it. Finding a person by what a user typed is decided here, over the few
// people the store looked up for the query's words.

/** A person or organisation across the whole library. */
export interface Person {
  id: number;
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

const stripMiddle = (folded: string) =>
  folded
    .split(' ')
    .filter((w, i, all) => i === 0 || i === all.length - 1 || w.length > 1)
    .join(' ');

/** The library key of a name: first and last name folded ("donald trump"), or "~trump" for one word. */
export function personKey(name: string): string {
  const folded = foldName(name);
  if (!folded.includes(' ')) return `~${folded}`;
  const w = stripMiddle(folded).split(' ');
  return `${w[0]} ${w[w.length - 1]}`;
}

/** The folded last word of a name, suffixes aside: what a surname alone is matched on. */
export function surnameOf(name: string): string {
  const parts = foldName(name).split(' ');
  let last = parts.length - 1;
  // ("Luther Stan Pate IV" is Pate.)
  while (last > 0 && /^(?:jr|sr|ii|iii|iv),?$/.test(parts[last] as string)) last--;
  return (parts[last] ?? '').replace(/,$/, '');
}

/** Folded alias words worth indexing: the words a person may be looked up by. */
export function aliasWords(alias: string): string[] {
  return [...new Set(foldName(alias).split(' '))].filter((w) => w.length > 1);
}

const TITLES =
  /^(?:(?:us|u\.s\.|french|russian|former|president|vice|prime|minister|mr|mrs|ms|dr|sen|senator|rep|gov|governor|secretary|chancellor|mayor|general|gen|judge|the)\.? )+/;

/** What a typed name is looked up by: the folded whole without titles, and its words. */
export function personQuery(query: string): { folded: string; words: string[] } {
  const folded = foldName(query).replace(TITLES, '').trim();
  return { folded, words: folded ? folded.split(' ') : [] };
}

/** The people the store found for a query's words: enough to decide, never the whole library. */
export interface PeopleView {
  /** People with an alias that folds to the whole query. */
  exact: Person[];
  /** Query word → people with that word in an alias. */
  byWord: Map<string, Person[]>;
  /** Alias words that share the first letter and nearly the length of a query word, with their people. */
  near: Map<string, Person[]>;
  /** People with an alias word starting like the query, for suggestions. */
  byPrefix: Person[];
  /** The most quoted people, suggested when nothing is close. */
  top: Person[];
}

export interface PersonMatch {
  person: Person | null;
  suggestions: string[];
}

const rank = (list: Person[]) => [...list].sort((a, b) => b.quotes - a.quotes || b.mentions - a.mentions || a.id - b.id);

/**
 * Finds a person by any name form: "macron", "President Macron", "Emmanuel Macron", or one typo
 * away ("Macon"). Unknown names get close names as suggestions.
 */
export function findPerson(view: PeopleView, query: string, options: { typos?: boolean; suggest?: boolean } = {}): PersonMatch {
  const { folded, words } = personQuery(query);
  if (!folded) return { person: null, suggestions: [] };
  if (view.exact.length) return { person: rank(view.exact)[0] ?? null, suggestions: [] };

  // Every query word must name the person (surname alone, first + last, …).
  const all = words.map((w) => view.byWord.get(w) ?? []);
  const both = (all[0] ?? []).filter((p) => all.every((list) => list.some((q) => q.id === p.id)));
  if (both.length) {
    const ranked = rank(both);
    return { person: ranked[0] ?? null, suggestions: ranked.slice(1, 4).map((p) => p.name) };
  }

  // One typo per word (two for long words); typos rarely hit the first letter.
  const near = new Map<number, { person: Person; d: number }>();
  for (const w of options.typos === false ? [] : words) {
    const max = w.length >= 8 ? 2 : w.length >= 4 ? 1 : 0;
    if (max === 0) continue;
    for (const [word, people] of view.near) {
      if (word[0] !== w[0] || Math.abs(word.length - w.length) > max) continue;
      const d = editDistance(word, w, max);
      if (d > max) continue;
      for (const p of people) near.set(p.id, { person: p, d: Math.min(near.get(p.id)?.d ?? 9, d) });
    }
  }
  const close = [...near.values()].sort((a, b) => a.d - b.d || b.person.quotes - a.person.quotes || b.person.mentions - a.person.mentions);
  const first = close[0];
  if (first && first.d <= 1 && (close.length === 1 || (close[1]?.d ?? 9) > 1 || words.length === 1)) {
    return { person: first.person, suggestions: [] };
  }
  if (options.suggest === false) return { person: null, suggestions: [] };
  const found = [...new Set([...close.map((c) => c.person), ...view.byPrefix].map((p) => p.name))];
  if (found.length) return { person: null, suggestions: found.slice(0, 5) };
  // Nothing close: offer the most quoted people, so the user sees who the library knows.
  return {
    person: null,
    suggestions: rank(view.top.filter((p) => p.kind === 'person'))
      .slice(0, 5)
      .map((p) => p.name),
  };
}
