import {
  type Attribution,
  issuerInSentence,
  phraseAt,
  previousSentence,
  type ResolveContext,
  resolveSpeaker,
  type SpeakerPhrase,
  sentenceBefore,
  speakerAfterQuote,
  speakerBeforeQuote,
  speakerEndingSentence,
  speakerOfSentence,
} from './attribution.ts';
import { CUE_VERBS, NARRATING_VERBS, NOT_NAMES, PRONOUNS, REPORTING_VERBS } from './lexicon.ts';
import { findNameMentions, NAME_RUN, NameRegistry, readName } from './names.ts';
import { findQuoteSpans, type QuoteSpan } from './quoteSpans.ts';
import { type CandidateSource, chooseSpeaker, type SpeakerCandidate } from './speakers.ts';
import { tagWindows } from './tagger.ts';
import { splitParagraphs } from './text.ts';
import type { AnalyzedArticle, Article, Quote, Span } from './types.ts';

interface Previous {
  quote: Quote;
  span: QuoteSpan;
  para: number;
}

const CLOSING = /["”’'»]/;
const TRANSCRIPT = /^([A-Z][A-Z’'-]{2,}(?: [A-Z][A-Z’'-]{2,})?):[ \u00a0]/;
const NOT_SPEAKER_LABELS = new Set(['UPDATE', 'BREAKING', 'WATCH', 'NOTE', 'PHOTO', 'VIDEO', 'READ', 'RELATED', 'EXCLUSIVE', 'CORRECTION', 'Q', 'A']);

// A roundup line may follow its item's heading in capitals: "WHY TURNOUT MATTERS - Ana Ruiz: “…”".
const ROUNDUP_LINE = new RegExp(
  `^(?:[\\p{Lu}\\d’'$%,.?!-]+(?:[ \u00a0]+[\\p{Lu}\\d’'$%,.?!-]+){2,}[ \u00a0]+[-–—][ \u00a0]+)?(${NAME_RUN})(?:,[ \u00a0]+[^:“”"\n]{1,60})?:[ \u00a0]*$`,
  'u',
);

/**
 * A speaker named by the layout: a transcript line quoted whole (“PENCE: Well, the question …”)
 * or a roundup line (Ana Ruiz, Daily Herald: “A triumph.”).
 */
