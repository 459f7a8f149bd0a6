import {
  CUE_FILLERS,
  CUE_VERBS,
  NARRATING_VERBS,
  ORG_WORDS,
  PARTICLE_WORDS,
  PERSON_TITLES,
  PLACES,
  PRONOUNS,
  REPORTING_VERBS,
  SPEAKER_NOUNS,
  SPEECH_LEMMAS,
  TITLES_WITH_OF,
} from './lexicon.ts';
import {
  generationOfNoun,
  INVERTED_CUE,
  INVERTED_CUE_WORDS,
  isPlace,
  isRelativeNoun,
  NAME_RUN,
  type NameMention,
  type NameRegistry,
  RELATIVE_NOUN_WORDS,
  readName,
} from './names.ts';
import type { QuoteSpan } from './quoteSpans.ts';
import type { Tags } from './tagger.ts';
import { foldName, isAbbreviationAt } from './text.ts';
import type { MentionKind, Span } from './types.ts';

/** Where the words naming a speaker start. */
export const phraseAt = (p: SpeakerPhrase): number => (p.kind === 'named' ? p.mention.start : p.at);

/** Who said a quote, as found next to it. */
export type SpeakerPhrase =
  | { kind: 'named'; mention: NameMention; cue: string }
  | { kind: 'pronoun'; pronoun: string; at: number; cue: string }
  | { kind: 'nominal'; phrase: string; at: number; cue: string };

export interface Attribution {
  speaker: string | null;
  mention?: MentionKind;
  cue?: string;
}

