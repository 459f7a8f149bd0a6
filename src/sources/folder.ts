import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import type { ArticleFormat, RawArticle } from '../core/article.ts';

const FORMATS: Record<string, ArticleFormat | 'html'> = { '.txt': 'text', '.md': 'markdown', '.markdown': 'markdown', '.html': 'html', '.htm': 'html' };
/** A .txt file that is really a saved web page. */
const LOOKS_LIKE_HTML = /^\s*<(?:!doctype|html|head|body|article|p|div)\b/i;
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

/** A file of the folder as the store remembers it: path inside the folder, size, modification time (ms). */
export interface FolderEntry {
  path: string;
  size: number;
  mtime: number;
}

/** Reads one article file; a reason instead for one that cannot be an article. */
export async function readArticleFile(dir: string, path: string): Promise<({ raw: RawArticle } & FolderEntry) | { skipped: string }> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return { skipped: 'not a file' };
    if (info.size > MAX_BYTES) return { skipped: `larger than ${MAX_BYTES / 1024 / 1024} MB` };
    const bytes = await readFile(path);
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    const format = FORMATS[extname(path).toLowerCase()];
    const html = format === 'html' || (format === 'text' && LOOKS_LIKE_HTML.test(text));
    // The parser loads only for a folder that has HTML in it.
    const page = html ? (await import('./htmlText.ts')).htmlToText(text) : null;
    return {
      path: relative(dir, path).split(sep).join('/'),
      size: info.size,
      mtime: Math.round(info.mtimeMs),
      raw: {
        id: articleIdFor(dir, path),
        body: page ? page.text : text,
        title: page?.title,
        format: format === 'html' ? 'text' : format,
        seen: info.mtime.toISOString(),
      },
    };
  } catch (error) {
    return { skipped: (error as Error).message };
  }
}

/** Every article file below `dir` (recursively) with its size and time, read from `stat` alone. */
export async function listFolder(dir: string, onSkip: (path: string, why: string) => void = () => {}): Promise<FolderEntry[]> {
  let entries: string[];
  try {
    entries = (await readdir(dir, { recursive: true })).map(String);
  } catch (error) {
    onSkip(dir, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'folder does not exist' : (error as Error).message);
    return [];
  }
  const out: FolderEntry[] = [];
  for (const entry of entries.sort()) {
    const path = join(dir, entry);
    if (!isArticleFile(path) || entry.split(sep).some((part) => part.startsWith('.'))) continue;
    try {
      const info = await stat(path);
      if (!info.isFile()) continue;
      if (info.size > MAX_BYTES) {
        onSkip(path, `larger than ${MAX_BYTES / 1024 / 1024} MB`);
        continue;
      }
      out.push({ path: entry.split(sep).join('/'), size: info.size, mtime: Math.round(info.mtimeMs) });
    } catch (error) {
      onSkip(path, (error as Error).message);
    }
  }
  return out;
}
