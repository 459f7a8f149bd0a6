// The `briefbot` command line. The commands that answer are the chat commands themselves: their
// arguments, flags and help come from the same table, so the terminal never drifts from chat.
// What only a terminal does (start, analyze, ingest, discord deploy) is listed beside them. Heavy
// modules (the store, the NLP model, discord.js) load only for the command that needs them.
import { parseArgs } from 'node:util';
import type { App } from './app.ts';
import type { Args, Command, OptionSpec } from './commands/command.ts';
import { commandTable } from './commands/table.ts';
import { plural } from './commands/wording.ts';
import type { Config } from './config.ts';
import type { PollReport } from './sources/ingest.ts';

interface TerminalCommand {
  name: string;
  usage: string;
  description: string;
}

const TERMINAL_COMMANDS: TerminalCommand[] = [
  { name: 'start', usage: 'start', description: 'Run the bot: Discord and Slack as configured, else the local console (npm start)' },
  { name: 'analyze', usage: 'analyze --jsonl FILE [--json]', description: 'Quotes and a summary for each JSON line {id, title, text} (- for stdin)' },
  { name: 'ingest', usage: 'ingest [--json]', description: 'Read every source now, a line per source' },
  { name: 'discord', usage: 'discord deploy [--guild ID]', description: 'Register the slash commands (a guild: available at once)' },
];

/**
 * How options sit on a command line: the one-word options first, then the next option takes the
 * remaining words ("brief rare earth minerals"), the rest are flags.
 */
function layout(options: OptionSpec[]): { leading: OptionSpec[]; free: OptionSpec | undefined; flags: OptionSpec[] } {
  let n = 0;
  while (options[n]?.oneWord) n++;
  return { leading: options.slice(0, n), free: options[n], flags: options.slice(n + 1) };
}

/** The forms of a command as `[name, options, description]`: itself, or each subcommand (`digest subscribe`). */
interface Form {
  name: string;
  options: OptionSpec[];
  description: string;
  /** Reads all its words itself ("digest subscribe rare earths daily 08:00 Europe/Paris"). */
  freeText: boolean;
}

function formsOf(command: Command): Form[] {
  return command.subcommands
    ? command.subcommands.map((s) => ({ name: `${command.name} ${s.name}`, options: s.options, description: s.description, freeText: Boolean(s.parseText) }))
    : [{ name: command.name, options: command.options, description: command.description, freeText: false }];
}

/** `brief <topic> [--since SINCE] [--stories STORIES] … [--json]`, from one form's options. */
export function cliUsage(form: Pick<Form, 'name' | 'options' | 'freeText'>): string {
  const { leading, free, flags: rest } = layout(form.options);
  const positional = form.freeText ? form.options : [...leading, ...(free ? [free] : [])];
  const flags = form.freeText ? [] : rest;
  const words = positional.map((o) => (o.required ? `<${o.name}>` : `[${o.name}]`));
  return [form.name, ...words, ...flags.map((o) => `[--${o.name} ${o.name.toUpperCase()}]`), '[--json]'].join(' ');
}

function usage(table: Command[]): string {
  const rows = [
    ...table.filter((c) => c.name !== 'help').flatMap((c) => formsOf(c).map((f) => [cliUsage(f), f.description])),
    ...TERMINAL_COMMANDS.map((c) => [c.usage, c.description]),
    ['help [command]', 'This text, or one command’s'],
  ];
  const width = Math.min(60, Math.max(...rows.map(([u]) => (u as string).length)));
  return `Usage: briefbot <command> [options]\n\n${rows.map(([u, d]) => `  ${(u as string).padEnd(width)}  ${d}`).join('\n')}`;
}

function commandHelp(command: Command): string {
  const forms = formsOf(command);
  const options = [...new Map(forms.flatMap((f) => f.options).map((o) => [o.name, o])).values()];
  const lines = options.map((o) => `  ${o.name.padEnd(10)} ${o.description}${o.choices ? ` (${o.choices.join(', ')})` : ''}`);
  return `${forms.map((f, i) => `${i ? '       ' : 'Usage: '}briefbot ${cliUsage(f)}`).join('\n')}\n\n${command.description}\n\n${[...lines, `  ${'--json'.padEnd(10)} the answer as JSON`].join('\n')}`;
}

