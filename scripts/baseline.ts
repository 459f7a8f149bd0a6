// "Today's code", for figures measured beside it in the same run: the commit before the current
// work, checked out once into a git worktree under node_modules/.cache. Its src/core is pure
// TypeScript with no dependencies, so the eval and the bench import it directly.
import { execFileSync } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

/** The last commit before the library moved into the store (and before the new attribution). */
export const BASELINE_COMMIT = process.env.EVAL_BASELINE ?? 'f7d15a5';

/** The baseline's checkout, or null (with the reason on stderr) when git cannot provide it. */
export function baselineDir(root: string): string | null {
  const dir = join(root, 'node_modules', '.cache', `briefbot-baseline-${BASELINE_COMMIT}`);
  if (existsSync(join(dir, 'src', 'core'))) return dir;
  try {
    execFileSync('git', ['-C', root, 'worktree', 'add', '--detach', '--force', dir, BASELINE_COMMIT], { stdio: 'pipe' });
    // Its benches import the same packages (better-sqlite3, tsx): it borrows ours.
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    return dir;
  } catch (error) {
    process.stderr.write(`(no baseline: git could not check out ${BASELINE_COMMIT}: ${String((error as Error).message).split('\n')[0]})\n`);
    return null;
  }
}
