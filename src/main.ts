// `npm start`: wires the newsroom, its sources and every configured platform together. With no
// platform tokens it runs the local console.
import { startConsole } from './adapters/console/console.ts';
import { createDiscordAdapter, DiscordLoginError } from './adapters/discord/discord.ts';
import { createSlackAdapter } from './adapters/slack/slack.ts';
import { commandTable } from './commands/table.ts';
import { plural } from './commands/wording.ts';
import { loadEnvironment } from './environment.ts';
import { createLogger, secretsFrom } from './log.ts';
import { openNewsroom } from './sources/openNewsroom.ts';

async function start(): Promise<number> {
  const env = loadEnvironment();
  const log = createLogger(secretsFrom(env.raw));
  if (env.problems.length) {
    for (const p of env.problems) process.stderr.write(`briefbot: ${p}\n`);
    return 2;
  }
  const { config } = env;
  const opened = await openNewsroom(config, log);
  opened.startBackground();
  const table = commandTable();
  const context = () => ({ newsroom: opened.newsroom, now: Date.now(), actor: { id: 'console', admin: true }, sources: opened.sources });

  if (!config.discord && !config.slack) {
    process.stderr.write(
      `No Discord or Slack tokens set: starting the local console on ${plural(opened.newsroom.size, 'article')} from ${config.briefingsDir}/.\n`,
    );
    const interactive = Boolean(process.stdin.isTTY);
    await startConsole({
      table,
      context,
      input: process.stdin,
      output: process.stdout,
      interactive,
      color: Boolean(process.stdout.isTTY),
      log: (m, e) => log.error(m, e),
    });
    await opened.close();
    return 0;
  }
  const adapters: { name: string; stop: () => Promise<void> }[] = [];
  if (config.discord) {
    const discord = createDiscordAdapter({ token: config.discord.token, apiUrl: config.discord.apiUrl, shards: config.discord.shards, table, context, log });
    try {
      await discord.start();
    } catch (error) {
      process.stderr.write(`briefbot: ${error instanceof DiscordLoginError ? error.message : `Discord did not start: ${(error as Error).message}`}\n`);
      await opened.close();
      return 1;
    }
    adapters.push({ name: 'discord', stop: discord.stop });
  }
  if (config.slack) {
    const slack = createSlackAdapter({ ...config.slack, table, context, log });
    try {
      await slack.start();
    } catch (error) {
      const code = (error as { code?: string; data?: { error?: string } }).data?.error;
      process.stderr.write(
        `briefbot: Slack did not start: ${code === 'invalid_auth' ? 'Slack rejected SLACK_BOT_TOKEN or SLACK_APP_TOKEN.' : (error as Error).message}\n`,
      );
      for (const a of adapters) await a.stop();
      await opened.close();
      return 1;
    }
    adapters.push({ name: 'slack', stop: slack.stop });
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  log.info('shutting down');
  for (const a of adapters) await a.stop();
  await opened.close();
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