/** Words and flags to the command's arguments, as chat would pass them. */
export function argsFromArgv(command: Command, argv: string[]): { args: Args; json: boolean; help: boolean } {
  const flags: Record<string, { type: 'string' | 'boolean'; short?: string }> = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } };
  for (const f of formsOf(command)) for (const o of f.options) flags[o.name] = { type: 'string' };
  const { values, positionals } = parseArgs({ args: argv, options: flags, allowPositionals: true, strict: true });
  const args: Args = {};
  let words = [...positionals];
  let options = command.options;
  if (command.subcommands) {
    const name = words.shift()?.toLowerCase();
    const form = name ? command.subcommands.find((s) => s.name === name) : command.subcommands[0];
    if (!form) throw new Error(`there is no “${name}”: try ${command.subcommands.map((s) => s.name).join(', ')}`);
    args.subcommand = form.name;
    options = form.options;
    if (form.parseText && words.length) {
      Object.assign(args, form.parseText(words.join(' ')));
      words = [];
    }
  }
  const { leading, free } = layout(options);
  for (const o of leading) if (words.length) args[o.name] = words.shift();
  if (free && words.length) args[free.name] = words.join(' ');
  else if (words.length) throw new Error(`unexpected “${words.join(' ')}”`);
  for (const [name, value] of Object.entries(values)) {
    if (name === 'json' || name === 'help' || typeof value !== 'string') continue;
    if (!options.some((o) => o.name === name)) throw new Error(`there is no option --${name} here`);
    args[name] = value;
  }
  return { args, json: values.json === true, help: values.help === true };
}

/** node:util parseArgs explains a bad flag at length; one short line says enough. */
function argvProblem(error: unknown): string {
  const { code, message } = error as { code?: string; message: string };
  const flag = /'(-[^' ]*)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `there is no option ${flag ?? ''}`.trim();
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `${flag ?? 'an option'} needs a value`;
  return message;
}

async function openApp(): Promise<{ app: App; config: Config } | number> {
  const [{ loadEnvironment }, { createLogger, secretsFrom }, { createApp }] = await Promise.all([
    import('./environment.ts'),
    import('./log.ts'),
    import('./app.ts'),
  ]);
  const env = loadEnvironment();
  if (env.problems.length) {
    for (const p of env.problems) process.stderr.write(`briefbot: ${p}\n`);
    return 2;
  }
  return { app: await createApp(env.config, createLogger(secretsFrom(env.raw))), config: env.config };
}

async function chatCommand(command: Command, argv: string[], table: Command[]): Promise<number> {
  let parsed: ReturnType<typeof argsFromArgv>;
  try {
    parsed = argsFromArgv(command, argv);
  } catch (error) {
    process.stderr.write(`briefbot ${command.name}: ${argvProblem(error)}\n\n${commandHelp(command)}\n`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(`${commandHelp(command)}\n`);
    return 0;
  }
  if (command.name === 'help') {
    process.stdout.write(`${usage(table)}\n`);
    return 0;
  }
  const opened = await openApp();
  if (typeof opened === 'number') return opened;
  const { app } = opened;
  try {
    const [{ runCommand }, { renderReply }, { replyJson }] = await Promise.all([
      import('./commands/run.ts'),
      import('./adapters/console/render.ts'),
      import('./replyJson.ts'),
    ]);
    // The command line acts for the terminal's owner, on the console's channel (its digests print there).
    const ctx = app.context({
      actor: { id: 'cli', admin: true, canManageChannel: true },
      where: { platform: 'console', channelId: 'console' },
      surface: 'cli',
    });
    const reply = await runCommand(command, parsed.args, ctx);
    process.stdout.write(parsed.json ? `${JSON.stringify(replyJson(reply), null, 2)}\n` : `${renderReply(reply, { color: Boolean(process.stdout.isTTY) })}\n`);
    return reply.kind === 'notice' && reply.tone === 'error' ? 1 : 0;
  } finally {
    await app.close();
  }
}

async function analyzeCommand(argv: string[]): Promise<number> {
  let values: { jsonl?: string; json?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: { jsonl: { type: 'string' }, json: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`briefbot analyze: ${(error as Error).message}\n`);
    return 2;
  }
  const file = values.jsonl ?? positionals[0];
  if (!file) {
    process.stderr.write('briefbot analyze needs --jsonl FILE (or - for standard input)\n');
    return 2;
  }
  const { analyzeJsonl } = await import('./analyze.ts');
  return analyzeJsonl(file, values.json === true, process.stdout);
}

async function discordCommand(argv: string[], table: Command[]): Promise<number> {
  let values: { guild?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, options: { guild: { type: 'string' } }, allowPositionals: true, strict: true }));
  } catch {
    positionals = [];
    values = {};
  }
  if (positionals[0] !== 'deploy' || positionals.length > 1) {
    process.stderr.write('Usage: briefbot discord deploy [--guild ID]\n');
    return 2;
  }
  const { loadEnvironment } = await import('./environment.ts');
  const env = loadEnvironment();
  if (!env.config.discord) {
    process.stderr.write('briefbot: set DISCORD_TOKEN (in the environment or .env) to deploy the commands.\n');
    return 2;
  }
  const guildId = values.guild;
  const { deployCommands } = await import('./adapters/discord/deploy.ts');
  try {
    const { count, invite } = await deployCommands({ token: env.config.discord.token, apiUrl: env.config.discord.apiUrl, guildId, table });
    process.stdout.write(
      `Registered ${plural(count, 'command')} ${guildId ? `in server ${guildId} (available now)` : 'globally (may take up to an hour to appear)'}.\nInvite the bot: ${invite}\n`,
    );
    return 0;
  } catch (error) {
    const status = (error as { status?: number }).status;
    process.stderr.write(`briefbot: ${status === 401 ? 'Discord rejected DISCORD_TOKEN.' : `could not register the commands: ${(error as Error).message}`}\n`);
    return 1;
  }
}

