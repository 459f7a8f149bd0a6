import type { SourceRecord, Store } from '../store/store.ts';
import { type IngestDeps, type PollReport, pollSource } from './ingest.ts';

/** A crashed instance's lease runs out after this; a live one renews it every third of it. */
const LEASE_MS = 5 * 60_000;

/**
 * Polls due sources in the background: each on its own interval, failing ones backed off, a
 * few at a time, never two polls of the same source at once. A failure never stops the loop.
 */
export class Poller {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly deps: IngestDeps & { store: Store },
    private readonly tickMs = 30_000,
    private readonly concurrency = 4,
  ) {}

  start(): void {
    this.stopped = false;
    const loop = () => {
      if (this.stopped) return;
      const run = this.tick().then(
        () => {},
        (error: unknown) => this.deps.log.error('feed polling failed', error),
      );
      this.running = run;
      void run.then(() => {
        if (!this.stopped) this.timer = setTimeout(loop, this.tickMs);
      });
    };
    loop();
  }

  async tick(): Promise<PollReport[]> {
    const due = await this.deps.store.dueSources(this.deps.now().toISOString());
    return pollAll(due, this.deps, this.concurrency, () => {}, { onlyDue: true });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}

const busyReport = (source: SourceRecord): PollReport => ({
  source,
  added: 0,
  updated: 0,
  unchanged: 0,
  duplicates: 0,
  skipped: [],
  notModified: false,
  busy: true,
});

/**
 * Polls sources with limited concurrency, reporting each as it finishes (and, unless only due
 * ones are wanted, each that another instance is reading as busy).
 */
export async function pollAll(
  sources: Parameters<typeof pollSource>[0][],
  deps: IngestDeps,
  concurrency = 4,
  onReport: (r: PollReport) => void = () => {},
  options: { onlyDue?: boolean; leaseMs?: number } = {},
): Promise<PollReport[]> {
  const reports: PollReport[] = [];
  let next = 0;
  const owner = deps.instanceId ?? 'this-instance';
  const leaseMs = options.leaseMs ?? LEASE_MS;
  const lease = (id: number) => {
    const now = deps.now();
    return deps.store.leaseSource(id, owner, now.toISOString(), new Date(now.getTime() + leaseMs).toISOString());
  };
  const worker = async () => {
    while (next < sources.length) {
      const source = sources[next++];
      if (!source) break;
      const now = deps.now();
      if (!(await lease(source.id))) {
        // Another instance is polling it now: leave it to them, and say so when asked to read everything.
        if (!options.onlyDue) {
          const busy = busyReport(source);
          reports.push(busy);
          onReport(busy);
        }
        continue;
      }
      // A poll of a slow feed with many pages outlasts one lease: renewed while it runs, so no
      // other instance takes the feed over and polls it a second time.
      const renewal = setInterval(() => {
        lease(source.id).catch((error: unknown) => deps.log.warn(`source ${source.id}: lease not renewed: ${(error as Error).message}`));
      }, leaseMs / 3);
      try {
        // Another instance may have polled it between our list and our lease: read it again.
        const current = await deps.store.getSource(source.id);
        if (!current || (options.onlyDue && current.nextPollAt !== null && current.nextPollAt > now.toISOString())) continue;
        const report = await pollSource(current, deps);
        reports.push(report);
        deps.observe?.(report);
        onReport(report);
      } finally {
        clearInterval(renewal);
        await deps.store.releaseSource(source.id, owner);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, sources.length) }, worker));
  return reports;
}
