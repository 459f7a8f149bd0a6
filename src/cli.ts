#!/usr/bin/env node
// The `briefbot` command line: `npm run briefbot -- <command>`.
import { main } from './adapters/cli/cli.ts';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`briefbot: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
