import { isSpace } from './text.ts';
import type { Span } from './types.ts';

/** A region of text between quotation marks, marks excluded. */
export interface QuoteSpan extends Span {
  /** The paragraph ended before a closing mark and the next one reopens the quote. */
  runsOn: boolean;
  /** This span reopens a quote that ran on from the previous paragraph. */
  continues: boolean;
}

type Side = 'open' | 'close' | 'either';
interface Mark {
  at: number;
  side: Side;
  /** Two apostrophes ('') stand for one double quote in some wire copy. */
  width: number;
}

const DOUBLE_MARK = /''|[“”„«»"]/g;
const SINGLE_MARK = /''|[‘’']/g;
const OPEN_PUNCT = new Set(['(', '[', '{', '—', '–', '-', '/', ':']);

/**
 * Finds every top-level quotation in `text`. Double quotes (curly or straight) are the main
 * convention; single quotes count at top level only when they are not apostrophes, so British
 * style ('It was a shock,' she said) works while don't, Macron's and the '90s stay text.
 * Quotes nested inside a quote stay part of the outer one. A stray mark never opens a quote that
 * swallows narrative: an opening mark followed by another opening mark in the same paragraph is
 * dropped, and an unclosed quote only runs to the paragraph end when the next paragraph reopens it.
 */
export function findQuoteSpans(text: string, paragraphs: Span[]): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  let continuing = false;
  for (let p = 0; p < paragraphs.length; p++) {
    const para = paragraphs[p] as Span;
    const next = paragraphs[p + 1];
    const reopens = next !== undefined && opensWithQuote(text, next.start);
    const doubles = pairDoubles(text, para, continuing, reopens);
    out.push(...doubles.spans);
    continuing = doubles.runsOn;
    out.push(...pairSingles(text, para, doubles.spans));
  }
  return out.sort((a, b) => a.start - b.start);
}

function opensWithQuote(text: string, at: number): boolean {
  const c = text[at];
  return c === '“' || c === '"' || c === '„' || c === '«' || text.startsWith("''", at);
}

function classifyDouble(text: string, i: number): Side | null {
  const c = text[i];
  if (c === '“' || c === '„' || c === '«') return 'open';
  if (c === '”' || c === '»') return 'close';
  if (c !== '"') return null;
  const before = i === 0 ? ' ' : (text[i - 1] as string);
  const after = i + 1 >= text.length ? ' ' : (text[i + 1] as string);
  const spaceBefore = isSpace(before.charCodeAt(0)) || OPEN_PUNCT.has(before) || before === '“';
  const spaceAfter = isSpace(after.charCodeAt(0)) || /[.,;:!?)\]}—–-]/.test(after);
  if (spaceBefore && !spaceAfter) return 'open';
  if (!spaceBefore && spaceAfter) return 'close';
  return 'either';
}

function pairDoubles(text: string, para: Span, continuing: boolean, reopens: boolean): { spans: QuoteSpan[]; runsOn: boolean } {
  const marks: Mark[] = [];
  DOUBLE_MARK.lastIndex = para.start;
  for (let m = DOUBLE_MARK.exec(text); m && m.index < para.end; m = DOUBLE_MARK.exec(text)) {
    const i = m.index;
    if (m[0] === "''") {
      const side = classifyDouble(`${text[i - 1] ?? ' '}"${text[i + 2] ?? ' '}`, 1);
      if (side) marks.push({ at: i, side, width: 2 });
      continue;
    }
    const side = classifyDouble(text, i);
    if (side) marks.push({ at: i, side, width: 1 });
  }
  const spans: QuoteSpan[] = [];
  let open: Mark | null = null;
  let openIsContinuation = false;
  for (const mark of marks) {
    const acts: Side = mark.side === 'either' ? (open ? 'close' : 'open') : mark.side;
    if (acts === 'open') {
      // Two opening marks in a row: the earlier one is a stray (typo), not a quote's start.
      open = mark;
      openIsContinuation = continuing && mark.at === para.start;
    } else if (open) {
      spans.push(trimSpan(text, open.at + open.width, mark.at, false, openIsContinuation));
      open = null;
      openIsContinuation = false;
    }
    // A closing mark with nothing open is a stray; ignore it.
  }
  if (open && reopens) {
    spans.push(trimSpan(text, open.at + open.width, para.end, true, openIsContinuation));
    return { spans, runsOn: true };
  }
  return { spans, runsOn: false };
}

function trimSpan(text: string, start: number, end: number, runsOn: boolean, continues: boolean): QuoteSpan {
  let s = start;
  let e = end;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  return { start: s, end: e, runsOn, continues };
}

const isLetter = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** Single quotes used as quotation marks, outside any double-quoted span. */
function pairSingles(text: string, para: Span, inside: QuoteSpan[]): QuoteSpan[] {
  const covered = (i: number) => inside.some((q) => i >= q.start - 1 && i <= q.end);
  const spans: QuoteSpan[] = [];
  let openAt = -1;
  SINGLE_MARK.lastIndex = para.start;
  for (let m = SINGLE_MARK.exec(text); m && m.index < para.end; m = SINGLE_MARK.exec(text)) {
    if (m[0] === "''") continue;
    const i = m.index;
    const c = m[0];
    if (inside.length && covered(i)) continue;
    const before = text[i - 1];
    const after = text[i + 1];
    if (isLetter(before) && isLetter(after)) continue; // don't, Macron's
    const canOpen = c !== '’' && !isLetter(before) && isLetter(after) && !isElision(text, i);
    const canClose = c !== '‘' && (isLetter(before) || /[.,!?…]/.test(before ?? '')) && !isLetter(after);
    if (openAt < 0) {
      if (canOpen) openAt = i;
      continue;
    }
    if (canClose && isStrongClose(text, i, para.end)) {
      const span = trimSpan(text, openAt + 1, i, false, false);
      if (/\s/.test(text.slice(span.start, span.end))) spans.push(span);
      openAt = -1;
    } else if (canOpen && c === '‘') {
      openAt = i;
    }
  }
  return spans;
}

/** '90s, 'em, 'til, 'n' — apostrophes that look like opening quotes. */
function isElision(text: string, i: number): boolean {
  return /^.(?:\d\d?s?\b|em\b|til\b|cause\b|n\b|tis\b|twas\b)/i.test(text.slice(i, i + 8));
}

/** A closing single quote, not a plural possessive: punctuation before it, or a clause break after. */
function isStrongClose(text: string, i: number, end: number): boolean {
  const before = text[i - 1] ?? '';
  if (/[.,!?…]/.test(before)) return true;
  const rest = text.slice(i + 1, Math.min(end, i + 30));
  if (rest === '' || /^[.,;:!?)\]—–]/.test(rest)) return true;
  if (before === 's' && /^\s+[a-z]/.test(rest) && !/^\s+(?:he|she|they|said|says|told|added|according)\b/.test(rest)) return false;
  return /^\s+(?:[a-z]+\s+)?(?:said|says|told|added|asked|wrote|according|he|she|they)\b/.test(rest) || /^\s*$/.test(rest);
}
