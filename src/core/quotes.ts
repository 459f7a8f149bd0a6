import {
  type Attribution,
  type ResolveContext,
  resolveSpeaker,
  type SpeakerPhrase,
  sentenceBefore,
  speakerAfterQuote,
  speakerBeforeQuote,
  speakerOfSentence,
} from './attribution.ts';
import { CUE_VERBS, NOT_NAMES, PRONOUNS } from './lexicon.ts';
import { findNameMentions, NameRegistry, readName } from './names.ts';
import { findQuoteSpans, type QuoteSpan } from './quoteSpans.ts';
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

/** A transcript line quoted whole: “PENCE: Well, the question really should be …”. */
function transcriptSpeaker(text: string, span: QuoteSpan): SpeakerPhrase | null {
  const label = TRANSCRIPT.exec(text.slice(span.start, span.start + 40))?.[1];
  if (!label || NOT_SPEAKER_LABELS.has(label)) return null;
  const name = label.toLowerCase().replace(/(^|[ ’'-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
  const mention = readName(name, span.start);
  return mention ? { kind: 'named', mention, cue: 'transcript' } : null;
}
const INTERRUPTION = /^[\s”"’',]*[^.!?“”"]{1,100},\s*$/;

/** A quote opening a paragraph after one that ends "He said:" is introduced by it. */
function introducedBy(narrative: string, prev: Span | undefined, span: QuoteSpan, paragraph: Span) {
  if (!prev || span.start - paragraph.start > 2 || !/:\s*$/.test(narrative.slice(prev.start, prev.end))) return null;
  return speakerBeforeQuote(narrative, sentenceBefore(narrative, prev.end - 1, prev.start), prev.end, false);
}

/**
 * Every direct quotation in an article with its canonical speaker. The text of each quote is
 * sliced from the source and never rewritten.
 */
export function analyzeArticle(article: Article): AnalyzedArticle {
  const { text } = article;
  const paragraphs = splitParagraphs(text);
  // A headline in Title Case Reads As One Long Name; its names stand in the story too.
  const mentions = findNameMentions(text, article.headline && isTitleCase(text.slice(article.headline.start, article.headline.end)) ? article.headline.end : 0);
  const registry = new NameRegistry(mentions);
  const spans = findQuoteSpans(text, paragraphs).filter((s) => !inside(s, article.headline) && s.end > s.start);
  // Cue and subject searches read the narrative only: words inside quotes are not attributions.
  const narrative = maskQuotes(text, spans);
  const insideQuote = (at: number) => narrative[at] === '·' && text[at] !== '·';
  const ctx: ResolveContext = { registry, mentions, recentSpeakers: [], paragraphs, narrative, insideQuote };

  const quotes: Quote[] = [];
  let previous = null as Previous | null;
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

    let attribution: Attribution = { speaker: null };
    const closeAt = span.end + trailingSpace(text, span.end);
    const closeWidth = text.startsWith("''", closeAt) ? 2 : CLOSING.test(text[closeAt] ?? '') ? 1 : 0;
    // A fragment that ends its sentence (… of “fanatic recklessness.” South Korean President Park
    // said …) is not attributed by the next sentence.
    const signed = /^\s*[—–―]/.test(text.slice(closeAt + closeWidth, closeAt + closeWidth + 4));
    // So is a whole quote followed by a sentence that opens on a function word ("… kidding.” To
    // which she said, “…”): that sentence belongs to what comes next.
    const nextWord = /^\s*([A-Z][a-z]*)\b/.exec(text.slice(closeAt + closeWidth, closeAt + closeWidth + 20))?.[1] ?? '';
    const opensSentence = NOT_NAMES.has(nextWord.toLowerCase()) && !PRONOUNS.has(nextWord.toLowerCase());
    const endsSentence = (partial || opensSentence) && !signed && /[.?!]$/.test(text.slice(span.start, span.end).trim());
    const after = span.runsOn || endsSentence ? null : speakerAfterQuote(narrative, closeAt + closeWidth, paragraph.end, partial ? 40 : 140);
    const before = speakerBeforeQuote(narrative, sentenceStart, open, partial) ?? introducedBy(narrative, paragraphs[para - 1], span, paragraph);
    const phrase = transcriptSpeaker(text, span) ?? (partial ? (before ?? after ?? speakerOfSentence(narrative, sentenceStart, open)) : (after ?? before));
    if (interrupted && previous) {
      attribution = { speaker: previous.quote.speaker, mention: previous.quote.speakerMention, cue: previous.quote.cue };
    } else if (phrase && !(phrase.kind === 'named' && phrase.cue === 'subject' && !registry.lookup(phrase.mention.name))) {
      // A sentence subject only counts when the article names that person elsewhere too.
      attribution = resolveSpeaker(phrase, ctx);
    } else if (previous?.quote.speaker && continuesPrevious(text, previous, span, para, paragraphs)) {
      attribution = { speaker: previous.quote.speaker, mention: 'continuation', cue: previous.quote.cue };
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
    if (quote.speaker) ctx.recentSpeakers.push({ name: quote.speaker, at: span.start });
    previous = { quote, span, para };
  }
  backfillFromFollowing(quotes, text);
  return { article, people: registry.people(), quotes };
}

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
  return !(last === ',' && upper);
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
      .replace(/\b(?:Mr|Mrs|Ms|Dr|Prof|Rev|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Adm|Atty|Fr|St|Jr|Sr|[A-Z])\./g, '');
    if (previous.quote.partial && !hasCue(between)) return false;
    return between.length < 300 && !/[.?!]["”’]?\s+\S/.test(between);
  }
  if (previous.quote.partial) return false;
  const opensParagraph = span.start - paragraph.start <= 2;
  return para === previous.para + 1 && opensParagraph;
}

/** "“A.” “B,” he said." — an unattributed quote right before an attributed one shares its speaker. */
function backfillFromFollowing(quotes: Quote[], text: string): void {
  for (let i = quotes.length - 2; i >= 0; i--) {
    const q = quotes[i] as Quote;
    const next = quotes[i + 1] as Quote;
    if (q.speaker || !next.speaker || q.partial) continue;
    if (/^[\s”"’'.,!?]*$/.test(text.slice(q.end, next.start - 1))) {
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
