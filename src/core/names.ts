import {
  FEMALE_TITLES,
  FIRST_NAME_GENDER,
  MALE_TITLES,
  NATIONALITIES,
  NOT_NAMES,
  ORG_WORDS,
  PARTICLE_WORDS,
  PERSON_TITLES,
  PLACES,
  TITLES_WITH_OF,
} from './lexicon.ts';
import { memoize } from './memo.ts';
import { surnameOf as readSurname } from './people.ts';
import { editDistance, foldName } from './text.ts';
import type { PersonInArticle, Span, SpeakerKind } from './types.ts';

/** A capitalised name in the text, titles split off. */
export interface NameMention extends Span {
  /** The name without titles: "Donald Trump". */
  name: string;
  /** Titles as written before it: "US President". */
  role?: string;
  gender?: 'm' | 'f';
  /** The whole run looks like an organisation ("The New York Post"). */
  org: boolean;
  /** A lone word that is also a title ("King said"): a name only if the article has that surname. */
  titleOnly?: boolean;
}

// A capitalised word, an initial, or a hyphenated/apostrophised name ("O'Rourke", "al-Assad").
// Latin letters spelled out (no \p{L}): a non-unicode regex scans text several times faster.
const LETTER = 'A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F';
const TOKEN = `(?:(?:[A-Z]\\.){2,}|[A-Z][${LETTER}’'\\-]*[${LETTER}]\\.?|[A-Z]\\.|[A-Z]{2,}(?:\\.[A-Z])*\\.?)`;
const PARTICLE = '(?:de|da|di|van|von|der|den|bin|ibn|al|el|la|le|du|dos|del)';
/** A run of capitalised name tokens, as a regex source other modules compose. */
export const NAME_RUN = String.raw`${TOKEN}(?:[ \u00a0](?:${PARTICLE}[ \u00a0])?${TOKEN})*(?:,? Jr\.?|,? Sr\.?|,? III|,? II)?`;
const RUN = new RegExp(NAME_RUN, 'g');

