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
  suggest?: (typed: string, ctx: CommandContext) => Promise<string[]>;
  /** In free text, this option takes one word and the next option the rest ("/sources add <url>"). */
  oneWord?: boolean;
  /** The only values allowed, offered as a pick list where the platform has one. */
  choices?: string[];
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
  /** Told of every command served, for metrics. */
  observe?: (served: { command: string; platform: string; seconds: number; outcome: 'ok' | 'refused' | 'failed' }) => void;
}

export interface Command {
  name: string;
  description: string;
  options: OptionSpec[];
  run: (args: Args, ctx: CommandContext) => Reply | Promise<Reply>;
  /** True for arguments that change something (subscribe, add…): such a run is never repeated to page or share it. */
  changesState?: (args: Args) => boolean;
  /** Who sees the answer: the channel (the default; errors still go to the asker alone) or only the asker. */
  audience?: 'channel' | 'asker';
}
