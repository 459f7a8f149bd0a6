import { randomBytes } from 'node:crypto';
import { App, type BlockButtonAction, HTTPReceiver, LogLevel, type Logger as SlackLogger, SocketModeReceiver } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { WebClientOptions } from '@slack/web-api';
import type { Command, CommandContext } from '../../commands/command.ts';
import type { Reply } from '../../commands/reply.ts';
import { parseArgs, runCommand } from '../../commands/run.ts';
import type { Config } from '../../config.ts';
import type { Logger } from '../../log.ts';
import { ChannelGoneError, type DigestDelivery, type Poster } from '../../schedule/scheduler.ts';
import { renderSlack, type SlackPage } from './render.ts';

export type SlackOptions = NonNullable<Config['slack']> & {
  table: Command[];
  context: () => CommandContext;
  log: Logger;
  /** Web API retries; tests set 0. */
  retries?: number;
  /** SLACK_DIGEST_ADMINS: who may manage digests; empty means anyone in the channel. */
  digestAdmins?: string[];
};

export interface SlackAdapter {
  app: App;
  start: () => Promise<void>;
  stop: () => Promise<void>;
  /** Posts an answer to a channel (scheduled digests); returns message timestamps. */
  postToChannel: (channel: string, reply: Reply, delivery?: DigestDelivery) => Promise<string[]>;
  /** The same, for the digest scheduler: a lost channel is a ChannelGoneError; DMs to subscribers. */
  poster: Poster;
}

const GONE_ERRORS = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'channel_is_archived', 'missing_scope', 'restricted_action']);

const PAGE_TTL_MS = 15 * 60_000;

/** The metadata event type that marks a digest's messages, so a retry can find them. */
const DIGEST_EVENT = 'briefbot_digest';

/** Bolt's own log lines go through ours, so tokens are redacted there too. */
function slackLogger(log: Logger): SlackLogger {
  let level = LogLevel.INFO;
  const order = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];
  const on = (l: LogLevel) => order.indexOf(l) >= order.indexOf(level);
  const text = (msg: unknown[]) => msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    debug: () => {},
    info: (...m) => on(LogLevel.INFO) && log.info(`slack: ${text(m)}`),
    warn: (...m) => on(LogLevel.WARN) && log.warn(`slack: ${text(m)}`),
    error: (...m) => log.error(`slack: ${text(m)}`),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

function buttons(key: string, page: number, total: number, shareable: boolean): KnownBlock[] {
  const elements = [];
  if (shareable)
    elements.push({ type: 'button' as const, action_id: 'share', text: { type: 'plain_text' as const, text: 'Share in channel' }, value: `${key}:${page}` });
  if (page + 1 < total)
    elements.push({ type: 'button' as const, action_id: 'more', text: { type: 'plain_text' as const, text: 'More' }, value: `${key}:${page + 1}` });
  return elements.length ? [{ type: 'actions', elements }] : [];
}

