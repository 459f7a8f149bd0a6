import type { Logger } from '../log.ts';
import type { FeedItemRecord, SourceRecord, Store, StoredArticle } from '../store/store.ts';
import { type FeedItem, parseFeedDocument } from './feed.ts';
import { fetchUrl } from './fetchUrl.ts';
import { fragmentToText } from './htmlText.ts';
import { itemFingerprint, itemKeys } from './itemKey.ts';
import type { AddressPolicy } from './netGuard.ts';
import { extractPage } from './page.ts';
import { toStoredArticle } from './storedArticle.ts';
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
  /** How long one poll may fetch article pages (2 minutes); the rest wait for the next poll. */
  pollBudgetMs?: number;
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
  /** Another instance was reading it: not polled here. */
  busy?: boolean;
  error?: string;
}

/** A feed item this short is a teaser: the article page is fetched for the full text. */
const TEASER_CHARS = 800;
const MAX_PAGES_PER_POLL = 25;
const MAX_BACKOFF_MS = 24 * 3_600_000;
/** A poll fetches no more pages after this long; the rest wait for the next poll. */
const POLL_BUDGET_MS = 2 * 60_000;
/** A page that failed is tried again after 6 h, 12 h, 24 h, then no more. */
const PAGE_RETRY_MS = 6 * 3_600_000;
const PAGE_ATTEMPTS = 4;
/** A date further ahead than this is a feed's mistake ("2099", "9999"), not news from the future. */
const FUTURE_SLACK_MS = 24 * 3_600_000;
const EARLIEST = Date.UTC(1990, 0, 1);

/** When to try a failing source again: doubling with each failure, at most a day. */
export function nextAttempt(now: Date, pollSeconds: number, failures: number): string {
  const delay = Math.min(pollSeconds * 1000 * 2 ** Math.min(failures, 6), MAX_BACKOFF_MS);
  return new Date(now.getTime() + delay).toISOString();
}

/**
 * A feed's or a page's date when it can be believed, as ISO; null otherwise, and the article is
 * dated by when it was first seen. Unreadable ("-1", which Date.parse reads as 2001), far in the
 * future, or before there were web feeds: not believed.
 */
export function credibleDate(value: string | null | undefined, now: Date): string | null {
  if (!value || !/\d{4}/.test(value)) return null;
  const time = Date.parse(value);
  if (!Number.isFinite(time) || time < EARLIEST || time > now.getTime() + FUTURE_SLACK_MS) return null;
  return new Date(time).toISOString();
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
    feed = parseFeedDocument(fetched.body, fetched.finalUrl);
  } catch (error) {
    return fail((error as Error).message);
  }
  report.skipped.push(...feed.skipped);
  const outlet = feed.title ?? new URL(source.url).hostname;
  const at = deps.now();
  const keys = itemKeys(feed.items, source.id);
  const memory = await deps.store.feedItems(source.id);
  // Stores made before items were keyed by guid: their articles under the old key are kept.
  const legacy = await deps.store.existingArticles(
    keys.filter((k) => !memory.has(k.key) && k.legacyId && k.legacyId !== k.id).map((k) => k.legacyId as string),
  );
  const deadline = performance.now() + (deps.pollBudgetMs ?? POLL_BUDGET_MS);
  let pages = 0;
  const stored: StoredArticle[] = [];
  const remembered: FeedItemRecord[] = [];
  for (const [n, item] of feed.items.entries()) {
    const key = keys[n];
    if (!key) continue;
    const fingerprint = itemFingerprint(item);
    const known = memory.get(key.key);
    const changed = !known || known.fingerprint !== fingerprint;
    const retryDue = known?.pageRetryAt != null && known.pageRetryAt <= at.toISOString();
    // Unchanged, and no page to try again: nothing to parse, fetch or analyse (checked before the
    // item's HTML is parsed, so a large unchanged feed costs its fingerprints only).
    if (!changed && !retryDue) {
      report.unchanged++;
      continue;
    }
    const id = known?.articleId ?? (key.legacyId && legacy.has(key.legacyId) ? key.legacyId : key.id);
    try {
      const content = plain(item.content);
      const pageDue = item.url !== null && content.length < TEASER_CHARS;
      const canFetch = pageDue && pages < MAX_PAGES_PER_POLL && performance.now() < deadline;
      if (!changed && !canFetch) {
        report.unchanged++;
        continue;
      }
      if (canFetch) pages++;
      const read = await readItem(item, { id, content, source, outlet, fetchPage: canFetch, at }, deps);
      const failures = read.page === 'failed' ? (changed ? 0 : (known?.pageFailures ?? 0)) + 1 : 0;
      remembered.push({
        key: key.key,
        fingerprint,
        articleId: id,
        pageFailures: failures,
        // A page not fetched for want of time is fetched next poll; a failed one later, a few times.
        pageRetryAt:
          pageDue && !canFetch
            ? at.toISOString()
            : read.page === 'failed' && failures < PAGE_ATTEMPTS
              ? new Date(at.getTime() + PAGE_RETRY_MS * 2 ** (failures - 1)).toISOString()
              : null,
      });
      if (read.article) stored.push(read.article);
      else if (!changed) report.unchanged++;
    } catch (error) {
      report.skipped.push(`${item.title || item.url || 'an item'}: ${(error as Error).message}`);
    }
  }
  // One transaction for the whole feed: the library sees the poll whole.
  for (const result of await deps.store.putArticles(stored, deps.now().toISOString())) report[result === 'duplicate' ? 'duplicates' : result]++;
  await deps.store.setFeedItems(source.id, remembered, deps.now().toISOString());
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
  return html ? fragmentToText(html) : '';
}

interface ItemRead {
  /** Null when the item had nothing to store, or its page added nothing to what is stored. */
  article: StoredArticle | null;
  page: 'read' | 'failed' | 'none';
}

async function readItem(
  item: FeedItem,
  ctx: { id: string; content: string; source: SourceRecord; outlet: string; fetchPage: boolean; at: Date },
  deps: IngestDeps,
): Promise<ItemRead> {
  const url = item.url ? normalizeUrl(item.url) : null;
  let title = item.title ? fragmentToText(item.title) : '';
  let text = ctx.content;
  let published = credibleDate(item.published, ctx.at);
  let page: ItemRead['page'] = 'none';
  if (ctx.fetchPage && url) {
    try {
      const fetched = await fetchUrl(url, { policy: deps.policy, timeoutMs: deps.timeoutMs, accept: 'text/html, application/xhtml+xml' });
      const extracted = fetched.status === 'ok' ? extractPage(fetched.body) : null;
      page = extracted ? 'read' : 'failed';
      if (extracted && extracted.text.length > text.length) {
        text = extracted.text;
        title ||= extracted.title ?? '';
        published ??= credibleDate(extracted.published, ctx.at);
      }
    } catch (error) {
      page = 'failed';
      deps.log.warn(`page ${url} not read, keeping the feed's text: ${(error as Error).message}`);
    }
  }
  if (!text) text = plain(item.summary);
  if (!text && !title) return { article: null, page };
  const article = toStoredArticle(
    {
      id: ctx.id,
      body: `${title}\n\n${text}`,
      title: title || undefined,
      source: ctx.outlet,
      url: url ?? undefined,
      published: published ?? undefined,
      seen: ctx.at.toISOString(),
      format: 'text',
    },
    { sourceId: ctx.source.id, url, guid: item.guid },
  );
  return { article, page };
}
