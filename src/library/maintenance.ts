import { ANALYZER_VERSION } from '../core/version.ts';
import type { Logger } from '../log.ts';
import { toStoredArticle } from '../sources/storedArticle.ts';
import type { AnalysisProgress, StaleArticle, Store } from '../store/store.ts';

// Work on the stored library that runs beside serving, in small batches: re-analysis after the
// analyzer changed (`ANALYZER_VERSION`), and pruning past `ARTICLE_RETENTION`. Neither blocks
// start-up; the bot answers from what is done and says how far the rest is.

const REANALYZE_BATCH = 100;
const PRUNE_BATCH = 500;
/** How often pruning looks again. */
const PRUNE_EVERY_MS = 60 * 60_000;

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The stored article parsed and analysed again from its text, as the current analyzer does it. */
export function reanalyzed(a: StaleArticle) {
  const old = a.analysis.article;
  return toStoredArticle(
    { id: a.id, body: old.text, format: 'plain', title: old.title, source: old.source, url: old.url, published: old.published, seen: old.seen },
    { sourceId: a.sourceId, url: a.url, guid: a.guid },
  );
}

/** Re-analyses every article an older analyzer wrote; resolves when none is left (or on stop). */
export async function reanalyzeAll(
  store: Store,
  options: { log: Logger; now: () => Date; stopped: () => boolean; onBatch?: (p: AnalysisProgress) => void },
): Promise<number> {
  let done = 0;
  const started = await store.analysisProgress(ANALYZER_VERSION);
  if (started.pending)
    options.log.info(`re-analysing ${started.pending} of ${started.total} stored articles for analyzer version ${ANALYZER_VERSION}, in the background`);
  while (!options.stopped()) {
    const stale = await store.staleArticles(ANALYZER_VERSION, REANALYZE_BATCH);
    if (!stale.length) break;
    const fresh = [];
    for (const a of stale) {
      try {
        fresh.push(reanalyzed(a));
      } catch (error) {
        options.log.error(`could not re-analyse ${a.id}`, error);
      }
    }
    await store.putArticles(fresh, options.now().toISOString());
    if (fresh.length < stale.length) break; // an article that cannot be analysed would come back forever
    done += fresh.length;
    options.onBatch?.(await store.analysisProgress(ANALYZER_VERSION));
    await pause(); // commands waiting on the store go first
  }
  if (done) options.log.info(`re-analysed ${done} stored articles`);
  return done;
}

/** Deletes articles older than the retention, a batch at a time. */
export async function pruneAll(store: Store, retentionMs: number, options: { log: Logger; now: () => Date; stopped: () => boolean }): Promise<number> {
  let removed = 0;
  while (!options.stopped()) {
    const n = await store.pruneArticles(options.now().getTime() - retentionMs, PRUNE_BATCH);
    removed += n;
    if (n < PRUNE_BATCH) break;
    await pause();
  }
  if (removed) options.log.info(`pruned ${removed} articles older than the retention`);
  return removed;
}

/** Both jobs in the background: re-analysis once, pruning now and every hour. */
export function startMaintenance(store: Store, options: { log: Logger; now: () => Date; retentionMs?: number }) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const isStopped = () => stopped;
  const prune = async () => {
    if (options.retentionMs === undefined || stopped) return;
    await pruneAll(store, options.retentionMs, { ...options, stopped: isStopped }).catch((error: unknown) => options.log.error('pruning failed', error));
    if (!stopped) {
      timer = setTimeout(() => void prune(), PRUNE_EVERY_MS);
      timer.unref();
    }
  };
  const running = (async () => {
    await reanalyzeAll(store, { ...options, stopped: isStopped }).catch((error: unknown) => options.log.error('re-analysis failed', error));
    await prune();
  })();
  return {
    /** Resolves when the first round (re-analysis, then a prune) is done. */
    settled: running,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
