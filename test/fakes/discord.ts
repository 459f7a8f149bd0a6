import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type APIChatInputApplicationCommandInteraction,
  type APIGuild,
  type APIInteraction,
  type APIMessage,
  type APIUser,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type ApplicationFlags,
  type ChannelFlags,
  GatewayDispatchEvents,
  type GatewayDispatchPayload,
  type GatewayGuildCreateDispatchData,
  GatewayOpcodes,
  type GatewayReadyDispatch,
  type GatewayReceivePayload,
  type GatewaySendPayload,
  type GuildSystemChannelFlags,
  InteractionType,
  type RoleFlags,
} from 'discord-api-types/v10';
import { WebSocket, WebSocketServer } from 'ws';

// A local Discord: enough of the REST API and the gateway for the real discord.js Client to log
// in, receive interactions and answer them. It records what the bot sends for tests to assert on.

export const APP_ID = '100000000000000001';
export const GUILD_ID = '200000000000000001';
export const CHANNEL_ID = '300000000000000001';
export const USER_ID = '400000000000000001';
const MANAGE_GUILD = 1n << 5n;
const MANAGE_CHANNELS = 1n << 4n;
export const DM_CHANNEL_ID = '320000000000000001';

export interface Recorded {
  method: string;
  path: string;
  body: unknown;
}

export interface FakeDiscord {
  apiUrl: string;
  token: string;
  requests: Recorded[];
  /** Gateway connections that completed IDENTIFY, by shard id. */
  shards: Map<number, WebSocket>;
  shardCount: number;
  deletedChannels: Set<string>;
  /** Messages created in channels (not interaction answers), in order. */
  created: APIMessage[];
  /** How many requests the global rate limit turned away with a 429. */
  rateLimited: () => number;
  /** Posts whose enforced nonce matched an earlier message: that one was returned, none created. */
  nonceReplays: Recorded[];
  /**
   * When set and true for a channel post, the message is created but the answer never comes,
   * as when the bot's process dies while Discord is answering.
   */
  holdAnswer?: (r: Recorded) => boolean;
  /** Sends INTERACTION_CREATE to the shard that owns the guild (or shard 0 for DMs). */
  interact: (interaction: APIInteraction) => void;
  /** A slash command as Discord sends it; `subcommand` in the options names the subcommand the others belong to. */
  chatInput: (
    name: string,
    options: Record<string, string | number>,
    extra?: { dm?: boolean; admin?: boolean; guildId?: string },
  ) => APIChatInputApplicationCommandInteraction;
  /** The user typing into an option with autocomplete (of a subcommand, when given). */
  autocomplete: (name: string, option: string, typed: string, subcommand?: string) => APIInteraction;
  /** The user pressing a button on a message the bot sent. */
  button: (customId: string) => APIInteraction;
  waitFor: (match: (r: Recorded) => boolean, timeoutMs?: number) => Promise<Recorded>;
  close: () => Promise<void>;
}

const botUser: APIUser = { id: APP_ID, username: 'briefbot', discriminator: '0', global_name: 'briefbot', avatar: null, bot: true };
const human: APIUser = { id: USER_ID, username: 'reader', discriminator: '0', global_name: 'Reader', avatar: null };

function guild(id: string, name: string): GatewayGuildCreateDispatchData {
  const base: APIGuild = {
    id,
    name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: USER_ID,
    region: 'europe',
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      {
        id,
        name: '@everyone',
        color: 0,
        colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
        hoist: false,
        position: 0,
        permissions: '0',
        managed: false,
        mentionable: false,
        flags: 0 as RoleFlags,
        icon: null,
        unicode_emoji: null,
      },
    ],
    emojis: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0 as GuildSystemChannelFlags,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: 'en-US' as APIGuild['preferred_locale'],
    public_updates_channel_id: null,
    nsfw_level: 0,
    stickers: [],
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
  };
  return {
    ...base,
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [],
    channels: [
      {
        id: CHANNEL_ID,
        type: 0,
        name: 'news',
        position: 0,
        guild_id: id,
        permission_overwrites: [],
        nsfw: false,
        parent_id: null,
        topic: null,
        last_message_id: null,
        rate_limit_per_user: 0,
        flags: 0 as ChannelFlags,
      },
    ],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  } as unknown as GatewayGuildCreateDispatchData;
}

