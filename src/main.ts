// `npm start`: wires the library, its sources, the digest scheduler and every configured
// platform together. With no platform tokens it runs the local console.
import { hostname } from 'node:os';
import { startConsole } from './adapters/console/console.ts';
import { renderReply } from './adapters/console/render.ts';
import { createDiscordAdapter, DiscordLoginError } from './adapters/discord/discord.ts';
import { createSlackAdapter } from './adapters/slack/slack.ts';
import { createApp } from './app.ts';
import { commandTable } from './commands/table.ts';
import { plural } from './commands/wording.ts';
import { loadEnvironment } from './environment.ts';
import { createLogger, secretsFrom } from './log.ts';
import { createMetrics, type HealthCheck, startOpsServer } from './ops.ts';

async function start(): Promise<number> {
  const env = loadEnvironment();
  const log = createLogger(secretsFrom(env.raw));
  if (env.problems.length) {
    for (const p of env.problems) process.stderr.write(`briefbot: ${p}\n`);
    return 2;
  }
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
  app.startBackground();
  const table = commandTable();
  const { posters, scheduler } = app;
  const context = () => app.context();
  const shutdown = async (adapters: { stop: () => Promise<void> }[]) => {
    await scheduler.stop();
    for (const a of adapters) await a.stop();
    await app.close();
  };

  if (!config.discord && !config.slack) {
    process.stderr.write(
      `No Discord or Slack tokens set: starting the local console on ${plural(await app.store.countArticles(), 'article')} from ${config.briefingsDir}/.\n`,
    );
    posters.console = {
      post: async (_channel, reply) => process.stdout.write(`\n${renderReply(reply, { color: Boolean(process.stdout.isTTY) })}\n\n`),
      notify: async (_user, text) => process.stdout.write(`${text}\n`),
    };
    await scheduler.start();
    await startConsole({
      table,
      context: () => ({ ...context(), actor: { id: 'console', admin: true, canManageChannel: true }, where: { platform: 'console', channelId: 'console' } }),
      input: process.stdin,
      output: process.stdout,
      interactive: Boolean(process.stdin.isTTY),
      color: Boolean(process.stdout.isTTY),
      log: (m, e) => log.error(m, e),
    });
    await shutdown([]);
    return 0;
  }

  // Listened for before the platforms connect, so a stop while they start is a clean one too.
  const stopSignal = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  const adapters: { name: string; stop: () => Promise<void>; healthy: HealthCheck }[] = [];
  if (config.discord) {
    const discord = createDiscordAdapter({ ...config.discord, table, context, log });
    try {
      await discord.start();
    } catch (error) {
      process.stderr.write(`briefbot: ${error instanceof DiscordLoginError ? error.message : `Discord did not start: ${(error as Error).message}`}\n`);
      await shutdown(adapters);
      return 1;
    }
    adapters.push({ name: 'discord', stop: discord.stop, healthy: async () => discord.client.isReady() || 'not connected to the gateway' });
    posters.discord = discord.poster;
  }
  if (config.slack) {
    const slack = createSlackAdapter({ ...config.slack, digestAdmins: config.digest.slackAdmins, table, context, log, store: app.store });
    try {
      await slack.start();
    } catch (error) {
      const code = (error as { data?: { error?: string } }).data?.error;
      process.stderr.write(
        `briefbot: Slack did not start: ${code === 'invalid_auth' ? 'Slack rejected SLACK_BOT_TOKEN or SLACK_APP_TOKEN.' : (error as Error).message}\n`,
      );
      await shutdown(adapters);
      return 1;
    }
    adapters.push({ name: 'slack', stop: slack.stop, healthy: slack.healthy });
    posters.slack = slack.poster;
  }
  const checks: Record<string, HealthCheck> = { store: async () => (await app.store.countArticles()) >= 0 || 'store did not answer' };
  for (const a of adapters) checks[a.name] = a.healthy;
  const ops = config.metricsPort === undefined ? null : await startOpsServer(config.metricsPort, metrics, checks);
  if (ops) log.info(`health and metrics on :${ops.port} (/healthz, /metrics)`);
  // Catching up thousands of due digests takes a while; the bot serves and stops meanwhile.
  scheduler.start().catch((error: unknown) => log.error('digests: the scheduler did not start', error));
  await stopSignal;
  log.info('shutting down');
  await ops?.close();
  await shutdown(adapters);
  return 0;
}

start().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`briefbot: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