function labelSpeaker(text: string, span: QuoteSpan, paragraph: Span, open: number): SpeakerPhrase | null {
  const before = text.slice(paragraph.start, open);
  const roundup = ROUNDUP_LINE.exec(before);
  if (roundup?.[1]) {
    const mention = readName(roundup[1], paragraph.start);
    if (mention && !mention.org) return { kind: 'named', mention, cue: 'label' };
  }
  // 'Clinton: "…" Bush: "…"': in a paragraph that opens on a label, a label after a quote.
  const next = LABEL_START.test(before) ? NEXT_LABEL.exec(before) : null;
  if (next?.[1]) {
    const mention = readName(next[1], paragraph.start + next.index + next[0].indexOf(next[1]));
    if (mention && !mention.org) return { kind: 'named', mention, cue: 'label' };
  }
  const label = TRANSCRIPT.exec(text.slice(span.start, span.start + 40))?.[1];
  if (!label || NOT_SPEAKER_LABELS.has(label)) return null;
  const name = label.toLowerCase().replace(/(^|[ ’'-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
  const mention = readName(name, span.start);
  return mention ? { kind: 'named', mention, cue: 'transcript' } : null;
}
const NAME_RUNS = new RegExp(`(?:^|[ \u00a0])${NAME_RUN}`, 'gu');
/** The runs of two or more capitalised words in a stretch of narrative ("Jeb Bush", not "Indeed"). */
const fullNamesIn = (s: string) => [...s.matchAll(NAME_RUNS)].map(([run]) => run.trim()).filter((run) => run.includes(' '));
const INTO_QUOTE = /^[A-Z][^.?!:;]{0,100},$/;
const LABEL_START = new RegExp(`^(?:${NAME_RUN}):[ \u00a0]*[“"]`, 'u');
const NEXT_LABEL = new RegExp(`[.?!][”"][ \u00a0]+(${NAME_RUN}):[ \u00a0]*$`, 'u');
const INTERRUPTION = /^[\s”"’',]*[^.!?“”"]{1,100},\s*$/;

/**
 * A quote opening a paragraph is introduced by the paragraph before: one ending "He said:", or,
 * when the quote has no cue of its own, one reporting what someone said. Within a paragraph, a
 * cue-less quote is introduced by a sentence of reported speech just before it, closed by its cue.
 */
function introducedBy(narrative: string, prev: Span | undefined, span: QuoteSpan, paragraph: Span, sentenceStart: number, open: number) {
  // "Also, Trump is no conservative, he said. “He’s a liberal!”": a sentence reporting speech, closed
  // by its cue, goes on into the next sentence's quote when that has no cue of its own.
  if (span.start - paragraph.start > 2) {
    if (sentenceStart <= paragraph.start || hasCue(narrative.slice(sentenceStart, open)) || hasCue(narrative.slice(span.end, paragraph.end))) return null;
    // (Back past the spaces before the quote, however many: ". \u00a0“".)
    const [from] = previousSentence(narrative, sentenceStart, paragraph.start);
    const reporting = narrative.slice(from, sentenceStart);
    // (One opening on its speaker introduces only a quote that is a sentence of its own.)
    const opensSentence = /^[\s\u00a0]*$/.test(narrative.slice(sentenceStart, open));
    if (!(REPORTED_CLOSE.test(reporting) || (opensSentence && (REPORTED_OPEN.test(reporting) || REPORTED_SAYING.test(reporting)))) || /[“"]/.test(reporting))
      return null;
    const reported = speakerBeforeQuote(narrative, from, sentenceStart - 1, true);
    return reported?.kind === 'named' || reported?.kind === 'pronoun' ? reported : null;
  }
  if (!prev) return null;
  const start = sentenceBefore(narrative, prev.end - 1, prev.start);
  if (!/:\s*$/.test(narrative.slice(prev.start, prev.end))) {
    // "Pfizer chief executive Ian Read said the company had weighed the risk." ¶ “On the political
    // risk, …” — a quote with no cue of its own goes on from the reported speech just before it
    // ("Rather, he said, …" too: the pronoun's antecedent).
    if (hasCue(narrative.slice(span.end, paragraph.end)) || /[“"]/.test(narrative.slice(prev.start, prev.end))) return null;
    const reported = speakerBeforeQuote(narrative, start, prev.end, true);
    return reported?.kind === 'named' || reported?.kind === 'pronoun' ? reported : issuerInSentence(narrative, start, prev.end);
  }
  // "Parker Eaton, a nominal Republican, said that given the crop of candidates:" — the colon
  // introduces the quote however far its cue stands from it.
  const cued = speakerBeforeQuote(narrative, start, prev.end, false) ?? speakerBeforeQuote(narrative, start, prev.end, true);
  if (cued) return cued;
  // "Mayor Ana Ruiz issued the following statement:" with no speech verb: a named subject
  // introducing the paragraph-long quote is its speaker.
  const subject = speakerOfSentence(narrative, start, prev.end);
  return subject?.kind === 'named' &&
    /\b(?:statement|following|wrote|writes|posted|tweeted|message|letter|email|words)\b/.test(narrative.slice(start, prev.end))
    ? subject
    : null;
}

const REPORTED_CLOSE = new RegExp(
  `,[ \u00a0]+(?:he|she|(?:[a-z-]+[ \u00a0]+){0,3}${NAME_RUN})[ \u00a0]+(?:${REPORTING_VERBS}|told[ \u00a0]+reporters)\\.[ \u00a0]*$`,
  'u',
);

/** "Coan, Santilli’s attorney, argues that his client …. “…”": a sentence opening on its speaker and cue. */
const REPORTED_OPEN = new RegExp(
  `^(?:${NAME_RUN}|He|She)(?:,[^,;:“”"]{1,80},)?[ \u00a0]+(?:(?:also|later|then|again)[ \u00a0]+)?(?:${NARRATING_VERBS})[ \u00a0]+(?:that[ \u00a0]+)?[a-z]`,
  'u',
);

/** "Bolton distanced himself from the movement by saying he would …. “…”": its subject, saying so. */
const REPORTED_SAYING = new RegExp(
  `^(?:${NAME_RUN}|He|She)[ \u00a0]+[a-z][^.;:!?“”"]{0,120}?(?:\\bby|,)[ \u00a0]+saying[ \u00a0]+(?:that[ \u00a0]+)?[a-z]`,
  'u',
);

/** A quote standing as its own paragraph, signed by the next one: “…” ¶ “- Bernie Sanders.” */
function signedBelow(narrative: string, next: Span | undefined, afterFrom: number, paragraph: Span): SpeakerPhrase | null {
  if (!next || narrative.slice(afterFrom, paragraph.end).trim() !== '' || !/^\s*[—–―-]\s*[A-Z]/.test(narrative.slice(next.start, next.start + 6))) return null;
  const line = narrative.slice(next.start, next.end);
  // The signature alone, or with what it was ("-President Obama, tweeting after the speech.").
  const name = /^\s*[—–―-]\s*([^,.\n]{2,60})[,.]?/.exec(line);
  return name?.[1] ? speakerAfterQuote(narrative, next.start, next.start + (name.index ?? 0) + name[0].length, 140) : null;
}

export interface AnalyzeOptions {
  /** Told of every quote's speaker candidates, before the choice: for fitting the model. */
  explain?: (span: Span, candidates: SpeakerCandidate[]) => void;
}

/** Which candidate the hand-written precedence picked: one feature among the rest. */
function rulesPick(
  phrases: { source: CandidateSource; phrase: SpeakerPhrase | null }[],
  partial: boolean,
  interrupted: boolean,
  continues: boolean,
): CandidateSource | null {
  const has = (s: CandidateSource) => phrases.some((p) => p.source === s && p.phrase);
  if (has('transcript')) return 'transcript';
  if (interrupted) return 'interrupted';
  const order: CandidateSource[] = partial ? ['before', 'intro', 'after', 'sentence'] : ['after', 'before', 'intro'];
  for (const s of order) if (has(s)) return s;
  return continues ? 'continuation' : null;
}

/** Words that may follow a cue that ends an attribution ("said on Monday", "said in a statement"). */
const AFTER_CUE_WORDS = new Set(
  'in on at during to after before while as of from with by yesterday today tonight last this later earlier recently again then also afterwards, adding noting and but when'.split(
    ' ',
  ),
);

interface CandidateContext {
  text: string;
  narrative: string;
  span: QuoteSpan;
  open: number;
  afterFrom: number;
  paragraph: Span;
  partial: boolean;
  previous: string | null;
  registry: NameRegistry;
}

/** A candidate with its features (see core/speakers.ts). */
function describe(
  source: CandidateSource,
  attribution: Attribution,
  at: number | null,
  phrase: SpeakerPhrase | null,
  c: CandidateContext,
  rulePick: boolean,
): SpeakerCandidate {
  const v: SpeakerCandidate['values'] = { [`src:${source}`]: 1, 'rule-pick': rulePick ? 1 : 0 };
  if (c.partial) {
    v.partial = 1;
    if (source === 'after' || source === 'before' || source === 'sentence') v[`partial:${source}`] = 1;
  }
  const kind = attribution.mention;
  if (kind === 'named' || kind === 'pronoun' || kind === 'nominal') v[`kind:${kind}`] = 1;
  if (attribution.speaker === null) v.nobody = 1;
  if (at !== null) {
    const distance = at >= c.afterFrom ? at - c.afterFrom : Math.max(0, c.open - at);
    v.distance = Math.min(5, distance / 100);
    if (distance < 40) v.adjacent = 1;
  }
  if ((source === 'before' || source === 'intro') && /:\s*$/.test(c.narrative.slice(Math.max(0, c.open - 4), c.open))) v.colon = 1;
  if (source === 'after' && /^[\s,”"’'—–-]*(?:while|and|but|as|whereas)\b/i.test(c.narrative.slice(c.afterFrom, c.afterFrom + 20))) v.conjunction = 1;
  const entity = attribution.speaker ? c.registry.lookup(attribution.speaker) : undefined;
  if (entity?.kind === 'organisation') v.organisation = 1;
  if (entity) {
    v.salience = Math.log1p(entity.mentions) / 3;
    if (entity.kind === 'person' && c.registry.mainPerson() === entity.name) v['main-person'] = 1;
  }
  if (c.span.start - c.paragraph.start <= 2) v['opens-paragraph'] = 1;
  if (attribution.speaker && attribution.speaker === c.previous) v['previous-speaker'] = 1;
  if (phrase && (phrase.cue === 'subject' || phrase.cue === 'claim')) v['subject-cue'] = 1;
  // “… was frightened.” Kuhar said the zoo had …: a new sentence reporting something else.
  if (source === 'after' && phrase?.cue && /[.?!]$/.test(c.text.slice(c.span.start, c.span.end).trim())) {
    const rest = c.narrative.slice(c.afterFrom, c.afterFrom + 160);
    const next = new RegExp(`\\b${phrase.cue}\\b[ \\u00a0]+([\\p{L}’']+)`, 'u').exec(rest)?.[1];
    if (next && /^\p{Ll}/u.test(next) && !AFTER_CUE_WORDS.has(next)) v['after-continues'] = 1;
  }
  return { source, attribution, at, values: v };
}

/**
 * Every direct quotation in an article with its canonical speaker. The text of each quote is
 * sliced from the source and never rewritten.
 */
export function analyzeArticle(article: Article, options: AnalyzeOptions = {}): AnalyzedArticle {
  const { text } = article;
  const paragraphs = splitParagraphs(text);
  // A headline in Title Case Reads As One Long Name; its names stand in the story too.
  const titleCase = article.headline && isTitleCase(text.slice(article.headline.start, article.headline.end)) ? article.headline : undefined;
  const mentions = findNameMentions(text, titleCase ? titleCase.end : 0);
  // …but one that opens "Name: ‘what they said’" names its speaker, who the story may call by surname only.
  const speaking = titleCase ? HEADLINE_SPEAKER.exec(text.slice(titleCase.start, titleCase.end)) : null;
  if (titleCase && speaking?.[1]) mentions.unshift(...findNameMentions(text, titleCase.start, titleCase.start + speaking[1].length));
  const spans = findQuoteSpans(text, paragraphs).filter((s) => !inside(s, article.headline) && s.end > s.start);
  // Cue and subject searches read the narrative only: words inside quotes are not attributions.
  const narrative = maskQuotes(text, spans);
  const insideQuote = (at: number) => narrative[at] === '·' && text[at] !== '·';
  const registry = new NameRegistry(mentions, text, insideQuote);
  const ctx: ResolveContext = { registry, mentions, recentSpeakers: [], paragraphs, narrative, insideQuote };
  // The narrative just around each quote is what attribution reads; only that is tagged.
  const tags = tagWindows(
    narrative,
    spans.flatMap((s) => [
      { start: Math.max(0, s.start - 260), end: s.start },
      { start: s.end, end: Math.min(text.length, s.end + 220) },
    ]),
  );

  const quotes: Quote[] = [];
  const ranOn = new Set<Quote>();
  let previous = null as Previous | null;
  let lastWhole = null as Previous | null;
  for (const span of spans) {
    const para = paragraphs.findIndex((p) => span.start >= p.start && span.start <= p.end);
    const paragraph = paragraphs[para] as Span;
    const markEnd = span.start - leadingSpace(text, span.start);
    const open = text.startsWith("''", markEnd - 2) ? markEnd - 2 : markEnd - 1;
    const sentenceStart = sentenceBefore(narrative, open, paragraph.start);
    // “A,” the narrator says, “b…”: the second half of an interrupted quote is no fragment. The
    // first half ends on a comma and a speech verb stands between ("“right” when he said … “b”" is
    // a new quote).
    const between = previous ? narrative.slice(previous.span.end + 1, open) : '';
    const interrupted =
      previous?.para === para && INTERRUPTION.test(between) && (/,\s*$/.test(previous.quote.text) || /^[”"’']*,/.test(between)) && hasCue(between);
    const partial = interrupted ? (previous?.quote.partial ?? false) : isPartial(text, span, sentenceStart, open);

    const closeAt = span.end + trailingSpace(text, span.end);
    // (A closing “ typed for ” closes too: see quoteSpans.)
    const closeWidth = text.startsWith("''", closeAt) ? 2 : CLOSING.test(text[closeAt] ?? '') || text[closeAt] === '“' ? 1 : 0;
    // A fragment that ends its sentence (… of “fanatic recklessness.” South Korean President Park
    // said …) is not attributed by the next sentence.
    const signed = /^\s*[—–―]/.test(text.slice(closeAt + closeWidth, closeAt + closeWidth + 4));
    // So is a whole quote followed by a sentence that opens on a function word ("… kidding.” To
    // which she said, “…”): that sentence belongs to what comes next.
    const nextWord = /^\s*([A-Z][a-z]*)\b/.exec(text.slice(closeAt + closeWidth, closeAt + closeWidth + 20))?.[1] ?? '';
    const opensSentence = NOT_NAMES.has(nextWord.toLowerCase()) && !PRONOUNS.has(nextWord.toLowerCase());
    // …and so is one introduced by a colon that closes its own sentence ("X tweeted: ‘… Syria.’ Mr Hussen told …").
    const colonIntroduced = /:[ \u00a0]*$/.test(narrative.slice(Math.max(0, open - 4), open));
    const endsSentence = (partial || opensSentence || colonIntroduced) && !signed && /[.?!]$/.test(text.slice(span.start, span.end).trim());
    const afterFrom = closeAt + closeWidth;
    const phrases: { source: CandidateSource; phrase: SpeakerPhrase | null }[] = [
      { source: 'transcript', phrase: labelSpeaker(text, span, paragraph, open) },
      {
        source: 'after',
        phrase:
          span.runsOn || endsSentence
            ? null
            : (speakerAfterQuote(narrative, afterFrom, paragraph.end, partial ? 40 : 140, tags) ??
              (partial ? speakerEndingSentence(narrative, afterFrom, paragraph.end) : null) ??
              signedBelow(narrative, paragraphs[para + 1], afterFrom, paragraph)),
      },
      { source: 'before', phrase: speakerBeforeQuote(narrative, sentenceStart, open, partial, tags) },
      { source: 'intro', phrase: introducedBy(narrative, paragraphs[para - 1], span, paragraph, sentenceStart, open) },
      // A sentence's subject speaks for a fragment of it; a whole quote has cues of its own.
      { source: 'sentence', phrase: speakerOfSentence(narrative, sentenceStart, open) },
    ];
    // A sentence subject only counts when the article names that person elsewhere too.
    const sentence = phrases[4] as { phrase: SpeakerPhrase | null };
    if (sentence.phrase?.kind === 'named' && sentence.phrase.cue === 'subject' && !registry.lookup(sentence.phrase.mention.name)) sentence.phrase = null;
    // “A,” Carson said after hinting that “changes” could come. “B.” — a fragment of the same
    // speaker's in between leaves B to go on from A.
    const pastFragment = previous?.quote.partial && lastWhole?.para === para && lastWhole.quote.speaker === previous.quote.speaker ? lastWhole : null;
    const continues = Boolean(
      previous?.quote.speaker &&
        (continuesPrevious(text, previous, span, para, paragraphs) || (pastFragment && continuesPrevious(text, pastFragment, span, para, paragraphs))),
    );
    const rulePick = rulesPick(phrases, partial, interrupted, continues);
    const context: CandidateContext = { text, narrative, span, open, afterFrom, paragraph, partial, previous: previous?.quote.speaker ?? null, registry };
    const candidates: SpeakerCandidate[] = [];
    for (const { source, phrase } of phrases) {
      if (!phrase) continue;
      candidates.push(describe(source, resolveSpeaker(phrase, ctx, false), phraseAt(phrase), phrase, context, rulePick === source));
    }
    // “…,” his wife said: a quote whose sentence runs on into its own attribution goes on from no one.
    const after = phrases.find((p) => p.source === 'after')?.phrase;
    const afterAt = after ? phraseAt(after) : null;
    const ownAttribution = afterAt !== null && afterAt - afterFrom < 40 && /,[”"’']?\s*$/.test(text.slice(span.start, afterFrom));
    if (previous?.quote.speaker) {
      const carried: Attribution = { speaker: previous.quote.speaker, mention: 'continuation', cue: previous.quote.cue };
      if (interrupted)
        candidates.push(describe('interrupted', { ...carried, mention: previous.quote.speakerMention }, null, null, context, rulePick === 'interrupted'));
      else if (continues && !ownAttribution) candidates.push(describe('continuation', carried, null, null, context, rulePick === 'continuation'));
    }
    options.explain?.(span, candidates);
    const chosen = chooseSpeaker(candidates);
    let attribution: Attribution = { speaker: null };
    if (chosen) {
      const phrase = phrases.find((p) => p.source === chosen.source)?.phrase;
      attribution = phrase && chosen.at !== null ? resolveSpeaker(phrase, ctx) : chosen.attribution;
    }
    const quoteText = text.slice(span.start, span.end);
    if (!isQuotation(quoteText, partial)) continue;
    if (partial && isLabel(text, narrative, span, sentenceStart, open)) continue;
    // A heading has no cue of its own; carrying the previous speaker over to it would be wrong.
    if (!partial && (!attribution.speaker || attribution.mention === 'continuation') && isHeading(quoteText, span, paragraph)) continue;

    const quote: Quote = {
      articleId: article.id,
      text: quoteText,
      start: span.start,
      end: span.end,
      partial,
      speaker: attribution.speaker,
      speakerMention: attribution.mention,
      cue: attribution.cue,
    };
    quotes.push(quote);
    if (span.runsOn) ranOn.add(quote);
    if (quote.speaker) ctx.recentSpeakers.push({ name: quote.speaker, at: span.start });
    previous = { quote, span, para };
    if (!partial) lastWhole = previous;
  }
  backfillFromFollowing(quotes, text, ranOn);
  return { article, people: registry.people(), quotes };
}

const HEADLINE_SPEAKER = new RegExp(`^(${NAME_RUN}):[ \u00a0]+[‘“'"]`, 'u');

/** A whole paragraph in quote marks and Title Case ('Coal Isn't the Villain.') is a section heading. */
function isHeading(quote: string, span: Span, paragraph: Span): boolean {
  if (span.start - paragraph.start > 2 || paragraph.end - span.end > 2) return false;
  const words = quote.split(/\s+/).filter((w) => /\p{L}/u.test(w) && !/^(?:a|an|the|of|in|on|to|and|for|at|by)$/i.test(w));
  return words.length >= 2 && words.length <= 8 && words.every((w) => /^[“"‘']?[\p{Lu}\d]/u.test(w));
}

function isTitleCase(line: string): boolean {
  const long = line.split(/\s+/).filter((w) => /^[“"‘']?\p{L}{4,}/u.test(w));
  return long.length >= 3 && long.filter((w) => /^[“"‘']?\p{Lu}/u.test(w)).length / long.length >= 0.7;
}

function maskQuotes(text: string, spans: Span[]): string {
  let out = '';
  let at = 0;
  for (const s of spans) {
    // A quote that ends a sentence keeps its full stop, so the narrative's sentences still end there.
    const stop = /[.?!]/.test(text[s.end - 1] ?? '') ? 1 : 0;
    out += text.slice(at, s.start) + '·'.repeat(s.end - s.start - stop) + text.slice(s.end - stop, s.end);
    at = s.end;
  }
  return out + text.slice(at);
}

function inside(s: Span, outer: Span | undefined): boolean {
  return outer !== undefined && s.start >= outer.start && s.end <= outer.end;
}

function leadingSpace(text: string, at: number): number {
  let n = 0;
  while (at - 1 - n >= 0 && /[ \u00a0]/.test(text[at - 1 - n] ?? '')) n++;
  return n;
}

function trailingSpace(text: string, at: number): number {
  let n = 0;
  while (/[ \u00a0]/.test(text[at + n] ?? '')) n++;
  return n;
}

/**
 * A fragment quoted inside the author's own sentence ("said it is to Russia's “benefit” to …"),
 * as opposed to a quote that stands as its own sentence or follows "X said:".
 */
function isPartial(text: string, span: QuoteSpan, sentenceStart: number, open: number): boolean {
  if (span.continues) return false;
  const lead = text.slice(sentenceStart, open).trimEnd();
  if (lead === '') return false;
  const last = lead[lead.length - 1] as string;
  if (last === ':' || last === '—' || last === '–') return false;
  const firstLetter = /\p{L}/u.exec(text.slice(span.start, span.end))?.[0] ?? '';
  const upper = firstLetter !== '' && firstLetter === firstLetter.toUpperCase() && firstLetter !== firstLetter.toLowerCase();
  if (last === ',' && upper) return false;
  // A caption run into the next sentence leaves no stop before the quote: a capitalised sentence of
  // some length, closed by its own comma before the attribution, is still whole ("on Friday ‘I’d be
  // over the moon to get it,’ said Locke").
  const quoted = text.slice(span.start, span.end).trim();
  return !(upper && /[,?!]$/.test(quoted) && quoted.split(/\s+/).length >= 5 && !/\b(?:that|as|of|the|a|an|to|called|is|was)$/i.test(lead));
}

/**
 * A quote with no cue of its own continues the previous speaker's quote when it opens the next
 * paragraph (or reopens a quote that ran on), or follows it in the same paragraph with no other
 * speaker named in between.
 */
function continuesPrevious(
  text: string,
  previous: { quote: Quote; span: QuoteSpan; para: number },
  span: QuoteSpan,
  para: number,
  paragraphs: Span[],
): boolean {
  if (span.continues) return true;
  const paragraph = paragraphs[para] as Span;
  if (para === previous.para) {
    // Only the rest of the previous attribution stands between: "…,” Obama said at the gala. “B.”
    // (also after a fragment: Both parties “saw Burma as …,” said Victor Cha, who served … “B.”)
    const between = text
      .slice(previous.span.end + 1, span.start - 1)
      .trim()
      .replace(/^[”"’']+|[“"‘']+$/g, '')
      .trim()
      .replace(/\b(?:Mr|Mrs|Ms|Dr|Prof|Rev|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Adm|Atty|Fr|St|Jr|Sr|[A-Z])\./g, '');
    if (previous.quote.partial && !hasCue(between)) return false;
    // "…,” he said outside. But “B.”": a sentence of a connective only goes on with the same voice.
    const surname = previous.quote.speaker?.split(' ').pop() ?? '';
    const rest = between.replace(/([.?!]["”’]?)\s+(?:But|And|Yet|Still|So|Also|Instead|However|Then|Plus),?$/, '$1');
    if (between.length >= 300) return false;
    // "…,” says Melissa Roloson, 32, who works in retail. Roloson supports Clinton. “B.”": sentences
    // about the speaker, led by their surname or a pronoun, keep their voice.
    // (After a quote that ended its sentence, text with no cue that names someone else is a
    // sentence of the narrative, not the rest of the attribution: “… I love Hispanics!” Former
    // candidate Jeb Bush broke down what was wrong to a newspaper: “B.”)
    const [first = '', ...others] = rest.split(/(?<=[.?!]["”’]?)\s+(?=\S)/);
    const someoneElse = fullNamesIn(first).some((name) => !name.endsWith(surname));
    const narrates = someoneElse && /[.?!]$/.test(previous.quote.text.trim()) && !hasCue(first);
    const sentences = narrates ? [first, ...others] : others;
    // "…,” said Steve Schmidt, a strategist. Unless rivals quit, “it's very difficult …”: an opening
    // phrase that runs into the quote, naming no one, leaves it in the same voice.
    const last = sentences[sentences.length - 1] ?? '';
    if (INTO_QUOTE.test(last) && !hasCue(last) && fullNamesIn(last).length === 0) sentences.pop();
    return (
      sentences.length <= 2 && sentences.every((s) => s.startsWith(`${surname} `) || /^(?:He|She) /.test(s)) && sentences.every((s) => /^\S+ [a-z]/.test(s))
    );
  }
  const opensParagraph = span.start - paragraph.start <= 2;
  if (para !== previous.para + 1 || !opensParagraph) return false;
  // "Trump shot back, saying he’s “made a lot of money.”" ¶ “Frankly, …” — a fragment closing its
  // paragraph goes on into a paragraph that is only a quote, with no cue of its own.
  if (previous.quote.partial) {
    const prevParagraph = paragraphs[previous.para] as Span;
    // (Not a short line of its own, which reads as a subheading: ‘Chief trade prosecutor.’)
    // (Or closes it with its attribution alone: "…a massive pothole,” Schroeder wrote." ¶ “…”)
    const rest = text.slice(previous.span.end, prevParagraph.end);
    return (
      (/^[\s”"’'.,!?]*$/.test(rest) || FRAGMENT_SIGNED.test(rest)) &&
      !hasCue(text.slice(span.end, paragraph.end).toLowerCase()) &&
      text.slice(span.start, span.end).split(/\s+/).length > 4
    );
  }
  return true;
}

// (With an apposition and the one told: "…,” Simon Rosenberg, a Clinton supporter, told the New Yorker.)
const FRAGMENT_SIGNED = new RegExp(
  `^[”"’']?,?[”"’']?[ \u00a0]+(?:${NAME_RUN}|he|she)(?:,[ \u00a0]+(?:a|an|the|who)\\b[^.;:!?“”"]{1,100},)?[ \u00a0]+(?:${NARRATING_VERBS}|told|tells)(?:[ \u00a0]+(?:the[ \u00a0]+)?(?:${NAME_RUN}|reporters))?\\.[ \u00a0]*$`,
  'u',
);

/** "“A.” “B,” he said." — an unattributed quote right before an attributed one shares its speaker. */
function backfillFromFollowing(quotes: Quote[], text: string, ranOn: Set<Quote>): void {
  for (let i = quotes.length - 2; i >= 0; i--) {
    const q = quotes[i] as Quote;
    const next = quotes[i + 1] as Quote;
    if (q.speaker || !next.speaker || q.partial) continue;
    // Only its own paragraph (or its own quote, run on into the next): the next paragraph's
    // speaker is someone the reporter moved on to.
    if ((ranOn.has(q) ? /^[\s”"’'.,!?]*$/ : /^[ \t\u00a0”"’'.,!?]*$/).test(text.slice(q.end, next.start - 1))) {
      q.speaker = next.speaker;
      q.speakerMention = 'continuation';
      q.cue = next.cue;
    }
  }
}

const DETERMINER_BEFORE = /(?:^|\s)(?:the|a|an|his|her|their|its|our|my|your|this|that|so-called|alleged|self-styled|dubbed|called|named)\s*$/i;
const CUE_NOUNS = new Set('claim claims complaint statement report letter tweet post lawsuit suit memo message interview speech remarks words'.split(' '));

/**
 * A scare quote or a label is no one's words: a word or two in quote marks after an article or a
 * possessive ("the ‘special relationship’", "her ‘services’"), or as an epithet before a name
 * ("‘thief’ Mila Kunis"), with no speech verb or speech noun before it in the sentence.
 */
function isLabel(text: string, narrative: string, span: Span, sentenceStart: number, open: number): boolean {
  const quote = text.slice(span.start, span.end);
  const words = quote.split(/\s+/).filter(Boolean);
  if (words.length > 3 || /[.!?,;:]$/.test(quote.trim())) return false;
  const lead = narrative.slice(sentenceStart, open);
  if (lead.split(/[^a-z]+/).some((w) => CUE_VERBS.has(w) || CUE_NOUNS.has(w))) return false;
  const after = text.slice(span.end + 1, span.end + 40);
  return DETERMINER_BEFORE.test(lead) || /^\s+(?:[A-Z][a-z]+\s+){1,2}[A-Z]/.test(after) || /^\s+[A-Z][a-z]+\s+[A-Z][a-z]+/.test(after);
}

/**
 * Titles and markup are not quotations: a title-cased fragment ("on “Fox and Friends.”") or an
 * attribute value in embedded markup. Other fragments stay, unattributed when no one said them.
 */
/** Whether a stretch of narrative holds a speech verb ("said", "told", "added"…). */
function hasCue(narrative: string): boolean {
  return narrative.split(/[^a-z]+/).some((w) => CUE_VERBS.has(w));
}

function isQuotation(quote: string, partial: boolean): boolean {
  if (!/\p{L}/u.test(quote)) return false;
  if (/^\s*[\w-]+=/.test(quote) || /<\/?[a-z]+[^>]*>/i.test(quote)) return false;
  const words = quote.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  // A short run of capitalised words is a title (“13th”, “American Skin (41 Shots)”), not speech;
  // a whole one counts only without the punctuation a spoken sentence ends on.
  const titleCase =
    words.length >= 1 && words.length <= 6 && words.every((w) => w.length <= 3 || /^[(\p{Lu}\d]/u.test(w)) && /^[\p{Lu}\d]/u.test(words[0] ?? '');
  if (!partial) return !(titleCase && words.length >= 2 && !/[.,!?;:…]$/.test(quote.trim()));
  return !titleCase;
}