export function createSlackAdapter(options: SlackOptions): SlackAdapter {
  const { log, table } = options;
  const logger = slackLogger(log);
  const clientOptions: WebClientOptions = {
    slackApiUrl: options.apiUrl ? `${options.apiUrl.replace(/\/$/, '')}/` : undefined,
    retryConfig: { retries: options.retries ?? 10 },
  };
  const receiver =
    options.mode === 'socket'
      ? new SocketModeReceiver({ appToken: options.appToken ?? '', logger, installerOptions: { clientOptions } })
      : new HTTPReceiver({ signingSecret: options.signingSecret ?? '', logger, endpoints: '/slack/events', port: options.port });
  // Initialised in start(), so a rejected token is an error we catch, not an unhandled rejection.
  const app = new App({ token: options.botToken, receiver, logger, clientOptions, deferInitialization: true });

  const answers = new Map<string, { pages: SlackPage[]; shareable: boolean; expires: number }>();
  const remember = (pages: SlackPage[], shareable: boolean) => {
    const key = randomBytes(6).toString('base64url');
    answers.set(key, { pages, shareable, expires: Date.now() + PAGE_TTL_MS });
    for (const [k, v] of answers) if (answers.size > 500 || v.expires < Date.now()) answers.delete(k);
    return key;
  };
  const withButtons = (page: SlackPage, key: string, index: number, entry: { pages: SlackPage[]; shareable: boolean }) => ({
    text: page.text,
    blocks: [...page.blocks, ...buttons(key, index, entry.pages.length, entry.shareable)],
  });

  /** Whether the user is a workspace admin, and their time zone (the default for their digests). */
  async function userInfo(userId: string, client: App['client']): Promise<{ admin: boolean; timezone?: string }> {
    try {
      const info = await client.users.info({ user: userId });
      return { admin: Boolean(info.user?.is_admin || info.user?.is_owner), timezone: info.user?.tz || undefined };
    } catch {
      return { admin: false };
    }
  }

  for (const command of table) {
    app.command(`/${command.name}`, async ({ command: payload, ack, respond, client }) => {
      // Slack allows three seconds: acknowledge first, answer through `respond` after.
      await ack();
      try {
        const user = await userInfo(payload.user_id, client);
        const ctx: CommandContext = {
          ...options.context(),
          actor: {
            id: `slack:${payload.user_id}`,
            platformId: payload.user_id,
            admin: options.admins.includes(payload.user_id) || (!options.admins.length && user.admin),
            canManageChannel: !options.digestAdmins?.length || options.digestAdmins.includes(payload.user_id),
            timezone: user.timezone,
          },
          where: { platform: 'slack', channelId: payload.channel_id },
        };
        const reply = renderSlack(await runCommand(command, parseArgs(command, payload.text ?? ''), ctx));
        const entry = { pages: reply.pages, shareable: reply.shareable };
        const key = remember(reply.pages, reply.shareable);
        await respond({ response_type: 'ephemeral', ...withButtons(reply.pages[0] as SlackPage, key, 0, entry) });
      } catch (error) {
        log.error(`slack: /${command.name} from ${payload.user_id} in ${payload.channel_id} failed`, error);
        await respond({ response_type: 'ephemeral', text: 'Sorry, something went wrong answering that. It has been logged.' }).catch(() => {});
      }
    });
  }

  app.action<BlockButtonAction>({ action_id: /^(more|share)$/ }, async ({ action, ack, respond }) => {
    await ack();
    const [key = '', n = '0'] = (action.value ?? '').split(':');
    const entry = answers.get(key);
    const index = Number(n);
    const page = entry?.pages[index];
    if (!entry || !page) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: 'That answer has expired. Run the command again for a fresh one.' });
      return;
    }
    if (action.action_id === 'share') {
      // The whole answer goes to the channel; the private copy is removed.
      await respond({ delete_original: true });
      for (const p of entry.pages) await respond({ response_type: 'in_channel', text: p.text, blocks: p.blocks });
      return;
    }
    await respond({ response_type: 'ephemeral', replace_original: false, ...withButtons(page, key, index, entry) });
  });

  app.error(async (error) => {
    log.error('slack: unhandled error', error);
  });

  /**
   * Posts an answer to a channel. A digest's pages carry its key as message metadata; when an
   * earlier attempt (by an instance that died) may have posted it, the channel's history since
   * the slot says which pages are there, and only the missing ones are posted.
   */
  const postToChannel = async (channel: string, reply: Reply, delivery?: DigestDelivery) => {
    const there = delivery?.maybePosted ? await postedPages(channel, delivery) : new Set<number>();
    const ts: string[] = [];
    for (const [i, page] of renderSlack(reply).pages.entries()) {
      if (there.has(i)) continue;
      const metadata = delivery ? { event_type: DIGEST_EVENT, event_payload: { key: delivery.key, page: i } } : undefined;
      const sent = await app.client.chat.postMessage({ channel, text: page.text, blocks: page.blocks, unfurl_links: false, unfurl_media: false, metadata });
      if (sent.ts) ts.push(sent.ts);
    }
    return ts;
  };
  const postedPages = async (channel: string, delivery: DigestDelivery): Promise<Set<number>> => {
    try {
      const history = await app.client.conversations.history({
        channel,
        oldest: String(Date.parse(delivery.slot) / 1000),
        limit: 200,
        include_all_metadata: true,
      });
      const pages = new Set<number>();
      for (const m of history.messages ?? []) {
        const payload = m.metadata?.event_type === DIGEST_EVENT ? (m.metadata.event_payload as { key?: unknown; page?: unknown } | undefined) : undefined;
        if (payload?.key === delivery.key) pages.add(Number(payload.page));
      }
      return pages;
    } catch (error) {
      // Without channels:history the check cannot be made; a rare repeat beats a lost digest.
      const code = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
      log.warn(`slack: could not look in ${channel} for digest ${delivery.key} posted before a crash (${code}); posting it`);
      return new Set();
    }
  };

  return {
    app,
    postToChannel,
    poster: {
      post: (channel, reply, delivery) =>
        postToChannel(channel, reply, delivery).catch((e: unknown) => {
          const code = (e as { data?: { error?: string } }).data?.error;
          return Promise.reject(code && GONE_ERRORS.has(code) ? new ChannelGoneError(code) : e);
        }),
      // A user id as the channel opens a direct message.
      notify: (userId, text) => app.client.chat.postMessage({ channel: userId, text }),
    },
    start: async () => {
      await app.init();
      await app.start(options.port);
      log.info(`slack: connected in ${options.mode === 'socket' ? 'Socket Mode' : `HTTP mode on port ${options.port}`}`);
    },
    stop: async () => {
      await app.stop();
    },
  };
}
