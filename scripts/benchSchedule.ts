// The digest slot finder (previousRun, which names the slot every tick delivers) and the next-run
// function (/digest list, the timers), per call, beside the baseline's in the same run.
type Engine = {
  previousRun: (cron: string, zone: string, at: number, lookbackMs: number) => number | null;
  nextRuns: (cron: string, zone: string, after: number, count: number) => number[];
};

const SCHEDULES = ['* * * * *', '*/5 * * * *', '0 * * * *', '0 8 * * *', '30 7 * * 1-5', '0 8 1 * 1', '0 9 1 * *', '0 0 29 2 *'];
const ZONES = ['UTC', 'Europe/Paris'];
const DAY = 86_400_000;

/** Mean ms per call over calls spread across a year, so every hour and weekday is hit. */
function perCall(fn: (at: number) => unknown, start: number, budgetMs = 150): number {
  let calls = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < budgetMs) {
    fn(start + ((calls * 7_919_000) % (365 * DAY)));
    calls++;
  }
  return (performance.now() - t0) / calls;
}

export async function benchSchedule(options: { baseline: string | null }): Promise<void> {
  const engines: [string, Engine][] = [['briefbot', (await import('../src/core/schedule.ts')) as Engine]];
  if (options.baseline) engines.push(['today', (await import(`${options.baseline}/src/core/schedule.ts`)) as Engine]);
  const start = Date.parse('2026-01-01T00:00:00Z');
  console.log('\nDigest schedules: ms per call, mean over calls spread across a year (slot: previousRun over 14 days; next: 3 runs)');
  console.log(`  ${'schedule'.padEnd(28)} ${engines.map(([l]) => `${`${l} slot`.padStart(14)} ${`${l} next`.padStart(14)}`).join(' ')}`);
  let worst = new Map<string, number>();
  for (const cron of SCHEDULES) {
    for (const zone of ZONES) {
      const cells: string[] = [];
      for (const [label, engine] of engines) {
        const slot = perCall((at) => engine.previousRun(cron, zone, at, 14 * DAY), start);
        const next = perCall((at) => engine.nextRuns(cron, zone, at, 3), start);
        worst = new Map(worst).set(label, Math.max(worst.get(label) ?? 0, slot));
        cells.push(`${slot.toFixed(3).padStart(14)} ${next.toFixed(3).padStart(14)}`);
      }
      console.log(`  ${`${cron} ${zone}`.padEnd(28)} ${cells.join(' ')}`);
    }
  }
  console.log(`  slowest slot call: ${[...worst].map(([l, ms]) => `${l} ${ms.toFixed(3)} ms`).join(', ')}`);
}
