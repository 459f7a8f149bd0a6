import { createInterface, type Interface } from 'node:readline';
import type { Command, CommandContext } from '../../commands/command.ts';
import { notice, type Reply } from '../../commands/reply.ts';
import { parseArgs, runCommand, splitCommandLine } from '../../commands/run.ts';
import type { Logger } from '../../log.ts';
import type { Adapter, AdapterDeps } from '../../platform.ts';
import { renderReply } from './render.ts';

export interface ConsoleOptions extends AdapterDeps {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  interactive: boolean;
  color: boolean;
}

/** One typed line → one reply. Never throws: an unexpected failure becomes a polite message. */
export async function answerLine(line: string, table: Command[], ctx: CommandContext, log: Logger): Promise<Reply | null> {
  const parsed = splitCommandLine(line);
  if (!line.trim()) return null;
  const command = parsed ? table.find((c) => c.name === parsed.name) : undefined;
  if (!parsed || !command) return notice(`Unknown command “${line.trim().split(/\s+/)[0]}”. Type /help to see what I can do.`, 'error');
  try {
    return await runCommand(command, parseArgs(command, parsed.rest), ctx);
  } catch (error) {
    log.error(`console: /${command.name} failed`, error);
    return notice('Sorry, something went wrong answering that. It has been logged.', 'error');
  }
}

/**
 * The local console: the same commands and content as the chat platforms, for the terminal.
 * With piped input it answers every line and ends with the input; digests print where it runs.
 */
export function createConsoleAdapter(options: ConsoleOptions): Adapter {
  const { output } = options;
  let rl: Interface | null = null;
  let finish = () => {};
  const ended = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const print = (text: string) => output.write(`${text}\n\n`);
  return {
    name: 'console',
    ended,
    healthy: async () => true,
    poster: {
      post: async (_channel, reply) => print(`\n${renderReply(reply, { color: options.color })}`),
      notify: async (_user, text) => output.write(`${text}\n`),
    },
    start: async () => {
      const lines = createInterface({ input: options.input, terminal: false });
      rl = lines;
      const prompt = () => {
        if (options.interactive) output.write('briefbot> ');
      };
      if (options.interactive) output.write('Type /help for commands, /brief <topic> for a briefing, /quit to leave.\n');
      prompt();
      let queue = Promise.resolve();
      lines.on('line', (line) => {
        queue = queue.then(async () => {
          if (/^\s*\/?(?:quit|exit)\s*$/i.test(line)) {
            lines.close();
            return;
          }
          const reply = await answerLine(line, options.table, options.context(), options.log);
          if (reply) print(renderReply(reply, { color: options.color }));
          prompt();
        });
      });
      lines.on('close', () => {
        void queue.then(finish);
      });
    },
    stop: async () => {
      rl?.close();
    },
  };
}
