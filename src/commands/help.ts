import type { Command } from './command.ts';
import type { CommandInfo } from './reply.ts';

export function usageOf(command: Pick<Command, 'name' | 'options'>): string {
  const parts = command.options.map((o) => (o.required ? `<${o.name}>` : `[${o.name}]`));
  return [`/${command.name}`, ...parts].join(' ');
}

/** `/help` lists the whole table, so it never falls behind the commands. */
export function helpCommand(table: () => Command[]): Command {
  return {
    name: 'help',
    description: 'What briefbot can do',
    options: [],
    audience: 'asker',
    run: () => ({
      kind: 'help',
      commands: table().map((c): CommandInfo => ({ name: c.name, description: c.description, usage: usageOf(c) })),
    }),
  };
}
