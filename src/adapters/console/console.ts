import { createInterface } from 'node:readline';
import type { Command, CommandContext } from '../../commands/command.ts';
import { notice, type Reply } from '../../commands/reply.ts';
import { parseArgs, runCommand, splitCommandLine } from '../../commands/run.ts';
import { renderReply } from './render.ts';

export interface ConsoleOptions {
  table: Command[];
  context: () => CommandContext;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  interactive: boolean;
  color: boolean;
  log: (message: string, error?: unknown) => void;
}

/** One typed line → one reply. Never throws: an unexpected failure becomes a polite message. */
export async function answerLine(line: string, table: Command[], ctx: CommandContext, log: ConsoleOptions['log']): Promise<Reply | null> {
  const parsed = splitCommandLine(line);
  if (!line.trim()) return null;
  const command = parsed ? table.find((c) => c.name === parsed.name) : undefined;
  if (!parsed || !command) return notice(`Unknown command “${line.trim().split(/\s+/)[0]}”. Type /help to see what I can do.`, 'error');
  try {
    return await runCommand(command, parseArgs(command, parsed.rest), ctx);
  } catch (error) {
    log(`console: /${command.name} failed`, error);
    return notice('Sorry, something went wrong answering that. It has been logged.', 'error');
  }
}

/**
 * The local console: the same commands and content as the chat platforms, for the terminal.
 * With piped input it answers every line and ends with the input.
 */
export function startConsole(options: ConsoleOptions): Promise<void> {
  const { output } = options;
  const rl = createInterface({ input: options.input, terminal: false });
  const prompt = () => {
    if (options.interactive) output.write('briefbot> ');
  };
  if (options.interactive) output.write('Type /help for commands, /brief <topic> for a briefing, /quit to leave.\n');
  prompt();
  let queue = Promise.resolve();
  return new Promise((resolve) => {
    rl.on('line', (line) => {
      queue = queue.then(async () => {
        if (/^\s*\/?(?:quit|exit)\s*$/i.test(line)) {
          rl.close();
          return;
        }
        const reply = await answerLine(line, options.table, options.context(), options.log);
        if (reply) output.write(`${renderReply(reply, { color: options.color })}\n\n`);
        prompt();
      });
    });
    rl.on('close', () => {
      queue.then(() => resolve());
    });
  });
}
