import { type FSWatcher, watch } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../log.ts';
import type { Store, StoredArticle } from '../store/store.ts';
import { articleIdFor, isArticleFile, listFolder, readArticleFile } from './folder.ts';

export interface FolderDeps {
  dir: string;
  store: Store;
  log: Logger;
  now: () => Date;
}

const BATCH = 100;

/**
 * Brings the store in line with the folder. The store keeps each file's size and modification
 * time from the last sync, so a restart only reads the files that changed: a folder of 20,000
 * unchanged files costs 20,000 `stat`s, not 20,000 parses.
 */
export async function syncFolder(deps: FolderDeps): Promise<{ added: number; updated: number; removed: number; unchanged: number }> {
  const counts = { added: 0, updated: 0, removed: 0, unchanged: 0 };
  const manifest = await deps.store.folderFiles();
  const files = await listFolder(deps.dir, (path, why) => deps.log.warn(`skipped ${path}: ${why}`));
  const changed = files.filter((f) => {
    const known = manifest.get(f.path);
    return !known || known.size !== f.size || known.mtime !== f.mtime;
  });
  counts.unchanged = files.length - changed.length;
  // Analysis (and its NLP model) loads only when a file needs reading.
  const { toStoredArticle } = changed.length ? await import('./storedArticle.ts') : { toStoredArticle: null };
  for (let i = 0; i < changed.length && toStoredArticle; i += BATCH) {
    const batch: StoredArticle[] = [];
    const seen: { path: string; size: number; mtime: number; articleId: string }[] = [];
    for (const f of changed.slice(i, i + BATCH)) {
      const read = await readArticleFile(deps.dir, join(deps.dir, f.path));
      if (!('raw' in read)) {
        deps.log.warn(`skipped ${f.path}: ${read.skipped}`);
        continue;
      }
      try {
        batch.push(toStoredArticle(read.raw, { sourceId: null, url: null, guid: null }));
        seen.push({ path: f.path, size: f.size, mtime: f.mtime, articleId: read.raw.id });
      } catch (error) {
        deps.log.error(`could not read article ${read.raw.id}`, error);
      }
    }
    const results = await deps.store.putArticles(batch, deps.now().toISOString());
    for (const r of results) if (r === 'added' || r === 'updated') counts[r]++;
    await deps.store.setFolderFiles(seen);
  }
  // Files gone since the last sync; a store from before the manifest lists its folder articles by id.
  const present = new Set(files.map((f) => f.path));
  const gone = [...manifest.entries()].filter(([path]) => !present.has(path));
  const ids = gone.map(([, f]) => f.articleId);
  if (manifest.size === 0) {
    const current = new Set(files.map((f) => articleIdFor(deps.dir, join(deps.dir, f.path))));
    for (const id of (await deps.store.articleIds('file:')).keys()) if (!current.has(id)) ids.push(id);
  }
  counts.removed = await deps.store.deleteArticles(ids);
  await deps.store.deleteFolderFiles(gone.map(([path]) => path));
  return counts;
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
          refreshFile(path, deps).catch((error: unknown) => deps.log.error(`could not refresh ${path}`, error));
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
  const relativePath = articleIdFor(deps.dir, path);
  if ('raw' in result) {
    const { toStoredArticle } = await import('./storedArticle.ts');
    const stored = toStoredArticle(result.raw, { sourceId: null, url: null, guid: null });
    const outcome = await deps.store.putArticle(stored, deps.now().toISOString());
    await deps.store.setFolderFiles([{ path: result.path, size: result.size, mtime: result.mtime, articleId: result.raw.id }]);
    if (outcome === 'added' || outcome === 'updated') deps.log.info(`${outcome} ${result.raw.id}`);
    return;
  }
  if (await deps.store.deleteArticle(relativePath)) deps.log.info(`removed ${relativePath}`);
  const manifest = await deps.store.folderFiles();
  await deps.store.deleteFolderFiles([...manifest.entries()].filter(([, f]) => f.articleId === relativePath).map(([p]) => p));
}
