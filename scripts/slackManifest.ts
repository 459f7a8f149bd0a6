// Writes slack-app-manifest.json from the command table: `npx tsx scripts/slackManifest.ts`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { slackManifest } from '../src/adapters/slack/manifest.ts';
import { commandTable } from '../src/commands/table.ts';

writeFileSync(join(import.meta.dirname, '..', 'slack-app-manifest.json'), `${JSON.stringify(slackManifest(commandTable()), null, 2)}\n`);
