import { parseDuration } from './core/duration.ts';
import { isTimeZone } from './core/schedule.ts';
import { NO_PRIVATE_ACCESS, type PrivateAccess, parsePrivateAccess } from './sources/privateAccess.ts';

// Environment → typed, validated configuration. Every problem is reported at once, and no value
// of a secret ever appears in a message.

export interface Config {
  briefingsDir: string;
  databaseUrl: string;
  discord?: {
    token: string;
    apiUrl?: string;
    shards: 'auto' | number;
    /** The shards this instance runs, of `shards` in all (DISCORD_SHARD_IDS); all of them when unset. */
    shardIds?: number[];
    /**
     * This instance's share of Discord's global 50 requests a second per bot
     * (DISCORD_REQUESTS_PER_SECOND): with N instances on one token, 50 / N.
     */
    requestsPerSecond: number;
  };
  slack?: {
    /** One workspace: its bot token. Absent when workspaces install by OAuth. */
    botToken?: string;
    /** Many workspaces: each installs through /slack/install; tokens are kept in the store. */
    oauth?: { clientId: string; clientSecret: string; stateSecret: string };
    /** Socket Mode when SLACK_APP_TOKEN is set, else HTTP on `port` with the signing secret. */
    mode: 'socket' | 'http';
    appToken?: string;
    signingSecret?: string;
    port: number;
    /** Web API base: an Enterprise proxy, or the test fake. */
    apiUrl?: string;
    /** User ids allowed to add and remove sources; without them, workspace admins may. */
    admins: string[];
  };
  /** ARTICLE_RETENTION: articles older than this are pruned in the background; unset keeps all. */
  articleRetentionMs?: number;
  /** FEED_ALLOW_PRIVATE: the private addresses and hosts feeds may be read from (none by default). */
  feedAllowPrivate: PrivateAccess;
  feedPollSeconds: number;
  /** Where /healthz and /metrics are served; off when unset. */
  metricsPort?: number;
  /** This process in claims, leases and logs (INSTANCE_ID); host and pid when unset. */
  instanceId?: string;
  digest: {
    timezone: string;
    minIntervalSeconds: number;
    maxPerChannel: number;
    /** DIGEST_EMPTY=note posts a one-line "nothing new". */
    emptyNote: boolean;
    catchupMs: number;
    /** How long a claimed digest stays with an instance that stops renewing it (it died). */
    leaseMs: number;
    /** Slack users who may manage digests; empty means anyone in the channel. */
    slackAdmins: string[];
  };
}

export interface ConfigResult {
  config: Config;
  problems: string[];
}

const list = (v: string | undefined) => (v ?? '').split(/[\s,]+/).filter(Boolean);

/** "0,2" or "0-3" → [0, 2] or [0, 1, 2, 3]; null when it does not read. */
function shardIds(text: string): number[] | null {
  const ids = new Set<number>();
  for (const part of list(text)) {
    const m = /^(\d{1,4})(?:-(\d{1,4}))?$/.exec(part);
    if (!m) return null;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from) return null;
    for (let id = from; id <= to; id++) ids.add(id);
  }
  return ids.size ? [...ids].sort((a, b) => a - b) : null;
}