/** `ingest`: every source now, a line per source as it finishes, progress on a terminal. */
async function ingestCommand(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const unknown = argv.filter((a) => a !== '--json');
  if (unknown.length) {
    process.stderr.write(`briefbot ingest: unexpected “${unknown.join(' ')}”\n`);
    return 2;
  }
  const opened = await openApp();
  if (typeof opened === 'number') return opened;
  const { app } = opened;
  try {
    const tty = Boolean(process.stderr.isTTY) && !json;
    const reports = await app.ingestAll((r, done, total) => {
      if (tty) process.stderr.write(`\r\u001b[K[${done}/${total}] ${r.source.title ?? r.source.url}`);
      if (!json) process.stdout.write(`${tty ? '\r\u001b[K' : ''}${describeReport(r)}\n`);
    });
    if (tty) process.stderr.write('\r\u001b[K');
    const failed = reports.filter((r) => r.error);
    if (json) {
      const sources = reports.map((r) => ({
        id: r.source.id,
        url: r.source.url,
        added: r.added,
        updated: r.updated,
        unchanged: r.unchanged,
        duplicates: r.duplicates,
        notModified: r.notModified,
        busy: r.busy === true,
        skipped: r.skipped,
        error: r.error ?? null,
      }));
      process.stdout.write(`${JSON.stringify({ sources }, null, 2)}\n`);
    } else if (!reports.length) {
      process.stdout.write('No sources yet: briefbot sources add <feed url>\n');
    } else {
      const added = reports.reduce((n, r) => n + r.added, 0);
      const read = reports.filter((r) => !r.busy).length;
      const busy = reports.length - read;
      const parts = [`${plural(read, 'source')} read`, plural(added, 'new article')];
      if (busy) parts.push(`${busy} being read by another instance`);
      if (failed.length) parts.push(`${failed.length} failed`);
      process.stdout.write(`${parts.join(', ')}.\n`);
    }
    // A script or a cron job running `ingest` learns from the exit code that a source failed, and which.
    if (failed.length) {
      process.stderr.write(
        `briefbot ingest: ${failed.length === 1 ? 'a source' : `${failed.length} sources`} failed: ${failed.map((r) => `#${r.source.id} ${r.source.url} (${r.error})`).join('; ')}\n`,
      );
      return 1;
    }
    return 0;
  } finally {
    await app.close();
  }
}

function describeReport(r: PollReport): string {
  const name = r.source.title ?? r.source.url;
  if (r.error) return `#${r.source.id} ${name}: failed: ${r.error}${r.source.status === 'failing' ? ' (marked failing, retried less often)' : ''}`;
  if (r.busy) return `#${r.source.id} ${name}: being read by another instance, skipped here`;
  if (r.notModified) return `#${r.source.id} ${name}: not modified`;
  const parts = [
    `${r.added} new`,
    r.updated ? `${r.updated} updated` : '',
    r.duplicates ? `${r.duplicates} already known` : '',
    r.skipped.length ? `${plural(r.skipped.length, 'unreadable item')} skipped` : '',
  ];
  return `#${r.source.id} ${name}: ${parts.filter(Boolean).join(', ')}`;
}

/** Runs one command line; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name = 'help', ...rest] = argv;
  const table = commandTable();
  if (name === 'help' || name === '--help' || name === '-h') {
    const about = table.find((c) => c.name === rest[0] && c.name !== 'help');
    process.stdout.write(`${about ? commandHelp(about) : usage(table)}\n`);
    return 0;
  }
  if (name === 'start') {
    const { start } = await import('./main.ts');
    return start();
  }
  if (name === 'analyze') return analyzeCommand(rest);
  if (name === 'ingest') return ingestCommand(rest);
  if (name === 'discord') return discordCommand(rest, table);
  const command = table.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`briefbot: unknown command "${name}"\n\n${usage(table)}\n`);
    return 2;
  }
  return chatCommand(command, rest, table);
}
