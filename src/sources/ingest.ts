import type { Logger } from '../log.ts';
import type { SourceRecord, Store, StoredArticle } from '../store/store.ts';
import { type FeedItem, parseFeedDocument } from './feed.ts';
import { fetchUrl } from './fetchUrl.ts';
import type { AddressPolicy } from './netGuard.ts';
import { extractPage, htmlFragmentToText } from './page.ts';
import { sha1, toStoredArticle } from './storedArticle.ts';
import { normalizeUrl } from './urls.ts';

export interface IngestDeps {
  store: Store;
  /** Which private addresses feeds and pages may be read from. */
  policy: AddressPolicy;
  pollSeconds: number;
  now: () => Date;
  log: Logger;
  timeoutMs?: number;
  /** This process, for feed leases when several instances share the store. */
  instanceId?: string;
  /** Told of every poll, for metrics. */
  observe?: (report: PollReport) => void;
}

export interface PollReport {
  source: SourceRecord;
  added: number;
  updated: number;
  unchanged: number;
  duplicates: number;
  skipped: string[];
  notModified: boolean;
  error?: string;
}

/** A feed item this short is a teaser: the article page is fetched for the full text. */
const TEASER_CHARS = 800;
const MAX_PAGES_PER_POLL = 25;
const MAX_BACKOFF_MS = 24 * 3_600_000;

/** When to try a failing source again: doubling with each failure, at most a day. */
export function nextAttempt(now: Date, pollSeconds: number, failures: number): string {
  const delay = Math.min(pollSeconds * 1000 * 2 ** Math.min(failures, 6), MAX_BACKOFF_MS);
  return new Date(now.getTime() + delay).toISOString();
}

/**
 * Fetches one source and stores what is new. Never throws: a failure is recorded on the source
 * (which backs off and, after repeated failures, shows as failing) and returned in the report.
 */
export async function pollSource(source: SourceRecord, deps: IngestDeps): Promise<PollReport> {
  const report: PollReport = { source, added: 0, updated: 0, unchanged: 0, duplicates: 0, skipped: [], notModified: false };
  const started = deps.now();
  const fail = async (error: string) => {
    report.error = error;
    report.source =
      (await deps.store.recordPoll(source.id, {
        ok: false,
        at: started.toISOString(),
        nextAt: nextAttempt(started, deps.pollSeconds, source.failures + 1),
        error,
      })) ?? source;
    deps.log.warn(`source ${source.id} (${source.url}) failed: ${error}`);
    return report;
  };
  let fetched: Awaited<ReturnType<typeof fetchUrl>>;
  try {
    fetched = await fetchUrl(source.url, { policy: deps.policy, etag: source.etag, lastModified: source.lastModified, timeoutMs: deps.timeoutMs });
  } catch (error) {
    return fail((error as Error).message);
  }
  const nextAt = new Date(started.getTime() + deps.pollSeconds * 1000).toISOString();
  if (fetched.status === 'not-modified') {
    report.notModified = true;
    report.source = (await deps.store.recordPoll(source.id, { ok: true, at: started.toISOString(), nextAt })) ?? source;
    return report;
  }
  let feed: ReturnType<typeof parseFeedDocument>;
  try {
    feed = parseFeedDocument(fetched.body);
  } catch (error) {
    return fail((error as Error).message);
  }
  report.skipped.push(...feed.skipped);
  const outlet = feed.title ?? new URL(source.url).hostname;
  let pages = 0;
  const stored: StoredArticle[] = [];
  for (const item of feed.items) {
    try {
      const wantsPage = pages < MAX_PAGES_PER_POLL && item.url !== null && plain(item.content).length < TEASER_CHARS;
      if (wantsPage) pages++;
      const article = await readItem(item, { source, outlet, fetchPage: wantsPage }, deps);
      if (article) stored.push(article);
    } catch (error) {
      report.skipped.push(`${item.title || item.url || 'an item'}: ${(error as Error).message}`);
    }
  }
  // One transaction for the whole feed: the library sees the poll whole.
  for (const result of await deps.store.putArticles(stored, deps.now().toISOString())) report[result === 'duplicate' ? 'duplicates' : result]++;
  report.source =
    (await deps.store.recordPoll(source.id, {
      ok: true,
      at: started.toISOString(),
      nextAt,
      etag: fetched.etag,
      lastModified: fetched.lastModified,
      title: feed.title,
    })) ?? source;
  return report;
}

function plain(html: string | null): string {
  return html ? htmlFragmentToText(html) : '';
}

async function readItem(item: FeedItem, ctx: { source: SourceRecord; outlet: string; fetchPage: boolean }, deps: IngestDeps): Promise<StoredArticle | null> {
  const url = item.url ? normalizeUrl(item.url) : null;
  let title = item.title;
  let text = plain(item.content);
  let published = item.published;
  if (ctx.fetchPage && url) {
    try {
      const page = await fetchUrl(url, { policy: deps.policy, timeoutMs: deps.timeoutMs, accept: 'text/html, application/xhtml+xml' });
      const extracted = page.status === 'ok' ? extractPage(page.body) : null;
      if (extracted && extracted.text.length > text.length) {
        text = extracted.text;
        title ||= extracted.title ?? '';
        published ??= extracted.published;
      }
    } catch (error) {
      deps.log.warn(`page ${url} not read, keeping the feed's text: ${(error as Error).message}`);
    }
  }
  if (!text) text = plain(item.summary);
  if (!text && !title) return null;
  const key = url ?? item.guid ?? sha1(`${title}\n${text}`);
  const seen = deps.now().toISOString();
  return toStoredArticle(
    {
      id: `feed:${sha1(key).slice(0, 20)}`,
      body: `${title}\n\n${text}`,
      title: title || undefined,
      source: ctx.outlet,
      url: url ?? undefined,
      published: published ?? undefined,
      seen,
      format: 'text',
    },
    { sourceId: ctx.source.id, url, guid: item.guid },
  );
}
