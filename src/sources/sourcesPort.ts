import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { SourcesPort } from '../commands/ports.ts';
import type { SourceInfo } from '../commands/reply.ts';
import type { SourceRecord, Store } from '../store/store.ts';
import { type AddressPolicy, checkHostLiteral } from './netGuard.ts';
import { normalizeUrl } from './urls.ts';

export function sourceInfo(s: SourceRecord): SourceInfo {
  const { id, url, title, status, lastError, failures, lastPolledAt, lastOkAt, articles } = s;
  return { id, url, title, status, lastError, failures, lastPolledAt, lastOkAt, articles };
}

/** Checks a feed URL a user gave before it is stored: http(s), and not on a private network. */
export async function checkFeedUrl(raw: string, policy: AddressPolicy): Promise<{ ok: true; url: string } | { ok: false; reason: string }> {
  const url = normalizeUrl(raw);
  if (!url) return { ok: false, reason: 'that is not an http(s) URL.' };
  const parsed = new URL(url);
  try {
    checkHostLiteral(parsed, policy);
    const host = parsed.hostname.replace(/^\[|\]$/g, '');
    if (!isIP(host)) {
      const addresses = await lookup(host, { all: true });
      if (addresses.some((a) => !policy.allowsAddress(a.address, host))) return { ok: false, reason: `${parsed.hostname} is on a private or local network.` };
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOTFOUND' ? `${parsed.hostname} does not resolve.` : (error as Error).message };
  }
  return { ok: true, url };
}

export function createSourcesPort(store: Store, options: { policy: AddressPolicy; now: () => Date }): SourcesPort {
  return {
    list: async () => (await store.listSources()).map(sourceInfo),
    add: async (raw, addedBy) => {
      const checked = await checkFeedUrl(raw, options.policy);
      if (!checked.ok) return checked;
      const { source, created } = await store.addSource(checked.url, addedBy, options.now().toISOString());
      return { ok: true, source: sourceInfo(source), created };
    },
    remove: (id) => store.removeSource(id),
    articles: async (id, limit) => {
      const source = await store.getSource(id);
      return source ? { source: sourceInfo(source), articles: await store.sourceArticles(id, limit) } : null;
    },
  };
}
