import { memoize } from './memo.ts';
import type { Span } from './types.ts';

/** Paragraph spans: blank-line separated, or line separated when the text has no blank lines. */
export function splitParagraphs(text: string, from = 0): Span[] {
  const separator = isHardWrapped(text, from) ? /\n[ \t\r\f\v\u00a0]*\n\s*/g : /\n\s*/g;
  const spans: Span[] = [];
  separator.lastIndex = from;
  let start = from;
  for (let m = separator.exec(text); m; m = separator.exec(text)) {
    pushTrimmed(text, start, m.index, spans);
    start = m.index + m[0].length;
  }
  pushTrimmed(text, start, text.length, spans);
  return spans;
}

/**
 * Text wrapped at a fixed width has blank lines between paragraphs and most lines short; then a
 * single newline is not a paragraph break. Otherwise every line is a paragraph, as in news feeds.
 */
function isHardWrapped(text: string, from: number): boolean {
  const body = text.slice(from);
  if (!/\n[ \t\r\f\v\u00a0]*\n/.test(body)) return false;
  const lines = body.split('\n').filter((l) => l.trim() !== '');
  const joined = body.split(/\n(?=[ \t]*\S)/).length - body.split(/\n[ \t\r\f\v\u00a0]*\n/).length;
  return lines.length > 3 && joined > lines.length / 2 && lines.filter((l) => l.length <= 100).length > lines.length * 0.8;
}

function pushTrimmed(text: string, start: number, end: number, out: Span[]): void {
  let s = start;
  let e = end;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  if (e > s) out.push({ start: s, end: e });
}

export function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x2009 || code === 0x202f;
}

const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr prof sen rep gov gen lt col sgt capt cmdr adm st jr sr inc corp co ltd no vs etc ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n d.c a.m p.m e.g i.e mt ft fig ' +
    'ark ala ariz calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont neb nev ' +
    'okla ore pa tenn tex va vt wash wis wyo rev hon pres supt dept univ'
  ).split(' '),
);

/**
 * Sentence spans inside [from, to). Splits after . ? ! (and a closing quote or bracket) followed
 * by space and an uppercase letter, digit or opening quote, except after common abbreviations
 * and initials. Paragraph breaks always end a sentence.
 */
export function splitSentences(text: string, from = 0, to = text.length): Span[] {
  const out: Span[] = [];
  for (const para of splitParagraphs(text.slice(0, to), from)) {
    let start = para.start;
    const re = /[.?!…]+["”’')\]]*(?=\s+["“‘'([]?[A-Z0-9])/g;
    re.lastIndex = para.start;
    const body = text.slice(0, para.end);
    for (let m = re.exec(body); m; m = re.exec(body)) {
      const end = m.index + m[0].length;
      if (m[0][0] === '.' && m[0].length === 1 && isAbbreviationAt(text, m.index)) continue;
      pushTrimmed(text, start, end, out);
      start = end;
    }
    pushTrimmed(text, start, para.end, out);
  }
  return out;
}

export function isAbbreviationAt(text: string, dot: number): boolean {
  let s = dot;
  while (s > 0 && /[A-Za-z.]/.test(text[s - 1] ?? '')) s--;
  const word = text.slice(s, dot).toLowerCase();
  if (word.length === 1 || /^(?:[a-z]\.)+[a-z]$/.test(word)) return true; // initials: "Donald J. Trump", "G.K."
  return ABBREVIATIONS.has(word);
}

/** Lowercase word tokens, letters and digits only, apostrophes folded away. */
export function words(text: string): string[] {
  const out: string[] = [];
  forEachWord(text, 0, text.length, (w) => out.push(w));
  return out;
}

// Whether a UTF-16 code unit is a letter or digit, decided once per code unit.
const wordChar = new Uint8Array(65536);
function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  let known = wordChar[c] as number;
  if (known === 0) {
    known = /[\p{L}\p{N}]/u.test(String.fromCharCode(c)) ? 1 : 2;
    wordChar[c] = known;
  }
  return known === 1;
}

/**
 * The words of text[from, to) in one pass, without building intermediate arrays: the same tokens
 * as `words`, for the hot paths (indexing a whole library).
 */
export function forEachWord(text: string, from: number, to: number, visit: (word: string) => void): void {
  let start = -1;
  let apostrophe = false;
  for (let i = from; i <= to; i++) {
    const c = i < to ? text.charCodeAt(i) : 32;
    if (isWordChar(c)) {
      if (start < 0) start = i;
      continue;
    }
    if ((c === 39 || c === 0x2019) && start >= 0) {
      apostrophe = true;
      continue;
    }
    if (start >= 0) {
      let word = text.slice(start, i).toLowerCase();
      if (apostrophe) word = word.replace(/[’']/g, '');
      if (word) visit(word);
      start = -1;
      apostrophe = false;
    }
  }
}

/** Levenshtein distance, capped: returns max + 1 as soon as the distance must exceed max. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length] ?? max + 1;
}

/** Folds case, accents, dots and spacing so name forms compare leniently. */
export const foldName = memoize(fold, 50_000);

function fold(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']s$/, '')
    .replace(/[.’']/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
