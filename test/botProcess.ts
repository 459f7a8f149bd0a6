import { type ChildProcess, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './helpers.ts';

// The bot as `npm start` runs it (`briefbot start`, the built dist/), in a process of its own, with only the environment given (no
// .env file is read). For tests and benches that run several instances or kill one.

export interface BotProcess {
  child: ChildProcess;
  /** Everything it wrote to stderr so far (its log). */
  stderr: () => string;
  running: () => boolean;
  /** Its exit code once it has exited (null when a signal ended it). */
  closed: Promise<number | null>;
  /** SIGTERM, then waits for it to exit. */
  stop: () => Promise<void>;
}

/** What a bot process gets besides its own settings: a PATH and HOME, and no .env file. */
export const processEnv = () => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DOTENV_PATH: join(tmpdir(), 'none.env') });

export function startBot(env: Record<string, string>): BotProcess {
  const child = spawn(process.execPath, ['bin/briefbot.js', 'start'], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...processEnv(), ...env },
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const running = () => child.exitCode === null && child.signalCode === null;
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    child,
    stderr: () => stderr,
    running,
    closed,
    stop: async () => {
      if (!running()) return;
      child.kill('SIGTERM');
      await closed;
    },
  };
}

/** Polls `check` until it returns something other than undefined. */
export async function until<T>(check: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 60_000, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = await check();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