const stripPossessive = (t: string) => t.replace(/[’']s?$/, '');
const titles = new Map<string, boolean>();
const isTitle = (t: string): boolean => {
  let known = titles.get(t);
  if (known === undefined) {
    const w = t.toLowerCase().replace(/\.$/, '');
    known = PERSON_TITLES.has(w) || (w.endsWith('s') && PERSON_TITLES.has(w.slice(0, -1)));
    if (titles.size < 20_000) titles.set(t, known);
  }
  return known;
};

/** Words that never continue a name, so after a full stop they open a sentence. */
const SENTENCE_OPENERS = new Set(
  'he she it they we you i his her their its our my the a an but and this that there in on at for if when as so then'.split(' '),
);

/** Words that open the next sentence when a run crosses into it with no stop; never a surname (unlike "May" or "Early"). */
const RUN_ENDERS = new Set(
  'asked speaking however meanwhile but and the this when while after before although though if as also yesterday today earlier later then'.split(' '),
);

/** Splits one capitalised run into an optional role and a name. */
const HONORIFICS = new Set(['mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.', 'miss', 'dr', 'dr.', 'prof', 'prof.']);

const DESCRIBED = /-(?:backed|based|born|led|owned|run|funded|linked|allied|bred)$/i;
const PARTY_LABELS = new Set(['democrat', 'republican', 'independent', 'libertarian']);

/** A capitalised adverb opening a sentence ("Hastily politicizing …, Trump"), not a surname such as Kelly or Daly. */
const ADVERB = /^[a-z]{3,}(?:ily|ally|edly|ously|ively|fully|antly|ently|ingly|lessly|ably|ibly)$/;

export function readName(run: string, start: number): NameMention | null {
  let tokens = run.split(/[ \u00a0]+/);
  let offset = 0;
  let roleLabel: string | undefined;
  // A full stop inside the run that is no initial or title ends a sentence: "Universe. She".
  for (let i = tokens.length - 2; i >= 0; i--) {
    const t = tokens[i] as string;
    // After an abbreviation ("in the U.S. He says") a pronoun or article starts the next sentence.
    if ((/\p{Ll}{2,}\.$/u.test(t) && !isTitle(t)) || (t.endsWith('.') && !isTitle(t) && SENTENCE_OPENERS.has((tokens[i + 1] as string).toLowerCase()))) {
      offset += tokens.slice(0, i + 1).join(' ').length + 1;
      tokens = tokens.slice(i + 1);
      break;
    }
  }
  // A possessor anywhere before the name ("Fox News’s Megyn Kelly") is not part of it.
  for (let i = tokens.length - 2; i >= 0; i--) {
    if (!/[’']s$/.test(tokens[i] as string)) continue;
    offset += tokens.slice(0, i + 1).join(' ').length + 1;
    tokens = tokens.slice(i + 1);
    break;
  }
  // Descriptors written as one capitalised word ("Russia-backed", "London-based") come off too.
  // "South Korean-born Monte Haines": the words before such a descriptor describe too.
  let described = -1;
  for (let i = 0; i < Math.min(3, tokens.length - 1); i++) if (DESCRIBED.test(tokens[i] as string)) described = i;
  if (described >= 0) {
    offset += tokens.slice(0, described + 1).join(' ').length + 1;
    tokens = tokens.slice(described + 1);
  }
  // "Democrat Zephyr Teachout", "House Intelligence Republican Mike Pompeo": a party label and what
  // comes before it, ahead of a person's full name, are a role (the label alone reads as an organisation).
  for (let i = tokens.length - 3; i >= 0; i--) {
    if (!PARTY_LABELS.has((tokens[i] as string).toLowerCase())) continue;
    if (tokens.slice(i + 1).some((t) => ORG_WORDS.has(t.toLowerCase()))) break;
    roleLabel = tokens.slice(0, i + 1).join(' ');
    offset += roleLabel.length + 1;
    tokens = tokens.slice(i + 1);
    break;
  }
  // A sentence-initial function word or a possessor ("France’s Emmanuel Macron") is not the name.
  // ("The" before the name makes it a thing, "The Washington Post"; not before a possessor, "The Blaze’s Matt Walsh".)
  let definite = false;
  while (tokens.length > 1) {
    const first = tokens[0] as string;
    const possessor = /[’']s$/.test(first);
    if (!possessor && !NOT_NAMES.has(first.toLowerCase())) break;
    // "Christian Estrosi": a first name that is also a common word, then one surname, is a name.
    if (
      !possessor &&
      tokens.length === 2 &&
      FIRST_NAME_GENDER.has(first.toLowerCase()) &&
      !CALENDAR.test(first) &&
      !ORG_WORDS.has((tokens[1] as string).toLowerCase())
    )
      break;
    // "Spanish TV", "American Airlines": the adjective is part of an organisation's name.
    if (tokens.length === 2 && NATIONALITIES.has(first.toLowerCase()) && ORG_WORDS.has((tokens[1] as string).toLowerCase())) break;
    if (first === 'The' || first === 'the') definite = true;
    offset += first.length + 1;
    tokens = tokens.slice(1);
  }
  // Everything up to the last title is the role: "Massachusetts Sen.", "Wells Fargo CEO".
  const roleTokens: string[] = roleLabel ? [roleLabel] : [];
  let lastTitle = -1;
  for (let i = 0; i < tokens.length - 1; i++) if (isTitle(tokens[i] as string)) lastTitle = i;
  const after = tokens.slice(lastTitle + 1);
  const orgRun = after.some((t) => ORG_WORDS.has(t.toLowerCase())) && !personalName(after);
  if (lastTitle >= 0 && !orgRun) {
    for (const t of tokens.slice(0, lastTitle + 1)) {
      roleTokens.push(t);
      offset += t.length + 1;
    }
    tokens = tokens.slice(lastTitle + 1);
  }
  // A caption run into the next sentence ("… to Syria Asked why he …"): a closing word that names nothing ends the run.
  while (tokens.length > 1 && RUN_ENDERS.has((tokens[tokens.length - 1] as string).toLowerCase())) tokens = tokens.slice(0, -1);
  if (tokens.length === 0) return null;
  const last = tokens[tokens.length - 1] as string;
  if (/[’']s$/.test(last)) tokens[tokens.length - 1] = stripPossessive(last);
  // A sentence-final full stop is not part of the name; an initial's is.
  else if (/[a-z]{2}\.$/.test(last) && !isTitle(last)) tokens[tokens.length - 1] = last.slice(0, -1);
  const written = tokens.join(' ').replace(/,$/, '');
  // "Brent Bozell, Jr." is named "Brent Bozell Jr.", as most style books now write it.
  const name = written.replace(GENERATION_SUFFIX_COMMA, ' $1');
  const lower = name.toLowerCase();
  // After "Mr." or "Dr." comes a surname, even one that is also a title: "Mr. King", "Ms. Bishop".
  const honorific = roleTokens.some((t) => HONORIFICS.has(t.toLowerCase()));
  if (tokens.length === 1 && !honorific && (NOT_NAMES.has(lower) || isTitle(lower) || ADVERB.test(lower))) return null;
  // "the Utah Republican", "a New Hampshire Democrat": a party member described by a place, unnamed.
  if (tokens.length > 1 && PARTY_LABELS.has(lower.split(' ').pop()?.replace(/s$/, '') ?? '') && isPlace(tokens.slice(0, -1).join(' '))) return null;
  const org = (!personalName(tokens) && tokens.some((t) => ORG_WORDS.has(t.toLowerCase().replace(/[’']s$/, '')))) || definite;
  const roleLower = roleTokens.map((t) => t.toLowerCase());
  const firstName = (tokens[0] as string).toLowerCase();
  const gender = roleLower.some((t) => MALE_TITLES.has(t))
    ? 'm'
    : roleLower.some((t) => FEMALE_TITLES.has(t))
      ? 'f'
      : tokens.length > 1
        ? (FIRST_NAME_GENDER.get(firstName) ?? (tokens.length > 2 ? FIRST_NAME_GENDER.get((tokens[1] as string).toLowerCase()) : undefined))
        : undefined;
  return {
    start: start + offset,
    end: start + offset + written.length,
    name,
    role: roleTokens.length ? roleTokens.join(' ') : undefined,
    gender,
    org,
  };
}

/** Where a run of capitalised words crosses a sentence end ("Lopez. She"); titles ("Gov. Brown") do not end one. */
const CALENDAR =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;
/** Organisation words that are also surnames. */
const SURNAME_LIKE_ORG_WORDS = new Set([
  'guardian',
  'post',
  'press',
  'bank',
  'church',
  'house',
  'court',
  'union',
  'board',
  'league',
  'review',
  'herald',
  'force',
]);
/**
 * A known first name and a word that can be a surname is a person, organisation word or not:
 * "Mayor Don Guardian", "Kate Post"; not "Austin Police" or "Jordan Times".
 */
const personalName = (tokens: string[]) =>
  tokens.length === 2 && FIRST_NAME_GENDER.has((tokens[0] as string).toLowerCase()) && SURNAME_LIKE_ORG_WORDS.has((tokens[1] as string).toLowerCase());

const SENTENCE_END_IN_RUN = /(?<=(?<!(?:^|[\s.])[A-Z][a-z]?)(?<!\b(?:Gov|Sen|Rep|Gen|Col|Capt|Lt|Sgt|Mr|Mrs|Ms|Dr|Prof|Rev|St|Jr|Sr|Mt|Ft))\.)[ \u00a0]/;

/** A capitalised cue opening a run ("Said Ellis"): at a sentence start, an inverted "Ellis said". */
export const INVERTED_CUE_WORDS = 'Said|Says|Added|Adds|Wrote|Writes|Stated|Explained|Continued';
export const INVERTED_CUE = new RegExp(`^(?:${INVERTED_CUE_WORDS})[ \u00a0]+(?=[A-Z])`);

export function findNameMentions(text: string, from = 0, to = text.length): NameMention[] {
  const out: NameMention[] = [];
  const slice = text.slice(0, to);
  RUN.lastIndex = from;
  for (let m = RUN.exec(slice); m; m = RUN.exec(slice)) {
    // A full stop that is no initial or title ends a sentence inside the run: "Maria Lopez. She".
    let start = m.index;
    for (let part of m[0].split(SENTENCE_END_IN_RUN)) {
      // "Said Ellis: “…”" opening a sentence is an inverted cue, not a first name (mid-sentence,
      // "Said Kouachi" stays whole).
      const inverted = INVERTED_CUE.exec(part);
      if (
        inverted &&
        /^[ \u00a0]*[:,]/.test(text.slice(start + part.length, start + part.length + 2)) &&
        /(?:^|[.!?]["”’]?[ \u00a0]+|\n)$/.test(text.slice(Math.max(0, start - 4), start))
      ) {
        start += inverted[0].length;
        part = part.slice(inverted[0].length);
      }
      // Most runs are one capitalised function word starting a sentence ("The", "But").
      // …and so is a participle opening one ("Appearing before cheering supporters, Suu Kyi said").
      const skip =
        !part.includes(' ') &&
        (NOT_NAMES.has(part.toLowerCase()) ||
          (/^[A-Z][a-z]+ing$/.test(part) && PARTICIPLE_NEXT.test(slice.slice(start + part.length, start + part.length + 12))));
      // "the pro-Islamic State Twitter account", "a Tom Hale YouTube video": whose account, not a name.
      const platform = PLATFORM_AT_END.exec(part);
      if (platform && part.length > platform[0].length && PLATFORM_THING.test(slice.slice(start + part.length, start + part.length + 14)))
        part = part.slice(0, -platform[0].length);
      const mention = skip ? null : readName(part, start);
      if (mention) {
        // "the Illinois Board of Elections", "Bank of America": an organisation's name goes on past "of".
        const of = mention.org && mention.end === m.index + m[0].length ? ORG_OF.exec(slice.slice(mention.end, mention.end + 80)) : null;
        const last = mention.name.split(' ').pop()?.toLowerCase() ?? '';
        if (of?.[1] && ORG_WORDS.has(last) && !PERSON_TITLES.has(last)) {
          const tail = /[a-z]{2}\.$/.test(of[1]) ? of[1].slice(0, -1) : of[1];
          mention.name += of[0].slice(0, of[0].length - of[1].length).replace(/[ \u00a0]+/g, ' ') + tail;
          mention.end += of[0].length - (of[1].length - tail.length);
          RUN.lastIndex = mention.end;
        }
        // "Secretary of State John Kerry": the run starts after "of", and the role is the whole title.
        const titleOf = mention.role && part.startsWith(mention.role) ? TITLE_OF_BEFORE.exec(slice.slice(Math.max(0, start - 40), start)) : null;
        if (titleOf?.[1]) mention.role = `${titleOf[1].replace(/[ \u00a0]+/g, ' ')}${mention.role}`;
        out.push(mention);
      }
      start += part.length + 1;
    }
  }
  return out;
}

const TITLE_OF_BEFORE = new RegExp(`\\b((?:${TITLES_WITH_OF})[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?)$`);
const PLATFORM_AT_END = /[ \u00a0](?:Twitter|Facebook|Instagram|YouTube|TikTok|Snapchat|LinkedIn|Reddit|Telegram|WhatsApp)$/;
const PLATFORM_THING =
  /^[ \u00a0]+(?:account|accounts|page|pages|feed|video|videos|post|posts|handle|profile|followers|live|channel|story|stories|message|messages|ad|ads|group)\b/;
const PARTICIPLE_NEXT = new RegExp(`^[ \u00a0]+(?:${PARTICLE_WORDS})\\b`);
const ORG_OF = new RegExp(`^[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?(${TOKEN}(?:[ \u00a0]${TOKEN})*)`, 'u');

interface Entity {
  name: string;
  kind: SpeakerKind;
  forms: Set<string>;
  roles: Set<string>;
  mentions: number;
  /** Mentions by surname (full name included): whom a bare surname means, not whom a first name does. */
  surnameMentions: number;
  firstMention: number;
  gender?: 'm' | 'f';
  /** Cited as a speaker, or confirmed a person by a title, a first name or a surname on its own. */
  confirmed: boolean;
  /** Folded first and last name, kept so lookups do not fold every name again. */
  first: string;
  surname: string;
  /** Where the full name stands, to tell two people with one surname apart by recency. */
  namedAt: number[];
  /** Introduced as someone's relative ("his father, Frank Jordan"). */
  relative: boolean;
  /** Which generation a relative's noun puts them in ("his son, Louis Jordan" is the younger). */
  generation?: 'younger' | 'elder';
  /** Named only inside quotations so far: a bare surname in the narrative means someone else if it can. */
  quoted: boolean;
  /** How strongly the text says this is a person (a title, a first name, an age, "said") rather than a place or a club. */
  evidence: number;
}

/** Each relative's noun: the gender and generation it gives; `family`: the relative usually shares the possessor's surname. */
const RELATIVES: Record<string, { gender?: 'm' | 'f'; generation?: 'younger' | 'elder'; partner?: true; family?: true }> = {
  father: { gender: 'm', generation: 'elder', family: true },
  dad: { gender: 'm', generation: 'elder' },
  grandfather: { gender: 'm', generation: 'elder' },
  mother: { gender: 'f', generation: 'elder', family: true },
  mum: { gender: 'f', generation: 'elder' },
  mom: { gender: 'f', generation: 'elder' },
  grandmother: { gender: 'f', generation: 'elder' },
  parent: { generation: 'elder' },
  parents: { generation: 'elder' },
  son: { gender: 'm', generation: 'younger', family: true },
  grandson: { gender: 'm', generation: 'younger' },
  daughter: { gender: 'f', generation: 'younger', family: true },
  granddaughter: { gender: 'f', generation: 'younger' },
  child: { generation: 'younger' },
  husband: { gender: 'm', family: true },
  brother: { gender: 'm', family: true },
  uncle: { gender: 'm' },
  nephew: { gender: 'm' },
  wife: { gender: 'f', family: true },
  sister: { gender: 'f', family: true },
  aunt: { gender: 'f' },
  niece: { gender: 'f' },
  cousin: {},
  boyfriend: { gender: 'm', partner: true },
  girlfriend: { gender: 'f', partner: true },
};
/** "wife", "son", "mother" …: the nouns a relative is introduced by, for a pattern. */
export const RELATIVE_NOUN_WORDS = Object.keys(RELATIVES).join('|');
export const isRelativeNoun = (noun: string) => Object.hasOwn(RELATIVES, noun.toLowerCase());
/** A relative's noun right before a name: "his father, Frank Jordan". */
const RELATIVE_NOUN = new RegExp(`\\b(${RELATIVE_NOUN_WORDS}),?[ \u00a0]+$`, 'i');
const relativeBefore = (before: string) => RELATIVES[RELATIVE_NOUN.exec(before)?.[1]?.toLowerCase() ?? ''];
/** "Clinton’s husband, " before a first name: the family name the possessor of the relative gives. */
function familyBefore(before: string): string | undefined {
  const noun = RELATIVE_NOUN.exec(before);
  return noun && RELATIVES[noun[1]?.toLowerCase() ?? '']?.family
    ? /\b([A-Z][a-z]+)[’']s?[ \u00a0]+(?:[a-z]+[ \u00a0]+)?$/.exec(before.slice(0, noun.index))?.[1]
    : undefined;
}
/** The generation a relative's noun names ("the relieved father" is the elder), if any. */
export const generationOfNoun = (noun: string): 'younger' | 'elder' | undefined => RELATIVES[noun.toLowerCase()]?.generation;
/** After the name, the apposition closes: "his son, Louis Jordan, 37" but not "his son, Louis Jordan was". */
const APPOSED_END = /^(?:[,.;:)]|$|[ \u00a0]+(?:and|or)\b)/;
/** "Eric Trump, son of the Republican front-runner", "Ivanka Trump, Trump’s daughter": a relative of the family named first, then described. */
const RELATIVE_AFTER = new RegExp(
  `^,[ \u00a0]+(?:(?:the|a)[ \u00a0]+|[A-Z][\\p{L}.-]*(?:[ \u00a0][A-Z][\\p{L}.-]*)*[’']s?[ \u00a0]+|(?:his|her|their)[ \u00a0]+)?(?:[a-z]+[ \u00a0]+)?(${Object.keys(
    RELATIVES,
  )
    .filter((noun) => RELATIVES[noun]?.family)
    .join('|')})\\b`,
  'u',
);
/** "the younger Jordan", "the elder Jordan": which of two relatives a bare surname means. */
const GENERATION_WORD = /\b(younger|elder|older)[ \u00a0]+$/i;
const WRITING_FROM = /\b(?:post|statement|letter|tweet|email|e-mail|message|note|memo|column|op-ed)[ \u00a0]+(?:from|by)[ \u00a0]+$/i;
const LOCATIVE = /\b(?:in|at|near|outside|across|around|throughout|within|into|from)[ \u00a0]+(?:the[ \u00a0]+)?$/i;
const PLACE_WORDS =
  /\b(?:Road|Street|Avenue|Lane|Drive|Boulevard|Square|Park|Zoo|Museum|Airport|Station|Stadium|Arena|Hospital|Prison|Bridge|Valley|County|Island|Islands|Republic|Kingdom|Emirates|Peninsula|Year|Eve|(?:Election|Labor|Labour|Memorial|Veterans|Independence|Inauguration|Thanksgiving|Christmas|Boxing|Armistice|Remembrance|Presidents)[ \u00a0]+Day|Cinco[ \u00a0]+de[ \u00a0]+Mayo|Mardi[ \u00a0]+Gras|Yom[ \u00a0]+Kippur|Rosh[ \u00a0]+Hashanah|Super[ \u00a0]+(?:Tuesday|Bowl)|Black[ \u00a0]+Friday|Ramadan|Hanukkah|Passover|Halloween|Diwali|Kwanzaa|Beach|Mountains?|River|Lake|Forest|Desert|Bay|Coast|Village|Town|City)\b/;
const SPEECH_AFTER =
  /^(?:,[^,]{1,60},)?[ \u00a0]+(?:[a-z]+ly[ \u00a0]+)?(?:said|says|told|tells|added|adds|asked|wrote|explained|insisted|admitted|claimed|believes|thinks|argued)\b/;
const FAMILY_AFTER = /^[’']s[ \u00a0]+(?:father|mother|wife|husband|son|daughter|brother|sister|family|friend|parents|partner|girlfriend|boyfriend)\b/;

/**
 * How a mention's context speaks for a person (a title, a known first name, an age, an apposition,
 * a speech verb, family) or against one (in/at/near it, a place or venue word, "Santa Monica,
 * California"): pronouns are only resolved to what reads as a person.
 */
function personEvidence(text: string, m: NameMention): number {
  let score = 0;
  if (m.role) score += 2;
  if (FIRST_NAME_GENDER.has((m.name.split(' ')[0] ?? '').toLowerCase())) score += 2;
  // ("Luther Stan Pate IV": only people carry a generation.)
  if (GENERATION_SUFFIX.test(m.name)) score += 2;
  const after = text.slice(m.end, m.end + 80);
  if (/^,[ \u00a0]+\d{1,3},/.test(after) || /^,[ \u00a0]+(?:a|an|the|who|whose)\b/.test(after)) score += 1;
  if (SPEECH_AFTER.test(after)) score += 1;
  if (FAMILY_AFTER.test(after)) score += 1;
  // "a post from Arianna Huffington" is her writing, not a place she is in.
  if (WRITING_FROM.test(text.slice(Math.max(0, m.start - 24), m.start))) score += 1;
  else if (LOCATIVE.test(text.slice(Math.max(0, m.start - 12), m.start))) score -= 2;
  if (PLACE_WORDS.test(m.name) || m.org) score -= 2;
  if (/^,[ \u00a0]+[A-Z][a-z]+/.test(after) && isPlace(after.slice(2).split(/[ ,.]/)[0] ?? '')) score -= 2;
  return score;
}

/** Before a first name given alone: "a resident named", "who gave her name only as". */
const NAMED_AS =
  /\b(?:named|(?:gave|giving|give)[ \u00a0]+(?:only[ \u00a0]+)?(?:her|his|their)[ \u00a0]+(?:first[ \u00a0]+)?name(?:[ \u00a0]+only)?[ \u00a0]+as|identified[ \u00a0]+(?:herself|himself)[ \u00a0]+(?:only[ \u00a0]+)?as)[ \u00a0]+$/i;

const GENERATION_SUFFIX_COMMA = /,[ \u00a0]+(Jr\.?|Sr\.?|II|III|IV)$/;
const GENERATION_SUFFIX = /[ \u00a0](Jr|Sr|II|III|IV)\.?$/;
/** "Brent Bozell Jr." and "Brent Bozell III" are father and son; "Brent Bozell" may be either. */
const sameGeneration = (a: string, b: string) => {
  const x = GENERATION_SUFFIX.exec(a)?.[1];
  const y = GENERATION_SUFFIX.exec(b)?.[1];
  return !x || !y || x === y;
};

/** "Rachel Maddow" when an organisation's name holds a known first name and then `surname`. */
function personIn(name: string, surname: string): string | undefined {
  const words = name.split(' ');
  const i = words.findIndex((w, k) => k > 0 && foldName(w) === surname);
  const first = words[i - 1];
  return i > 0 && first && FIRST_NAME_GENDER.has(first.toLowerCase()) ? `${first} ${words[i]}` : undefined;
}

const surnameOf = memoize(readSurname, 50_000);
export const isPlace = (name: string) => {
  for (const w of foldName(name).split(' ')) if (!PLACES.has(w)) return false;
  return true;
};

/** An acronym ("LGBT", "NRA") is no one's first name. */
const ACRONYM = /^[A-Z]{2,}$/;

/**
 * The people and organisations of one article. Full names are gathered first; surnames, titles
 * with surnames and one-edit misspellings ("President Macon") then resolve to them.
 */
export class NameRegistry {
  private readonly entities: Entity[] = [];
  private readonly byForm = new Map<string, Entity>();
  private readonly bySurnameIndex = new Map<string, Entity[]>();
  /** Single names already looked up and not found, until an entity is added. */
  private readonly missing = new Set<string>();

  constructor(
    mentions: NameMention[],
    private readonly text = '',
    private readonly insideQuote: (at: number) => boolean = () => false,
  ) {
    const multi = mentions.filter((m) => m.name.includes(' ') && !isPlace(m.name));
    // "Bob agreed to talk on condition that his last name not be used. … Bob met Stevens": a known
    // first name that opens sentences as their subject, again and again, is a person named so.
    const opening = new Map<string, number>();
    for (const m of mentions) {
      const lower = m.name.toLowerCase();
      if (m.name.includes(' ') || !FIRST_NAME_GENDER.has(lower) || PLACES.has(lower) || insideQuote(m.start)) continue;
      if (/(?:^|[.!?][ \u00a0]+|\n)$/.test(text.slice(Math.max(0, m.start - 3), m.start)) && /^[ \u00a0]+[a-z]+(?:ed|s)\b/.test(text.slice(m.end, m.end + 20)))
        opening.set(m.name, (opening.get(m.name) ?? 0) + 1);
    }
    for (const m of multi) this.add(m, m.org ? 'organisation' : 'person');
    for (const m of mentions) {
      if (m.name.includes(' ')) continue;
      const known = this.lookup(m.name, m.gender, m.start);
      if (known) {
        this.touch(known, m);
        if (known.kind === 'person') known.confirmed = true;
      } else if (m.role && !isPlace(m.name)) {
        this.add(m, 'person').confirmed = true;
      } else if (m.org) {
        this.add(m, 'organisation');
      } else if ((opening.get(m.name) ?? 0) >= 2 && !multi.some((x) => x.name.split(' ')[0] === m.name)) {
        this.add(m, 'person').confirmed = true;
      } else if (FIRST_NAME_GENDER.has(m.name.toLowerCase()) && NAMED_AS.test(text.slice(Math.max(0, m.start - 50), m.start))) {
        // "a 52-year-old resident named Caroline": someone the story names by first name alone.
        this.add(m, 'person').confirmed = true;
      } else if (
        FIRST_NAME_GENDER.has(m.name.toLowerCase()) &&
        relativeBefore(text.slice(Math.max(0, m.start - 40), m.start)) &&
        /^,/.test(text.slice(m.end, m.end + 1))
      ) {
        // "his wife, Jane, called for …": a relative introduced by first name alone is a person so
        // named, with the family name when a possessor gives it ("Clinton’s husband, Bill").
        const family = familyBefore(text.slice(Math.max(0, m.start - 60), m.start));
        this.add(family ? { ...m, name: `${m.name} ${family}` } : m, 'person').confirmed = true;
      }
    }
  }

  private add(m: NameMention, kind: SpeakerKind): Entity {
    const form = foldName(m.name);
    const existing = this.byForm.get(form) ?? (kind === 'person' ? (this.bySurname(m.name, m.gender, true) ?? this.byCompoundSurname(form)) : undefined);
    if (existing) {
      this.touch(existing, m);
      if (m.name.length > existing.name.length && kind === 'person') {
        existing.name = m.name;
        this.byForm.set(form, existing);
      }
      return existing;
    }
    // (Only after the one they are a relative of: "Liz Cheney, the daughter of Dick Cheney" is who
    // the article is about, and "Cheney said" is her.)
    const kinAfter = this.bySurnameIndex.get(surnameOf(m.name))?.length ? RELATIVE_AFTER.exec(this.text.slice(m.end, m.end + 60))?.[1] : undefined;
    const kin = relativeBefore(this.text.slice(Math.max(0, m.start - 40), m.start)) ?? (kinAfter ? RELATIVES[kinAfter] : undefined);
    const entity: Entity = {
      name: m.name,
      kind,
      forms: new Set([m.name]),
      roles: new Set(m.role ? [m.role] : []),
      mentions: 1,
      surnameMentions: 1,
      firstMention: m.start,
      gender: m.gender ?? kin?.gender,
      confirmed: Boolean(m.role) || (kind === 'person' && FIRST_NAME_GENDER.has(m.name.split(' ')[0]?.toLowerCase() ?? '')),
      first: form.split(' ')[0] ?? '',
      surname: surnameOf(m.name),
      namedAt: m.name.includes(' ') ? [m.start] : [],
      evidence: personEvidence(this.text, m),
      // Only in apposition: in "spoke with his son, Louis Jordan was fishing" Louis is the subject.
      relative: kin !== undefined && !kin.partner && (kinAfter !== undefined || APPOSED_END.test(this.text.slice(m.end, m.end + 6))),
      generation: kin?.generation,
      quoted: this.insideQuote(m.start),
    };
    this.entities.push(entity);
    this.byForm.set(form, entity);
    this.missing.clear();
    if (kind === 'person') {
      const list = this.bySurnameIndex.get(entity.surname) ?? [];
      list.push(entity);
      this.bySurnameIndex.set(entity.surname, list);
    }
    return entity;
  }

  private touch(e: Entity, m: NameMention): void {
    e.mentions++;
    if (surnameOf(m.name) === e.surname) e.surnameMentions++;
    e.evidence += personEvidence(this.text, m);
    if (!this.insideQuote(m.start)) e.quoted = false;
    if (m.name.includes(' ') || GENERATION_WORD.test(this.text.slice(Math.max(0, m.start - 10), m.start))) e.namedAt.push(m.start);
    e.forms.add(m.name);
    if (m.role) {
      e.roles.add(m.role);
      e.confirmed = true;
    }
    e.gender ??= m.gender;
  }

  /**
   * "Wasserman Schultz", "Vargas Llosa": the one person whose full name is a first name and then
   * these words (not a longer run that happens to end in them).
   */
  private byCompoundSurname(form: string): Entity | undefined {
    if (!form.includes(' ') || isPlace(form)) return undefined;
    const found = (this.bySurnameIndex.get(surnameOf(form)) ?? []).filter((e) => {
      const [first, ...rest] = e.name.split(' ');
      return e.kind === 'person' && /^[A-Z][a-z]+$/.test(first ?? '') && !NOT_NAMES.has((first ?? '').toLowerCase()) && foldName(rest.join(' ')) === form;
    });
    return found.length === 1 ? found[0] : undefined;
  }

  /** A full-name match whose first and last names agree (middle initials ignored). */
  private bySurname(name: string, gender: 'm' | 'f' | undefined, fullOnly: boolean, at?: number): Entity | undefined {
    const first = foldName(name).split(' ')[0];
    let candidates = (this.bySurnameIndex.get(surnameOf(name)) ?? []).filter((e) => !gender || !e.gender || e.gender === gender);
    if (fullOnly) return candidates.find((e) => e.first === first && sameGeneration(e.name, name));
    // “I spoke to Bill Stone,” Carla Stone said. … Stone said: the surname means the one named outside quotes.
    if (candidates.some((e) => !e.quoted)) candidates = candidates.filter((e) => !e.quoted);
    const generation = at !== undefined ? GENERATION_WORD.exec(this.text.slice(Math.max(0, at - 10), at))?.[1]?.toLowerCase() : undefined;
    if (generation && candidates.length > 1) {
      const wanted = generation === 'younger' ? 'younger' : 'elder'; // "older" too
      const meant = candidates.filter((e) => e.generation === wanted);
      if (meant.length === 1) return meant[0];
    }
    let best: Entity | undefined;
    // (By surname mentions: "Freddy" thirty times does not make "Mr. Trump" mean Freddy Trump.)
    for (const e of candidates) if (!best || e.surnameMentions > best.surnameMentions) best = e;
    // A relative introduced as one ("his father, Frank Jordan") is not who the bare surname means,
    // unless named in the same breath (within the last 200 characters).
    const main = candidates.filter((e) => !e.relative);
    if (main.length === 1 && candidates.length > 1) {
      const relativeNear = at !== undefined && candidates.some((e) => e.relative && e.namedAt.some((p) => p < at && at - p < 200));
      if (!relativeNear) return main[0];
    }
    // Two people with one surname ("Gary Johnson", "Jeh Johnson"): the one named last before here,
    // unless the article is mostly about the other (Ted Cruz, not his wife named in passing).
    if (at !== undefined && best && candidates.length > 1) {
      let recent: Entity | undefined;
      let recentAt = -1;
      for (const e of candidates) {
        for (const p of e.namedAt) if (p < at && p > recentAt) [recent, recentAt] = [e, p];
      }
      if (recent && best.surnameMentions < 2 * recent.surnameMentions) return recent;
    }
    return best;
  }

  /**
   * "the Trump Train", "the Leeds Ledger": a thing, written with "the" and no first name (its first
   * word alone means someone else: "Trump told Newsmax").
   */
  private namedAfter(e: Entity): boolean {
    return !FIRST_NAME_GENDER.has(e.first) && /(?:^|[^\p{L}])the[ \u00a0]+$/u.test(this.text.slice(Math.max(0, e.firstMention - 5), e.firstMention));
  }

  /** Resolves a name as written to the article's entity, or undefined. */
  lookup(name: string, gender?: 'm' | 'f', at?: number): Entity | undefined {
    const form = foldName(name);
    const exact = this.byForm.get(form);
    if (exact) return exact;
    if (this.missing.has(form) && !gender) return undefined;
    const parts = form.split(' ');
    if (parts.length > 1) {
      // (The last word alone is a surname: "Clinton campaign" is not the "Campaign" of a headline.)
      const last = this.byForm.get(parts.slice(-1)[0] ?? '');
      return this.bySurname(name, gender, true) ?? this.byCompoundSurname(form) ?? (last?.kind === 'person' ? last : undefined);
    }
    const bySurname = this.bySurname(name, gender, false, at);
    if (bySurname) return bySurname;
    // A first name alone, as features write it ("Julia, who also features on the cover, said"):
    // the one person of the article with that first name.
    const byFirst =
      NOT_NAMES.has(form) || PLACES.has(form) || ACRONYM.test(name)
        ? []
        : this.entities.filter(
            (e) => e.kind === 'person' && e.first === form && e.name.includes(' ') && (!gender || !e.gender || e.gender === gender) && !this.namedAfter(e),
          );
    if (byFirst.length === 1) return byFirst[0];
    // (Not a show or foundation named after a person: "Maddow" is not "The Rachel Maddow Show".)
    const org = this.entities.find((e) => e.kind === 'organisation' && foldName(e.name).split(' ').includes(form) && !personIn(e.name, form));
    if (org) return org;
    if (form.length < 4) return undefined;
    // One edit away from a person's surname: a misspelling ("Macon" for "Macron").
    // An exact surname was tried above (with the gender a title gives); this is for typos only.
    for (const [surname, list] of this.bySurnameIndex) {
      // Typos rarely hit the first letter; checking it first keeps this scan cheap.
      if (surname === form || surname[0] !== form[0] || Math.abs(surname.length - form.length) > 1 || editDistance(surname, form, 1) > 1) continue;
      const match = list.find((e) => !gender || !e.gender || e.gender === gender);
      if (match) return match;
    }
    if (!gender) this.missing.add(form);
    return undefined;
  }

  /** Resolves a speaker named in an attribution, adding them when the article names them nowhere else. */
  speaker(m: NameMention): Entity {
    const known = this.lookup(m.name, m.gender, m.start);
    if (known) {
      known.confirmed = true;
      return known;
    }
    // …but that person, by the full name the organisation gives: "Maddow said" is Rachel Maddow.
    const form = foldName(m.name);
    const named = m.org || m.name.includes(' ') ? undefined : this.entities.map((e) => personIn(e.name, form)).find(Boolean);
    const entity = this.add(named ? { ...m, name: named } : m, m.org ? 'organisation' : 'person');
    entity.confirmed = true;
    return entity;
  }

  /** The one person introduced as the parent ('elder') or the child ('younger') of another. */
  ofGeneration(generation: 'younger' | 'elder'): string | null {
    const people = this.entities.filter((e) => e.kind === 'person');
    const found = people.filter((e) => e.generation === generation);
    if (found.length === 1) return (found[0] as Entity).name;
    // "Frank Jordan spoke with his son, Louis Jordan": the other of the family is the other generation.
    const other = people.filter((e) => e.generation !== undefined && e.generation !== generation);
    const family = other.length === 1 ? people.filter((e) => e !== other[0] && e.surname === other[0]?.surname) : [];
    return !found.length && family.length === 1 ? (family[0] as Entity).name : null;
  }

  /** Whether the article reads this entity as a person: a pronoun may stand for it. */
  isPersonLike(name: string): boolean {
    const e = this.byForm.get(foldName(name));
    // ("the Leeds Ledger reported": written with "the", a thing, whatever verb it takes.)
    return e !== undefined && e.kind === 'person' && !this.namedAfter(e) && (e.evidence >= 0 || (e.gender !== undefined && FIRST_NAME_GENDER.has(e.first)));
  }

  /** Whether the article may mean an organisation by this name: typed as one, or nothing says person. */
  mayBeOrganisation(name: string): boolean {
    const e = this.byForm.get(foldName(name));
    return e !== undefined && (e.kind === 'organisation' || (!e.confirmed && e.evidence <= 0 && !PLACES.has(foldName(name))));
  }

  /** The person the article names most, if any. */
  mainPerson(): string | null {
    let best: Entity | null = null;
    for (const e of this.entities) if (e.kind === 'person' && e.confirmed && (!best || e.mentions > best.mentions)) best = e;
    return best?.name ?? null;
  }

  isConfirmedPerson(name: string): boolean {
    const e = this.byForm.get(foldName(name));
    return e !== undefined && e.kind === 'person' && e.confirmed;
  }

  genderOf(name: string): 'm' | 'f' | undefined {
    return this.byForm.get(foldName(name))?.gender;
  }

  people(): PersonInArticle[] {
    return this.entities
      .filter((e) => e.confirmed)
      .map((e) => ({
        name: e.name,
        kind: e.kind,
        forms: [...e.forms],
        roles: [...e.roles],
        mentions: e.mentions,
        firstMention: e.firstMention,
        gender: e.gender,
      }));
  }
}
