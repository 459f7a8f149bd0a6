import { App, type BlockButtonAction, type CodedError, ErrorCode, HTTPReceiver, LogLevel, type Logger as SlackLogger, SocketModeReceiver } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { WebClientOptions } from '@slack/web-api';
import { type Command, type CommandContext, changesState } from '../../commands/command.ts';
import type { Reply } from '../../commands/reply.ts';
import { parseArgs, runCommand } from '../../commands/run.ts';
import type { Config } from '../../config.ts';
import type { Logger } from '../../log.ts';
import { type Adapter, type AdapterDeps, AdapterStartError, ChannelGoneError, type DigestDelivery } from '../../platform.ts';
import type { Store } from '../../store/store.ts';
import { slackInstallationStore, UnknownWorkspaceError } from './installations.ts';
import { BOT_SCOPES } from './manifest.ts';
import { renderSlack, type SlackPage } from './render.ts';

export type SlackOptions = NonNullable<Config['slack']> &
  AdapterDeps & {
    /** Web API retries; tests set 0. */
    retries?: number;
    /** SLACK_DIGEST_ADMINS: who may manage digests; empty means anyone in the channel. */
    digestAdmins?: string[];
    /** Where installations live when workspaces install by OAuth. */
    store?: Store;
  };

export interface SlackAdapter extends Adapter {
  app: App;
  /** Posts an answer to a channel (scheduled digests); returns message timestamps. */
  postToChannel: (channel: string, reply: Reply, delivery?: DigestDelivery) => Promise<string[]>;
}

const GONE_ERRORS = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'channel_is_archived', 'missing_scope', 'restricted_action']);

const NOT_INSTALLED =
  'briefbot is not installed in this workspace any more, so it cannot answer here. A workspace admin can add it again from the install link.';

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

/**
 * What a button needs to show an answer again: the command and its text, and which page. Any
 * instance behind the load balancer can answer the press by running it again; nothing is kept.
 */
interface AnswerRef {
  c: string;
  t: string;
  p: number;
}
const BUTTON_VALUE_MAX = 2000;

function buttons(ref: Omit<AnswerRef, 'p'>, page: number, total: number, shareable: boolean): KnownBlock[] {
  const value = (p: number) => JSON.stringify({ ...ref, p } satisfies AnswerRef);
  if (value(page).length > BUTTON_VALUE_MAX) return [];
  const elements = [];
  if (shareable)
    elements.push({ type: 'button' as const, action_id: 'share', text: { type: 'plain_text' as const, text: 'Share in channel' }, value: value(page) });
  if (page + 1 < total)
    elements.push({ type: 'button' as const, action_id: 'more', text: { type: 'plain_text' as const, text: 'More' }, value: value(page + 1) });
  return elements.length ? [{ type: 'actions', elements }] : [];
}

function readRef(value: string | undefined): AnswerRef | null {
  try {
    const ref = JSON.parse(value ?? '') as Partial<AnswerRef>;
    return typeof ref.c === 'string' && typeof ref.t === 'string' && Number.isInteger(ref.p) ? (ref as AnswerRef) : null;
  } catch {
    return null;
  }
}

/**
 * With installs by OAuth, a channel or user is stored with its workspace ("T123:C456"), so a
 * digest knows whose token to post with; with one workspace it is the bare id.
 */
export function slackAddress(team: string | undefined, id: string, oauth: boolean): string {
  return oauth && team ? `${team}:${id}` : id;
}
function parseAddress(address: string): { team?: string; id: string } {
  const i = address.indexOf(':');
  return i < 0 ? { id: address } : { team: address.slice(0, i), id: address.slice(i + 1) };
}

