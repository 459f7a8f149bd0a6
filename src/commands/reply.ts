import type { Briefing } from '../core/briefing.ts';
import type { Person } from '../core/people.ts';
import type { PersonQuotes } from '../core/personQuotes.ts';

/** A feed the bot follows, as /sources lists it. */
export interface SourceInfo {
  id: number;
  url: string;
  title: string | null;
  status: 'ok' | 'failing';
  lastError: string | null;
  failures: number;
  lastPolledAt: string | null;
  lastOkAt: string | null;
  articles: number;
}

/** What one digest covers: news first seen since `newSince`, the last digest or the period before subscribing. */
export interface DigestWindow {
  id: number;
  newSince: string;
  after: 'last-digest' | 'subscribed';
  /** The subscription's zone, for saying when. */
  timezone: string;
}

/** An article stored from a source, as `/sources articles` lists it. */
export interface SourceArticleInfo {
  id: string;
  title: string;
  url: string | null;
  published: string | null;
  guid: string | null;
}

export interface CommandInfo {
  name: string;
  description: string;
  usage: string;
}

/**
 * What a command answers, for every platform to render its own way. Expected outcomes such as
 * "nothing on that topic yet" are replies too, never exceptions.
 */
export type Reply = (
  | {
      kind: 'briefing';
      briefing: Briefing;
      since?: string;
      /** Set for a scheduled digest: titled as one, saying since when. */
      digest?: DigestWindow;
      /** Shown only to the asker (a digest preview). */
      private?: boolean;
    }
  | { kind: 'quotes'; quotes: PersonQuotes; topic?: string }
  | { kind: 'people'; people: Person[] }
  | { kind: 'help'; commands: CommandInfo[] }
  | { kind: 'sources'; sources: SourceInfo[] }
  | { kind: 'sourceArticles'; source: SourceInfo; articles: SourceArticleInfo[]; total: number }
  | { kind: 'notice'; tone: 'info' | 'error'; text: string; suggestions?: string[] }
) & {
  /** A caveat every platform shows under the answer (the library is still being re-analysed). */
  note?: string;
};

export const notice = (text: string, tone: 'info' | 'error' = 'info', suggestions?: string[]): Reply => ({
  kind: 'notice',
  tone,
  text,
  suggestions,
});