export interface FakeDiscordOptions {
  token?: string;
  shards?: number;
  guilds?: { id: string; name: string }[];
  /**
   * Discord's global limit, per bot token across every process that uses it (Discord allows
   * 50 requests a second): past it, a 429 with `global: true`, as Discord answers.
   */
  globalRateLimit?: number;
  /** Answer every bot request 400 with the Authorization header in the message, as some upstreams do. */
  echoAuthorization?: boolean;
}

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const token = options.token ?? 'test-token';
  const shardCount = options.shards ?? 1;
  const guilds = (options.guilds ?? [{ id: GUILD_ID, name: 'Test Server' }]).map((g) => guild(g.id, g.name));
  const requests: Recorded[] = [];
  const shards = new Map<number, WebSocket>();
  const deletedChannels = new Set<string>();
  const created: APIMessage[] = [];
  const recent: number[] = [];
  let rateLimited = 0;
  const nonceReplays: Recorded[] = [];
  // Discord remembers an enforced nonce per author for a few minutes; one bot here, so per nonce.
  const byNonce = new Map<string, APIMessage>();
  const held: ServerResponse[] = [];
  const waiters: { match: (r: Recorded) => boolean; resolve: (r: Recorded) => void }[] = [];
  let messageId = 500000000000000000n;
  let interactionId = 600000000000000000n;
  let wsUrl = '';

  const record = (r: Recorded) => {
    requests.push(r);
    for (const w of [...waiters]) {
      if (w.match(r)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(r);
      }
    }
  };
  const send = (res: ServerResponse, status: number, body?: unknown) => {
    res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };
  const message = (channelId: string, body: Partial<APIMessage>): APIMessage =>
    ({
      id: String(messageId++),
      channel_id: channelId,
      author: botUser,
      content: body.content ?? '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: body.embeds ?? [],
      pinned: false,
      type: 0,
      flags: body.flags ?? 0,
      components: body.components ?? [],
    }) as APIMessage;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body: unknown = raw && /json/.test(String(req.headers['content-type'])) ? JSON.parse(raw) : raw || undefined;
    const url = new URL(req.url ?? '/', 'http://x');
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const method = req.method ?? 'GET';
    const isWebhook = path.startsWith('/webhooks/') || path.startsWith('/interactions/');
    if (options.echoAuthorization && !isWebhook) {
      send(res, 400, { message: `Bad request from ${req.headers.authorization}`, code: 50035 });
      return;
    }
    if (!isWebhook && req.headers.authorization !== `Bot ${token}`) {
      send(res, 401, { message: '401: Unauthorized', code: 0 });
      return;
    }
    // Interaction callbacks and webhooks are not under the global limit; bot requests are.
    if (options.globalRateLimit && !isWebhook) {
      const now = Date.now();
      while (recent.length && recent[0] !== undefined && recent[0] <= now - 1000) recent.shift();
      if (recent.length >= options.globalRateLimit) {
        rateLimited++;
        const retryAfter = ((recent[0] ?? now) + 1000 - now) / 1000;
        res.writeHead(429, {
          'content-type': 'application/json',
          'x-ratelimit-global': 'true',
          'x-ratelimit-scope': 'global',
          'retry-after': String(Math.ceil(retryAfter)),
        });
        res.end(JSON.stringify({ message: 'You are being rate limited.', retry_after: retryAfter, global: true }));
        return;
      }
      recent.push(now);
    }
    record({ method, path, body });
    const match = (re: RegExp) => re.exec(path);
    const channelPost = method === 'POST' ? match(/^\/channels\/(\d+)\/messages$/) : null;
    if (method === 'GET' && path === '/gateway/bot') {
      send(res, 200, { url: wsUrl, shards: shardCount, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } });
    } else if (method === 'GET' && path === '/users/@me') {
      send(res, 200, botUser);
    } else if (method === 'GET' && path === '/applications/@me') {
      send(res, 200, {
        id: APP_ID,
        name: 'briefbot',
        icon: null,
        description: '',
        bot_public: true,
        bot_require_code_grant: false,
        verify_key: 'x',
        flags: 0 as ApplicationFlags,
      });
    } else if (match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/)) {
      send(res, 204);
    } else if (match(/^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/)) {
      if (method === 'DELETE') send(res, 204);
      else send(res, 200, message(CHANNEL_ID, body as Partial<APIMessage>));
    } else if (method === 'POST' && match(/^\/webhooks\/(\d+)\/([^/]+)$/)) {
      send(res, 200, message(CHANNEL_ID, body as Partial<APIMessage>));
    } else if (method === 'POST' && path === '/users/@me/channels') {
      send(res, 200, { id: DM_CHANNEL_ID, type: 1, recipients: [human], last_message_id: null });
    } else if (channelPost) {
      const channel = channelPost[1] as string;
      const post = body as Partial<APIMessage> & { nonce?: string; enforce_nonce?: boolean };
      const earlier = post.enforce_nonce && post.nonce ? byNonce.get(post.nonce) : undefined;
      if (deletedChannels.has(channel)) send(res, 404, { message: 'Unknown Channel', code: 10003 });
      else if (earlier) {
        nonceReplays.push({ method, path, body });
        send(res, 200, earlier);
      } else {
        const sent = message(channel, post);
        created.push(sent);
        if (post.enforce_nonce && post.nonce) byNonce.set(post.nonce, sent);
        if (fake.holdAnswer?.({ method, path, body })) held.push(res);
        else send(res, 200, sent);
      }
    } else if (method === 'PUT' && match(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/)) {
      const list = (body as { name: string }[]).map((c, i) => ({ ...c, id: String(700000000000000000n + BigInt(i)), application_id: APP_ID, version: '1' }));
      send(res, 200, list);
    } else {
      send(res, 404, { message: `fake Discord does not know ${method} ${path}`, code: 0 });
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { message: String(error), code: 0 }));
  });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (socket) => {
    let seq = 0;
    const dispatch = (payload: Omit<GatewayDispatchPayload, 's'>) => socket.send(JSON.stringify({ ...payload, s: ++seq }));
    socket.send(JSON.stringify({ op: GatewayOpcodes.Hello, d: { heartbeat_interval: 41_250 }, s: null, t: null }));
    socket.on('message', (data) => {
      const payload = JSON.parse(String(data)) as GatewaySendPayload | GatewayReceivePayload;
      if (payload.op === GatewayOpcodes.Heartbeat) {
        socket.send(JSON.stringify({ op: GatewayOpcodes.HeartbeatAck }));
      } else if (payload.op === GatewayOpcodes.Identify) {
        if (payload.d.token !== token) {
          socket.close(4004, 'Authentication failed.');
          return;
        }
        const [shardId, total] = payload.d.shard ?? [0, 1];
        const mine = guilds.filter((g) => Number((BigInt(g.id) >> 22n) % BigInt(total)) === shardId);
        shards.set(shardId, socket);
        socket.on('close', () => {
          if (shards.get(shardId) === socket) shards.delete(shardId);
        });
        dispatch({
          op: GatewayOpcodes.Dispatch,
          t: GatewayDispatchEvents.Ready,
          d: {
            v: 10,
            user: botUser,
            guilds: mine.map((g) => ({ id: g.id, unavailable: true })),
            session_id: `session-${shardId}`,
            resume_gateway_url: wsUrl,
            shard: [shardId, total],
            application: { id: APP_ID, flags: 0 as ApplicationFlags, flags_new: '0' },
          },
        } satisfies Omit<GatewayReadyDispatch, 's'>);
        for (const g of mine) dispatch({ op: GatewayOpcodes.Dispatch, t: GatewayDispatchEvents.GuildCreate, d: g } as Omit<GatewayDispatchPayload, 's'>);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  wsUrl = `ws://127.0.0.1:${port}`;

  const fake: FakeDiscord = {
    apiUrl: `http://127.0.0.1:${port}/api`,
    token,
    requests,
    shards,
    shardCount,
    deletedChannels,
    created,
    nonceReplays,
    rateLimited: () => rateLimited,
    interact: (interaction) => {
      const guildId = 'guild_id' in interaction ? interaction.guild_id : undefined;
      const shard = guildId ? Number((BigInt(guildId) >> 22n) % BigInt(shardCount)) : 0;
      const socket = shards.get(shard);
      if (!socket || socket.readyState !== WebSocket.OPEN) throw new Error(`shard ${shard} is not connected`);
      socket.send(JSON.stringify({ op: GatewayOpcodes.Dispatch, t: GatewayDispatchEvents.InteractionCreate, s: 1000 + requests.length, d: interaction }));
    },
    chatInput: (name, values, extra = {}) => {
      const id = String(interactionId++);
      const { subcommand, ...rest } = values;
      const given = Object.entries(rest).map(([n, v]) =>
        typeof v === 'number'
          ? { name: n, type: ApplicationCommandOptionType.Integer as const, value: v }
          : { name: n, type: ApplicationCommandOptionType.String as const, value: v },
      );
      const options = subcommand === undefined ? given : [{ name: String(subcommand), type: ApplicationCommandOptionType.Subcommand as const, options: given }];
      const common = {
        id,
        application_id: APP_ID,
        type: InteractionType.ApplicationCommand as const,
        token: `token-${id}`,
        version: 1 as const,
        app_permissions: '0',
        locale: 'en-US' as const,
        entitlements: [],
        authorizing_integration_owners: {},
        attachment_size_limit: 8_000_000,
        data: { id: '700000000000000000', name, type: ApplicationCommandType.ChatInput as const, options },
      };
      if (extra.dm) {
        return {
          ...common,
          channel: { id: '310000000000000001', type: 1, recipients: [human] },
          channel_id: '310000000000000001',
          user: human,
          context: 1,
        } as unknown as APIChatInputApplicationCommandInteraction;
      }
      const guildId = extra.guildId ?? GUILD_ID;
      return {
        ...common,
        guild_id: guildId,
        guild: { id: guildId, features: [], locale: 'en-US' },
        guild_locale: 'en-US',
        channel: { id: CHANNEL_ID, type: 0, name: 'news', guild_id: guildId },
        channel_id: CHANNEL_ID,
        context: 0,
        member: {
          user: human,
          roles: [],
          permissions: String(extra.admin ? MANAGE_GUILD | MANAGE_CHANNELS : 0n),
          joined_at: new Date().toISOString(),
          deaf: false,
          mute: false,
          flags: 0,
        },
      } as unknown as APIChatInputApplicationCommandInteraction;
    },
    autocomplete: (name, option, typed, subcommand) => {
      const base = fake.chatInput(name, {}) as unknown as Record<string, unknown>;
      const focused = [{ name: option, type: ApplicationCommandOptionType.String, value: typed, focused: true }];
      return {
        ...base,
        type: InteractionType.ApplicationCommandAutocomplete,
        data: {
          id: '700000000000000000',
          name,
          type: ApplicationCommandType.ChatInput,
          options: subcommand ? [{ name: subcommand, type: ApplicationCommandOptionType.Subcommand, options: focused }] : focused,
        },
      } as unknown as APIInteraction;
    },
    button: (customId) => {
      const base = fake.chatInput('brief', {}) as unknown as Record<string, unknown>;
      return {
        ...base,
        type: InteractionType.MessageComponent,
        data: { custom_id: customId, component_type: 2 },
        message: message(CHANNEL_ID, { content: '', embeds: [] }),
      } as unknown as APIInteraction;
    },
    waitFor: (match, timeoutMs = 10_000) => {
      const done = requests.find(match);
      if (done) return Promise.resolve(done);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('fake Discord: timed out waiting for a request')), timeoutMs);
        waiters.push({
          match,
          resolve: (r) => {
            clearTimeout(timer);
            resolve(r);
          },
        });
      });
    },
    close: async () => {
      for (const res of held) res.destroy();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
