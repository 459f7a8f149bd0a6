// `briefbot start` (and `npm start`): the library, its sources, the digest scheduler and every
// configured platform, wired together. With no platform tokens it runs the local console.
import { hostname } from 'node:os';
import { createApp } from './app.ts';
import { commandTable } from './commands/table.ts';
import { plural } from './commands/wording.ts';
import type { Config } from './config.ts';
import { loadEnvironment } from './environment.ts';
import { createLogger, type Logger, secretsFrom } from './log.ts';
import { createMetrics, type HealthCheck, startOpsServer } from './ops.ts';
import { type Adapter, type AdapterDeps, AdapterStartError } from './platform.ts';
import type { Store } from './store/store.ts';

/**
 * The adapters this configuration asks for. Each platform's SDK is loaded only when it is used:
 * discord.js and Bolt together take most of a second to import.
 */
async function createAdapters(config: Config, deps: AdapterDeps, store: Store): Promise<Adapter[]> {
  const adapters: Adapter[] = [];
  if (config.discord) {
    const { createDiscordAdapter } = await import('./adapters/discord/discord.ts');
    adapters.push(createDiscordAdapter({ ...config.discord, ...deps }));
  }
  if (config.slack) {
    const { createSlackAdapter } = await import('./adapters/slack/slack.ts');
    adapters.push(createSlackAdapter({ ...config.slack, ...deps, digestAdmins: config.digest.slackAdmins, store }));
  }
  if (!adapters.length) {
    const { createConsoleAdapter } = await import('./adapters/console/console.ts');
    const console = createConsoleAdapter({
      ...deps,
      context: () => ({
        ...deps.context(),
        actor: { id: 'console', admin: true, canManageChannel: true },
        where: { platform: 'console', channelId: 'console' },
      }),
      input: process.stdin,
      output: process.stdout,
      interactive: Boolean(process.stdin.isTTY),
      color: Boolean(process.stdout.isTTY),
    });
    adapters.push(console);
  }
  return adapters;
}

/** Runs the bot until SIGINT or SIGTERM (or, for the console, the end of its input). */
export async function start(): Promise<number> {
  const env = loadEnvironment();
  const log: Logger = createLogger(secretsFrom(env.raw));
  if (env.problems.length) {
    for (const p of env.problems) process.stderr.write(`briefbot: ${p}\n`);
    return 2;
  }
  // Listened for first, so a stop while the store opens or the platforms connect is a clean one too.
  const stopSignal = new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  const config = { ...env.config, instanceId: env.config.instanceId ?? `${hostname()}:${process.pid}` };
  const metrics = createMetrics();
  const app = await createApp(config, log, {
    observePoll: (r) => {
      if (r.error) metrics.feedFailures.inc();
      metrics.articlesIngested.inc({ kind: 'added' }, r.added);
      metrics.articlesIngested.inc({ kind: 'updated' }, r.updated);
    },
    observe: ({ command, platform, seconds, outcome }) => {
      metrics.commands.inc({ command, platform, outcome });
      metrics.commandSeconds.observe({ command, platform }, seconds);
    },
    observeDigest: (outcome) => metrics.digests.inc({ outcome }),
  });
  await app.startBackground();
  const adapters = await createAdapters(config, { table: commandTable(), context: () => app.context(), log }, app.store);
  const started: Adapter[] = [];
  const shutdown = async () => {
    await app.scheduler.stop();
    for (const a of started) await a.stop().catch((error: unknown) => log.error(`${a.name}: did not stop cleanly`, error));
    await app.close();
  };

  if (adapters.some((a) => a.name === 'console')) {
    process.stderr.write(
      `No Discord or Slack tokens set: starting the local console on ${plural(await app.store.countArticles(), 'article')} from ${app.config.briefingsDir}/.\n`,
    );
  }
  for (const adapter of adapters) {
    try {
      await adapter.start();
    } catch (error) {
      process.stderr.write(`briefbot: ${error instanceof AdapterStartError ? error.message : `${adapter.name} did not start: ${(error as Error).message}`}\n`);
      await shutdown();
      return 1;
    }
    started.push(adapter);
    app.posters[adapter.name] = adapter.poster;
  }
  const checks: Record<string, HealthCheck> = { store: async () => (await app.store.countArticles()) >= 0 || 'store did not answer' };
  for (const a of started) checks[a.name] = a.healthy;
  const ops = config.metricsPort === undefined ? null : await startOpsServer(config.metricsPort, metrics, checks);
  if (ops) log.info(`health and metrics on :${ops.port} (/healthz, /metrics)`);
  // Catching up thousands of due digests takes a while; the bot serves and stops meanwhile.
  app.scheduler.start().catch((error: unknown) => log.error('digests: the scheduler did not start', error));
  const ended = started.map((a) => a.ended).filter((e) => e !== undefined);
  const why = await Promise.race([stopSignal, ...(ended.length ? [Promise.all(ended).then(() => 'end of input')] : [])]);
  if (why !== 'end of input') log.info(`shutting down (${why})`);
  await ops?.close();
  await shutdown();
  return 0;
}
