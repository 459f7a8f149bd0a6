import { splitParagraphs } from './text.ts';
import type { Article, ArticleMeta, Span } from './types.ts';

/**
 * `plain` keeps the text exactly as given, so offsets refer to the caller's string. HTML never
 * reaches the core: src/sources turns it into text with a real parser first.
 */
export type ArticleFormat = 'text' | 'markdown' | 'plain';

export interface RawArticle extends ArticleMeta {
  id: string;
  body: string;
  format?: ArticleFormat;
}

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
// "Washington:", "NEWPORT NEWS, Va. -", "LONDON (Reuters) —": a place name and a separator.
const DATELINE =
  /^([A-Z][A-Za-z.'’-]*(?:[ ][A-Z][A-Za-z.'’-]*){0,3}(?:,[ ][A-Z][A-Za-z.]*(?:[ ][A-Z][A-Za-z.]*)?)?(?:[ ]\([^)\n]{1,30}\))?)(?:[ \t\u00a0]*:[ \t\u00a0]+|[ \t\u00a0]+[-—–][ \t\u00a0]+)/;
const STANDFIRST_MAX = 320;

/**
 * Turns a stored or fetched article into the core's `Article`: front matter read, headline,
 * standfirst and dateline located. Never throws: odd input yields a usable article (an empty one
 * at worst).
 */
export function parseArticle(raw: RawArticle): Article {
  let body = typeof raw.body === 'string' ? raw.body : '';
  const meta: ArticleMeta = pick(raw);

  const fm = raw.format === 'plain' ? null : FRONT_MATTER.exec(body);
  if (fm) {
    Object.assign(meta, withoutEmpty(readFrontMatter(fm[1] ?? '')), withoutEmpty(pick(raw)));
    body = body.slice(fm[0].length);
  }
  if (raw.format === 'markdown') {
    body = body.replace(/^#{1,6}[ \t]+/, '');
  }
  if (raw.format !== 'plain') body = body.replace(/\r\n?/g, '\n');

  const paragraphs = splitParagraphs(body);
  let cursor = 0;
  let headline: Span | undefined;
  let standfirst: Span | undefined;
  const first = paragraphs[0];
  const firstLineEnd = first ? lineEnd(body, first.start) : 0;
  if (first) {
    const line = body.slice(first.start, firstLineEnd);
    const isHeadline = meta.title === undefined ? line.length <= 300 : sameHeadline(line, meta.title);
    if (isHeadline) {
      headline = { start: first.start, end: firstLineEnd };
      cursor = firstLineEnd;
    }
  }
  const titleText = meta.title ?? (headline ? body.slice(headline.start, headline.end).replace(/[.\s]+$/, '') : '');

  const rest = paragraphs.filter((p) => p.start >= cursor);
  const candidate = rest[0];
  if (headline && candidate && rest.length > 1 && candidate.end - candidate.start <= STANDFIRST_MAX && !DATELINE.test(body.slice(candidate.start))) {
    standfirst = candidate;
    cursor = candidate.end;
  }
  const bodyPara = paragraphs.find((p) => p.start >= cursor);
  let dateline: Span | undefined;
  let bodyStart = bodyPara?.start ?? body.length;
  if (bodyPara) {
    const m = DATELINE.exec(body.slice(bodyPara.start, bodyPara.end));
    if (m?.[1] && !/^(?:The|A|An|In|On|At|But|And|He|She|It|They|We|I)\b/.test(m[1])) {
      dateline = { start: bodyPara.start, end: bodyPara.start + m[1].length };
      bodyStart = bodyPara.start + m[0].length;
    }
  }

  return {
    id: raw.id,
    text: body,
    title: titleText.trim() || raw.id,
    source: meta.source,
    url: meta.url,
    published: normaliseDate(meta.published),
    seen: normaliseDate(raw.seen),
    headline,
    standfirst,
    dateline,
    bodyStart,
  };
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl === -1 ? text.length : nl;
}

function sameHeadline(line: string, title: string): boolean {
  const fold = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  return fold(line) === fold(title);
}

function pick(raw: RawArticle): ArticleMeta {
  return { title: raw.title, source: raw.source, url: raw.url, published: raw.published };
}

function withoutEmpty(meta: ArticleMeta): ArticleMeta {
  return Object.fromEntries(Object.entries(meta).filter(([, v]) => typeof v === 'string' && v !== '')) as ArticleMeta;
}

/** `key: value` lines; quotes around values are dropped. Unknown keys are ignored. */
function readFrontMatter(block: string): ArticleMeta {
  const meta: ArticleMeta = {};
  for (const line of block.split(/\r?\n/)) {
    const m = /^\s*(title|source|url|published|date)\s*:\s*(.*?)\s*$/i.exec(line);
    if (!m?.[1] || m[2] === undefined) continue;
    const value = m[2].replace(/^(["'])(.*)\1$/, '$2');
    const key = m[1].toLowerCase();
    if (key === 'date' || key === 'published') meta.published = value;
    else if (key === 'title' || key === 'source' || key === 'url') meta[key] = value;
  }
  return meta;
}

/** ISO form of a date we can read; undefined for one we cannot (never a wrong date). */
export function normaliseDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  return /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? value.trim() : new Date(ms).toISOString();
}
