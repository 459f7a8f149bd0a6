// A benchmark library made at run time: real news texts from ../shared/eval when present (never
// copied into the repository), else the articles in briefings/. Copies are varied (paragraph
// order, date, source) so the library behaves like many articles, not one repeated.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RawArticle } from '../src/core/article.ts';

export interface BaseText {
  title: string;
  text: string;
}

export function loadBaseTexts(root: string): { texts: BaseText[]; origin: string } {
  const evalDir = process.env.EVAL_DIR ?? join(root, '..', 'shared', 'eval');
  const texts: BaseText[] = [];
  const jsonl = (file: string) =>
    existsSync(join(evalDir, file))
      ? readFileSync(join(evalDir, file), 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as { title?: string; text?: string; articles?: BaseText[] })
      : [];
  for (const r of jsonl('quotes/polnear_dev.jsonl')) if (r.text) texts.push({ title: r.title ?? '', text: r.text.slice(r.text.indexOf('\n') + 1) });
  for (const r of jsonl('summaries/cnndm_dev.jsonl')) if (r.text) texts.push({ title: r.text.split(/[.!?]/)[0]?.slice(0, 90) ?? '', text: r.text });
  for (const r of jsonl('summaries/bbc_dev.jsonl')) if (r.text) texts.push({ title: r.title ?? '', text: r.text });
  if (texts.length) return { texts, origin: `${texts.length} news texts from ${evalDir}` };
  const dir = join(root, 'briefings');
  for (const f of readdirSync(dir)) {
    const body = readFileSync(join(dir, f), 'utf8');
    const [title = f, ...rest] = body.split('\n');
    texts.push({ title, text: rest.join('\n') });
  }
  return { texts, origin: `${texts.length} article(s) from briefings/ (no ../shared/eval here)` };
}

const SOURCES = ['Daily Planet', 'The Bugle', 'Morning Post', 'Evening Star', 'Gazette', 'Herald', 'Courier', 'Tribune'];
const DAY = 86_400_000;

/** The n-th generated article: base text n mod len, paragraphs rotated by copy number. */
export function makeArticle(base: BaseText[], n: number, now: number): RawArticle {
  const b = base[n % base.length] as BaseText;
  const copy = Math.floor(n / base.length);
  const paras = b.text.split(/\n\s*\n/);
  const k = paras.length > 2 ? copy % (paras.length - 1) : 0;
  const rotated = k ? [paras[0], ...paras.slice(1 + k), ...paras.slice(1, 1 + k)] : paras;
  return {
    id: `bench-${n}`,
    // A reference line makes every copy a distinct text, as the store deduplicates by content.
    body: `${b.title}\n\n${rotated.join('\n\n')}\n\nRef. ${n.toString(36)}.`,
    source: SOURCES[n % SOURCES.length],
    published: new Date(now - (n % 730) * DAY - (n % 24) * 3_600_000).toISOString(),
  };
}
