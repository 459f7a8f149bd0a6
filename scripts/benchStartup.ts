// Run by the bench in a fresh process: start-up from a stored library exactly as `npm start`
// does it (openNewsroom), then briefing latency and resident memory. Prints one JSON line.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { openNewsroom } from '../src/sources/openNewsroom.ts';
import { briefingLatency } from './benchStore.ts';

const [file = '', now = '0'] = process.argv.slice(2);
const empty = mkdtempSync(join(tmpdir(), 'briefbot-empty-'));
const { config } = loadConfig({ DATABASE_URL: `sqlite:${file}`, BRIEFINGS_DIR: empty });
const t0 = performance.now();
const opened = await openNewsroom(
  config,
  createLogger([], () => {}),
);
const startup = performance.now() - t0;
const latency = await briefingLatency(opened.newsroom, Number(now), opened.loadTexts);
(globalThis as { gc?: () => void }).gc?.();
const { rss, heapUsed } = process.memoryUsage();
process.stdout.write(`${JSON.stringify({ startup, articles: opened.newsroom.size, latency, rss, heapUsed })}\n`);
await opened.close();
