import type { Library } from '../library/library.ts';
import type { Actor, DigestsPort, SourcesPort, Where } from './ports.ts';
import type { Reply } from './reply.ts';

export interface OptionSpec {
  name: string;
  description: string;
  type: 'string' | 'integer';
  required?: boolean;
  min?: number;
  max?: number;
  /** Choices for what has been typed so far, where the platform offers autocomplete (Discord). */
  suggest?: (typed: string, ctx: CommandContext) => Promise<Suggestion[]>;
  /** In free text, this option takes one word and the next option the rest. */
  oneWord?: boolean;
  /** What to say when the value is not a whole number in range ("Which digest? Give its number from /digest list"). */
  hint?: string;
  /** Values offered as a pick list where the platform has one (Discord); free text may give others the command accepts. */
  choices?: string[];
}

/** An autocomplete choice: a value, or a value with a label saying what it is ("#3 ukraine, daily at 08:00"). */
export type Suggestion = string | { label: string; value: string };

/**
 * One form of a command with subcommands (`/digest subscribe`, `/sources add`): Discord shows each
 * with typed options; free text (Slack, the console, the command line) names it first.
 */
export interface Subcommand {
  name: string;
  description: string;
  options: OptionSpec[];
  /** Reads free text where taking the words in order is not enough ("rare earths daily 08:00 Europe/Paris"). */
  parseText?: (text: string) => Args;
  /** True when it changes something (subscribe, add…): such a run is never repeated to page or share it. */
  changesState?: boolean;
}

export type Args = Record<string, string | undefined>;

export interface CommandContext {
  library: Library;
  /** Current time in ms; injected so commands are testable. */
  now: number;
  /** Who asked; the console and the command line act as an admin. */
  actor?: Actor;
  sources?: SourcesPort;
  /** The channel the command came from. */
  where?: Where;
  digests?: DigestsPort;
  /** DIGEST_TIMEZONE: used when neither the user nor the platform gives a zone. */
  defaultTimezone?: string;
  /** Where the command was typed: the command line words its hints `briefbot quotes <person>`, chat `/quotes <person>`. */
  surface?: 'chat' | 'cli';
  /** Told of every command served, for metrics. */
  observe?: (served: { command: string; platform: string; seconds: number; outcome: 'ok' | 'refused' | 'failed' }) => void;
}

export interface Command {
  name: string;
  description: string;
  /** The options of a command without subcommands. */
  options: OptionSpec[];
  /** Its forms, for a command that has several; `args.subcommand` names the one asked for (the first when none is). */
  subcommands?: Subcommand[];
  run: (args: Args, ctx: CommandContext) => Reply | Promise<Reply>;
  /** True for arguments that change something (subscribe, add…): such a run is never repeated to page or share it. */
  changesState?: (args: Args) => boolean;
  /** Who sees the answer: the channel (the default; errors still go to the asker alone) or only the asker. */
  audience?: 'channel' | 'asker';
}

/** The subcommand `args` asks for: named, or the first when none is; undefined for an unknown name. */
export function subcommandOf(command: Command, args: Args): Subcommand | undefined {
  const name = args.subcommand?.trim().toLowerCase();
  return name ? command.subcommands?.find((s) => s.name === name) : command.subcommands?.[0];
}

/** The options that apply to these arguments: the chosen subcommand's, or the command's own. */
export function optionsOf(command: Command, args: Args): OptionSpec[] {
  return command.subcommands ? (subcommandOf(command, args)?.options ?? []) : command.options;
}

/** Whether running the command with these arguments changes something (so is never repeated). */
export function changesState(command: Command, args: Args): boolean {
  return command.subcommands ? Boolean(subcommandOf(command, args)?.changesState) : Boolean(command.changesState?.(args));
}
