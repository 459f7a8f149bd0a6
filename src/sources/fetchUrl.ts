import { Agent, fetch } from 'undici';
import { type AddressPolicy, checkHostLiteral, guardedLookup } from './netGuard.ts';

export const USER_AGENT = 'briefbot/0.1 (+https://github.com/briefbot/briefbot; news briefing bot)';

export interface FetchOptions {
  /** Which private addresses may be dialled (FEED_ALLOW_PRIVATE). */
  policy: AddressPolicy;
  timeoutMs?: number;
  maxBytes?: number;
  etag?: string | null;
  lastModified?: string | null;
  accept?: string;
}

export type FetchResult =
  | { status: 'not-modified' }
  | { status: 'ok'; body: string; contentType: string; etag: string | null; lastModified: string | null; finalUrl: string };

export class FetchError extends Error {
  override name = 'FetchError';
}

const MAX_REDIRECTS = 5;
const agents = new WeakMap<AddressPolicy, Agent>();

function agentFor(policy: AddressPolicy): Agent {
  let agent = agents.get(policy);
  if (!agent) {
    agent = new Agent({ connect: { lookup: guardedLookup(policy), timeout: 10_000 }, keepAliveTimeout: 4_000 });
    agents.set(policy, agent);
  }
  return agent;
}

/**
 * GET with everything a polite, safe feed reader needs: conditional headers, a timeout for the
 * whole exchange, a size limit, gzip, at most five redirects (each checked against private
 * addresses), a clear user agent, and the body decoded from its declared charset.
 */
export async function fetchUrl(url: string, options: FetchOptions): Promise<FetchResult> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const signal = AbortSignal.timeout(timeoutMs);
  let current = url;
  try {
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const target = new URL(current);
      if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new FetchError(`${target.protocol} URLs are not fetched`);
      checkHostLiteral(target, options.policy);
      const headers: Record<string, string> = {
        'user-agent': USER_AGENT,
        accept:
          options.accept ??
          'application/rss+xml, application/atom+xml, application/feed+json, application/json, application/xml, text/xml, text/html;q=0.8, */*;q=0.5',
        'accept-encoding': 'gzip, deflate, br',
      };
      if (hop === 0 && options.etag) headers['if-none-match'] = options.etag;
      if (hop === 0 && options.lastModified) headers['if-modified-since'] = options.lastModified;
      const res = await fetch(target, { headers, redirect: 'manual', signal, dispatcher: agentFor(options.policy) });
      if (res.status >= 300 && res.status < 400 && res.status !== 304) {
        const location = res.headers.get('location');
        await res.body?.cancel();
        if (!location) throw new FetchError(`HTTP ${res.status} without a Location`);
        current = new URL(location, target).toString();
        continue;
      }
      if (res.status === 304) {
        await res.body?.cancel();
        return { status: 'not-modified' };
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw new FetchError(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
      }
      const declared = Number(res.headers.get('content-length') ?? 0);
      if (declared > maxBytes) {
        await res.body?.cancel();
        throw new FetchError(`larger than ${Math.round(maxBytes / 1024)} KB`);
      }
      const bytes = await readLimited(res.body as { getReader(): ReadableStreamDefaultReader<Uint8Array> } | null, maxBytes);
      const contentType = res.headers.get('content-type') ?? '';
      return {
        status: 'ok',
        body: decodeBody(bytes, contentType),
        contentType,
        etag: res.headers.get('etag'),
        lastModified: res.headers.get('last-modified'),
        finalUrl: current,
      };
    }
    throw new FetchError(`more than ${MAX_REDIRECTS} redirects`);
  } catch (error) {
    if (signal.aborted) throw new FetchError(`no answer within ${Math.round(timeoutMs / 1000)} s`);
    if (error instanceof FetchError) throw error;
    const cause = (error as { cause?: Error }).cause;
    throw new FetchError(cause?.message ?? (error as Error).message);
  }
}

async function readLimited(body: { getReader(): ReadableStreamDefaultReader<Uint8Array> } | null, maxBytes: number): Promise<Uint8Array> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new FetchError(`larger than ${Math.round(maxBytes / 1024)} KB`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** Bytes to text by the charset the server, the XML declaration or the HTML meta tag names. */
export function decodeBody(bytes: Uint8Array, contentType: string): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const label =
    /charset\s*=\s*["']?([\w-]+)/i.exec(contentType)?.[1] ??
    /<\?xml[^>]*encoding\s*=\s*["']([\w-]+)["']/i.exec(head)?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1] ??
    'utf-8';
  try {
    return new TextDecoder(label.toLowerCase()).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
