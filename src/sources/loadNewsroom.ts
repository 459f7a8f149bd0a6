import { Newsroom } from '../core/newsroom.ts';
import type { Logger } from '../log.ts';
import { readFolder } from './folder.ts';

/** The newsroom as the briefings folder holds it now. */
export async function loadFolderNewsroom(dir: string, log: Logger): Promise<Newsroom> {
  const newsroom = new Newsroom();
  const raws = await readFolder(dir, (path, why) => log.warn(`skipped ${path}: ${why}`));
  for (const raw of raws) {
    try {
      newsroom.ingest(raw);
    } catch (error) {
      log.error(`could not read article ${raw.id}`, error);
    }
  }
  return newsroom;
}
