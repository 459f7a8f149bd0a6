// What commands need from the world around the core, as small interfaces. Adapters and main.ts
// pass real implementations; tests pass their own.

export interface Actor {
  id: string;
  /** May change shared settings such as sources (Discord: Manage Server; Slack: SLACK_ADMINS). */
  admin: boolean;
}

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

export interface SourcesPort {
  list(): Promise<SourceInfo[]>;
  add(url: string, addedBy: string): Promise<{ ok: true; source: SourceInfo; created: boolean } | { ok: false; reason: string }>;
  /** Articles removed with the source, or null for an unknown id. */
  remove(id: number): Promise<number | null>;
}
