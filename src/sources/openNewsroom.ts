import type { Config } from '../config.ts';
import type { Newsroom } from '../core/newsroom.ts';
import type { Logger } from '../log.ts';
import { loadFolderNewsroom } from './loadNewsroom.ts';

export interface OpenedNewsroom {
  newsroom: Newsroom;
  /** `sources …` and `ingest` from the command line. */
  sourcesCli: (command: string, words: string[], json: boolean) => Promise<number>;
  close: () => Promise<void>;
}

/** The newsroom with its sources attached. */
export async function openNewsroom(config: Config, log: Logger, _options: { watch: boolean }): Promise<OpenedNewsroom> {
  const newsroom = await loadFolderNewsroom(config.briefingsDir, log);
  return {
    newsroom,
    sourcesCli: async () => {
      process.stderr.write('briefbot: feed sources are not available yet\n');
      return 2;
    },
    close: async () => {},
  };
}
