// What commands need from the world around the core, as small interfaces. Adapters and main.ts
// pass real implementations; tests pass their own.
import type { Reply, SourceArticleInfo, SourceInfo } from './reply.ts';

export interface Actor {
  id: string;
  /** May change shared settings such as sources (Discord: Manage Server; Slack: SLACK_ADMINS). */
  admin: boolean;
  /** May subscribe this channel to digests (Discord: Manage Channels; Slack: SLACK_DIGEST_ADMINS). */
  canManageChannel?: boolean;
  /** The platform user id, for direct messages about their subscriptions. */
  platformId?: string;
  /** The user's own time zone, where the platform knows it (Slack). */
  timezone?: string;
}

export type Platform = 'discord' | 'slack' | 'console';

/** Where a command was typed: the channel digests go to. */
export interface Where {
  platform: Platform;
  channelId: string;
}

export interface DigestInfo {
  id: number;
  topic: string;
  /** "daily at 08:00" */
  description: string;
  timezone: string;
  paused: boolean;
  /** The next run times, formatted in the subscription's zone. */
  next: string[];
}

export interface DigestsPort {
  subscribe(
    input: { topic: string; schedule: string; timezone: string; createdBy: string | null },
    where: Where,
  ): Promise<{ ok: true; digest: DigestInfo } | { ok: false; reason: string }>;
  list(where: Where): Promise<DigestInfo[]>;
  unsubscribe(id: number, where: Where): Promise<boolean>;
  setPaused(id: number, where: Where, paused: boolean): Promise<DigestInfo | null>;
  /** What the digest would post now, or null for an unknown id. */
  preview(id: number, where: Where): Promise<Reply | null>;
}

export interface SourcesPort {
  list(): Promise<SourceInfo[]>;
  add(url: string, addedBy: string): Promise<{ ok: true; source: SourceInfo; created: boolean } | { ok: false; reason: string }>;
  /** Articles removed with the source, or null for an unknown id. */
  remove(id: number): Promise<number | null>;
  /** The source and its stored articles, newest first (all of them without a limit), or null for an unknown id. */
  articles(id: number, limit?: number): Promise<{ source: SourceInfo; articles: SourceArticleInfo[] } | null>;
}
