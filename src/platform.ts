import type { Command, CommandContext } from './commands/command.ts';
import type { Reply } from './commands/reply.ts';
import type { Logger } from './log.ts';

// What a chat platform offers the rest of the bot, and what it is given: the one shape every
// adapter (Discord, Slack, the console) has, and the delivery types the digest scheduler posts with.

/** Delivers answers to one platform's channels, and tells a user about their subscription. */
export interface Poster {
  post: (channelId: string, reply: Reply, delivery?: DigestDelivery) => Promise<unknown>;
  notify: (userId: string, text: string) => Promise<unknown>;
}

/**
 * Which digest a post is. `key` is the same on every attempt at one (subscription, slot), so a
 * platform that deduplicates (Discord's enforced nonce) or a poster that looks first (Slack) can
 * make a retry after a crash land once.
 */
export interface DigestDelivery {
  key: string;
  /** An earlier attempt, by an instance that stopped, may already have posted it. */
  maybePosted: boolean;
  /** The slot, as an ISO time: nothing of this digest can be older. */
  slot: string;
}

/** At most 25 characters with a page suffix, as Discord's nonces must be. */
export function digestKey(subscriptionId: number, slotIso: string): string {
  return `bb${subscriptionId.toString(36)}.${Math.floor(Date.parse(slotIso) / 60_000).toString(36)}`;
}

/** The channel is gone or the bot may no longer post there: retrying will not help. */
export class ChannelGoneError extends Error {
  override name = 'ChannelGoneError';
}

/** A platform that would not start, said in one line a self-hoster can act on (a rejected token). */
export class AdapterStartError extends Error {
  override name = 'AdapterStartError';
}

/** What every adapter is built from. */
export interface AdapterDeps {
  table: Command[];
  context: () => CommandContext;
  log: Logger;
}

/** Every platform adapter: `create…Adapter(deps)` returns this. */
export interface Adapter {
  name: 'discord' | 'slack' | 'console';
  /** Connects (or starts reading input); rejects with an AdapterStartError it cannot recover from. */
  start: () => Promise<void>;
  stop: () => Promise<void>;
  poster: Poster;
  /** For /healthz: true, or what is wrong. */
  healthy: () => Promise<true | string>;
  /** Resolves when the adapter ends by itself (the console at the end of its input); platforms never do. */
  ended?: Promise<void>;
}
