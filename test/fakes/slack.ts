import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

// A local Slack: the Web API methods briefbot calls, a response_url receiver and a Socket Mode
// server. It records what the app sends, for tests to assert on block by block.

export const BOT_TOKEN = 'xoxb-test-bot-token';
export const APP_TOKEN = 'xapp-test-app-token';
export const SIGNING_SECRET = 'test-signing-secret';
export const TEAM_ID = 'T0000TEST';
export const CHANNEL = 'C0000NEWS';
export const CLIENT_ID = '1111.2222';
export const CLIENT_SECRET = 'test-client-secret';
export const GONE_CHANNEL = 'C0000GONE';

export interface SlackCall {
  method: string;
  body: Record<string, unknown>;
  /** The workspace whose token made the call, when the token is one this fake issued. */
  team?: string;
}

export interface SlackMessage {
  channel: string;
  ts: string;
  text: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

export interface FakeSlack {
  apiUrl: string;
  calls: SlackCall[];
  /** Messages posted with chat.postMessage, oldest first; conversations.history reads them. */
  messages: SlackMessage[];
  /** What the app posted to response_urls, by response id. */
  responses: { id: string; body: Record<string, unknown> }[];
  acks: { envelope_id: string; payload?: unknown }[];
  /** Bot tokens by workspace: the preset one, and those issued by oauth.v2.access. */
  tokens: Map<string, string>;
  /** A slash command payload as Slack sends it; the response_url points at this fake. */
  slash: (command: string, text: string, user?: string, team?: string) => Record<string, string>;
  /** A button press on a message the app sent. */
  button: (actionId: string, value: string, user?: string, team?: string) => Record<string, unknown>;
  /** Sends a Socket Mode envelope and waits for the app's acknowledgement. */
  envelope: (type: 'slash_commands' | 'interactive', payload: unknown) => Promise<{ envelope_id: string }>;
  waitForResponse: (id: string, count?: number, timeoutMs?: number) => Promise<Record<string, unknown>[]>;
  socketConnected: () => boolean;
  close: () => Promise<void>;
}

/** Signs an HTTP request body the way Slack does (v0 HMAC-SHA256 over "v0:ts:body"). */
export function sign(body: string, secret = SIGNING_SECRET, timestamp = Math.floor(Date.now() / 1000)) {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature, 'content-type': 'application/x-www-form-urlencoded' };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: SlackCall[] = [];
  const tokens = new Map<string, string>([[TEAM_ID, BOT_TOKEN]]);
  const teamOf = (token: string) => [...tokens].find(([, t]) => t === token)?.[0];
  const messages: SlackMessage[] = [];
  let lastTs = 0;
  const responses: FakeSlack['responses'] = [];
  const acks: FakeSlack['acks'] = [];
  const ackWaiters = new Map<string, (a: { envelope_id: string }) => void>();
  let socket: WebSocket | null = null;
  let base = '';