export function createSlackAdapter(options: SlackOptions): SlackAdapter {
  const { log, table } = options;
  const logger = slackLogger(log);
  const clientOptions: WebClientOptions = {
    slackApiUrl: options.apiUrl ? `${options.apiUrl.replace(/\/$/, '')}/` : undefined,
    retryConfig: { retries: options.retries ?? 10 },
  };
  if (options.oauth && !options.store) throw new Error('Slack installs by OAuth need the store to keep installations in');
  const oauth = options.oauth && options.store ? { ...options.oauth, store: options.store } : undefined;
  const installations = oauth ? slackInstallationStore(oauth.store) : undefined;
  const receiver =
    options.mode === 'socket'
      ? new SocketModeReceiver({ appToken: options.appToken ?? '', logger, installerOptions: { clientOptions } })
      : new HTTPReceiver({
          signingSecret: options.signingSecret ?? '',
          logger,
          endpoints: '/slack/events',
          port: options.port,
          ...(oauth && {
            clientId: oauth.clientId,
            clientSecret: oauth.clientSecret,
            // Signed, self-contained state plus a browser cookie: no session store, any instance can finish an install.
            stateSecret: oauth.stateSecret,
            scopes: BOT_SCOPES,
            installationStore: installations,
            installerOptions: { directInstall: true, clientOptions, installPath: '/slack/install', redirectUriPath: '/slack/oauth_redirect' },
          }),
        });
  // Initialised in start(), so a rejected token is an error we catch, not an unhandled rejection.
  const app = new App({ token: options.botToken, receiver, logger, clientOptions, deferInitialization: true, extendedErrorHandler: true });

  const withButtons = (reply: { pages: SlackPage[]; shareable: boolean }, ref: Omit<AnswerRef, 'p'> | null, index: number) => {
    const page = reply.pages[index] as SlackPage;
    return { text: page.text, blocks: ref ? [...page.blocks, ...buttons(ref, index, reply.pages.length, reply.shareable)] : page.blocks };
  };

  /** The bot token for a workspace: the single one, or the workspace's installation's. */
  const tokenFor = async (team: string | undefined): Promise<string | undefined> => {
    if (!installations || !team) return undefined;
    const installation = await installations.fetchInstallation({ teamId: team, enterpriseId: undefined, isEnterpriseInstall: false });
    return installation.bot?.token;
  };

  /** Whether the user is a workspace admin, and their time zone (the default for their digests). */
  async function userInfo(userId: string, client: App['client']): Promise<{ admin: boolean; timezone?: string }> {
    try {
      const info = await client.users.info({ user: userId });
      return { admin: Boolean(info.user?.is_admin || info.user?.is_owner), timezone: info.user?.tz || undefined };
    } catch {
      return { admin: false };
    }
  }

  /** Runs a command as a Slack user asked it in a channel, and renders the answer. */
  async function answer(command: Command, text: string, asker: { user: string; team?: string; channel: string }, client: App['client']) {
    const user = await userInfo(asker.user, client);
    const ctx: CommandContext = {
      ...options.context(),
      actor: {
        id: `slack:${asker.user}`,
        platformId: slackAddress(asker.team, asker.user, Boolean(oauth)),
        admin: options.admins.includes(asker.user) || (!options.admins.length && user.admin),
        canManageChannel: !options.digestAdmins?.length || options.digestAdmins.includes(asker.user),
        timezone: user.timezone,
      },
      where: { platform: 'slack', channelId: slackAddress(asker.team, asker.channel, Boolean(oauth)) },
    };
    const args = parseArgs(command, text);
    const rendered = renderSlack(await runCommand(command, args, ctx));
    // Answers stay with the asker until shared, and one meant for the asker alone is never shared.
    const reply = command.audience === 'asker' ? { ...rendered, shareable: false } : rendered;
    // Buttons run the command again, so never for one that changes something.
    return { reply, ref: changesState(command, args) ? null : { c: command.name, t: text } };
  }

  for (const command of table) {
    app.command(`/${command.name}`, async ({ command: payload, ack, respond, client }) => {
      // Slack allows three seconds: acknowledge first, answer through `respond` after.
      await ack();
      try {
        const asker = { user: payload.user_id, team: payload.team_id, channel: payload.channel_id };
        const { reply, ref } = await answer(command, payload.text ?? '', asker, client);
        await respond({ response_type: 'ephemeral', ...withButtons(reply, ref, 0) });
      } catch (error) {
        log.error(`slack: /${command.name} from ${payload.user_id} in ${payload.channel_id} failed`, error);
        await respond({ response_type: 'ephemeral', text: 'Sorry, something went wrong answering that. It has been logged.' }).catch(() => {});
      }
    });
  }

  app.action<BlockButtonAction>({ action_id: /^(more|share)$/ }, async ({ action, ack, respond, body, client }) => {
    await ack();
    const ref = readRef(action.value);
    const command = table.find((c) => c.name === ref?.c);
    const asker = { user: body.user.id, team: body.team?.id ?? body.user.team_id, channel: body.channel?.id ?? '' };
    const shown = ref && command && !changesState(command, parseArgs(command, ref.t)) ? await answer(command, ref.t, asker, client) : null;
    if (!ref || !shown?.reply.pages[ref.p]) {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: 'That answer can no longer be shown. Run the command again for a fresh one.',
      });
      return;
    }
    if (action.action_id === 'share') {
      // The whole answer goes to the channel; the private copy is removed.
      await respond({ delete_original: true });
      for (const p of shown.reply.pages) await respond({ response_type: 'in_channel', text: p.text, blocks: p.blocks });
      return;
    }
    await respond({ response_type: 'ephemeral', replace_original: false, ...withButtons(shown.reply, shown.ref, ref.p) });
  });

  // An uninstalled workspace's tokens are dead: forget them (Bolt skips authorising these events).
  if (installations) {
    for (const event of ['app_uninstalled', 'tokens_revoked'] as const) {
      app.event(event, async ({ body }) => {
        if (event === 'tokens_revoked' && !(body.event as { tokens?: { bot?: string[] } }).tokens?.bot?.length) return;
        const org = body as { enterprise_id?: string; is_enterprise_install?: boolean };
        await installations.deleteInstallation?.({
          teamId: body.team_id,
          enterpriseId: org.enterprise_id,
          isEnterpriseInstall: org.is_enterprise_install ?? false,
        });
        log.info(
          `slack: workspace ${body.team_id} ${event === 'app_uninstalled' ? 'uninstalled briefbot' : 'revoked its bot token'}; its installation is removed`,
        );
      });
    }
  }

  app.error(async ({ error, body }: { error: CodedError; body?: unknown }) => {
    const responseUrl = (body as { response_url?: unknown } | undefined)?.response_url;
    if (error.code === ErrorCode.AuthorizationError && typeof responseUrl === 'string') {
      // A workspace that uninstalled (or never finished installing) still has the command: say so.
      log.warn(`slack: ${error.original?.message ?? error.message}`);
      await fetch(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ response_type: 'ephemeral', text: NOT_INSTALLED }),
      }).catch((e: unknown) => log.warn(`slack: could not tell the user: ${(e as Error).message}`));
      return;
    }
    log.error('slack: unhandled error', error);
  });

  /**
   * Posts an answer to a channel. A digest's pages carry its key as message metadata; when an
   * earlier attempt (by an instance that died) may have posted it, the channel's history since
   * the slot says which pages are there, and only the missing ones are posted.
   */
  const postToChannel = async (target: string, reply: Reply, delivery?: DigestDelivery) => {
    const { team, id: channel } = parseAddress(target);
    const token = await tokenFor(team);
    const there = delivery?.maybePosted ? await postedPages(channel, delivery, token) : new Set<number>();
    const ts: string[] = [];
    for (const [i, page] of renderSlack(reply).pages.entries()) {
      if (there.has(i)) continue;
      const metadata = delivery ? { event_type: DIGEST_EVENT, event_payload: { key: delivery.key, page: i } } : undefined;
      const sent = await app.client.chat.postMessage({
        token,
        channel,
        text: page.text,
        blocks: page.blocks,
        unfurl_links: false,
        unfurl_media: false,
        metadata,
      });
      if (sent.ts) ts.push(sent.ts);
    }
    return ts;
  };
  const postedPages = async (channel: string, delivery: DigestDelivery, token: string | undefined): Promise<Set<number>> => {
    try {
      const history = await app.client.conversations.history({
        token,
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
    name: 'slack',
    app,
    postToChannel,
    poster: {
      post: (channel, reply, delivery) =>
        postToChannel(channel, reply, delivery).catch((e: unknown) => {
          // An uninstalled workspace is as gone as a deleted channel: its digests pause.
          if (e instanceof UnknownWorkspaceError) return Promise.reject(new ChannelGoneError(e.message));
          const code = (e as { data?: { error?: string } }).data?.error;
          return Promise.reject(code && GONE_ERRORS.has(code) ? new ChannelGoneError(code) : e);
        }),
      // A user id as the channel opens a direct message.
      notify: async (user, text) => {
        const { team, id } = parseAddress(user);
        return app.client.chat.postMessage({ token: await tokenFor(team), channel: id, text });
      },
    },
    healthy: async () => {
      if (oauth) return (await oauth.store.countSlackInstallations()) >= 0 || 'installations unreadable';
      return (await app.client.auth.test()).ok || 'auth.test failed';
    },
    start: async () => {
      try {
        await app.init();
        await app.start(options.port);
      } catch (error) {
        const code = (error as { data?: { error?: string } }).data?.error;
        throw new AdapterStartError(
          `Slack did not start: ${code === 'invalid_auth' ? 'Slack rejected SLACK_BOT_TOKEN or SLACK_APP_TOKEN.' : (error as Error).message}`,
        );
      }
      const mode = options.mode === 'socket' ? 'Socket Mode' : `HTTP mode on port ${options.port}`;
      if (oauth) {
        log.info(`slack: ${mode}, ${await oauth.store.countSlackInstallations()} workspace(s) installed; new ones install at /slack/install`);
      } else log.info(`slack: connected in ${mode}`);
    },
    stop: async () => {
      await app.stop();
    },
  };
}
