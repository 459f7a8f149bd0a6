import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { type App, createApp } from '../../app.ts';
import type { Command, CommandContext } from '../../commands/command.ts';
import type { Reply } from '../../commands/reply.ts';
import { runCommand } from '../../commands/run.ts';
import { commandTable } from '../../commands/table.ts';
import { plural } from '../../commands/wording.ts';
import type { Config } from '../../config.ts';
import { parseArticle } from '../../core/article.ts';
import type { PersonQuotes } from '../../core/personQuotes.ts';
import { analyzeArticle } from '../../core/quotes.ts';
import { summarize } from '../../core/summarize.ts';
import { loadEnvironment } from '../../environment.ts';
import { createLogger, type Logger, secretsFrom } from '../../log.ts';
import type { PollReport } from '../../sources/ingest.ts';
import { renderReply } from '../console/render.ts';
import { deployCommands } from '../discord/deploy.ts';

const USAGE = `Usage: briefbot <command> [options]

  brief <topic> [--since 7d] [--stories N] [--points N] [--json]   top stories, summary, key quotes
  quotes <person> [--topic T] [--json]                             what a person said, verbatim
  people [--json]                                                  people in the library
  analyze --jsonl FILE [--json]                                    quotes and summary per JSON line (- for stdin)
  sources add <url> | list | remove <id>                           news feeds the bot follows
  discord deploy [--guild <id>]                                    register the slash commands (guild: instant)
  ingest                                                           fetch all sources now
  help                                                             this text`;

interface Parsed {
  command: string;
  words: string[];
  flags: Record<string, string | true>;
}

export function parseArgv(argv: string[]): Parsed {
  const [command = 'help', ...rest] = argv;
  const words: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i] as string;
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(token);
    if (!m?.[1]) {
      words.push(token);
      continue;
    }
    if (m[2] !== undefined) flags[m[1]] = m[2];
    else if (['json'].includes(m[1])) flags[m[1]] = true;
    else if (rest[i + 1] !== undefined) flags[m[1]] = rest[++i] as string;
    else flags[m[1]] = true;
  }
  return { command, words, flags };
}

/** The `quotes --json` shape, exactly as documented for other tools. */
export function quotesJson(a: PersonQuotes) {
  return {
    query: a.query,
    person: a.person ? { name: a.person.name, aliases: a.person.aliases, roles: a.person.roles } : null,
    mentions: a.mentions,
    quotes: a.quotes.map((q) => ({
      text: q.text,
      speaker: q.speaker,
      partial: q.partial,
      article: { id: q.article.id, title: q.article.title, url: q.article.url ?? null, published: q.article.published ?? null },
    })),
    suggestions: a.suggestions,
  };
}

function replyJson(reply: Reply): unknown {
  const json = kindJson(reply);
  return reply.note ? { ...(json as object), note: reply.note } : json;
}

function kindJson(reply: Reply): unknown {
  switch (reply.kind) {
    case 'quotes':
      return quotesJson(reply.quotes);
    case 'people':
      return { people: reply.people.map((p) => ({ name: p.name, roles: p.roles, mentions: p.mentions, articles: p.articles, quotes: p.quotes })) };
    case 'briefing':
      return reply.briefing;
    case 'help':
      return { commands: reply.commands };
    case 'sources':
      return { sources: reply.sources };
    case 'notice':
      return { notice: reply.text, tone: reply.tone, suggestions: reply.suggestions ?? [] };
  }
}

interface AnalyzeLine {
  id?: unknown;
  title?: unknown;
  text?: unknown;
}

/** One `analyze --jsonl` output line; a malformed input line gets an error line, never a crash. */
export function analyzeJsonLine(line: string, lineNumber: number) {
  let input: AnalyzeLine;
  try {
    input = JSON.parse(line) as AnalyzeLine;
  } catch {
    return { id: null, quotes: [], summary: [], error: `line ${lineNumber}: not JSON` };
  }
  const id = typeof input.id === 'string' || typeof input.id === 'number' ? input.id : null;
  if (typeof input.text !== 'string') return { id, quotes: [], summary: [], error: `line ${lineNumber}: no "text" string` };
  const article = parseArticle({
    id: String(id ?? lineNumber),
    body: input.text,
    title: typeof input.title === 'string' ? input.title : undefined,
    format: 'plain',
  });
  const { quotes } = analyzeArticle(article);
  return {
    id,
    quotes: quotes.map((q) => ({ text: q.text, speaker: q.speaker, start: q.start, end: q.end, partial: q.partial })),
    summary: summarize(article.text, { count: 3, from: article.bodyStart, focus: article.title }).map((p) => ({ text: p.text, start: p.start, end: p.end })),
  };
}

async function analyze(file: string, asArray: boolean, out: NodeJS.WritableStream): Promise<number> {
  const input = file === '-' ? process.stdin : createReadStream(file, 'utf8');
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  const results: unknown[] = [];
  let n = 0;
  try {
    for await (const line of lines) {
      n++;
      if (!line.trim()) continue;
      const result = analyzeJsonLine(line, n);
      if (asArray) results.push(result);
      else out.write(`${JSON.stringify(result)}\n`);
    }
  } catch (error) {
    process.stderr.write(`briefbot: cannot read ${file}: ${(error as Error).message}\n`);
    return 1;
  }
  if (asArray) out.write(`${JSON.stringify(results)}\n`);
  return 0;
}

