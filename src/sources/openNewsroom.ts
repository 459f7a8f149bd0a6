import type { SourcesPort } from '../commands/ports.ts';
import type { Config } from '../config.ts';
import { parseArticle } from '../core/article.ts';
import { Newsroom } from '../core/newsroom.ts';
import { analyzeArticle } from '../core/quotes.ts';
import { decodeTerms, encodeTerms, indexTerms } from '../core/search.ts';
import { ANALYZER_VERSION } from '../core/version.ts';
import type { Logger } from '../log.ts';
import { openStore } from '../store/open.ts';
import type { Store, StoredArticle } from '../store/store.ts';
import { syncFolder, watchFolder } from './folderSync.ts';
import type { IngestDeps, PollReport } from './ingest.ts';
import { Poller, pollAll } from './poller.ts';
import { createSourcesPort } from './sourcesPort.ts';

export interface OpenedNewsroom {
  newsroom: Newsroom;
  store: Store;
  sources: SourcesPort;
  /** Loads the texts a briefing needs from the store into the (lean) newsroom. */
  loadTexts: (ids: string[]) => Promise<void>;
  /** Fetches every source now, reporting each as it finishes. */
  ingestAll: (onReport?: (r: PollReport, done: number, total: number) => void) => Promise<PollReport[]>;
  /** Feed polling and folder watching, for a running bot. */
  startBackground: () => void;
  close: () => Promise<void>;
}

export interface OpenOptions {
  now?: () => Date;
  /** Poll tick, for tests. */
  tickMs?: number;
  timeoutMs?: number;
  /** Told of every feed poll, for metrics. */
  observePoll?: (report: PollReport) => void;
}

/**
 * The newsroom from the store: stored analyses are loaded as they are (a restart never re-parses
 * the library), analyses from an older analyzer are redone, and the briefings folder is synced.
 */
export async function openNewsroom(config: Config, log: Logger, options: OpenOptions = {}): Promise<OpenedNewsroom> {
  const now = options.now ?? (() => new Date());
  const store = await openStore(config.databaseUrl);
  // Texts stay in the store; a briefing loads the few it summarizes.
  const newsroom = new Newsroom([], { keepTexts: false });
  const stale: StoredArticle[] = [];
  await store.loadArticles((batch) => {
    for (const a of batch) {
      if (a.analyzerVersion === ANALYZER_VERSION) newsroom.put(a.analysis, a.terms ? decodeTerms(a.terms) : undefined);
      else stale.push(a);
    }
  });
  for (const a of stale) await reanalyze(a, store, newsroom, now);
  if (stale.length) log.info(`re-analyzed ${stale.length} stored articles for analyzer version ${ANALYZER_VERSION}`);

  const folder = { dir: config.briefingsDir, store, newsroom, log, now };
  await syncFolder(folder);
  // The library-wide people, built now rather than on the first question.
  void newsroom.library;

  const deps: IngestDeps = {
    store,
    newsroom,
    allowPrivate: config.feedAllowPrivate,
    pollSeconds: config.feedPollSeconds,
    now,
    log,
    timeoutMs: options.timeoutMs,
    instanceId: config.instanceId,
    observe: options.observePoll,
  };
  const poller = new Poller(deps, options.tickMs);
  let watcher: { close: () => void } | null = null;
  return {
    newsroom,
    store,
    sources: createSourcesPort(store, newsroom, { allowPrivate: config.feedAllowPrivate, now }),
    loadTexts: async (ids) => {
      const missing = ids.filter((id) => newsroom.textOf(id) === undefined);
      if (missing.length) newsroom.rememberTexts(await store.articleBodies(missing));
    },
    ingestAll: async (onReport) => {
      const all = await store.listSources();
      let done = 0;
      return pollAll(all, deps, 4, (r) => onReport?.(r, ++done, all.length));
    },
    startBackground: () => {
      poller.start();
      watcher = watchFolder(folder);
    },
    close: async () => {
      watcher?.close();
      await poller.stop();
      await store.close();
    },
  };
}

async function reanalyze(a: StoredArticle, store: Store, newsroom: Newsroom, now: () => Date): Promise<void> {
  const old = a.analysis.article;
  const analysis = analyzeArticle(
    parseArticle({ id: a.id, body: old.text, format: 'plain', title: old.title, source: old.source, url: old.url, published: old.published, seen: old.seen }),
  );
  await store.putArticle({ ...a, analysis, analyzerVersion: ANALYZER_VERSION, terms: encodeTerms(indexTerms(analysis.article)) }, now().toISOString());
  newsroom.put(analysis);
}
