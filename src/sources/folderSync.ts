import { type FSWatcher, watch } from 'node:fs';
import { join } from 'node:path';
import type { Newsroom } from '../core/newsroom.ts';
import { decodeTerms } from '../core/search.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import { articleIdFor, isArticleFile, readArticleFile, readFolder } from './folder.ts';
import { toStoredArticle } from './storedArticle.ts';

export interface FolderDeps {
  dir: string;
  store: Store;
  newsroom: Newsroom;
  log: Logger;
  now: () => Date;
}

/** Brings the store and the newsroom in line with the folder: new and changed files in, removed files out. */
export async function syncFolder(deps: FolderDeps): Promise<{ added: number; updated: number; removed: number }> {
  const counts = { added: 0, updated: 0, removed: 0 };
  const stored = await deps.store.articleIds('file:');
  const raws = await readFolder(deps.dir, (path, why) => deps.log.warn(`skipped ${path}: ${why}`));
  const present = new Set<string>();
  for (const raw of raws) {
    present.add(raw.id);
    const result = await putFile(raw, deps);
    if (result === 'added' || result === 'updated') counts[result]++;
  }
  for (const id of stored.keys()) {
    if (present.has(id)) continue;
    await deps.store.deleteArticle(id);
    deps.newsroom.remove(id);
    counts.removed++;
  }
  return counts;
}

async function putFile(raw: Parameters<typeof toStoredArticle>[0], deps: FolderDeps) {
  try {
    const stored = toStoredArticle(raw, { sourceId: null, url: null, guid: null });
    const result = await deps.store.putArticle(stored, deps.now().toISOString());
    if (result === 'added' || result === 'updated' || !deps.newsroom.get(raw.id)) {
      if (result !== 'duplicate') deps.newsroom.put(stored.analysis, stored.terms ? decodeTerms(stored.terms) : undefined);
    }
    return result;
  } catch (error) {
    deps.log.error(`could not read article ${raw.id}`, error);
    return null;
  }
}

/** Picks up files added, changed or removed while the bot runs. */
export function watchFolder(deps: FolderDeps): { close: () => void } {
  const pending = new Map<string, NodeJS.Timeout>();
  let watcher: FSWatcher;
  try {
    watcher = watch(deps.dir, { recursive: true }, (_event, name) => {
      if (!name || !isArticleFile(String(name))) return;
      const path = join(deps.dir, String(name));
      clearTimeout(pending.get(path));
      pending.set(
        path,
        setTimeout(() => {
          pending.delete(path);
          void refreshFile(path, deps);
        }, 250),
      );
    });
  } catch (error) {
    deps.log.warn(`not watching ${deps.dir}: ${(error as Error).message}`);
    return { close: () => {} };
  }
  watcher.on('error', (error) => deps.log.warn(`watching ${deps.dir} stopped: ${error.message}`));
  return {
    close: () => {
      for (const t of pending.values()) clearTimeout(t);
      watcher.close();
    },
  };
}

async function refreshFile(path: string, deps: FolderDeps): Promise<void> {
  const result = await readArticleFile(deps.dir, path);
  if ('raw' in result) {
    const outcome = await putFile(result.raw, deps);
    if (outcome === 'added' || outcome === 'updated') deps.log.info(`${outcome} ${result.raw.id}`);
    return;
  }
  const id = articleIdFor(deps.dir, path);
  if (await deps.store.deleteArticle(id)) {
    deps.newsroom.remove(id);
    deps.log.info(`removed ${id}`);
  }
}