async function chatCommand(table: Command[], name: string, args: Record<string, string | undefined>, json: boolean, ctx: CommandContext): Promise<number> {
  const command = table.find((c) => c.name === name) as Command;
  const reply = await runCommand(command, args, ctx);
  process.stdout.write(json ? `${JSON.stringify(replyJson(reply), null, 2)}\n` : `${renderReply(reply, { color: Boolean(process.stdout.isTTY) })}\n`);
  return reply.kind === 'notice' && reply.tone === 'error' ? 1 : 0;
}

export async function main(argv: string[]): Promise<number> {
  const { command, words, flags } = parseArgv(argv);
  const json = flags.json === true;
  if (command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command === 'analyze') {
    const file = typeof flags.jsonl === 'string' ? flags.jsonl : words[0];
    if (!file) {
      process.stderr.write('briefbot analyze needs --jsonl FILE (or - for standard input)\n');
      return 2;
    }
    return analyze(file, json, process.stdout);
  }

  const env = loadEnvironment();
  const log: Logger = createLogger(secretsFrom(env.raw));
  if (env.problems.length) {
    for (const p of env.problems) process.stderr.write(`briefbot: ${p}\n`);
    return 2;
  }
  const table = commandTable();
  if (command === 'discord') return discordCli(words, flags, env.config, table);
  const known = ['brief', 'quotes', 'people', 'sources', 'ingest'];
  if (!known.includes(command)) {
    process.stderr.write(`briefbot: unknown command "${command}"\n\n${USAGE}\n`);
    return 2;
  }
  const app = await createApp(env.config, log);
  try {
    if (command === 'ingest') return await ingest(app, json);
    const ctx: CommandContext = app.context({ actor: { id: 'cli', admin: true } });
    const text = words.join(' ');
    const args: Record<string, string | undefined> =
      command === 'brief'
        ? { topic: text, since: str(flags.since), stories: str(flags.stories), points: str(flags.points) }
        : command === 'quotes'
          ? { person: text, topic: str(flags.topic) }
          : command === 'sources'
            ? { action: words[0], target: words.slice(1).join(' ') || undefined }
            : {};
    return await chatCommand(table, command, args, json, ctx);
  } finally {
    await app.close();
  }
}

async function discordCli(words: string[], flags: Record<string, string | true>, config: Config, table: Command[]): Promise<number> {
  if (words[0] !== 'deploy') {
    process.stderr.write('Usage: briefbot discord deploy [--guild <id>]\n');
    return 2;
  }
  if (!config.discord) {
    process.stderr.write('briefbot: set DISCORD_TOKEN (in the environment or .env) to deploy the commands.\n');
    return 2;
  }
  const guildId = typeof flags.guild === 'string' ? flags.guild : undefined;
  try {
    const { count, invite } = await deployCommands({ token: config.discord.token, apiUrl: config.discord.apiUrl, guildId, table });
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
async function ingest(app: App, json: boolean): Promise<number> {
  const tty = Boolean(process.stderr.isTTY) && !json;
  const reports = await app.ingestAll((r, done, total) => {
    if (tty) process.stderr.write(`\r\u001b[K[${done}/${total}] ${r.source.title ?? r.source.url}`);
    if (!json) process.stdout.write(`${tty ? '\r\u001b[K' : ''}${describeReport(r)}\n`);
  });
  if (tty) process.stderr.write('\r\u001b[K');
  const failed = reports.filter((r) => r.error).length;
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ sources: reports.map((r) => ({ id: r.source.id, url: r.source.url, added: r.added, updated: r.updated, unchanged: r.unchanged, duplicates: r.duplicates, notModified: r.notModified, skipped: r.skipped, error: r.error ?? null })) }, null, 2)}\n`,
    );
  } else if (!reports.length) {
    process.stdout.write('No sources yet: npm run briefbot -- sources add <feed url>\n');
  } else {
    const added = reports.reduce((n, r) => n + r.added, 0);
    process.stdout.write(`${plural(reports.length, 'source')} read, ${plural(added, 'new article')}${failed ? `, ${failed} failed` : ''}.\n`);
  }
  return 0;
}

function describeReport(r: PollReport): string {
  const name = r.source.title ?? r.source.url;
  if (r.error) return `#${r.source.id} ${name}: failed: ${r.error}${r.source.status === 'failing' ? ' (marked failing, retried less often)' : ''}`;
  if (r.notModified) return `#${r.source.id} ${name}: not modified`;
  const parts = [
    `${r.added} new`,
    r.updated ? `${r.updated} updated` : '',
    r.duplicates ? `${r.duplicates} already known` : '',
    r.skipped.length ? `${r.skipped.length} unreadable items skipped` : '',
  ];
  return `#${r.source.id} ${name}: ${parts.filter(Boolean).join(', ')}`;
}

const str = (v: string | true | undefined) => (typeof v === 'string' ? v : undefined);
