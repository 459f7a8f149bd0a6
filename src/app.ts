import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandContext } from './commands/command.ts';
import type { SourcesPort } from './commands/ports.ts';
import type { Config } from './config.ts';
import { Library } from './library/library.ts';
import type { Logger } from './log.ts';
import type { Poster } from './platform.ts';
import { createDigestsPort } from './schedule/digestsPort.ts';
import { DigestScheduler } from './schedule/scheduler.ts';
import { syncFolder, watchFolder } from './sources/folderSync.ts';
import type { IngestDeps, PollReport } from './sources/ingest.ts';
import { AddressPolicy } from './sources/netGuard.ts';
import { createSourcesPort } from './sources/sourcesPort.ts';
import { openStore } from './store/open.ts';
import type { Platform, Store } from './store/store.ts';

// One wiring for `npm start` and the command line: the store, the library served from it, the
// sources that fill it, the digests, and the context every command runs in.

export interface App {
  config: Config;
  store: Store;
  library: Library;
  sources: SourcesPort;
  scheduler: DigestScheduler;
  /** Filled in by the platforms that connect: where digests are posted. */
  posters: Partial<Record<Platform, Poster>>;
  /** The context a command runs in, now. */
  context: (extra?: Partial<CommandContext>) => CommandContext;
  /** Fetches every source now, reporting each as it finishes. */
  ingestAll: (onReport?: (r: PollReport, done: number, total: number) => void) => Promise<PollReport[]>;
  /** Feed polling, folder watching, re-analysis and pruning, for a running bot. */
  startBackground: () => Promise<void>;
  close: () => Promise<void>;
}

export interface AppOptions {
  now?: () => Date;
  /** Poll tick, for tests. */
  tickMs?: number;
  timeoutMs?: number;
  /** Told of every feed poll, for metrics. */
  observePoll?: (report: PollReport) => void;
  /** Told of every command served and every digest handled, for metrics. */
  observe?: CommandContext['observe'];
  observeDigest?: ConstructorParameters<typeof DigestScheduler>[0]['observe'];
}

/**
 * The default ./briefings or, where there is none (an installed package run from another folder),
 * the sample briefings shipped with the package, so a first `briefbot brief ukraine` answers.
 */
function briefingsDir(dir: string): string {
  if (dir !== 'briefings' || existsSync(dir)) return dir;
  let at = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 4; up++, at = dirname(at)) {
    if (existsSync(join(at, 'package.json')) && existsSync(join(at, 'briefings'))) return join(at, 'briefings');
  }
  return dir;
}

/**
 * Opens the store (migrating it), syncs the briefings folder (only files that changed are read)
 * and wires the rest. Nothing here reads the whole library: start-up costs the same at 100 or
 * 1,000,000 stored articles.
 */
export async function createApp(given: Config, log: Logger, options: AppOptions = {}): Promise<App> {
  const config = { ...given, briefingsDir: briefingsDir(given.briefingsDir) };
  const now = options.now ?? (() => new Date());
  const store = await openStore(config.databaseUrl);
  const library = new Library(store);
  const folder = { dir: config.briefingsDir, store, log, now };
  await syncFolder(folder);

  const policy = new AddressPolicy(config.feedAllowPrivate);
  const deps: IngestDeps = {
    store,
    policy,
    pollSeconds: config.feedPollSeconds,
    now,
    log,
    timeoutMs: options.timeoutMs,
    instanceId: config.instanceId,
    observe: options.observePoll,
  };
  const posters: App['posters'] = {};
  const clock = () => now().getTime();
  const scheduler = new DigestScheduler({
    store,
    library,
    posters,
    now: clock,
    log,
    catchupMs: config.digest.catchupMs,
    emptyNote: config.digest.emptyNote,
    leaseMs: config.digest.leaseMs,
    instanceId: config.instanceId,
    observe: options.observeDigest,
  });
  const sources = createSourcesPort(store, { policy, now });
  const digests = createDigestsPort({ store, library, scheduler, limits: config.digest, now: clock });
  // Feeds (an HTML parser, an HTTP client) and maintenance (the analyzer) load only for a running
  // bot or an ingest: a one-off command answers without them.
  let watcher: { close: () => void } | null = null;
  let maintenance: { stop: () => Promise<void> } | null = null;
  let poller: { stop: () => Promise<void> } | null = null;
  return {
    config,
    store,
    library,
    sources,
    scheduler,
    posters,
    context: (extra = {}) => ({
      library,
      now: clock(),
      sources,
      digests,
      defaultTimezone: config.digest.timezone,
      observe: options.observe,
      ...extra,
    }),
    ingestAll: async (onReport) => {
      const all = await store.listSources();
      const { pollAll } = await import('./sources/poller.ts');
      let done = 0;
      return pollAll(all, deps, 4, (r) => onReport?.(r, ++done, all.length));
    },
    startBackground: async () => {
      const [{ Poller }, { startMaintenance }] = await Promise.all([import('./sources/poller.ts'), import('./library/maintenance.ts')]);
      const feeds = new Poller(deps, options.tickMs);
      feeds.start();
      poller = feeds;
      watcher = watchFolder(folder);
      maintenance = startMaintenance(store, { log, now, retentionMs: config.articleRetentionMs });
    },
    close: async () => {
      watcher?.close();
      await scheduler.stop();
      await maintenance?.stop();
      await poller?.stop();
      await store.close();
    },
  };
}