  const json = (res: ServerResponse, body: unknown) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://x');
      const responseMatch = /^\/respond\/([\w-]+)$/.exec(url.pathname);
      if (responseMatch?.[1]) {
        responses.push({ id: responseMatch[1], body: JSON.parse(raw || '{}') });
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('ok');
        return;
      }
      const method = url.pathname.replace(/^\/api\//, '');
      const body: Record<string, unknown> = /json/.test(String(req.headers['content-type']))
        ? JSON.parse(raw || '{}')
        : Object.fromEntries(new URLSearchParams(raw));
      for (const k of ['blocks', 'attachments', 'metadata']) if (typeof body[k] === 'string') body[k] = JSON.parse(body[k] as string);
      const auth = String(req.headers.authorization ?? '');
      const team = teamOf(auth.replace(/^Bearer /, ''));
      calls.push({ method, body, team });
      if (method === 'apps.connections.open') {
        if (auth !== `Bearer ${APP_TOKEN}`) return json(res, { ok: false, error: 'invalid_auth' });
        return json(res, { ok: true, url: `${base.replace('http', 'ws')}/socket` });
      }
      if (method === 'oauth.v2.access') {
        // The code a workspace's admin brings back from the authorize page: "code-<team id>".
        if (body.client_id !== CLIENT_ID || body.client_secret !== CLIENT_SECRET) return json(res, { ok: false, error: 'invalid_client_id' });
        const installed = /^code-(T\w+)$/.exec(String(body.code))?.[1];
        if (!installed) return json(res, { ok: false, error: 'invalid_code' });
        const token = `xoxb-${installed.toLowerCase()}-${randomUUID()}`;
        tokens.set(installed, token);
        return json(res, {
          ok: true,
          app_id: 'A0000APP',
          authed_user: { id: 'U0000INSTALLER' },
          scope: 'commands,chat:write',
          token_type: 'bot',
          access_token: token,
          bot_user_id: 'U0000BOT',
          team: { id: installed, name: `Workspace ${installed}` },
          enterprise: null,
          is_enterprise_install: false,
        });
      }
      if (!team) return json(res, { ok: false, error: 'invalid_auth' });
      if (method === 'auth.test')
        return json(res, {
          ok: true,
          url: 'https://test.slack.com/',
          team: 'Test',
          user: 'briefbot',
          team_id: team,
          user_id: 'U0000BOT',
          bot_id: 'B0000BOT',
        });
      if (method === 'users.info')
        return json(res, { ok: true, user: { id: body.user, is_admin: body.user === 'U0000ADMIN', is_owner: false, tz: 'America/New_York' } });
      if (method === 'chat.postMessage') {
        if (body.channel === GONE_CHANNEL) return json(res, { ok: false, error: 'channel_not_found' });
        lastTs = Math.max(lastTs + 1, Date.now() * 1000);
        const ts = (lastTs / 1e6).toFixed(6);
        messages.push({ channel: String(body.channel), ts, text: String(body.text ?? ''), metadata: body.metadata as SlackMessage['metadata'] });
        return json(res, { ok: true, channel: body.channel, ts });
      }
      if (method === 'conversations.history') {
        const oldest = Number(body.oldest ?? 0);
        const found = messages
          .filter((m) => m.channel === body.channel && Number(m.ts) >= oldest)
          .reverse()
          .map(({ ts, text, metadata }) => ({ type: 'message', ts, text, ...(String(body.include_all_metadata) === 'true' && metadata ? { metadata } : {}) }));
        return json(res, { ok: true, messages: found, has_more: false });
      }
      return json(res, { ok: false, error: 'unknown_method' });
    })().catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  const wss = new WebSocketServer({ server, path: '/socket' });
  wss.on('connection', (ws) => {
    socket = ws;
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake-slack', build_number: 1, approximate_connection_time: 3600 },
        connection_info: { app_id: 'A0000APP' },
      }),
    );
    ws.on('message', (data) => {
      const ack = JSON.parse(String(data)) as { envelope_id?: string };
      if (!ack.envelope_id) return;
      acks.push(ack as { envelope_id: string });
      ackWaiters.get(ack.envelope_id)?.(ack as { envelope_id: string });
    });
    ws.on('close', () => {
      if (socket === ws) socket = null;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const fake: FakeSlack = {
    apiUrl: `${base}/api`,
    calls,
    messages,
    tokens,
    responses,
    acks,
    slash: (command, text, user = 'U0000USER', team = TEAM_ID) => {
      const id = randomUUID();
      return {
        token: 'deprecated-verification-token',
        team_id: team,
        team_domain: 'test',
        channel_id: CHANNEL,
        channel_name: 'news',
        user_id: user,
        user_name: 'reader',
        command,
        text,
        api_app_id: 'A0000APP',
        is_enterprise_install: 'false',
        response_url: `${base}/respond/${id}`,
        trigger_id: `trigger-${id}`,
      };
    },
    button: (actionId, value, user = 'U0000USER', team = TEAM_ID) => {
      const id = randomUUID();
      return {
        type: 'block_actions',
        user: { id: user, username: 'reader', name: 'reader', team_id: team },
        api_app_id: 'A0000APP',
        token: 'deprecated-verification-token',
        container: { type: 'message', message_ts: '1.0', channel_id: CHANNEL, is_ephemeral: true },
        trigger_id: `trigger-${id}`,
        team: { id: team, domain: 'test' },
        channel: { id: CHANNEL, name: 'news' },
        response_url: `${base}/respond/${id}`,
        actions: [{ action_id: actionId, block_id: 'b1', type: 'button', value, action_ts: '1.0', text: { type: 'plain_text', text: actionId } }],
      };
    },
    envelope: (type, payload) => {
      const envelopeId = randomUUID();
      return new Promise((resolve, reject) => {
        if (!socket || socket.readyState !== WebSocket.OPEN) return reject(new Error('no Socket Mode connection'));
        const timer = setTimeout(() => reject(new Error('envelope not acknowledged')), 5_000);
        ackWaiters.set(envelopeId, (a) => {
          clearTimeout(timer);
          resolve(a);
        });
        socket.send(
          JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type === 'slash_commands', retry_attempt: 0, retry_reason: '' }),
        );
      });
    },
    waitForResponse: async (id, count = 1, timeoutMs = 10_000) => {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const got = responses.filter((r) => r.id === id).map((r) => r.body);
        if (got.length >= count) return got;
        if (Date.now() > until) throw new Error(`fake Slack: no response on ${id}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    socketConnected: () => socket?.readyState === WebSocket.OPEN,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}

/** The id of a response_url this fake handed out. */
export const responseId = (payload: { response_url?: unknown }) => String(payload.response_url).split('/').pop() ?? '';
