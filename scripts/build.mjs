// `npm run build`: src/ to dist/, one ES module per entry with shared chunks, packages left
// external. esbuild, not tsc, because it takes a fraction of a second: `npm start` in a checkout
// rebuilds when src/ changed, so a stale dist/ never runs. Types are checked by `npm run typecheck`.
import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(root, 'dist', '.built');

/** The newest modification time under a folder. */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

export function isStale() {
  try {
    return newest(join(root, 'src')) > statSync(stamp).mtimeMs;
  } catch {
    return true;
  }
}

export async function build() {
  let esbuild;
  try {
    ({ build: esbuild } = await import('esbuild'));
  } catch {
    // A production install (npm ci --omit=dev) of a checkout that was built already.
    if (!isStale()) return;
    throw new Error('dist/ is out of date and esbuild is not installed: run npm ci (with dev dependencies), then npm run build');
  }
  // Chunk names carry content hashes: old ones would pile up and ship.
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  await esbuild({
    absWorkingDir: root,
    entryPoints: { cli: 'src/cli.ts' },
    outdir: 'dist',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning',
  });
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
}

/** Builds when src/ is newer than the last build: for a checkout, never for an installed package. */
export async function buildIfStale() {
  if (isStale()) await build();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await build();
