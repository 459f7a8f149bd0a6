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
 * Finds every top-level quotation in `text`. Double quotes (curly or straight) and single quotes
 * (British style: ‘It was a shock,’ she said) are paired on their own, then nested ones dropped:
 * a span inside another is part of it, whichever marks the outer one uses. Single marks count
 * when they are not apostrophes (don't, Macron's, the '90s). A stray mark never opens a quote that
 * swallows narrative: an unclosed quote only runs to the paragraph end when the next paragraph
 * reopens it.
 */
export function findQuoteSpans(text: string, paragraphs: Span[]): QuoteSpan[] {
  const doubles: QuoteSpan[] = [];
  let continuing = false;
  for (let p = 0; p < paragraphs.length; p++) {
    const para = paragraphs[p] as Span;
    const next = paragraphs[p + 1];
    const pair = pairDoubles(text, para, continuing, next !== undefined && opensWithQuote(text, next.start));
    doubles.push(...pair.spans);
    continuing = pair.runsOn;
  }
  const singles = pairSingles(text, paragraphs, doubles);
  return topLevel([...doubles, ...singles]);
}

/** Spans not inside another; of two that cross, the earlier. */
function topLevel(spans: QuoteSpan[]): QuoteSpan[] {
  const sorted = spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: QuoteSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    // A mark just outside the span counts: ‘He said “no” to me’ holds “no” with its marks.
    if (last && s.start < last.end + 1) continue;
    out.push(s);
  }
  return out;
}

function opensWithQuote(text: string, at: number): boolean {
  const c = text[at];
  return c === '“' || c === '"' || c === '„' || c === '«' || text.startsWith("''", at);
}

function classifyDouble(text: string, i: number): Side | null {
  const c = text[i];
  // “It's unusual,“ said X: an opening mark typed where the closing one belongs, glued to the words
  // before it and followed by a space, closes.
  if (c === '“' && i > 0 && /[\p{L}\p{N}.,!?]/u.test(text[i - 1] ?? '') && /\s/.test(text[i + 1] ?? '')) return 'close';
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
const SENTENCE_END = /[.!?…][’'”")\]]*\s+$/;

interface SingleMark {
  at: number;
  open: boolean;
  close: boolean;
  /** "the players' union": a plural possessive that may also close a quote. */
  possessive: boolean;
}

/** Single quote marks that are not apostrophes, with what each may do. */
function singleMarks(text: string, para: Span, inside: (i: number) => boolean): SingleMark[] {
  const marks: SingleMark[] = [];
  SINGLE_MARK.lastIndex = para.start;
  for (let m = SINGLE_MARK.exec(text); m && m.index < para.end; m = SINGLE_MARK.exec(text)) {
    if (m[0] === "''") {
      // Two closing marks, the nested quote's and its own: ‘… ‘impressive skills.’’
      if (isLetter(text[m.index - 1]) || /[.,!?…]/.test(text[m.index - 1] ?? '')) {
        if (!inside(m.index))
          marks.push({ at: m.index, open: false, close: true, possessive: false }, { at: m.index + 1, open: false, close: true, possessive: false });
      }
      continue;
    }
    const i = m.index;
    const c = m[0];
    if (inside(i)) continue;
    const before = text[i - 1];
    const after = text[i + 1];
    if (isLetter(before) && isLetter(after)) continue; // don't, Macron's
    const open = c !== '’' && !isLetter(before) && before !== '.' && (isLetter(after) || /[([“"‘'…]/.test(after ?? '')) && !isElision(text, i);
    const close = c !== '‘' && (isLetter(before) || /[.,!?…)\]”"’]/.test(before ?? '')) && !isLetter(after);
    if (!open && !close) continue;
    marks.push({ at: i, open, close, possessive: close && before === 's' && /^\s+[a-z]/.test(text.slice(i + 1, i + 4)) });
  }
  return marks;
}

/** Whether another mark closes the quote before the next one that could open a quote. */
function closesBeforeNextOpen(marks: SingleMark[], k: number): boolean {
  for (let j = k + 1; j < marks.length; j++) {
    const m = marks[j] as SingleMark;
    if (m.open && !m.close) return false;
    if (m.close && !m.possessive) return true;
  }
  return false;
}

/** The longest a single-quoted span runs without closing before it is taken for a stray mark. */
const MAX_SINGLE = 4000;

/**
 * Single quotes used as quotation marks. A quote may hold a nested one (‘… they include ‘top-notch
 * people’’), and may reopen after a sentence end when its next paragraph was run into the same
 * line (‘… opportunity. ‘But I’ve said …’: one quote, as its marks say). A plural possessive
 * (s') closes a quote only when no other close follows within it. Double-quoted text is opaque.
 */
function pairSingles(text: string, paragraphs: Span[], doubles: QuoteSpan[]): QuoteSpan[] {
  let d = 0;
  const inside = (i: number) => {
    while (d < doubles.length && (doubles[d] as QuoteSpan).end < i) d++;
    const q = doubles[d];
    return q !== undefined && i >= q.start - 1 && i <= q.end;
  };
  const spans: QuoteSpan[] = [];
  let continuing = false;
  for (let p = 0; p < paragraphs.length; p++) {
    const para = paragraphs[p] as Span;
    const marks = singleMarks(text, para, inside);
    let open: SingleMark | null = null;
    let depth = 0;
    let continues = false;
    // Where a quote nested in the open one closed: ‘He said ‘I’ll do it’. (one mark closing both).
    let innerClose = -1;
    const abandon = () => {
      if (open && innerClose > open.at) spans.push(trimSpan(text, open.at + 1, innerClose, false, continues));
      innerClose = -1;
    };
    for (let k = 0; k < marks.length; k++) {
      const mark = marks[k] as SingleMark;
      if (!open) {
        if (mark.open) {
          open = mark;
          continues = continuing && mark.at === para.start;
          depth = 0;
        }
        continue;
      }
      if (mark.at - open.at > MAX_SINGLE) {
        // Never closed: a stray mark. Start again from this one.
        abandon();
        open = mark.open ? mark : null;
        depth = 0;
        continue;
      }
      if (mark.close && !(mark.open && isLetter(text[mark.at + 1]))) {
        if (mark.possessive && closesBeforeNextOpen(marks, k)) continue;
        if (depth > 0) {
          depth--;
          innerClose = mark.at;
          continue;
        }
        const span = trimSpan(text, open.at + 1, mark.at, false, continues);
        if (span.end > span.start) spans.push(span);
        open = null;
        continues = false;
        innerClose = -1;
        continue;
      }
      if (mark.open) {
        // After a sentence end the quote goes on (a paragraph run into this one); elsewhere it nests.
        if (SENTENCE_END.test(text.slice(Math.max(open.at, mark.at - 6), mark.at))) continue;
        depth++;
      }
    }
    continuing = false;
    const next = paragraphs[p + 1];
    if (open && next && /^[‘']/.test(text.slice(next.start, next.start + 1))) {
      spans.push(trimSpan(text, open.at + 1, para.end, true, continues));
      continuing = true;
    } else abandon();
  }
  return spans;
}
/** '90s, 'em, 'til, 'n' — apostrophes that look like opening quotes. */
function isElision(text: string, i: number): boolean {
  return /^.(?:\d\d?s?\b|em\b|til\b|cause\b|n\b|tis\b|twas\b)/i.test(text.slice(i, i + 8));
}