export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  const problems: string[] = [];
  const value = (name: string) => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  const int = (name: string, fallback: number, min: number): number => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) {
      problems.push(`${name} must be a whole number of at least ${min} (got "${raw}").`);
      return fallback;
    }
    return n;
  };
  const duration = (name: string, fallback: string): number => {
    const raw = value(name) ?? fallback;
    const ms = parseDuration(raw);
    if (ms === null) {
      problems.push(`${name} must be a duration such as 30m, 6h or 2d (got "${raw}").`);
      return parseDuration(fallback) ?? 0;
    }
    return ms;
  };
  const url = (name: string): string | undefined => {
    const raw = value(name);
    if (raw === undefined) return undefined;
    try {
      return new URL(raw).toString().replace(/\/$/, '');
    } catch {
      problems.push(`${name} is not a URL.`);
      return undefined;
    }
  };

  const privateAccess = (): PrivateAccess => {
    const parsed = parsePrivateAccess(value('FEED_ALLOW_PRIVATE'));
    if (parsed.ok) return parsed.access;
    problems.push(`FEED_ALLOW_PRIVATE must be 1 or a list of addresses, CIDR ranges and host names (${parsed.reason}).`);
    return NO_PRIVATE_ACCESS;
  };

  const config: Config = {
    briefingsDir: value('BRIEFINGS_DIR') ?? 'briefings',
    databaseUrl: value('DATABASE_URL') ?? 'sqlite:data/briefbot.db',
    articleRetentionMs: value('ARTICLE_RETENTION') === undefined ? undefined : duration('ARTICLE_RETENTION', '365d'),
    feedAllowPrivate: privateAccess(),
    feedPollSeconds: int('FEED_POLL_SECONDS', 600, 10),
    metricsPort: value('METRICS_PORT') === undefined ? undefined : int('METRICS_PORT', 9464, 0),
    instanceId: value('INSTANCE_ID'),
    digest: {
      timezone: value('DIGEST_TIMEZONE') ?? 'UTC',
      minIntervalSeconds: int('DIGEST_MIN_INTERVAL_SECONDS', 3600, 60),
      maxPerChannel: int('DIGEST_MAX_PER_CHANNEL', 10, 1),
      emptyNote: value('DIGEST_EMPTY') === 'note',
      catchupMs: duration('DIGEST_CATCHUP', '6h'),
      leaseMs: int('DIGEST_LEASE_SECONDS', 60, 2) * 1000,
      slackAdmins: list(value('SLACK_DIGEST_ADMINS')),
    },
  };
  if (!isTimeZone(config.digest.timezone)) problems.push(`DIGEST_TIMEZONE “${config.digest.timezone}” is not an IANA time zone (for example Europe/Paris).`);

  const discordToken = value('DISCORD_TOKEN');
  if (discordToken) {
    const shardsRaw = value('DISCORD_SHARDS') ?? 'auto';
    const shards = shardsRaw === 'auto' ? 'auto' : Number(shardsRaw);
    if (shards !== 'auto' && (!Number.isInteger(shards) || shards < 1)) problems.push('DISCORD_SHARDS must be "auto" or a whole number of at least 1.');
    config.discord = {
      token: discordToken,
      apiUrl: url('DISCORD_API_URL'),
      shards: shards === 'auto' || Number.isInteger(shards) ? shards : 'auto',
      requestsPerSecond: int('DISCORD_REQUESTS_PER_SECOND', 50, 1),
    };
    const idsRaw = value('DISCORD_SHARD_IDS');
    if (idsRaw !== undefined) {
      const ids = shardIds(idsRaw);
      if (typeof shards !== 'number' || !Number.isInteger(shards)) problems.push('DISCORD_SHARD_IDS needs DISCORD_SHARDS set to the total number of shards.');
      else if (!ids || ids.some((id) => id >= shards))
        problems.push(`DISCORD_SHARD_IDS must list shard numbers from 0 to ${shards - 1}, such as "0,1" or "0-3" (got "${idsRaw}").`);
      else config.discord.shardIds = ids;
    }
  }

  const botToken = value('SLACK_BOT_TOKEN');
  const appToken = value('SLACK_APP_TOKEN');
  const signingSecret = value('SLACK_SIGNING_SECRET');
  const clientId = value('SLACK_CLIENT_ID');
  const clientSecret = value('SLACK_CLIENT_SECRET');
  const stateSecret = value('SLACK_STATE_SECRET');
  const slackCommon = { port: int('SLACK_PORT', 3000, 1), apiUrl: url('SLACK_API_URL'), admins: list(value('SLACK_ADMINS')) };
  if (clientId || clientSecret) {
    const missing = [
      ['SLACK_CLIENT_ID', clientId],
      ['SLACK_CLIENT_SECRET', clientSecret],
      ['SLACK_SIGNING_SECRET', signingSecret],
      ['SLACK_STATE_SECRET', stateSecret],
    ].filter(([, v]) => !v);
    if (botToken) {
      problems.push('Set SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (workspaces install by OAuth), not both.');
    } else if (appToken) {
      problems.push('Installs by OAuth run in HTTP mode (behind your load balancer): unset SLACK_APP_TOKEN.');
    } else if (missing.length) {
      problems.push(`Installs by OAuth also need ${missing.map(([n]) => n).join(' and ')}.`);
    } else if (clientId && clientSecret && signingSecret && stateSecret) {
      config.slack = { mode: 'http', oauth: { clientId, clientSecret, stateSecret }, signingSecret, ...slackCommon };
    }
  } else if (botToken) {
    if (!appToken && !signingSecret) {
      problems.push('SLACK_BOT_TOKEN is set, but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode) is.');
    } else {
      config.slack = { botToken, mode: appToken ? 'socket' : 'http', appToken, signingSecret, ...slackCommon };
    }
  } else if (appToken || signingSecret) {
    problems.push('SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set without SLACK_BOT_TOKEN (or SLACK_CLIENT_ID for installs by OAuth).');
  }
  if (!/^(?:sqlite:|postgres(?:ql)?:\/\/)/.test(config.databaseUrl)) {
    problems.push('DATABASE_URL must start with sqlite: (a file path) or postgres://.');
  }
  return { config, problems };
}