const RUN_AT_END = new RegExp(`(?:(?:[Tt]he|[Aa]n?)[ ])?${NAME_RUN}$`, 'u');
const RUN_AT_START = new RegExp(`^(?:(?:[Tt]he|[Aa]n?)[ ])?${NAME_RUN}`, 'u');
const WORD_AT_END = /([\p{L}\d’'-]+)[ \u00a0]*$/u;
const NAME_RUN_RE = new RegExp(NAME_RUN, 'u');
const WHOLE_NAME_RUN = new RegExp(`^${NAME_RUN}$`, 'u');
const PERSON_OF_ORG = new RegExp(`(${NAME_RUN})[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?(${NAME_RUN})$`, 'u');
const OBJECT_BEFORE = new RegExp(`\\b(?:on|in|at|to|via|through|into)[ \u00a0]+(?:the[ \u00a0]+)?${NAME_RUN}[ \u00a0]+$`, 'u');
/** A verb phrase that leads into a speech verb without being one ("was quick to" add, "made a point of" saying). */
const SPEECH_LEAD_IN =
  /\b(?:(?:(?:went|goes|go)[ \u00a0]+(?:on|so[ \u00a0]+far[ \u00a0]+as)|(?:was|is|were|are)[ \u00a0]+(?:quick|careful|eager|keen|swift|at[ \u00a0]+pains)|hastened)[ \u00a0]+to|(?:made|makes)[ \u00a0]+a[ \u00a0]+point[ \u00a0]+of)$/;
const DASH_ASIDE = new RegExp(`[ \u00a0]*(?:--|[–—])[ \u00a0]*(${NAME_RUN})?[^–—\n]{0,200}?(?:--|[–—])$`, 'u');
const APPOSITION_LINK = /[ \u00a0](?:of|at|for)[ \u00a0]/;
/** "Anthony Anton, president and CEO of the Restaurant Association said": an apposition never closed. */
const UNCLOSED_APPOSITION = new RegExp(
  `(${NAME_RUN}),[ \u00a0]+(?:the[ \u00a0]+)?[a-z-]+(?:[ \u00a0]+[\\p{L}-]+){0,3}[ \u00a0]+(?:of|at|for)[ \u00a0]+(?:the[ \u00a0]+)?(${NAME_RUN})$`,
  'u',
);
/** Roles someone holds for another: "Sanders campaign manager Jeff Weaver", "the senior Cruz adviser". */
const ROLE_WORDS =
  'manager spokesman spokeswoman spokesperson aide adviser advisor strategist consultant operative surrogate staffer chairman chairwoman director secretary pollster lawyer attorney speechwriter counsel reporter correspondent columnist anchor editor producer'.split(
    ' ',
  );
const DETERMINERS = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its', 'this', 'that', 'one', 'another', 'our', 'my']);

/** Words a verb goes on with, where a participle used as a modifier would have its noun. */
const FUNCTION_WORDS = new Set(
  'that the a an to in on at of for with by he she it they we i his her their its this these those about as from so and but or if when'.split(' '),
);

const isCue = (w: string) => CUE_VERBS.has(w.toLowerCase());
const NOUN_LEADS = /\b(?:the|a|an|his|her|their|its|our|these|those|many|some|all|other|such|what)[ \u00a0]+(?:[a-z]+[ \u00a0]+)?$/i;

/**
 * A speech verb at `at`: a listed one unless the tagger read it as a noun ("her answers", "his
 * claims"), or any verb whose lemma says speech ("gushed", "implored", "pressed", "texted").
 */
function isCueAt(word: string, at: number, tags: Tags | undefined, text?: string): boolean {
  // "Rubio’s proposed child care credit": after a possessor and before its noun, a participle
  // modifies ("Trump’s said the same" is "has said", and goes on with no noun).
  if (text && /(?:ed|en)$/.test(word) && /\p{L}[’']s[ \u00a0]+$/u.test(text.slice(Math.max(0, at - 4), at))) {
    const next = /^[ \u00a0]+([a-z-]+)/.exec(text.slice(at + word.length, at + word.length + 30))?.[1];
    if (next && !FUNCTION_WORDS.has(next)) return false;
  }
  if (isCue(word)) {
    if (!tags?.isNoun(at) || !text) return true;
    // The tagger reads some present tenses as plurals ("The memo … states that"): a listed cue
    // followed by "that" and not led by a determiner is the verb.
    const after = text.slice(at + word.length, at + word.length + 6);
    const before = text.slice(Math.max(0, at - 30), at);
    // …and "“…,” Conway notes." is the verb too: a name or pronoun before, the clause ending after.
    // (Not a possessor's: "Hale’s answers, which …".)
    const subject = (/\p{Lu}[\p{L}’'-]+[ \u00a0]+$/u.test(before) && !/[’']s?[ \u00a0]+$/.test(before)) || /\b(?:he|she|they)[ \u00a0]+$/i.test(before);
    if (subject && /^[ \u00a0]*[.,;:]/.test(after)) return true;
    return /^[ \u00a0]+that\b/.test(after) && !NOUN_LEADS.test(text.slice(Math.max(0, at - 12), at));
  }
  // "shot back", "fired back", "hit back": replies.
  if (/^(?:shot|shoots|fired|fires|hit|hits)$/i.test(word) && text && /^\s+back\b/.test(text.slice(at + word.length, at + word.length + 6))) return true;
  // "as he puts it, “…”", "“…,” as a memo put it.": how someone put it is what they said.
  if (/^(?:put|puts)$/i.test(word) && text && /^[ \u00a0]+it\b/.test(text.slice(at + word.length, at + word.length + 5))) return true;
  // "She went on: “…”", "“…,” he went on.": going on speaking.
  if (/^(?:went|goes)$/i.test(word) && text && /^[ \u00a0]+on[ \u00a0]*(?:[:,.]|$)/.test(text.slice(at + word.length, at + word.length + 6))) return true;
  const tag = tags?.at(at);
  if (!tag || tag.pos === 'NOUN' || tag.pos === 'PROPN') return false;
  // The tagger misreads some rare past tenses ("fumed" as an adjective): its lemma or the bare word.
  if (SPEECH_LEMMAS.has(tag.lemma)) return true;
  const lower = word.toLowerCase();
  const stems = [lower.replace(/(?:ied|ies)$/, 'y'), lower.replace(/(?:ed|s)$/, ''), lower.replace(/(?:d|s)$/, '')];
  return stems.some((stem) => SPEECH_LEMMAS.has(stem));
}

const CAPTION_CREDIT = /\((?:stock (?:image|photo|picture)|file (?:photo|picture|image)|pictured(?:[ \u00a0][^()]{0,30})?)\)$/i;

/** The sentence-internal text before `at`, back to the sentence start (or `floor`). */
export function sentenceBefore(text: string, at: number, floor: number): number {
  for (let i = at - 1; i > floor; i--) {
    const c = text[i];
    if (c === '\n') return i + 1;
    // A picture credit glued into the text ("… a whole chicken farm' (stock image) Karo, whose …")
    // ends the caption before it.
    if (c === ')' && /^[ \u00a0]+\p{Lu}/u.test(text.slice(i + 1, i + 3)) && CAPTION_CREDIT.test(text.slice(Math.max(floor, i - 40), i + 1))) {
      let j = i + 1;
      while (j < at && /\s/.test(text[j] ?? '')) j++;
      return j;
    }
    // A full stop, or one closing a quotation (“… smart.” Trump was …), ends the sentence.
    // (Some papers close with two apostrophes: “… Deal.'' Mr. Trump said”.)
    let k = i + 1;
    while (k < i + 3 && /[”"’']/.test(text[k] ?? '')) k++;
    const next = text[k] ?? '';
    // (Feeds drop the space after a closing mark: “… great!”Former Gov. Bush said.)
    const glued = k > i + 1 && text[k - 1] !== "'" && /\p{Lu}/u.test(next);
    if ((c === '.' || c === '?' || c === '!') && (/\s/.test(next) || glued) && !isAbbreviationAt(text, i)) {
      let j = i + 1;
      while (j < at && /[\s”"’']/.test(text[j] ?? '')) j++;
      return j;
    }
  }
  return floor;
}

/** The sentence before the one starting at `start`, back past any spaces between them: [from, to). */
export function previousSentence(text: string, start: number, floor: number): [number, number] {
  let to = start;
  while (to > floor && /\s/.test(text[to - 1] ?? '')) to--;
  return [to > floor ? sentenceBefore(text, to - 1, floor) : to, to];
}

/** The text after `at` up to the sentence end, the next quote (unless `throughQuotes`), or `ceiling`. */
export function sentenceAfter(text: string, at: number, ceiling: number, throughQuotes = false): number {
  for (let i = at; i < ceiling; i++) {
    const c = text[i];
    if (!throughQuotes && (c === '“' || c === '"' || c === '„')) return i;
    // A single mark opening a quote (British style) ends the reading too.
    if (!throughQuotes && (c === '‘' || c === "'") && /[\s(]/.test(text[i - 1] ?? ' ') && /[\p{L}\p{N}·]/u.test(text[i + 1] ?? '')) return i;
    if ((c === '.' || c === '?' || c === '!') && (i + 1 >= ceiling || /\s/.test(text[i + 1] ?? '')) && !isAbbreviationAt(text, i)) return i;
  }
  return ceiling;
}

/** A relative or subordinate clause with a named subject, running up to the end: "which Julia also discussed with …". */
const RELATIVE_SUBJECT = new RegExp(
  String.raw`\b(?:which|whom|that|as|when|where|after)[ \u00a0]+(${NAME_RUN})[ \u00a0]+(?:[a-z]+ly[ \u00a0]+|also[ \u00a0]+)?[a-z]+ed\b[^,;:.]{0,120}$`,
  'u',
);

const WEEKDAY = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday';
const TIME_BEFORE_CUE = new RegExp(
  `(?<=\\p{L})[ \u00a0]+(?:on[ \u00a0]+(?:${WEEKDAY})|(?:last|this)[ \u00a0]+(?:${WEEKDAY}|week|month|year|night|weekend)|in[ \u00a0]+the[ \u00a0]+past|in[ \u00a0]+recent[ \u00a0]+(?:days|weeks|months|years))$`,
  'u',
);

/** "in San Bernardino", "of Raleigh": a place as the object of a preposition, ending the text. */
const PLACE_OBJECT_AT_END = new RegExp(`\\b(?:of|in|from|near)[ \u00a0]+(?:the[ \u00a0]+)?${NAME_RUN}$`, 'u');
/** "officials at", "a spokesman for": a speaker noun and the organisation it belongs to. */
const MEMBER_OF = /\b([A-Za-z]+)[ \u00a0]+(?:at|of|for|with)[ \u00a0]+(?:the[ \u00a0]+)?$/;
const PREPOSITION_BEFORE = /(?:^|[^\p{L}])(?:of|on|about|for|to|with|from|against|at|by|in|as for)[ \u00a0]+$/iu;

/** "X said", "X, a senator, said", "he told reporters": the subject just before a cue ending at `end`. */
function subjectBefore(text: string, floor: number, end: number, cue: string): SpeakerPhrase | null {
  let left = text.slice(floor, end).replace(/[ \u00a0]+$/, '');
  // Adverbs, auxiliaries and a time between the subject and its cue: "Beck on Wednesday called",
  // "whom Reed last week described as", "who has in the past described".
  // "Allen did suggest that": an emphatic auxiliary, right before the cue only ("after she did, X, …, tweeted").
  if (text.slice(end, end + 1) !== ',') left = left.replace(/[ \u00a0]+(?:did|does|do)$/, '');
  for (let before = ''; before !== left; ) {
    before = left;
    for (let m = WORD_AT_END.exec(left); m?.[1] && CUE_FILLERS.has(m[1].toLowerCase()); m = WORD_AT_END.exec(left)) {
      left = left.slice(0, m.index).replace(/[ \u00a0]+$/, '');
    }
    left = left.replace(TIME_BEFORE_CUE, '');
  }
  // A party and state: "Rep. Jason Chaffetz (R-Utah) said"; an aside between dashes: "The memo – written by … – states".
  left = left.replace(/[ \u00a0]*\([^()]{1,40}\)(,?)$/, '$1');
  // …unless the aside names the subject the description before it stands for: "A former candidate
  // -- John McCain, who lost in 2008 -- said".
  const dashed = /(?:--|[–—])$/.test(left);
  const aside = dashed ? DASH_ASIDE.exec(left) : null;
  const apposed = aside?.[1] && /^\p{Ll}|^(?:A|An|The)\b/u.test(left) ? readName(aside[1], floor + aside.index + aside[0].indexOf(aside[1])) : null;
  if (apposed && !apposed.org && apposed.name.includes(' ')) return { kind: 'named', mention: apposed, cue };
  if (dashed) left = left.replace(DASH_ASIDE, '');
  // A second verb of the subject's ("Suu Kyi said it was too early but added", "he looked up,
  // furrowed his brow and said", "went on to say"): the subject of the sentence.
  if (
    /(?:\b(?:and|but|then|before|later)|,)[ \u00a0]+(?:(?:also|then|later|quickly|finally)[ \u00a0]+)?$/.test(`${left} `) &&
    /\b(?:and|but|then|before|later)$/.test(left)
  ) {
    const sentenceStart = sentenceBefore(text, end, floor);
    // "She alleges that when it disappeared, Ms Kunis confessed and told her": the nearer clause's subject.
    const sentence = text.slice(sentenceStart, floor + left.length);
    const comma = sentence.lastIndexOf(', ');
    const clause = comma > 0 ? subjectOfClause(sentence, sentenceStart, comma + 2) : null;
    if (clause && clause.kind !== 'nominal') return { ...clause, cue };
    const main = speakerOfSentence(text, sentenceStart, floor + left.length);
    if (main) return { ...main, cue };
  }
  // "went on to say", "was quick to add", "made a point of saying": the subject before the lead-in.
  const leadIn = SPEECH_LEAD_IN.exec(left);
  if (leadIn) return subjectBefore(text, floor, floor + leadIn.index, cue);
  // A relative clause: "McConnell, now the majority leader, who in 2010 said": whoever "who" stands for.
  const who = /,[ \u00a0]+who(?:[ \u00a0]+(?:in|on|at|last|this|back|earlier|later)\b[^,]{0,30}?)?$/.exec(left);
  if (who) return antecedentOfWho(text, floor, floor + who.index, cue);
  // Appositives and relative clauses: "Scott Pruitt, the attorney general of Oklahoma, one of …, said".
  // The leftmost name wins: "Jean-Marc Ayrault, the foreign minister of France, …, said".
  // A participle after a comma ("…, arguing that") belongs to the sentence's subject instead.
  if (left.endsWith(',')) {
    if (cue.endsWith('ing')) {
      // "…, which Julia also discussed with Page Six, explaining that": the subject of the clause it hangs on.
      const relative = RELATIVE_SUBJECT.exec(left.slice(0, -1));
      const mention = relative?.[1] ? readName(relative[1], floor + (relative.index ?? 0) + relative[0].indexOf(relative[1])) : null;
      return mention && !mention.org ? { kind: 'named', mention, cue } : null;
    }
    let inner = left.slice(0, -1);
    let found: SpeakerPhrase | null = null;
    let objectHead: SpeakerPhrase | null = null;
    for (let hops = 0; hops < 3; hops++) {
      const comma = inner.lastIndexOf(',');
      if (comma <= 0 || left.length - comma > 320) break;
      const head = subjectBefore(text, floor, floor + comma, cue);
      // ("Of Carson, Levine, who …, said": the object of an opening preposition is no subject.)
      // (Nor is the state that goes on from one: "in San Bernardino, Calif.".)
      const object =
        head?.kind === 'named' &&
        (PREPOSITION_BEFORE.test(text.slice(Math.max(floor, head.mention.start - 12), head.mention.start)) ||
          ((isPlace(head.mention.name) || STATE_ABBREVIATION.test(`${head.mention.name}.`)) &&
            /,[ \u00a0]+$/.test(text.slice(floor, head.mention.start)) &&
            PLACE_OBJECT_AT_END.test(text.slice(Math.max(floor, head.mention.start - 80), head.mention.start).replace(/,[ \u00a0]+$/, ''))));
      if (head && head.kind !== 'nominal') {
        if (!object) found = head;
        // ("Officials at Homeland Security Investigations, a division of …, said": failing a subject, the organisation.)
        else objectHead ??= head;
      }
      inner = inner.slice(0, comma);
    }
    // "Another critic, Laurence H. Tribe, likened": a description first, the name in apposition.
    const last = left.slice(0, -1);
    const open = last.lastIndexOf(',');
    const apposed = open > 0 ? /^[ \u00a0]*(.+?)[ \u00a0]*$/.exec(last.slice(open + 1)) : null;
    const whole = apposed?.[1] ? WHOLE_NAME_RUN.exec(apposed[1]) : null;
    // (Not a place that goes on from the one before: "Bond, 30, of Raleigh, N.C., said".)
    const placeGoesOn = whole !== null && isPlace(whole[0]) && PLACE_OBJECT_AT_END.test(last.slice(0, open));
    const mention = whole && !placeGoesOn ? readName(whole[0], floor + open + 1 + (apposed?.[0].indexOf(whole[0]) ?? 0)) : null;
    // "The head of the Civic League, Jo Marsh, warned": the person in apposition, not their organisation.
    if (found?.kind === 'named' && found.mention.org && mention && !mention.org && found.mention.end <= floor + open) return { kind: 'named', mention, cue };
    if (found) return found;
    if (objectHead?.kind === 'named') {
      const member = MEMBER_OF.exec(text.slice(Math.max(floor, objectHead.mention.start - 40), objectHead.mention.start));
      if (objectHead.mention.org || (member?.[1] && isSpeakerNoun(member[1].toLowerCase()))) return objectHead;
    }
    const description = open > 0 ? last.slice(0, open) : '';
    const head = WORD_AT_END.exec(description);
    const described = head && /^[a-z]/.test(head[1] ?? '') && nominalEndingAt(floor, description, head.index, cue);
    return mention && !mention.org && described ? { kind: 'named', mention, cue } : null;
  }
  const base = floor;
  // "Mr. Morgan of the Sierra Club said": the person, not the organisation.
  const of = PERSON_OF_ORG.exec(left);
  if (of?.[1]) {
    const person = readName(of[1], base + of.index);
    const org = readName(of[2] ?? '', base + of.index + of[0].length - (of[2] ?? '').length);
    // "Rep. Tom Cole of Oklahoma, an ally of …, said": a full name of a place is the person too.
    if (person && !person.org && (org?.org || (person.name.includes(' ') && org && PLACES.has(org.name.toLowerCase()))))
      return { kind: 'named', mention: person, cue };
    // "the Supreme Court of the United States said": one organisation's name.
    const whole = person?.org && ORG_WORDS.has(person.name.split(' ').pop()?.toLowerCase() ?? '') ? readName(of[0], base + of.index) : null;
    if (whole) return { kind: 'named', mention: { ...whole, name: whole.name.replace(/[ \u00a0]+/g, ' '), org: true }, cue };
  }
  // "The senator from Vermont said": the senator, described by a place (read as "the Vermont senator").
  const from = DESCRIBED_FROM_PLACE.exec(left);
  if (from?.[1] && from[2] && from[3] && isPlace(from[3])) return { kind: 'nominal', phrase: `${from[1]} ${from[3]} ${from[2]}`, at: base + from.index, cue };
  const home = beforeHomeTown(left);
  if (home) return subjectBefore(text, floor, floor + home.length, cue);
  const run = RUN_AT_END.exec(left);
  if (run) {
    const mention = readName(run[0], base + run.index);
    // (Read from just before the last comma, and only when an "of", "at" or "for" follows it: the
    // pattern is costly to try at every position of a long sentence.)
    const comma = left.lastIndexOf(', ');
    const from = Math.max(0, comma - 80);
    const unclosed = comma > 0 && APPOSITION_LINK.test(left.slice(comma)) ? UNCLOSED_APPOSITION.exec(left.slice(from)) : null;
    const person = unclosed?.[1] ? readName(unclosed[1], base + from + unclosed.index) : null;
    if (person && !person.org && (mention?.org || person.name.includes(' '))) return { kind: 'named', mention: person, cue };
    if (mention) return { kind: 'named', mention, cue };
    // A surname that is also a title, right before its cue with no article ("King said"): a name.
    if (
      /^[A-Z][a-z]+$/.test(run[0]) &&
      PERSON_TITLES.has(run[0].toLowerCase()) &&
      !/\b(?:the|a|an|their|his|her|its)[ \u00a0]+$/i.test(left.slice(0, run.index))
    ) {
      const at = base + run.index;
      return { kind: 'named', mention: { start: at, end: at + run[0].length, name: run[0], org: false, titleOnly: true }, cue };
    }
  }
  const word = WORD_AT_END.exec(left);
  if (!word?.[1]) return null;
  const w = word[1].toLowerCase();
  // "He’s claiming", "they’ve said": the pronoun without its auxiliary.
  const bare = w.replace(/[’'](?:s|re|ve|d|ll)$/, '');
  if (PRONOUNS.has(bare)) return { kind: 'pronoun', pronoun: bare, at: base + word.index, cue };
  if (isSpeakerNoun(w)) return nominalEndingAt(base, left, word.index, cue);
  // "the former secretary of state said": the role before its "of".
  const ofRole = ROLE_OF.exec(left);
  if (ofRole) return nominalEndingAt(base, left, ofRole.index, cue);
  return null;
}

const STATE_ABBREVIATION = /^(?:(?:[A-Z]\.){2}|[A-Z][a-z]{1,4}\.)$/;
const HOME_TOWN_AT_END = new RegExp(`^(.*?),[ \u00a0]+(\\d{1,3},[ \u00a0]+)?(?:of|from)[ \u00a0]+(${NAME_RUN})(?:,[ \u00a0]+(${NAME_RUN}))?$`, 'u');

/** What stands before a home town ("Harry Bond" of "Harry Bond, 30, of Raleigh, N.C."), or ''. */
function beforeHomeTown(text: string): string {
  // (The pattern is costly on a long sentence: tried only where "of" or "from" follows a comma.)
  const home = /,[ \u00a0]+(?:\d{1,3},[ \u00a0]+)?(?:of|from)[ \u00a0]/.test(text) ? HOME_TOWN_AT_END.exec(text) : null;
  // (A home town: after an age, a known place, or a state as the papers shorten it, "N.C.", "Calif.".)
  const town = home?.[4] ?? home?.[3] ?? '';
  return home?.[1] && (home[2] || isPlace(town) || STATE_ABBREVIATION.test(town)) ? home[1] : '';
}

/** The name a relative "who" ending at `end` refers to, past one appositive; null when there is none. */
function antecedentOfWho(text: string, floor: number, end: number, cue: string): SpeakerPhrase | null {
  const before = text.slice(floor, end);
  const comma = before.lastIndexOf(',');
  // Past one appositive, which opens on a lowercase word ("McConnell, now the majority leader, who"),
  // not past a clause ("before Iowa, Obama was not trusted by his listeners, who").
  const apposition = comma > 0 && before.length - comma < 100 && /^[ \u00a0]+[a-z]/.test(before.slice(comma + 1));
  // "Harry Bond, 30, of Raleigh, N.C., who was polled": the person before their age and home town.
  const candidates = [beforeHomeTown(before), before, apposition ? before.slice(0, comma) : ''];
  for (const c of candidates) {
    // "Sen. Marco Rubio of Florida, who mused": the senator, not his state.
    const of = c ? PERSON_OF_ORG.exec(c) : null;
    const person = of?.[1] && isPlace(of[2] ?? '') ? readName(of[1], floor + of.index) : null;
    if (person && !person.org) return { kind: 'named', mention: person, cue };
    const run = c ? RUN_AT_END.exec(c) : null;
    const mention = run ? readName(run[0], floor + run.index) : null;
    if (mention) return { kind: 'named', mention, cue };
  }
  return null;
}

/** "the newspaper", "a Clinton campaign spokesman": back to a determiner within a few words. */
function nominalEndingAt(base: number, left: string, headAt: number, cue: string): SpeakerPhrase | null {
  const lead = left.slice(0, headAt).replace(/[ \u00a0]+$/, '');
  const words = lead.split(/[ \u00a0]+/);
  let start = lead.length;
  for (let i = words.length - 1, n = 0; i >= 0 && n < 5; i--, n++) {
    const w = words[i] as string;
    if (w === '' || /[,;:()]/.test(w)) break;
    start -= w.length;
    if (DETERMINERS.has(w.toLowerCase()) || /[’']s$/.test(w)) {
      return { kind: 'nominal', phrase: left.slice(start), at: base + start, cue };
    }
    start -= 1;
  }
  return null;
}

const UNNAMED_MEMBER = new RegExp(
  `^(?:a|an|another|one)[ \u00a0]+(?:[a-z-]+[ \u00a0]+){0,2}(?:${NAME_RUN}[ \u00a0]+)?(?:Republican|Democrat|Tory|Conservative|Labour|Liberal|Independent)s?\\b(?![ \u00a0]+[A-Z])`,
  'u',
);

/** "said X", "according to X": the subject just after a cue. */
function subjectAfter(text: string, at: number, ceiling: number, cue: string): SpeakerPhrase | null {
  const right = text.slice(at, ceiling);
  const lead = /^[ \u00a0]*/.exec(right)?.[0].length ?? 0;
  const rest = right.slice(lead);
  // "said a New Hampshire Republican": an unnamed member, no one's name.
  if (/^(?:a|an|another|one)[ \u00a0]/i.test(rest) && UNNAMED_MEMBER.test(rest)) return null;
  const run = RUN_AT_START.exec(rest);
  if (run) {
    // "MSNBC host Chris Matthews", "Clinton campaign manager Robby Mook": the person after the role.
    const behind = ROLE_THEN_NAME.exec(rest.slice(run[0].length));
    if (behind?.[1]) {
      const person = readName(behind[1], at + lead + run[0].length + behind[0].length - behind[1].length);
      if (person) return { kind: 'named', mention: person, cue };
    }
    // "said the Florida senator": the senator, whom the place only describes (read below as a description).
    const described = /^(?:the|a|an)[ \u00a0]/i.test(run[0]) && DESCRIBED_AFTER.test(rest.slice(run[0].length));
    const mention = described ? null : readName(run[0], at + lead);
    if (mention) return { kind: 'named', mention, cue };
  }
  const pronoun = /^(he|she|they|it|we|I)\b/.exec(rest);
  if (pronoun?.[1]) return { kind: 'pronoun', pronoun: pronoun[1].toLowerCase(), at: at + lead, cue };
  // "said 9/11 widow Terry Strada": a short lowercase description, then the name.
  // (A code-like name such as "L2" may stand in the description: "said L2 president Bruce Willsie".)
  const described = new RegExp(`^(?:(?:[a-z0-9/-]+|[A-Z][A-Z0-9]*[0-9][A-Z0-9]*)[ \u00a0]+){1,3}(${NAME_RUN})`, 'u').exec(rest);
  if (described?.[1] && !/^(?:the|a|an|his|her|their|its)\b/.test(rest)) {
    // "said former Utah governor Michael Leavitt": the person after the place and title.
    const titled = new RegExp(`^[ \u00a0]+([a-z-]+)[ \u00a0]+(${NAME_RUN})`, 'u').exec(rest.slice(described[0].length));
    if (titled?.[2] && PERSON_TITLES.has(titled[1] ?? '')) {
      const person = readName(titled[2], at + lead + described[0].length + titled[0].length - titled[2].length);
      if (person && !person.org) return { kind: 'named', mention: person, cue };
    }
    const mention = readName(described[1], at + lead + described[0].length - described[1].length);
    // "said undecided Republican voter Stephanie Hooton": the party or place is the description's, the person comes after.
    const behind = !mention || mention.org ? ROLE_THEN_NAME.exec(rest.slice(described[0].length)) : null;
    const person = behind?.[1] ? readName(behind[1], at + lead + described[0].length + behind[0].length - behind[1].length) : null;
    if (person && !person.org) return { kind: 'named', mention: person, cue };
    // "said one district GOP leader": the name only describes whoever the noun after it is.
    const modifies = SPEAKER_NOUNS.has(/^[ \u00a0]+([a-z]+)\b/.exec(rest.slice(described[0].length))?.[1] ?? '');
    if (mention && !modifies) return { kind: 'named', mention, cue };
  }
  // "said the former top aide to …": the first of the next few words that names a speaker is the head.
  const nominal = NOMINAL_AFTER.exec(rest);
  if (nominal?.[1]) {
    const words = nominal[1].split(/\s+/);
    for (let i = 1; i < words.length; i++) {
      const word = words[i] as string;
      // "the school’s Facebook post": what a possessor owns is theirs, not a speaker's description.
      if (i > 1 && /[’']s?$/.test(words[i - 1] as string)) break;
      if (!isSpeakerNoun(word.toLowerCase())) continue;
      const phrase = words.slice(0, i + 1).join(' ');
      // "said the American ambassador at the time, John E. Herbst": the name in apposition.
      const apposed = APPOSED_NAME.exec(rest.slice(phrase.length));
      const named = apposed?.[1] ? readName(apposed[1], at + lead + phrase.length + apposed[0].length - apposed[1].length) : null;
      if (named && !named.org) return { kind: 'named', mention: named, cue };
      // "added his campaign manager Jeff Weaver", "said her spokesman Tom Hale": the person in the role.
      const tail = rest.slice(phrase.length);
      const role = ROLE_THEN_PERSON.exec(tail) ?? (ROLE_WORDS.includes(word.toLowerCase()) ? PERSON_NEXT.exec(tail) : null);
      const holder = role?.[1] ? readName(role[1], at + lead + phrase.length + role[0].length - role[1].length) : null;
      if (holder && !holder.org) return { kind: 'named', mention: holder, cue };
      // "according to a post from Arianna Huffington": a writing speaks for its author.
      const author = DOCUMENTS.has(word.toLowerCase()) || /^(?:post|tweet|column)$/i.test(word) ? AUTHOR_AFTER.exec(rest.slice(phrase.length)) : null;
      const writer = author?.[1] ? readName(author[1], at + lead + phrase.length + author[0].length - author[1].length) : null;
      if (writer) return { kind: 'named', mention: writer, cue };
      // "said the former secretary of state": the role with what it heads.
      const of = HEADING_ROLE.test(phrase) ? /^[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?[a-z]+/.exec(rest.slice(phrase.length)) : null;
      return { kind: 'nominal', phrase: of ? phrase + of[0] : phrase, at: at + lead, cue };
    }
  }
  return null;
}

/** After a capitalised word of a role ("MSNBC host …", "Republican voter …"): a few lowercase words, then the person. */
const ROLE_THEN_NAME = new RegExp(
  `^[ \u00a0]+(?!(?:of|from|in|at|for|with|and|to|on|while|whereas|but|or|as|who|when|after|before)\\b)(?:[a-z-]+[ \u00a0]+){1,4}(${NAME_RUN})`,
  'u',
);
const MANNER_INVERTED = new RegExp(`^([a-z]{3,}ed)(?=[ \u00a0]+${NAME_RUN}(?:[ \u00a0]+of[ \u00a0]+${NAME_RUN})?[ \u00a0]*(?:[,.;]|$))`, 'u');
const PERSON_NEXT = new RegExp(`^[ \u00a0]+(${NAME_RUN})`, 'u');
const AUTHOR_AFTER = new RegExp(`^[ \u00a0]+(?:from|by)[ \u00a0]+(${NAME_RUN})`, 'u');
const APPOSED_NAME = new RegExp(`^(?:[ \u00a0]+[a-z]+){0,4},[ \u00a0]+(${NAME_RUN})(?=[ \u00a0]*(?:[,.;]|$))`, 'u');

const NAME_THEN_COMMA = new RegExp(`^${NAME_RUN},[ \u00a0]`, 'u');

const NOMINAL_AFTER = /^((?:the|a|an|his|her|their|its|one)(?:\s+[\p{L}’'-]+){1,4})/u;

/** Speaker phrase in the text right after a quote: `,” said X`, `,” X said`, `,” according to X`. */
export function speakerAfterQuote(text: string, from: number, ceiling: number, reach = 140, tags?: Tags): SpeakerPhrase | null {
  let end = sentenceAfter(text, from, ceiling);
  // A short quoted name inside the subject's description ("X, wearing “Ted Cruz” campaign pins,
  // said") does not end the reading: the sentence goes on around it.
  for (let hops = 0; hops < 2; hops++) {
    const inset = /^[“"]·{1,30}[”"](?=[ \u00a0]+[a-z])/.exec(text.slice(end, end + 34));
    if (!inset || end - from > reach) break;
    end = sentenceAfter(text, end + inset[0].length, ceiling);
  }
  const window = text.slice(from, end);
  const lead = /^[\s,”"’'—–―-]*/.exec(window)?.[0].length ?? 0;
  const clause = window.slice(lead);
  // A byline-style signature: "…” ― Pamela Padilla".
  if (/^\s*[—–―-]/.test(window)) {
    const signed = RUN_AT_START.exec(clause);
    if (signed && /^[\s.,]*$/.test(clause.slice(signed[0].length))) {
      const mention = readName(signed[0], from + lead);
      if (mention) return { kind: 'named', mention, cue: '—' };
    }
  }
  const according = /^according to\b/i.exec(clause);
  if (according) return subjectAfter(text, from + lead + according[0].length, end, 'according to');
  // The passive: "was called “a disaster” by Paul Okafor".
  const by = /^by\b/.exec(clause);
  if (by && PASSIVE_CUE.test(text.slice(Math.max(0, from - 240), from))) {
    const agent = subjectAfter(text, from + lead + by[0].length, end, 'by');
    if (agent?.kind === 'named') return agent;
  }
  // "‘…,’ while Sarah Edwards added: ‘…’": the clause introduces the next quote.
  if (/^(?:while|whereas|and|but)\b/.test(clause) && /:[ \u00a0]*$/.test(window)) return null;
  // "said X" (inverted)
  const inverted = /^([a-z]+)\b/.exec(clause);
  if (inverted?.[1] && !inverted[1].endsWith('ing') && isCueAt(inverted[1], from + lead, tags, text))
    return subjectAfter(text, from + lead + inverted[1].length, end, inverted[1]);
  // “This is fantastic!” beamed Donald Hartley: a past tense between the quote and a full name that
  // ends the clause is how it was said, whatever the verb (no list holds them all).
  const manner = MANNER_INVERTED.exec(clause);
  if (manner?.[1]) {
    const phrase = subjectAfter(text, from + lead + manner[1].length, end, manner[1]);
    if (phrase?.kind === 'named' && phrase.mention.name.includes(' ') && !phrase.mention.org) return phrase;
  }
  // "X said", "X, the ..., said", "he later told": the first cue within reach (further after a
  // name and its comma: "Trump, the front-runner nationally and … after winning …, said").
  const cueRe = /\b([a-z]+)\b/g;
  // (And past a long title and name run straight into its cue: "…,” Homeland Security Deputy
  // Secretary Alejandro Mayorkas told reporters.)
  const run = RUN_AT_START.exec(clause)?.[0].length ?? 0;
  const limit = Math.max(NAME_THEN_COMMA.test(clause) ? 2 * reach : reach, run + 1);
  for (let m = cueRe.exec(clause); m; m = cueRe.exec(clause)) {
    if (m.index > limit) break;
    if (!m[1] || !isCueAt(m[1], from + lead + m.index, tags, text)) continue;
    const subject = subjectBefore(text, from + lead, from + lead + m.index, m[1]);
    if (subject) return subject;
    // "“…” if she lost, said David Wasser": the quote's sentence goes on, then "said X", inverted.
    // ("…,” telling Fox 35 that": whom a participle addresses is no speaker.)
    if (/,[ \u00a0]*$/.test(clause.slice(0, m.index)) && !m[1].endsWith('ing')) {
      const inverted = subjectAfter(text, from + lead + m.index + m[1].length, end, m[1]);
      if (inverted?.kind === 'named') return inverted;
    }
  }
  return null;
}

/**
 * 'his endorsements will carry “a great deal of weight” and …, DFA spokesman Neil Sroka said.',
 * 'Guns are “the ultimate crisis,” Howard Dean, the former governor, proclaimed to the crowd.': a
 * fragment's sentence ending on its attribution, the first cue after the fragment.
 */
export function speakerEndingSentence(text: string, from: number, ceiling: number): SpeakerPhrase | null {
  const limit = Math.min(ceiling, from + 300);
  const end = sentenceAfter(text, from, limit, true);
  if (end >= limit) return null;
  const tail = text.slice(from, end);
  const cueRe = /\b([a-z]+)\b/g;
  for (let m = cueRe.exec(tail); m; m = cueRe.exec(tail)) {
    if (!m[1] || !isCue(m[1])) continue;
    // Its subject follows the sentence's last comma ("…, Howard Dean, the former governor, proclaimed"),
    // and the cue ends the sentence or a short phrase of place, time or audience does.
    if (!/,[^,]{0,80}$/.test(tail.slice(0, m.index))) return null;
    const after = tail.slice(m.index + m[1].length);
    if (!/^(?:[ \u00a0]+(?:to|at|on|in|during|after|before|from|with|of|about|last|this|yesterday|today|tonight)\b[^,;:“”"·]{0,80})?$/.test(after)) return null;
    return subjectBefore(text, from, from + m.index, m[1]);
  }
  return null;
}

// (Its verb is no preposition: "in Syria and Iraq against the Islamic State, …" names places, not a subject.)
const CLAUSE_SUBJECT = new RegExp(
  `\\b(?:while|whereas|and|but)[ \u00a0]+(${NAME_RUN})[ \u00a0]+(?!(?:against|in|on|at|of|for|from|with|to|by|into|over|under|after|before|during|since)\\b)[a-z]+\\b[^;:.·“”"]{0,160},[ \u00a0]*$`,
  'u',
);

const PARENTHETICAL_CUE = new RegExp(`^(?:${NARRATING_VERBS})$`);
const REPORTER_BEFORE = new RegExp(`(?:,|[”"’])[ \u00a0]+(${NAME_RUN})[ \u00a0]+(?:${REPORTING_VERBS}),[ \u00a0]*$`, 'u');
// ("Said Dorothy Poynter, who grew up with Ali in the neighborhood, “…”": past an apposition too.)
const INVERTED_OPENING = new RegExp(
  `(?:^|[.!?]["”’]?[ \u00a0]+|\n)(?:${INVERTED_CUE_WORDS})[ \u00a0]+(${NAME_RUN})[ \u00a0]*(?:,[ \u00a0]+(?:who|a|an|the)\\b[^.;:!?“”"]{1,120})?,[ \u00a0]*$`,
  'u',
);
const PREPOSITION_OBJECT = /\b(?:to|with|for|from|at|on|in|about)[ \u00a0]+(?:the[ \u00a0]+|an?[ \u00a0]+)?(?:[A-Za-z-]+[ \u00a0]+){0,2}$/;
const NAME_BEFORE_COLON = new RegExp(`(${NAME_RUN}):[ \u00a0]*$`, 'u');

const PASSIVE_CUE =
  /\b(?:was|were|been|being|is|are)[ \u00a0]+(?:[a-z]+ly[ \u00a0]+)?(?:called|described[ \u00a0]+as|labell?ed|branded|dubbed|termed|characteri[sz]ed[ \u00a0]+as|criticised[ \u00a0]+as|criticized[ \u00a0]+as|slammed[ \u00a0]+as|praised[ \u00a0]+as|quoted[ \u00a0]+as[ \u00a0]+saying)[ \u00a0]+[“"‘']/;

/** Speaker phrase in the text right before a quote: `X said:`, `X said that`, `according to X,`. */
export function speakerBeforeQuote(text: string, floor: number, to: number, partial: boolean, tags?: Tags): SpeakerPhrase | null {
  const window = text.slice(floor, to);
  const according = /\baccording to\s+(.{1,140}?),?\s*$/i.exec(window);
  if (according?.[1]) {
    const phrase = subjectAfter(text, floor + (according.index ?? 0) + 'according to '.length, to, 'according to');
    if (phrase) return phrase;
  }
  // The cue nearest to the quote whose subject we can read; for a full quote it must sit close by.
  const cueRe = /\b([a-z]+)\b/g;
  const cues: { at: number; word: string }[] = [];
  for (let m = cueRe.exec(window); m; m = cueRe.exec(window)) {
    // Not part of a hyphenated word: "a post-primary salvo".
    if (window[m.index - 1] === '-' || window[m.index + m[0].length] === '-') continue;
    if (m[1] && isCueAt(m[1], floor + m.index, tags, text)) cues.push({ at: m.index, word: m[1] });
  }
  // "… doesn’t surprise Republican pollster Daron Shaw: “…”": a person named right before the colon.
  if (!partial && !cues.length) {
    const colon = NAME_BEFORE_COLON.exec(window);
    // "Said Ellis:" is an inverted cue and its name; a surname alone counts only after one.
    const cued = colon?.[1] ? INVERTED_CUE.exec(colon[1]) : null;
    const run = colon?.[1]?.slice(cued?.[0].length ?? 0) ?? '';
    const mention = run ? readName(run, floor + (colon?.index ?? 0) + (cued?.[0].length ?? 0)) : null;
    // (Not the object of a preposition: "broke down what was wrong to the Dutch newspaper NRC Handelsblad:".)
    const object = colon ? PREPOSITION_OBJECT.test(window.slice(0, colon.index)) : false;
    if (mention && !mention.org && !object && (mention.name.includes(' ') || cued)) return { kind: 'named', mention, cue: cued ? 'said' : ':' };
  }
  // "Said Comey, “…”": an inverted cue opening the sentence, capitalised.
  const opening = INVERTED_OPENING.exec(window);
  const invertedName = opening?.[1] ? readName(opening[1], floor + (opening.index ?? 0) + opening[0].indexOf(opening[1])) : null;
  if (invertedName && !invertedName.org) return { kind: 'named', mention: invertedName, cue: 'said' };
  // The passive: "Sanders was asked by host Bill Maher, …, “…”" is Maher's question.
  const agentOf = (cue: { at: number; word: string }) => {
    const by = /^[ \u00a0]+by[ \u00a0]+/.exec(window.slice(cue.at + cue.word.length));
    if (!by || !/\b(?:was|were|been|being|is|are)[ \u00a0]+$/.test(window.slice(Math.max(0, cue.at - 30), cue.at))) return null;
    const agent = subjectAfter(text, floor + cue.at + cue.word.length + by[0].length, to, cue.word);
    return agent?.kind === 'named' ? agent : null;
  };
  // Whatever cues a relative clause on the agent holds ("…, who has dismissed the story, “…”").
  for (const cue of cues) {
    const agent = agentOf(cue);
    const rest = agent?.kind === 'named' ? text.slice(agent.mention.end, to) : '';
    if (agent && (/^[ \u00a0]*[:,]?[ \u00a0]*$/.test(rest) || /^,[ \u00a0]+who\b/.test(rest))) return agent;
  }
  for (let i = cues.length - 1; i >= 0; i--) {
    const cue = cues[i] as { at: number; word: string };
    const tail = window.slice(cue.at + cue.word.length);
    const agent = agentOf(cue);
    if (agent) return agent;
    // (A number may stand among the words: "wrote to his 20,000 Twitter followers, “…”".)
    // (Or further, when a colon closes the sentence that leads in: "told Congress when asked last month about the inquiry: “…”".)
    const adjacent =
      (/^(?:\s+(?:[\p{L}’'.,-]+|\d[\d,.]*)){0,6}?\s*[:,]?\s*(?:that\s*)?$/u.test(tail) && tail.length < 80) || /^[^.,;:!?“”"‘’]{0,100}:\s*$/.test(tail);
    if (!partial && !adjacent) continue;
    // "Spiegel Online quoted Belgian Finance Minister Johan Van Overtveldt as saying that …": the one quoted.
    const quotedAs = cue.word === 'saying' ? /\bquoted[ \u00a0]+[^,;:·“”"]{1,100}?[ \u00a0]+as[ \u00a0]+$/.exec(window.slice(0, cue.at)) : null;
    const quoted = quotedAs ? subjectAfter(text, floor + quotedAs.index + 'quoted'.length, floor + cue.at, 'quoted') : null;
    if (quoted?.kind === 'named') return quoted;
    // "Clinton responded on Facebook writing, “…”", "wrote a letter to Loretta Lynch asking …": a
    // participle after a preposition's object belongs to the sentence's subject, not to that object.
    // ("Bolton distanced himself from it by saying he would …": the subject, by what they said.)
    if (cue.word.endsWith('ing') && (OBJECT_BEFORE.test(window.slice(0, cue.at)) || /\bby[ \u00a0]+$/.test(window.slice(0, cue.at)))) {
      const main = speakerOfSentence(text, floor, floor + cue.at, false);
      if (main?.kind === 'named' || main?.kind === 'pronoun') return { ...main, cue: cue.word };
    }
    const subject = subjectBefore(text, floor, floor + cue.at, cue.word);
    if (subject) return subject;
    // (Or right before the quote's colon: "Joanne Parker made light of it writing: ‘…’".)
    if (cue.word.endsWith('ing') && (/,\s*$/.test(window.slice(0, cue.at)) || /^[ \u00a0]*:[ \u00a0]*$/.test(tail))) {
      // "Mateen left as soon as prayers were finished, Nefzi said, adding, “…”" (or "…,” Law said, noting"): the reporter.
      const reporter = REPORTER_BEFORE.exec(window.slice(0, cue.at));
      const reporterName = reporter?.[1] ? readName(reporter[1], floor + reporter.index + reporter[0].indexOf(reporter[1])) : null;
      if (reporterName && !reporterName.org) return { kind: 'named', mention: reporterName, cue: cue.word };
      // "…, while Suzi Force believes he should be punished, saying: ‘…’": the nearer clause's subject.
      const near = CLAUSE_SUBJECT.exec(window.slice(0, cue.at));
      const nearName = near?.[1] ? readName(near[1], floor + (near.index ?? 0) + near[0].indexOf(near[1])) : null;
      if (nearName && !nearName.org) return { kind: 'named', mention: nearName, cue: cue.word };
      // "Weaver was not impressed with Sanders’ comments, telling reporters, “…”": the subject, not a claim's owner.
      const main = speakerOfSentence(text, floor, floor + cue.at, false);
      if (main) return { ...main, cue: cue.word };
    }
    const inverted = subjectAfter(text, floor + cue.at + cue.word.length, to, cue.word);
    // A fragment too, when the name stands alone between the cue and the quote ("explained Rosenberg, “with …”").
    const alone = inverted?.kind === 'named' && /^[:,][ \u00a0]*$/.test(text.slice(inverted.mention.end, to));
    // "The paradox, says Carl Anthony, historian at …, is that she was “…”": an inverted cue set
    // off by commas inside the sentence speaks for all of it.
    const parenthetical =
      inverted?.kind === 'named' &&
      PARENTHETICAL_CUE.test(cue.word) &&
      /,[ \u00a0]*$/.test(window.slice(0, cue.at)) &&
      /^[ \u00a0]*,/.test(text.slice(inverted.mention.end, inverted.mention.end + 3));
    // ("…, telling Reuters, “…”": whom a participle addresses is no speaker; whom it quotes is.)
    const addressed = cue.word.endsWith('ing') && cue.word !== 'quoting';
    if (inverted && inverted.kind === 'named' && !addressed && (!partial || alone || parenthetical)) return inverted;
  }
  return null;
}

const CLAIM_NOUNS =
  /([A-Z][\p{L}’'.-]+(?:[ \u00a0][A-Z][\p{L}’'.-]+)*)[’']s?[ \u00a0]+(?:[a-z-]+[ \u00a0]+|(?:Facebook|Twitter|Instagram)[ \u00a0]+)?(?:claim|claims|comment|comments|remark|remarks|words|statement|description|promise|pledge|assertion|call|vow|warning|argument|tweet|tweets|message|speech|insistence|characterization|slogan|question|answer|response|post|posting|letter|column|op-ed)\b/u;

const REDUCED_RELATIVE = new RegExp(
  `\\b(?:an?|the|this|that)[ \u00a0]+[a-z-]+[ \u00a0]+(${NAME_RUN})[ \u00a0]+(?:[a-z]+ly[ \u00a0]+|also[ \u00a0]+|once[ \u00a0]+)?(?:[a-z]+ed|brought|said|told|wrote|put|thought|gave|made|took)(?:[ \u00a0]+[a-z]+){0,3}?[ \u00a0]*$`,
  'u',
);

/** A wire story's dateline before its first sentence: "WASHINGTON —", "LA CROSSE, Wisc. —", "Washington (AFP) –". */
const DATELINE =
  /^(?:[A-Z][A-Z.’'-]+(?:[  ][A-Z][A-Z.’'-]+)*(?:,[  ][A-Z][\p{L}.]+)?|[A-Z][\p{L}.’'-]+(?:[  ][A-Z][\p{L}.’'-]+)*[  ]*\((?:AFP|AP|Reuters|CNN|dpa|Xinhua|UPI|Bloomberg)\))[  ]*(?:--|[–—-])[  ]+/u;

/** "Last month, …", "But back home, …", "Weighing in on it, …": a conjunction and a time, place or participle phrase before the clause. */
const OPENER_APPOSITION = /^(?:the|a|an)\s[^,;:“”"]{1,80},\s*(?=\p{Lu})/u;
const OPENING_ADVERBIAL = new RegExp(
  String.raw`^(?:(?:But|And|Yet|So|Still)\s+)?(?:(?:in|on|at|after|before|during|since|amid|amidst|despite|among|amongst|with|without|under|upon|throughout|last|this|earlier|later|following|back|however|meanwhile|instead|separately|elsewhere|yesterday|today|by\s+contrast|by\s+comparison|for\s+(?:his|her|its|their)\s+part|similarly|likewise|nonetheless|nevertheless|moreover|afterwards?|addressing|asked|pressed|[a-z]+ing\s+(?:${PARTICLE_WORDS})|[a-z]+ed\s+(?:${PARTICLE_WORDS}|by|at|in|on|with|from)|(?:(?:a\s+few|a\s+couple\s+of|several|many|\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|twenty|thirty|forty|fifty)\s+)?(?:moments|seconds|minutes|hours|days|weeks|months|years|decades)\s+(?:later|earlier|ago|before|after))\b[^,]{0,100},\s*(?:\d{4},\s*)?){0,2}`,
  'i',
);

/**
 * A fragment with no speech verb beside it belongs to whoever the sentence is about:
 * "Donald Trump’s claim that there were “thousands of shootings”", or the sentence's subject,
 * "Reid has gone after Trump as a “human leech”".
 */
export function speakerOfSentence(text: string, sentenceStart: number, to: number, claims = true): SpeakerPhrase | null {
  const sentence = text.slice(sentenceStart, to);
  const claim = claims ? CLAIM_NOUNS.exec(sentence) : null;
  // "… tried to downplay Ryan’s comments, saying they were “not a big deal”": a participle of speech
  // after the claim takes the quote for the sentence's subject, not for the claim's owner.
  const after = claim ? sentence.slice(claim.index + claim[0].length) : '';
  const participle = /,[”"’]?[ \u00a0]+([a-z]+ing)\b/.exec(after)?.[1];
  if (claim?.[1] && !(participle && isCue(participle))) {
    const mention = readName(claim[1], sentenceStart + claim.index);
    if (mention) return { kind: 'named', mention, cue: 'claim' };
  }
  // "…, an incident Trump brought up as “very fishy”": the subject of a relative clause whose verb takes the quote.
  const relative = REDUCED_RELATIVE.exec(sentence);
  const relativeName = relative?.[1]
    ? readName(relative[1], sentenceStart + relative.index + relative[0].indexOf(relative[1], relative[0].indexOf(' ')))
    : null;
  if (relativeName && !relativeName.org) return { kind: 'named', mention: relativeName, cue: 'subject' };
  const dateline = DATELINE.exec(sentence)?.[0].length ?? 0;
  let adverbial = dateline + (OPENING_ADVERBIAL.exec(sentence.slice(dateline))?.[0].length ?? 0);
  // "Preceded by Joe Arpaio, the Arizona sheriff, Trump launched": an opener's name with its apposition.
  const apposition =
    adverbial > dateline && /\p{Lu}[\p{L}.]*,\s*$/u.test(sentence.slice(0, adverbial)) ? OPENER_APPOSITION.exec(sentence.slice(adverbial)) : null;
  if (apposition) adverbial += apposition[0].length;
  // "When terrorists strike, Obama and Clinton call them …": the main clause first, then the whole.
  const subordinate = /^((?:when|while|if|because|although|though|once|until|unless|whenever)\s+)[^,]{0,100},\s*/i.exec(sentence.slice(adverbial));
  if (!subordinate) return subjectOfClause(sentence, sentenceStart, adverbial);
  // "Although the IMF did not …, it referenced …": the subordinate clause's own subject, failing that.
  return (
    subjectOfClause(sentence, sentenceStart, adverbial + subordinate[0].length) ??
    subjectOfClause(sentence, sentenceStart, adverbial + (subordinate[1]?.length ?? 0))
  );
}

/** Words that may stand before a clause's subject's name: "Democratic presidential nominee …". */
const DESCRIPTOR = /^(?:[A-Z][\p{L}.’'-]*|the|a|an|former|presidential|vice|then-[a-z]+|[a-z]+-[a-z]+|\d+-[a-z]+(?:-[a-z]+)*)$/u;
/** Capitalised words that open a clause rather than describe its subject ("When Clinton noted …"). */
const CLAUSE_OPENERS = new Set(
  'when while if as because although though since after before with for and but or so then there here this that these those what who how why where which whether by from of to in on at'.split(
    ' ',
  ),
);
const TITLE_OF = new RegExp(`\\b(${TITLES_WITH_OF})[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?`, 'g');
const isDescriptor = (w: string) => w === '' || PERSON_TITLES.has(w.toLowerCase()) || (DESCRIPTOR.test(w) && !CLAUSE_OPENERS.has(w.toLowerCase()));

const LATE_PRONOUN =
  /^(?:A few (?:days|weeks|months) ago|Last (?:week|month|year|night)|Earlier|Later|In|On|At|During|After|Before|Since)\b[^,.;:“”"]{0,90}?(?<!\b(?:that|who|whom|when|as|if|because|while|where|which|than))\s(he|she)(?=\s+(?:[a-z]+ly\s+|also\s+|then\s+)?[a-z]+(?:ed|s)\b)/;

/**
 * A picture caption's label ("Big group: The entire cast…", "Proud mum: …") starts with a
 * capitalised word that is no name; "Smith said: …" is a name before its cue.
 */
function isCaptionLabel(text: string, end: number): boolean {
  const label = CAPTION_LABEL.exec(text.slice(end, end + 40));
  return label !== null && !label[0].split(/[^a-z]+/).some((w) => CUE_VERBS.has(w));
}
const CAPTION_LABEL = /^(?:[ \u00a0][a-z]+){1,2}:[ \u00a0]+[A-Z‘“'"]/;

const SPOKESMAN_FOR = new RegExp(
  `^(?:[Aa]n?|[Tt]he)[ \u00a0]+(?:spokes(?:man|woman|person)|representative)[ \u00a0]+(?:for|of)[ \u00a0]+(?:the[ \u00a0]+)?${NAME_RUN}`,
  'u',
);

/** A noun after "campaign" that names one of its people: "campaign chairman", "campaign official". */
const isCampaignMember = (w: string) => SPEAKER_NOUNS.has(w) || ASSOCIATES.has(w) || /^(?:officials?|aides?|staff(?:ers?)?)$/.test(w);

/** The subject of the clause starting at `clauseStart`: a pronoun, or its first name past descriptors. */
function subjectOfClause(sentence: string, sentenceStart: number, clauseStart: number): SpeakerPhrase | null {
  const opening = sentence.slice(clauseStart, clauseStart + 90);
  const pronoun =
    /^(?:However,?\s+|But\s+|And\s+|Then\s+)?(he|she)\s+(?:(?:also|then|later|again|still|even|further|once|quickly|repeatedly|immediately|publicly)\s+)?[a-z]+(?:ed|s)\b/i.exec(
      opening,
    );
  if (pronoun?.[1]) return { kind: 'pronoun', pronoun: pronoun[1].toLowerCase(), at: sentenceStart + clauseStart + pronoun.index, cue: 'subject' };
  // "A few days ago in an interview with RT he blasted …": a time or place opener with no comma.
  const late = LATE_PRONOUN.exec(sentence.slice(clauseStart, clauseStart + 140));
  if (late?.[1]) return { kind: 'pronoun', pronoun: late[1].toLowerCase(), at: sentenceStart + clauseStart + late[0].length - late[1].length, cue: 'subject' };
  // "A spokesman for Platte River declined … but said": who the spokesman speaks for, resolved later.
  const spokesman = SPOKESMAN_FOR.exec(opening);
  if (spokesman) return { kind: 'nominal', phrase: spokesman[0], at: sentenceStart + clauseStart, cue: 'subject' };
  const runs = new RegExp(NAME_RUN, 'gu');
  for (let m = runs.exec(opening); m; m = runs.exec(opening)) {
    const before = opening.slice(0, m.index).replace(/\([^)]*\)/g, '');
    if (/[,;:]/.test(before)) return null;
    // "party procedures give the chair of the DNC …": a name deep in the clause is not its subject.
    // ("Former Secretary of State Madeleine Albright urged": "of" inside a title describes too.)
    const words = before.replace(TITLE_OF, '$1 ').split(/\s+/);
    if (!words.every(isDescriptor)) return null;
    const mention = readName(m[0], sentenceStart + clauseStart + m.index);
    if (!mention) continue;
    const rest = opening.slice(m.index + m[0].length);
    // "Clinton’s campaign took the step of …, accusing": the campaign.
    // ("A Clinton campaign official said" is someone of the campaign's, as below.)
    const owned = /[’']s?$/.test(m[0]) ? rest : /^[’']s?/.test(rest) ? rest.replace(/^[’']s?/, '') : null;
    const possessed = owned !== null && before.trim() === '' ? /^[ \u00a0]+campaign\b(?:[ \u00a0]+([a-z]+))?/.exec(owned) : null;
    if (possessed && !(possessed[1] && isCampaignMember(possessed[1])))
      return {
        kind: 'nominal',
        phrase: opening.slice(m.index, m.index + m[0].length + (rest.length - (owned ?? '').length) + possessed[0].indexOf('campaign') + 'campaign'.length),
        at: sentenceStart + clauseStart + m.index,
        cue: 'subject',
      };
    if (/^[’']/.test(rest) || /[’']s?$/.test(m[0])) return null; // "Scott's family said": not Scott
    if (/^\s+and\s+[A-Z]/.test(rest)) return null; // "Obama and Clinton call them": not one speaker
    if (isCaptionLabel(opening, m.index + m[0].length)) return null; // "Big group: The cast …": a caption
    // "Clinton campaign spokesman Brian Fallon responded": the person after the role.
    const role = ROLE_MODIFIER.exec(rest);
    if (role) {
      const person = readName(
        RUN_AT_START.exec(rest.slice(role[0].length - 1))?.[0] ?? '',
        sentenceStart + clauseStart + m.index + m[0].length + role[0].length - 1,
      );
      return person && !person.org ? { kind: 'named', mention: person, cue: 'subject' } : null;
    }
    // "The Florida senator sought …", "the Trump adviser said": a person the name only describes.
    // (The run may hold the article: "The Florida".)
    const described = DESCRIBED_PERSON.exec(rest);
    const phrase = described ? `${before}${m[0]}${described[0]}`.trim() : '';
    if (described && /^(?:[Tt]he|[Aa]n?|[Tt]his)\s/.test(phrase) && opening.includes(phrase)) {
      return { kind: 'nominal', phrase, at: sentenceStart + clauseStart + opening.indexOf(phrase), cue: 'subject' };
    }
    // "The Sanders campaign projects that …": the campaign, not Sanders.
    // ("A Clinton campaign official said" is someone of the campaign's, unnamed: not the campaign.)
    const campaign = /^\s+campaign\b(?:\s+([a-z]+))?/.exec(rest);
    if (campaign && !(campaign[1] && isCampaignMember(campaign[1]))) {
      const at = sentenceStart + clauseStart + (/(?:^|\s)(?:[Tt]he\s+)?$/.exec(before)?.index ?? m.index);
      return { kind: 'nominal', phrase: `${before.trim()} ${m[0]} campaign`.trim(), at, cue: 'subject' };
    }
    if (/^(?:\s*\([^)]*\),?)?(?:,[^,]{1,80},)?\s+(?:[a-z]+\s+){0,2}[a-z]+/.test(rest)) return { kind: 'named', mention, cue: 'subject' };
    return null;
  }
  return null;
}

export interface ResolveContext {
  registry: NameRegistry;
  mentions: NameMention[];
  /** Speakers already attributed, in text order, with where their quote stands. */
  recentSpeakers: { name: string; at: number }[];
  paragraphs: Span[];
  /** The text with quotations blanked out. */
  narrative: string;
  insideQuote: (at: number) => boolean;
}

const ROLE_FORMS: Record<string, string[]> = {
  president: ['president'],
  senator: ['senator', 'sen.', 'sen'],
  governor: ['governor', 'gov.', 'gov'],
  congressman: ['congressman', 'rep.', 'rep', 'representative'],
  congresswoman: ['congresswoman', 'rep.', 'rep', 'representative'],
  mayor: ['mayor'],
  secretary: ['secretary'],
  nominee: ['nominee'],
  candidate: ['candidate'],
  chairman: ['chairman'],
  chairwoman: ['chairwoman'],
  minister: ['minister'],
  chancellor: ['chancellor'],
  judge: ['judge', 'justice'],
  justice: ['justice'],
  pope: ['pope'],
  king: ['king'],
  queen: ['queen'],
  prince: ['prince'],
  princess: ['princess'],
  speaker: ['speaker'],
};

/** Turns a speaker phrase into a canonical name (or null), using the article's registry. */
export function resolveSpeaker(phrase: SpeakerPhrase, ctx: ResolveContext, commit = true): Attribution {
  if (phrase.kind === 'named') {
    // "King said" is B.B. King only in an article that names him; else it is no one we know.
    if (phrase.mention.titleOnly) {
      const known = ctx.registry.lookup(phrase.mention.name, undefined, phrase.mention.start);
      return { speaker: known?.kind === 'person' ? known.name : null, mention: 'named', cue: phrase.cue };
    }
    // Only the chosen speaker is added to the article's people; candidates are looked up.
    const name = commit
      ? ctx.registry.speaker(phrase.mention).name
      : (ctx.registry.lookup(phrase.mention.name, phrase.mention.gender, phrase.mention.start)?.name ?? phrase.mention.name);
    return { speaker: name, mention: 'named', cue: phrase.cue };
  }
  if (phrase.kind === 'pronoun') {
    // "…,” the company wrote. It added, “…”: "it" goes on with an organisation quoted just before.
    if (phrase.pronoun === 'it')
      return { speaker: itsSubject(phrase.at, ctx) ?? organisationQuotedBefore(phrase.at, ctx), mention: 'pronoun', cue: phrase.cue };
    if (phrase.pronoun !== 'he' && phrase.pronoun !== 'she') return { speaker: null, mention: 'pronoun', cue: phrase.cue };
    const gender = phrase.pronoun === 'he' ? 'm' : 'f';
    return { speaker: antecedent(phrase.at, gender, ctx, 3), mention: 'pronoun', cue: phrase.cue };
  }
  const words = phrase.phrase.split(/\s+/);
  // ("the former secretary of state" is headed by its role.)
  const roleOf = ROLE_OF.exec(phrase.phrase);
  const head = (roleOf?.[1] ?? words[words.length - 1] ?? '').toLowerCase();
  const definite = /^the$/i.test(words[0] ?? '');
  // "the IMF report stated", "Ivana Trump's brief said": a document speaks for whoever it names.
  // Whose the description is: "the IMF report", "Ryan’s campaign", "Powell’s office".
  const owner = ownerIn(phrase.phrase, phrase.at);
  if (DOCUMENTS.has(head)) {
    const entity = owner ? ctx.registry.lookup(owner.name, owner.gender) : undefined;
    if (entity) return { speaker: entity.name, mention: 'nominal', cue: phrase.cue };
    const issuer = definite ? issuerBefore(phrase.at, documentKind(head), ctx) : null;
    if (issuer) return { speaker: issuer.name, mention: issuer.attached ? 'named' : 'nominal', cue: phrase.cue };
  }
  // "a Platte River spokesman said", "a spokesman for Platte River": an organisation's unnamed
  // spokesperson speaks for it (a person's does not: "a Clinton spokesman" is no Clinton).
  const spokes = /^(?:an?|the)[ \u00a0]+(spokes(?:man|woman|person)|representative)[ \u00a0]+(?:for|of)[ \u00a0]/i.exec(phrase.phrase)?.[1] ?? head;
  if (/^(?:spokes(?:man|woman|person)|representative)$/.test(spokes) && owner) {
    const known = ctx.registry.lookup(owner.name, owner.gender);
    const organisation = known
      ? known.kind === 'organisation' || (ctx.registry.mayBeOrganisation(known.name) && !ctx.registry.isConfirmedPerson(known.name))
      : owner.org;
    // (By the organisation's name as the article gives it, not a longer run holding the word:
    // "a Twitter spokesman" is Twitter's, not the "pro-Islamic State Twitter account"'s.)
    const named = known && foldName(known.name).startsWith(foldName(owner.name)) ? known.name : known ? owner.name : null;
    if (organisation) return { speaker: named ?? (commit ? ctx.registry.speaker(owner).name : owner.name), mention: 'nominal', cue: phrase.cue };
  }
  // "the editorial board writes", "the editors said": the newspaper last named.
  if (definite && /^(?:the[ \u00a0]+)(?:(?:newspaper|paper)[’']s[ \u00a0]+)?(?:editorial[ \u00a0]+board|editorial|editors)$/i.test(phrase.phrase)) {
    const paper = nearestNewspaper(phrase.at, ctx);
    if (paper) return { speaker: paper, mention: 'nominal', cue: phrase.cue };
  }
  // "his wife said", "Sanders’ wife whispered": the wife the article has named ("his wife, Jane").
  if (isRelativeNoun(head) && words.length <= 3 && (owner || /^(?:his|her)$/i.test(words[0] ?? ''))) {
    const relative = namedRelative(head, phrase.at, ctx);
    if (relative) return { speaker: relative, mention: 'nominal', cue: phrase.cue };
  }
  // "Powell’s office said", "Gowdy’s office assured": an official's office speaks in their name.
  if (head === 'office' && owner && !owner.org) {
    const official = ctx.registry.lookup(owner.name, owner.gender, phrase.at);
    if (official?.kind === 'person') return { speaker: official.name, mention: 'named', cue: phrase.cue };
  }
  // "the Trump campaign said", "Ryan’s campaign": the campaign speaks, an organisation of its own,
  // not its candidate (who may say otherwise), under one name however it is written.
  if (head === 'campaign' && owner && !owner.org) {
    const known = ctx.registry.lookup(owner.name, owner.gender);
    if (known?.kind !== 'organisation') {
      const name = `${(known?.name ?? owner.name).split(' ').pop()} campaign`;
      // (Named by its candidate's name, it is as named a speaker as the candidate would be.)
      return {
        speaker: commit ? ctx.registry.speaker({ ...owner, end: owner.start + name.length, name, org: true }).name : name,
        mention: 'named',
        cue: phrase.cue,
      };
    }
  }
  // "the committee said", "the department wrote": the organisation named so just before.
  // ("The Wisconsin Republican" is one member, a person; "the Republicans" may be the party.)
  if (definite && (ORG_WORDS.has(head) || GENERIC_ORGS.has(head)) && PERSON_NOUNS[head] === undefined) {
    const org = nearestOrganisation(phrase.at, head, ctx);
    if (org) return { speaker: org, mention: 'nominal', cue: phrase.cue };
  }
  // "the president", "the Vermont senator": the article's holder of that role.
  const forms = ROLE_FORMS[head];
  if (forms && definite) {
    const modifiers = words.slice(1, -1).filter((w) => /^[A-Z]/.test(w));
    const holders = ctx.registry
      .people()
      .filter((p) => p.kind === 'person' && p.roles.some((r) => forms.some((f) => r.toLowerCase().split(/\s+/).includes(f))))
      .sort((a, b) => b.mentions - a.mentions);
    // ("The Florida senator" is no senator the article titles from elsewhere: then whoever the story is about.)
    const holder = holders.find((p) => modifiers.every((m) => p.roles.some((r) => r.includes(m)))) ?? (modifiers.length ? undefined : holders[0]);
    if (holder) return { speaker: holder.name, mention: 'nominal', cue: phrase.cue };
  }
  // "the New York businessman", "the mother of three": the person the story is about just then.
  const described = PERSON_NOUNS[head] ?? (AGE_NOUN.test(head) || roleOf ? 'any' : undefined);
  // "the relieved father" of a story about a father and his son: the one introduced as the parent.
  const generation = generationOfNoun(head);
  const relative = generation && /^(?:the|this)$/i.test(words[0] ?? '') ? ctx.registry.ofGeneration(generation) : null;
  if (relative) return { speaker: relative, mention: 'nominal', cue: phrase.cue };
  // "the senior Cruz adviser" is someone who advises Cruz, unnamed: not Cruz, nor the last person named.
  if (ASSOCIATES.has(head) && words.slice(1, -1).some((w) => /^\p{Lu}/u.test(w) && ctx.registry.lookup(w)?.kind === 'person')) {
    return { speaker: null, mention: 'nominal', cue: phrase.cue };
  }
  if (described && /^(?:the|this)$/i.test(words[0] ?? '')) {
    return { speaker: antecedent(phrase.at, described === 'any' ? undefined : described, ctx), mention: 'nominal', cue: phrase.cue };
  }
  return { speaker: null, mention: 'nominal', cue: phrase.cue };
}

/** The first name in a description ("the IMF report", "Ryan’s campaign"), where it stands. */
function ownerIn(phrase: string, at: number): NameMention | null {
  const run = NAME_RUN_RE.exec(phrase.replace(/^(?:[Tt]he|[Aa]n?)\s+/, ''));
  return run ? readName(run[0].replace(/[’']s?$/, ''), at + phrase.indexOf(run[0])) : null;
}

/** Where a search back from `at` starts: the paragraph two before the one `at` stands in. */
function lookBack(at: number, ctx: ResolveContext): { paraIndex: number; floor: number } {
  const paraIndex = ctx.paragraphs.findIndex((p) => at >= p.start && at <= p.end);
  return { paraIndex, floor: ctx.paragraphs[Math.max(0, paraIndex - 2)]?.start ?? 0 };
}

/** The speaker quoted last before `at`, within two paragraphs, when it is an organisation. */
function organisationQuotedBefore(at: number, ctx: ResolveContext): string | null {
  const { floor } = lookBack(at, ctx);
  const last = ctx.recentSpeakers.filter((s) => s.at < at && s.at >= floor).pop();
  const entity = last ? ctx.registry.lookup(last.name) : undefined;
  const organisation =
    entity?.kind === 'organisation' || (entity && ctx.registry.mayBeOrganisation(entity.name) && !ctx.registry.isConfirmedPerson(entity.name));
  return organisation && last ? last.name : null;
}

/**
 * "The group seeks to … what it calls “…”", "Trump’s campaign backtracked, putting out a statement.
 * In cases of abortion, it said, “…”": "it" is the organisation or document that its own sentence,
 * or the one before, is about.
 */
function itsSubject(at: number, ctx: ResolveContext): string | null {
  const { floor } = lookBack(at, ctx);
  const own = sentenceBefore(ctx.narrative, at, floor);
  const sentences: [number, number][] = [[own, at], previousSentence(ctx.narrative, own, floor)];
  for (const [from, to] of sentences) {
    const described = DESCRIBED_SUBJECT.exec(ctx.narrative.slice(from, to));
    const subject: SpeakerPhrase | null = described?.[1]
      ? { kind: 'nominal', phrase: described[1], at: from + described[0].length - described[1].length, cue: 'subject' }
      : to > from
        ? speakerOfSentence(ctx.narrative, from, to, false)
        : null;
    if (!subject || subject.kind === 'pronoun') continue;
    const resolved = resolveSpeaker(subject, ctx, false).speaker;
    const entity = resolved ? ctx.registry.lookup(resolved) : undefined;
    if (resolved && (subject.kind === 'nominal' || entity?.kind === 'organisation')) return resolved;
    return null;
  }
  return null;
}

/** A sentence about a document or an organisation described, not named: "The email includes …". */
const DESCRIBED_SUBJECT = /^\s*((?:The|This|That)[ \u00a0]+(?:[a-z-]+[ \u00a0]+)?[a-z]+)[ \u00a0]+(?:[a-z]+ly[ \u00a0]+)?[a-z]+(?:s|ed)\b/;

/** Nouns for any kind of organisation: "the company" is the one just named, whatever its name. */
const GENERIC_ORGS = new Set([
  'company',
  'firm',
  'group',
  'business',
  'corporation',
  'carmaker',
  'retailer',
  'airline',
  'insurer',
  'lender',
  'startup',
  'charity',
  'team',
  'network',
  'broadcaster',
  'agency',
]);

/**
 * The organisation last named before `at` (within two paragraphs) whose name has `noun` in it or,
 * for a generic noun, any name that reads as an organisation rather than a person ("Acme Robotics").
 */
function nearestOrganisation(at: number, noun: string, ctx: ResolveContext): string | null {
  const { floor } = lookBack(at, ctx);
  const generic = GENERIC_ORGS.has(noun);
  let named: string | null = null;
  let other: string | null = null;
  // One named by its noun ("the Illinois Board of Elections" … "the board said") is looked for in
  // the whole article before; any organisation for a generic noun only nearby.
  for (const m of ctx.mentions) {
    if (m.start >= at) break;
    if (ctx.insideQuote(m.start)) continue;
    const entity = ctx.registry.lookup(m.name, m.gender);
    if (!entity) continue;
    if (entity.kind === 'organisation' && entity.name.toLowerCase().split(/\s+/).includes(noun)) named = entity.name;
    else if (generic && m.start >= floor && ctx.registry.mayBeOrganisation(entity.name)) other = entity.name;
  }
  return named ?? other;
}

const NEWSPAPER_WORDS =
  /\b(?:Journal|Times|Post|News|Herald|Tribune|Gazette|Telegraph|Guardian|Globe|Review|Register|Examiner|Chronicle|Star|Sun|Mail|Express|Observer|Inquirer|Courier|Standard|Independent|Economist|Bee|Dispatch|Enquirer|Record)$/;

/** "his wife, Jane Sanders" (noun 1, name 2) and "Jane Sanders, his wife" (name 3, noun 4). */
const NAMED_RELATIVE = new RegExp(
  `\\b(${RELATIVE_NOUN_WORDS}),?[ \u00a0]+(${NAME_RUN})|(${NAME_RUN}),[ \u00a0]+(?:his|her|[A-Z][\\p{L}.-]*[’']s?)[ \u00a0]+(${RELATIVE_NOUN_WORDS})\\b`,
  'gu',
);

/** The person last named as that relative before `at` ("his wife, Jane Sanders", "Jane Sanders, his wife"), if one. */
function namedRelative(noun: string, at: number, ctx: ResolveContext): string | null {
  let found: string | null = null;
  for (const m of ctx.narrative.slice(0, at).matchAll(NAMED_RELATIVE)) {
    const name = m[2] ?? m[3];
    if ((m[1] ?? m[4])?.toLowerCase() !== noun || !name) continue;
    const start = (m.index ?? 0) + m[0].indexOf(name);
    const mention = ctx.insideQuote(start) ? null : readName(name, start);
    const entity = mention ? ctx.registry.lookup(mention.name, mention.gender, start) : undefined;
    if (entity?.kind === 'person') found = entity.name;
  }
  return found;
}

/** The newspaper named last before `at`, anywhere in the article before it. */
function nearestNewspaper(at: number, ctx: ResolveContext): string | null {
  let paper: string | null = null;
  for (const m of ctx.mentions) {
    if (m.start >= at) break;
    if (ctx.insideQuote(m.start)) continue;
    const entity = ctx.registry.lookup(m.name, m.gender);
    if (entity?.kind === 'organisation' && NEWSPAPER_WORDS.test(entity.name)) paper = entity.name;
  }
  return paper;
}

const ISSUED_BY = new RegExp(
  `\\b(?:prepared|published|issued|written|compiled|produced|released|commissioned|drafted|authored|sent|signed|attributed)[ \u00a0]+(?:by|from|to)[ \u00a0]+(?:the[ \u00a0]+)?(?:[a-z’'-]+[ \u00a0]+){0,3}?(?:(?:[a-z]+[ \u00a0]+){0,2}[a-z]+,[ \u00a0]+)?(${NAME_RUN})`,
  'gu',
);
/**
 * "President Obama released a statement", "Cook provided a written statement", "Clinton's campaign
 * sent out an email fundraising appeal", "his campaign sent a fundraising email": who issued it, and what.
 */
const ISSUED = new RegExp(
  `(?:(${NAME_RUN})|\\b(his|her))(?:[’']s)?([ \u00a0]+campaign)?,?[ \u00a0]+(?:(?:has|had|have)[ \u00a0]+)?(?:released|issued|sent(?:[ \u00a0]+out)?|put[ \u00a0]+out|provided|distributed|circulated|posted|(?:said|says|wrote|writes|added|announced)[ \u00a0]+in)[ \u00a0]+(?:a|an|the|his|her|its|their)[ \u00a0]+(?:[a-z-]+[ \u00a0]+){0,2}?(statement|e-?mail|letter|release|memo|report)\\b`,
  'gu',
);
/**
 * "At Brazile’s direction, the DNC issued a statement apologizing to Sanders …" ¶ “…”: who issued
 * the statement that the next paragraph, with no cue of its own, then quotes.
 */
export function issuerInSentence(text: string, from: number, to: number): SpeakerPhrase | null {
  for (const m of text.slice(from, to).matchAll(ISSUED)) {
    const mention = m[1] && !m[3] ? readName(m[1], from + (m.index ?? 0)) : null;
    if (mention) return { kind: 'named', mention, cue: 'statement' };
  }
  return null;
}

/** "Huma Abedin, vice chairwoman for the campaign, emailed supporters": she sent the email. */
const EMAILED = new RegExp(`(${NAME_RUN})(?:,[^,.;“”"]{1,80},)?[ \u00a0]+e-?mailed\\b`, 'gu');

/**
 * "The document – prepared by the Congressional Research Service –", "the statement, which was
 * attributed to Miller", "Obama released a statement …. “…,” the statement said": who issued the
 * document last spoken of, which speaks in their name.
 */
function issuerBefore(at: number, head: string, ctx: ResolveContext): { name: string; attached: boolean } | null {
  const { floor } = lookBack(at, ctx);
  const window = ctx.narrative.slice(floor, at + 200);
  let issuer: { name: string; at: number; attached: boolean } | null = null;
  const consider = (run: string | undefined, start: number, attached: boolean) => {
    const mention = run ? readName(run, start) : null;
    const entity = mention ? ctx.registry.lookup(mention.name, mention.gender, start) : undefined;
    if (entity && !ctx.insideQuote(start) && (!issuer || start > issuer.at)) issuer = { name: entity.name, at: start, attached };
  };
  for (const m of window.matchAll(ISSUED_BY)) {
    // (After the document only in its own clause, "the statement, which was attributed to Miller",
    // where the issuer is as much named in the attribution as "according to X" would be.)
    const start = floor + (m.index ?? 0);
    const attached = start > at && /^[^.!?“”"]{0,60}$/.test(ctx.narrative.slice(at, start));
    if (start < at || attached) consider(m[1], start + m[0].length - (m[1]?.length ?? 0), attached);
  }
  // (Issued before the document speaks, and the same kind of document.)
  for (const m of window.matchAll(ISSUED)) {
    const start = floor + (m.index ?? 0);
    if (start >= at || documentKind(m[4] ?? '') !== head) continue;
    if (!m[3]) consider(m[1], start, false);
    else {
      // A campaign is its own speaker, named by its candidate ("Cruz campaign"), as a described one is.
      const candidate = m[1] ? ctx.registry.lookup(readName(m[1], start)?.name ?? m[1]) : undefined;
      const owner = m[2] ? antecedent(start, m[2] === 'his' ? 'm' : 'f', ctx) : candidate?.kind === 'person' ? candidate.name : null;
      if (owner && (!issuer || start > issuer.at)) issuer = { name: `${owner.split(' ').pop()} campaign`, at: start, attached: false };
    }
  }
  if (head === 'email') for (const m of window.matchAll(EMAILED)) if (floor + (m.index ?? 0) < at) consider(m[1], floor + (m.index ?? 0), false);
  return issuer;
}

/** "e-mail" and "email" are one kind of document. */
const documentKind = (noun: string) => noun.replace('e-mail', 'email');

/** What an organisation or a person issues, which then "says" things in their name. */
const DOCUMENTS = new Set([
  'report',
  'document',
  'dossier',
  'assessment',
  'statement',
  'brief',
  'filing',
  'letter',
  'memo',
  'complaint',
  'lawsuit',
  'ruling',
  'study',
  'survey',
  'analysis',
  'release',
  'email',
  'e-mail',
]);

/** Who works for someone: modified by that someone's name, the noun names neither them nor anyone known. */
const ASSOCIATES = new Set(ROLE_WORDS);

/** Nouns that describe one person already in the story, with the gender they imply. */
const PERSON_NOUNS: Record<string, 'm' | 'f' | 'any'> = {
  businessman: 'm',
  businesswoman: 'f',
  mogul: 'any',
  billionaire: 'any',
  man: 'm',
  woman: 'f',
  mother: 'f',
  father: 'm',
  nominee: 'any',
  candidate: 'any',
  senator: 'any',
  lawmaker: 'any',
  congressman: 'm',
  congresswoman: 'f',
  governor: 'any',
  president: 'any',
  mayor: 'any',
  democrat: 'any',
  republican: 'any',
  politician: 'any',
  veteran: 'any',
  actor: 'any',
  actress: 'f',
  singer: 'any',
  star: 'any',
  host: 'any',
  director: 'any',
  leader: 'any',
  minister: 'any',
  officer: 'any',
  chairman: 'm',
  chairwoman: 'f',
  executive: 'any',
  founder: 'any',
  author: 'any',
  economist: 'any',
  professor: 'any',
  pollster: 'any',
  strategist: 'any',
  adviser: 'any',
  advisor: 'any',
  aide: 'any',
  lawyer: 'any',
  attorney: 'any',
  judge: 'any',
  activist: 'any',
  analyst: 'any',
  journalist: 'any',
  diplomat: 'any',
  ambassador: 'any',
  prosecutor: 'any',
  coach: 'any',
  'front-runner': 'any',
  frontrunner: 'any',
  tycoon: 'any',
  magnate: 'any',
  pope: 'm',
  justice: 'any',
  investor: 'any',
  lady: 'f',
  entrepreneur: 'any',
  philanthropist: 'any',
  banker: 'any',
  comedian: 'any',
  rapper: 'any',
  musician: 'any',
  writer: 'any',
  novelist: 'any',
  filmmaker: 'any',
  producer: 'any',
  celebrity: 'any',
  athlete: 'any',
  footballer: 'any',
  teenager: 'any',
  soldier: 'any',
  doctor: 'any',
  surgeon: 'any',
  scientist: 'any',
  researcher: 'any',
  priest: 'm',
  bishop: 'any',
  cardinal: 'm',
  rabbi: 'any',
  imam: 'm',
  monarch: 'any',
  king: 'm',
  queen: 'f',
  prince: 'm',
  princess: 'f',
  ceo: 'any',
};
/** "the 46-year-old said": an age stands for a person too. */
const AGE_NOUN = /^\d+-year-old$/;
/** A noun that may stand for a speaker ("the senator", "the 46-year-old"). */
const isSpeakerNoun = (w: string) => SPEAKER_NOUNS.has(w) || AGE_NOUN.test(w);

/** After a name, the person noun it describes: "(the Florida) senator", "(the Trump) campaign chairman". */
const PERSON_NOUN_WORDS = [...new Set([...Object.keys(PERSON_NOUNS), ...Object.keys(ROLE_FORMS), ...ROLE_WORDS])].join('|');
const DESCRIBED_NOUN = `(?:[ \u00a0]+[a-z-]+){0,2}?[ \u00a0]+(?:${PERSON_NOUN_WORDS})\\b(?![’'-])`;
/** …as a clause's subject, before its verb: "(The Florida) senator sought". */
const DESCRIBED_PERSON = new RegExp(`^${DESCRIBED_NOUN}(?=[ \u00a0]+[a-z]+)`);
/** …after an inverted cue: "said (the Florida) senator, “because …”". */
const DESCRIBED_AFTER = new RegExp(`^${DESCRIBED_NOUN}`);
/** "(the former) secretary of state", "(the) minister of defence": a role named by what it heads. */
const HEADING_ROLES = 'secretary|minister|director|head|chief';
const ROLE_OF = new RegExp(`\\b(${HEADING_ROLES})[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?[a-z]+$`, 'i');
const HEADING_ROLE = new RegExp(`\\b(?:${HEADING_ROLES})$`, 'i');
/** "the former senator from Pennsylvania": the description, its noun and the place. */
const DESCRIBED_FROM_PLACE = new RegExp(
  `\\b([Tt]he|[Aa]n?)((?:[ \u00a0]+[a-z-]+){0,2}?[ \u00a0]+(?:${PERSON_NOUN_WORDS}))[ \u00a0]+(?:from|of)[ \u00a0]+(${NAME_RUN})$`,
  'u',
);

const ROLE_NOUNS = ROLE_WORDS
  // As a title too: "Clinton campaign Chairman John Podesta".
  .map((w) => `[${w[0]}${w[0]?.toUpperCase()}]${w.slice(1)}`)
  .join('|');
/**
 * After a name, a role and another name ("Sanders campaign manager Jeff Weaver", "Pennsylvania
 * governor Ed Rendell", "Republican Presidential hopeful Sen. Ted Cruz", "Trump’s Virginia state
 * director, Mike Rubino"): the first name only modifies the role.
 */
const ROLE_MODIFIER = new RegExp(
  `^[ \u00a0]+(?:(?:(?!(?:said|says|told|tells|named|names|appointed|hired|fired|called|met|and|or|with|to|of|the|a|his|her)\\b)[a-z-]+[ \u00a0]+){0,2}(?:${ROLE_NOUNS})|(?:(?:state|presidential|former)[ \u00a0]+)?(?:governor|senator|congressman|congresswoman|mayor|hopeful|candidate|nominee|president)),?[ \u00a0]+[A-Z]`,
);
/** After a description that stops short of its person: "(his campaign) manager Jeff Weaver". */
const ROLE_THEN_PERSON = new RegExp(`^(?:[ \u00a0]+[a-z-]+){0,2}?[ \u00a0]+(?:${ROLE_NOUNS})[ \u00a0]+(${NAME_RUN})`, 'u');

/** A possessor followed by their own writing ("Tuttle’s article"): the author, not a mere mention. */
const AUTHORED = /^[’']s?[ \u00a0]+(?:(?:new|latest|recent|own)[ \u00a0]+)?(?:article|column|op-ed|essay|piece|book|memoir|blog|post|letter|editorial)\b/;

/** A sentence's opening description up to the comma before a name in apposition ("Bloomberg's pollster, "). */
const APPOSED_SUBJECT = /^(?:(?:The|A|An|His|Her|Their)|[A-Z][\p{L}.-]*(?:[ \u00a0][A-Z][\p{L}.-]*)*[’']s?)[ \u00a0][^,;:.“”"]{1,60},[ \u00a0]+$/u;

/** Where a person stands in a picture: "(right)", "(centre)", "(from left to right)", "(pictured)". */
const CAPTION_PLACE =
  /^[ \u00a0]*(?:\((?:pictured|(?:from |second |third |far |top |bottom |back |front )?(?:left|right|centre|center|middle)(?: to right| to left)?)\)|(?:via|for|\/)[ \u00a0]*(?:Getty|AP|Reuters|AFP|Shutterstock|EPA)\b)/i;

/**
 * A noun, then a title (captured), with no stop between ("his wife Masters chairman "): not after
 * a cue or a preposition.
 */
const RUN_IN_TITLE =
  /(?<!\b(?:said|says|told|that|and|but|with|of|for|to|by|from|about|as|the|a|an))[ \u00a0]+(?!(?:said|says|told|that|the|a|an|his|her|their|its)\b)[a-z]+[ \u00a0]+(?:[A-Z][\p{L}’'-]*[ \u00a0]+)?([a-z]+)[ \u00a0]+$/u;

/**
 * A sentence's opening phrase, up to its first comma: a participle or a preposition. (Not a
 * clause: "When Trump held rallies he was received" — its subject is the main clause's too.)
 */
const OPENING_PHRASE = /^(?:[A-Z][a-z]+(?:ed|ing)|Despite|Unlike|Like|With|Without|Among|Against|Along|Alongside|Beside|Besides)\b[^,;:.“”"]*$/;
/**
 * "When Maddow pointed out …, Clinton seized on it": the first name after the clause is the
 * sentence's subject. (The clause's comma may stand inside a quote it ends on: "When Maddow called
 * it “Medicare for all,” Clinton …".)
 */
const AFTER_SUBORDINATE = /^(?:When|While|After|Although|Though|Once|Until|As|If|Because)\b[^;:.]*(?:,|[”"])[ \u00a0]+$/;

/**
 * The person a he/she refers to: the latest gender-compatible person in the two paragraphs before
 * it, preferring sentence subjects and earlier speakers over people merely mentioned; names inside
 * quotes are not candidates.
 */
/** `hops`: how many pronoun-only stretches a pronoun may follow back (a description follows none). */
function antecedent(at: number, gender: 'm' | 'f' | undefined, ctx: ResolveContext, hops = 0): string | null {
  const { paraIndex, floor } = lookBack(at, ctx);
  const ownParagraphStart = ctx.paragraphs[paraIndex]?.start ?? at;
  const compatible = (name: string) => {
    const g = ctx.registry.genderOf(name);
    return !g || !gender || g === gender;
  };
  let subject: { name: string; at: number } | null = null;
  let any: { name: string; at: number } | null = null;
  let introduced: { name: string; at: number } | null = null;
  // "Flynn said Trump was “right” when he said …": a pronoun opening a subordinate clause goes to
  // the person named last in its own sentence, not to that sentence's subject.
  const pronounSentence = sentenceBefore(ctx.narrative, at, floor);
  const subordinate = /\b(?:when|after|because|since|before|while|as|if|until)[ \u00a0]+$/i.test(ctx.narrative.slice(Math.max(pronounSentence, at - 12), at));
  let sameSentence: { name: string; at: number } | null = null;
  // "Also, Trump is no conservative, he said.": the pronoun closing a sentence reports it, so no one
  // that sentence names is who it means.
  const reports = REPORTED_BY.test(ctx.narrative.slice(at - 2, at)) && REPORTING_VERB.test(ctx.narrative.slice(at, at + 16).replace(/^\p{L}+/u, ''));
  let sentence = -1;
  let lastEnd = 0;
  for (const m of ctx.mentions) {
    if (m.start >= at) break;
    if (m.start < floor || ctx.insideQuote(m.start) || (reports && m.start >= pronounSentence)) continue;
    const previousEnd = lastEnd;
    lastEnd = m.end;
    // "Harwood (right) sits on the bench with …", "Neilson Barnard via Getty Images.": a picture
    // caption or credit glued into the text, not the story.
    if (CAPTION_PLACE.test(ctx.narrative.slice(m.end, m.end + 30))) {
      sentence = sentenceBefore(ctx.narrative, m.start, floor);
      continue;
    }
    const entity = ctx.registry.lookup(m.name, m.gender);
    if (entity?.kind !== 'person' || !compatible(entity.name) || !ctx.registry.isPersonLike(entity.name)) continue;
    // "Henry Crespo, president of the caucus." then, in a new paragraph, “…,” he said: a person
    // introduced just before, full name and description, is who the reporter is about to quote.
    if (
      m.start < ownParagraphStart &&
      m.name.includes(' ') &&
      INTRODUCED.test(ctx.narrative.slice(m.end, m.end + 60)) &&
      firstMention(entity.name, m.start, ctx)
    ) {
      introduced = { name: entity.name, at: m.start };
    }
    // The first person named in a sentence is its subject, and so is one opening a clause of its
    // own (", and Cambiasso is"); a possessor ("Nigel Pearson's men") is only mentioned.
    const start = sentenceBefore(ctx.narrative, m.start, floor);
    // …but not one inside an opening phrase ("Preceded at the lectern by Joe Arpaio, …, Trump launched").
    // (A name that looks like a participle, "Reed" or "Fred", opens no such phrase.)
    const opener = ctx.narrative.slice(start, m.start);
    const inOpener = OPENING_PHRASE.test(opener) && ctx.registry.lookup(/^\S+/.exec(opener)?.[0] ?? '')?.kind !== 'person';
    const opensSentence = (start !== sentence && !inOpener) || AFTER_SUBORDINATE.test(opener);
    // A modifier of someone's role ("Sanders campaign manager Jeff Weaver") leaves the subject to them.
    const modifier = ROLE_MODIFIER.test(ctx.narrative.slice(m.end, m.end + 50));
    // "At an interview with Bloomberg Politics, he said": a name the pronoun follows straight after its comma is no subject.
    const beforePronoun = /^,[ \u00a0]+$/.test(ctx.narrative.slice(m.end, at));
    // "“I don't think the wisdom” -- that Bloomberg is seen as a liberal -- “is going to last,” he
    // says": a name in an aside between dashes is no subject.
    const aside = ASIDE_OPEN.test(opener) && ASIDE_CLOSE.test(ctx.narrative.slice(m.end, at));
    if (!inOpener && !modifier) sentence = start;
    // …unless what they possess is their own writing ("Tuttle’s article also attacked …. He calls …").
    const possessor = modifier || (/^[’']s?\b/.test(ctx.narrative.slice(m.end, m.end + 2)) && !AUTHORED.test(ctx.narrative.slice(m.end, m.end + 40)));
    // Not a list's last name followed by a preposition ("X, Y and Carl Mosby during their time …").
    // (Not the second of a pair, "he and Giles had been frustrated": the pair is one subject.)
    const opensClause =
      /(?:\band|\bbut|\bwhile)[ \u00a0]+$/.test(ctx.narrative.slice(Math.max(start, m.start - 8), m.start)) &&
      !/\b(?:he|she|I|we|they)[ \u00a0]+and[ \u00a0]+$/.test(ctx.narrative.slice(Math.max(start, m.start - 12), m.start)) &&
      !/^[ \u00a0]+and[ \u00a0]+$/.test(ctx.narrative.slice(previousEnd, m.start)) &&
      /^[ \u00a0]+(?:[a-z]+ly[ \u00a0]+)?(?!(?:during|at|in|on|of|for|from|with|without|after|before|outside|inside|near|behind|alongside)\b)[a-z]+/.test(
        ctx.narrative.slice(m.end, m.end + 20),
      );
    // "… with his wife Masters chairman Billy Payne talked …": a caption ran into the sentence with
    // no stop; a full name after its title, right before its own past-tense verb, starts a sentence.
    const runIn =
      m.name.includes(' ') &&
      /^[ \u00a0]+(?:[a-z]+ly[ \u00a0]+)?[a-z]{3,}ed\b/.test(ctx.narrative.slice(m.end, m.end + 30)) &&
      PERSON_TITLES.has(RUN_IN_TITLE.exec(ctx.narrative.slice(Math.max(start, m.start - 50), m.start))?.[1] ?? '');
    // "He told Paul Okafor …": a sentence led by a pronoun keeps that pronoun's antecedent.
    // (So does one whose pronoun follows an opening phrase: "At 29 years old, she still lives with …".)
    const pronounLed = opensSentence && /^(?:[A-Za-z]+,?[ \u00a0]+|[^,.;:“”"]{1,60},[ \u00a0]+)?(?:he|she)\b/i.test(opener);
    // "Bloomberg's pollster, Douglas Schoen, says …": the name in apposition to the opening description.
    const apposed = APPOSED_SUBJECT.test(opener) && ctx.narrative[m.end] === ',';
    // "Conroy asked Sanders whether …. “Sure it is,” he said": who was asked is who answers.
    const asked = start === sentence && subject !== null && subject.at >= start && ASKED_OBJECT.test(opener);
    // "Cruz electrified the crowds, Stovall said.": who reports the sentence is who "he" goes on with.
    const reporter = REPORTED_BY.test(ctx.narrative.slice(m.start - 2, m.start)) && REPORTING_VERB.test(ctx.narrative.slice(m.end, m.end + 12));
    const confirmed = ctx.registry.isConfirmedPerson(entity.name);
    if (
      (opensSentence || opensClause || runIn || apposed || reporter || asked) &&
      !possessor &&
      !pronounLed &&
      !beforePronoun &&
      !aside &&
      (confirmed || entity.name.includes(' '))
    )
      subject = { name: entity.name, at: m.start };
    if (confirmed) any = { name: entity.name, at: m.start };
    if (subordinate && m.start >= pronounSentence && !opensSentence) sameSentence = { name: entity.name, at: m.start };
  }
  if (sameSentence) return sameSentence.name;
  for (const s of ctx.recentSpeakers) {
    // (A newspaper that reported something is no "he".)
    if (s.at < at && s.at >= floor && compatible(s.name) && (!subject || s.at > subject.at) && ctx.registry.lookup(s.name)?.kind !== 'organisation')
      subject = s;
  }
  if (introduced && (!subject || introduced.at > subject.at)) subject = introduced;
  const found = subject ?? any;
  // "The woman’s enthusiasm … she said", "my father often said. He also told": an unnamed person
  // came in after the named one and is the likelier antecedent; better no speaker than the wrong one.
  if (found && gender && unnamedSubjectBetween(ctx.narrative, found.at, at, gender)) return null;
  // "He was deported. … He now works in Seoul. “…,” he said": paragraphs that name no one but go
  // on with the same pronoun carry its person further back than the usual two paragraphs.
  if (!found && gender && hops > 0 && !UNNAMED_ANYWHERE[gender].test(ctx.narrative.slice(floor, at))) {
    const earlier = (gender === 'm' ? /\b[Hh]e\b/ : /\b[Ss]he\b/).exec(ctx.narrative.slice(floor, at));
    if (earlier && floor + earlier.index < at && lookBack(floor + earlier.index, ctx).floor < floor)
      return antecedent(floor + earlier.index, gender, ctx, hops - 1);
  }
  return found?.name ?? null;
}

const REPORTED_BY = /,[ \u00a0]$/;
const ASKED_OBJECT = /\basked[ \u00a0]+$/;
const ASIDE_OPEN = /(?:--|—)[^—.!?]*$/;
const ASIDE_CLOSE = /^[^—.!?]*?(?:--|—)/;
/** After a full name, its description: ", the ranking Democrat", " of California, a senator". */
const INTRODUCED = /^(?:[ \u00a0]+of[ \u00a0]+[A-Z][\p{L}.]*(?:[ \u00a0][A-Z][\p{L}.]*)*)?,[ \u00a0]+(?:a|an|the|[a-z]+[ \u00a0]+of)\b/u;
const REPORTING_VERB = new RegExp(`^[ \u00a0]+(?:${REPORTING_VERBS})(?:\\.(?![a-z])|,)`);

/** Whether the article names this person nowhere before `at`. */
function firstMention(name: string, at: number, ctx: ResolveContext): boolean {
  for (const m of ctx.mentions) {
    if (m.start >= at) return true;
    if (ctx.registry.lookup(m.name, m.gender)?.name === name) return false;
  }
  return true;
}

// ("The first lady" is a title, of someone named: not an unnamed woman.)
const UNNAMED: Record<'m' | 'f', string> = {
  m: 'man|father|boy|husband|son|brother|grandfather|dad|gentleman',
  f: 'woman|mother|girl|wife|daughter|sister|grandmother|mom|lady',
};
const unnamedSubject = (nouns: string) =>
  new RegExp(
    `(?:^|[.!?:][ \u00a0]+|\n|,?[”"][ \u00a0]+)(?:[Tt]he|[Aa]|[Mm]y|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur)[ \u00a0]+(?:[a-z-]+[ \u00a0]+){0,2}(?<!\\bfirst[ \u00a0]+)(?:${nouns})\\b`,
  );
const UNNAMED_SUBJECT = { m: unnamedSubject(UNNAMED.m), f: unnamedSubject(UNNAMED.f) };
const unnamedAnywhere = (nouns: string) =>
  new RegExp(`\\b(?:the|a|an|one|my|his|her|their|our)[ \u00a0]+(?:[a-z-]+[ \u00a0]+){0,2}(?<!\\bfirst[ \u00a0]+)(?:${nouns})\\b`, 'i');
/** An unnamed person of that gender anywhere in a stretch ("said the woman", "One woman adopted …"). */
const UNNAMED_ANYWHERE = { m: unnamedAnywhere(UNNAMED.m), f: unnamedAnywhere(UNNAMED.f) };

/** Whether a sentence between `from` and `to` starts with an unnamed person of that gender. */
function unnamedSubjectBetween(narrative: string, from: number, to: number, gender: 'm' | 'f'): boolean {
  return UNNAMED_SUBJECT[gender].test(narrative.slice(from, to));
}

export type { QuoteSpan };
