// `npm start`: wires the newsroom, its sources and every configured platform together. With no
// platform tokens it runs the local console.
import { startConsole } from './adapters/console/console.ts';
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
  process.stderr.write('Discord and Slack adapters are not available in this version yet; unset their tokens to use the console.\n');
  await opened.close();
  return 2;
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
