import type { Store } from '../store/store.ts';
import { type IngestDeps, type PollReport, pollSource } from './ingest.ts';

/** Long enough for a feed and its pages; a crashed instance's lease runs out after it. */
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

/** Polls sources with limited concurrency, reporting each as it finishes. */
export async function pollAll(
  sources: Parameters<typeof pollSource>[0][],
  deps: IngestDeps,
  concurrency = 4,
  onReport: (r: PollReport) => void = () => {},
  options: { onlyDue?: boolean } = {},
): Promise<PollReport[]> {
  const reports: PollReport[] = [];
  let next = 0;
  const owner = deps.instanceId ?? 'this-instance';
  const worker = async () => {
    while (next < sources.length) {
      const source = sources[next++];
      if (!source) break;
      // Another instance is polling it now: leave it to them.
      const now = deps.now();
      if (!(await deps.store.leaseSource(source.id, owner, now.toISOString(), new Date(now.getTime() + LEASE_MS).toISOString()))) continue;
      try {
        // Another instance may have polled it between our list and our lease: read it again.
        const current = await deps.store.getSource(source.id);
        if (!current || (options.onlyDue && current.nextPollAt !== null && current.nextPollAt > now.toISOString())) continue;
        const report = await pollSource(current, deps);
        reports.push(report);
        deps.observe?.(report);
        onReport(report);
      } finally {
        await deps.store.releaseSource(source.id, owner);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, sources.length) }, worker));
  return reports;
}
