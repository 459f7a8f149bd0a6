// Command-line start-up: `briefbot help` and `briefbot brief ukraine` on a 1,000-article library,
// wall time per run as a user sees it (a fresh process each time), beside the baseline's
// `bin/briefbot.js` (TypeScript compiled at run time through tsx) in the same run.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BaseText, makeArticle } from './benchCorpus.ts';

const RUNS = 7;

/** Median and worst wall time of `runs` fresh runs, in ms. */
function time(cwd: string, args: string[], env: Record<string, string>, runs = RUNS): { median: number; worst: number } {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['bin/briefbot.js', ...args], { cwd, env: { ...process.env, ...env }, encoding: 'utf8' });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`briefbot ${args.join(' ')} in ${cwd} failed: ${r.stderr}`);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)] as number, worst: times[times.length - 1] as number };
}

export async function benchCli(options: { root: string; baseline: string | null; texts: BaseText[]; now: number }): Promise<void> {
  // The library as files in a briefings folder: each version reads it into its own store on the
  // first (untimed) run, then answers from that store.
  const folder = mkdtempSync(join(tmpdir(), 'briefbot-bench-cli-'));
  const briefings = join(folder, 'briefings');
  mkdirSync(briefings);
  copyFileSync(join(options.root, 'briefings', 'trump-macron-ukraine.txt'), join(briefings, 'trump-macron-ukraine.txt'));
  for (let i = 0; i < 999; i++) {
    const a = makeArticle(options.texts, i, options.now);
    writeFileSync(join(briefings, `article-${i}.txt`), `${a.title ?? 'Untitled'}\n\n${a.body}`);
  }
  const versions: [string, string][] = [['briefbot (node dist/, built)', options.root]];
  if (options.baseline) versions.push(['today (tsx at run time)', options.baseline]);
  console.log(`\nCommand line: wall time of a fresh process, median (worst) of ${RUNS} runs; 1,000-article library`);
  for (const [label, cwd] of versions) {
    const env = { DATABASE_URL: `sqlite:${join(folder, `${label.split(' ')[0]}.db`)}`, BRIEFINGS_DIR: briefings, DOTENV_PATH: join(folder, 'none.env') };
    time(cwd, ['brief', 'ukraine'], env, 1); // reads the folder into the store
    const help = time(cwd, ['help'], env);
    const brief = time(cwd, ['brief', 'ukraine'], env);
    const f = (t: { median: number; worst: number }) => `${Math.round(t.median)} ms (${Math.round(t.worst)})`;
    console.log(`  ${label.padEnd(30)} help ${f(help).padEnd(16)} brief ukraine ${f(brief)}`);
  }
}
