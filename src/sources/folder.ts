import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import type { ArticleFormat, RawArticle } from '../core/article.ts';

const FORMATS: Record<string, ArticleFormat> = { '.txt': 'text', '.md': 'markdown', '.markdown': 'markdown', '.html': 'html', '.htm': 'html' };
const MAX_BYTES = 2 * 1024 * 1024;

export function isArticleFile(path: string): boolean {
  return extname(path).toLowerCase() in FORMATS;
}

/** The article id of a file: its path inside the folder, without extension, with forward slashes. */
export function articleIdFor(dir: string, path: string): string {
  return `file:${relative(dir, path)
    .split(sep)
    .join('/')
    .replace(/\.[^./]+$/, '')}`;
}

/** Reads one article file; null (and a reason) for one that cannot be an article. */
export async function readArticleFile(dir: string, path: string): Promise<{ raw: RawArticle } | { skipped: string }> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return { skipped: 'not a file' };
    if (info.size > MAX_BYTES) return { skipped: `larger than ${MAX_BYTES / 1024 / 1024} MB` };
    const bytes = await readFile(path);
    const body = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    return {
      raw: {
        id: articleIdFor(dir, path),
        body,
        format: FORMATS[extname(path).toLowerCase()],
        seen: info.mtime.toISOString(),
      },
    };
  } catch (error) {
    return { skipped: (error as Error).message };
  }
}

/** Every article file below `dir` (recursively); unreadable files are reported, not fatal. */
export async function readFolder(dir: string, onSkip: (path: string, why: string) => void = () => {}): Promise<RawArticle[]> {
  let entries: string[];
  try {
    entries = (await readdir(dir, { recursive: true })).map(String);
  } catch (error) {
    onSkip(dir, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'folder does not exist' : (error as Error).message);
    return [];
  }
  const out: RawArticle[] = [];
  for (const entry of entries.sort()) {
    const path = join(dir, entry);
    if (!isArticleFile(path) || entry.split(sep).some((part) => part.startsWith('.'))) continue;
    const result = await readArticleFile(dir, path);
    if ('raw' in result) out.push(result.raw);
    else onSkip(path, result.skipped);
  }
  return out;
}
