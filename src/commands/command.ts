import type { Newsroom } from '../core/newsroom.ts';
import type { Reply } from './reply.ts';

export interface OptionSpec {
  name: string;
  description: string;
  type: 'string' | 'integer';
  required?: boolean;
  min?: number;
  max?: number;
  /** Where autocomplete choices come from. */
  autocomplete?: 'topic' | 'person';
}

export type Args = Record<string, string | undefined>;

export interface CommandContext {
  newsroom: Newsroom;
  /** Current time in ms; injected so commands are testable. */
  now: number;
}

export interface Command {
  name: string;
  description: string;
  options: OptionSpec[];
  run: (args: Args, ctx: CommandContext) => Reply | Promise<Reply>;
}
