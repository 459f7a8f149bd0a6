import { ANALYZER_VERSION } from '../core/version.ts';
import { type Args, type Command, type CommandContext, type OptionSpec, optionsOf, subcommandOf } from './command.ts';
import { invocation, usageOf, usagesOf } from './help.ts';
import { notice, type Reply } from './reply.ts';
import { reanalysisNote } from './wording.ts';

const MAX_TEXT = 200;

/** Checks arguments against the command's options, then runs it. Bad input gets a helpful reply. */
export async function runCommand(command: Command, args: Args, ctx: CommandContext): Promise<Reply> {
  const started = performance.now();
  try {
    const reply = await withReanalysisNote(await validateAndRun(command, args, ctx), ctx);
    const outcome = reply.kind === 'notice' && reply.tone === 'error' ? 'refused' : 'ok';
    ctx.observe?.({ command: command.name, platform: ctx.where?.platform ?? 'cli', seconds: (performance.now() - started) / 1000, outcome });
    return reply;
  } catch (error) {
    ctx.observe?.({ command: command.name, platform: ctx.where?.platform ?? 'cli', seconds: (performance.now() - started) / 1000, outcome: 'failed' });
    throw error;
  }
}

/** Answers drawn from analyses say when some stored articles still await the current analyzer. */
async function withReanalysisNote(reply: Reply, ctx: CommandContext): Promise<Reply> {
  if (reply.kind !== 'briefing' && reply.kind !== 'quotes' && reply.kind !== 'people') return reply;
  const progress = await ctx.library.reanalysis(ANALYZER_VERSION);
  return progress ? { ...reply, note: reanalysisNote(progress) } : reply;
}

async function validateAndRun(command: Command, args: Args, ctx: CommandContext): Promise<Reply> {
  if (args.parseError) return notice(args.parseError, 'error');
  const form = subcommandOf(command, args);
  if (command.subcommands && !form) {
    const known = command.subcommands.map((s) => s.name).join(', ');
    return notice(`“${args.subcommand}” is not something ${invocation(command, ctx)} does. Try: ${known}.`, 'error', usagesOf(command, ctx));
  }
  for (const option of optionsOf(command, args)) {
    const value = args[option.name]?.trim();
    if (option.required && !value) {
      return notice(`${invocation(command, ctx, form)} needs a ${option.name}. Usage: ${usageOf(command, form, ctx)}`, 'error');
    }
    if (value && value.length > MAX_TEXT) return notice(`That ${option.name} is too long (${MAX_TEXT} characters at most).`, 'error');
    if (value && option.type === 'integer') {
      const n = Number(value);
      if (!Number.isInteger(n) || (option.min !== undefined && n < option.min) || (option.max !== undefined && n > option.max)) {
        return notice(option.hint ?? `${option.name} must be a whole number from ${option.min ?? 1} to ${option.max ?? 100}.`, 'error');
      }
    }
  }
  return command.run(args, ctx);
}

/**
 * Free text as typed in Slack or the console: a subcommand's name first where the command has
 * them ("/digest subscribe …"); then the first option takes the words, other options may follow as
 * `name value` ("/brief rare earth minerals since 7d"), `name:value` or `--name value`.
 */
export function parseArgs(command: Command, text: string): Args {
  if (!command.subcommands) return parseOptions(command.options, text);
  const [name = '', ...rest] = text.trim().split(/\s+/).filter(Boolean);
  const form = name ? command.subcommands.find((s) => s.name === name.toLowerCase()) : command.subcommands[0];
  if (!form) return { subcommand: name };
  const remaining = rest.join(' ');
  return { subcommand: form.name, ...(form.parseText ? form.parseText(remaining) : parseOptions(form.options, remaining)) };
}

function parseOptions(all: OptionSpec[], text: string): Args {
  const args: Args = {};
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  let options = all;
  while (options[0]?.oneWord && tokens.length) {
    args[options[0].name] = tokens.shift();
    options = options.slice(1);
  }
  const [first, ...rest] = options;
  const names = new Set(rest.map((o) => o.name));
  const free: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const flag = /^(?:--)?([a-z]+)(?::(.+))?$/i.exec(token);
    const name = flag?.[1]?.toLowerCase();
    if (name && names.has(name) && (flag?.[2] !== undefined || token.startsWith('--') || i + 1 < tokens.length)) {
      const value = flag?.[2] ?? tokens[++i];
      if (value !== undefined && (free.length > 0 || !first)) {
        args[name] = value;
        continue;
      }
      if (value !== undefined) i--;
    }
    free.push(token);
  }
  if (first && free.length) args[first.name] = free.join(' ');
  return args;
}

/** Splits "/brief ukraine" into the command and the rest; the slash is optional. */
export function splitCommandLine(line: string): { name: string; rest: string } | null {
  const m = /^\s*\/?([a-z]+)\b\s*(.*)$/is.exec(line);
  return m?.[1] ? { name: m[1].toLowerCase(), rest: m[2] ?? '' } : null;
}
