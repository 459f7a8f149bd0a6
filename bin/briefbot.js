#!/usr/bin/env node
// The `briefbot` command (and `npm start`, as `briefbot start`): runs the built dist/ in this
// process, so signals reach the bot. In a checkout it first rebuilds dist/ if src/ changed.
import { existsSync } from 'node:fs';

process.setSourceMapsEnabled(true);
const builder = new URL('../scripts/build.mjs', import.meta.url);
if (existsSync(new URL('../src', import.meta.url)) && existsSync(builder)) {
  const { buildIfStale } = await import(builder.href);
  await buildIfStale();
}
const { main } = await import('../dist/cli.js');
process.exitCode = await main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`briefbot: ${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
});
