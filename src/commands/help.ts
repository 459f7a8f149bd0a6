import type { Command, CommandContext, Subcommand } from './command.ts';
import type { CommandInfo } from './reply.ts';

/** How a command is typed where it was asked: `/quotes` in chat, `briefbot quotes` on the command line. */
export function invocation(command: Pick<Command, 'name'>, ctx?: Pick<CommandContext, 'surface'>, form?: Subcommand): string {
  return `${ctx?.surface === 'cli' ? 'briefbot ' : '/'}${command.name}${form ? ` ${form.name}` : ''}`;
}

/** "/brief <topic> [since] [stories] [points]", or one subcommand's form. */
export function usageOf(command: Pick<Command, 'name' | 'options'>, form?: Subcommand, ctx?: Pick<CommandContext, 'surface'>): string {
  const parts = (form?.options ?? command.options).map((o) => (o.required ? `<${o.name}>` : `[${o.name}]`));
  return [invocation(command, ctx, form), ...parts].join(' ');
}

/** Every form of a command: one line, or one per subcommand. */
export function usagesOf(command: Command, ctx?: Pick<CommandContext, 'surface'>): string[] {
  return command.subcommands ? command.subcommands.map((s) => usageOf(command, s, ctx)) : [usageOf(command, undefined, ctx)];
}

/** `/help` lists the whole table, every form of every command, so it never falls behind them. */
export function helpCommand(table: () => Command[]): Command {
  return {
    name: 'help',
    description: 'What briefbot can do',
    options: [],
    audience: 'asker',
    run: () => ({
      kind: 'help',
      commands: table().flatMap((c): CommandInfo[] =>
        c.subcommands
          ? c.subcommands.map((s) => ({ name: `${c.name} ${s.name}`, description: s.description, usage: usageOf(c, s) }))
          : [{ name: c.name, description: c.description, usage: usageOf(c) }],
      ),
    }),
  };
}
