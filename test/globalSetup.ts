import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Tests that start the bot or the command line run the built dist/, as users do: build it once
// here, so parallel test files never race to rebuild it.
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: 'inherit' });
}
