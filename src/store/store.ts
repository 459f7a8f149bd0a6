import type { LibraryArticle, StoryRecord } from '../core/briefing.ts';
import type { PeopleView, Person } from '../core/people.ts';
import type { PersonQuote } from '../core/personQuotes.ts';
import type { CandidateDoc, CorpusStats } from '../core/search.ts';
import type { AnalyzedArticle } from '../core/types.ts';

// The store behind briefbot: sources, articles with their analysis, subscriptions and deliveries.
// Async throughout so a PostgreSQL implementation fits the same interface.

export type SourceStatus = 'ok' | 'failing';

export interface SourceRecord {
  id: number;
  url: string;
  title: string | null;
  addedAt: string;
  addedBy: string | null;
  status: SourceStatus;
  lastError: string | null;
  failures: number;
  lastPolledAt: string | null;
  lastOkAt: string | null;
  nextPollAt: string | null;
  etag: string | null;
  lastModified: string | null;
  articles: number;
}

export interface StoredArticle {
  /** Stable key: `file:<path>` for the folder, `feed:<hash>` for feed items. */
  id: string;
  sourceId: number | null;
  url: string | null;
  guid: string | null;
  /** Hash of the normalised text: the same story under two URLs is stored once. */
  contentHash: string;
  analysis: AnalyzedArticle;
  /** The analyzer version that produced `analysis`; older ones are re-analyzed at start. */
  analyzerVersion: number;
  /** The article's search-index terms, encoded (see core/search.ts `encodeTerms`). */
  terms: string;
}

export type PutResult = 'added' | 'updated' | 'unchanged' | 'duplicate';

export type PollOutcome =
  | { ok: true; at: string; nextAt: string; etag?: string | null; lastModified?: string | null; title?: string | null }
  | { ok: false; at: string; nextAt: string; error: string };

export type Platform = 'discord' | 'slack' | 'console';

export interface SubscriptionRecord {
  id: number;
  platform: Platform;
  channelId: string;
  topic: string;
  /** The schedule as the user wrote it ("daily 08:00" or a cron expression). */
  schedule: string;
  timezone: string;
  createdBy: string | null;
  createdAt: string;
  paused: boolean;
  lastDeliveredAt: string | null;
}

/** `claimed` while composing, `posting` once the post may have reached the platform. */
export type DeliveryStatus = 'claimed' | 'posting' | 'sent' | 'empty' | 'failed' | 'skipped';
export type OpenDeliveryStatus = 'claimed' | 'posting';

/** One instance's hold on a (subscription, slot) until `leaseUntil`. */
export interface DeliveryClaim {
  /** 1 for the first claim, more when an expired claim was taken over. */
  attempt: number;
  /** An earlier attempt reached `posting`: the digest may already be in the channel. */
  maybePosted: boolean;
}

export interface Store extends LibraryStore {
  readonly kind: 'sqlite' | 'postgres';
  addSource(url: string, addedBy: string | null, at: string): Promise<{ source: SourceRecord; created: boolean }>;
  listSources(): Promise<SourceRecord[]>;
  getSource(id: number): Promise<SourceRecord | null>;
  /** Removes a source and its articles; returns how many articles went with it, or null if unknown. */
  removeSource(id: number): Promise<number | null>;
  /** The articles stored from a source, newest first (by publication, else first seen); all without a limit. */
  sourceArticles(sourceId: number, limit?: number): Promise<SourceArticle[]>;
  recordPoll(id: number, outcome: PollOutcome): Promise<SourceRecord | null>;
  dueSources(now: string): Promise<SourceRecord[]>;
  /**
   * Takes a source for polling until `until`, unless another instance holds an unexpired lease:
   * true for one instance at a time. A lease that is not released (a crash) simply expires.
   */
  leaseSource(id: number, owner: string, now: string, until: string): Promise<boolean>;
  releaseSource(id: number, owner: string): Promise<void>;

  /** Stores an article with everything the library answers from (search, story, people, quotes). */
  putArticle(article: StoredArticle, at: string): Promise<PutResult>;
  /** The same for many at once, in one transaction: how feeds, the folder and re-analysis store. */
  putArticles(articles: StoredArticle[], at: string): Promise<PutResult[]>;
  deleteArticle(id: string): Promise<boolean>;
  deleteArticles(ids: string[]): Promise<number>;
  articleIds(prefix: string): Promise<Map<string, string>>;
  /** Article texts by id. */
  articleBodies(ids: string[]): Promise<Map<string, string>>;
  /** Which of these article ids are stored. */
  existingArticles(ids: string[]): Promise<Set<string>>;
  countArticles(): Promise<number>;

  addSubscription(s: Omit<SubscriptionRecord, 'id' | 'paused' | 'lastDeliveredAt'>): Promise<SubscriptionRecord>;
  listSubscriptions(where?: { platform?: Platform; channelId?: string }): Promise<SubscriptionRecord[]>;
  getSubscription(id: number): Promise<SubscriptionRecord | null>;
  setPaused(id: number, paused: boolean): Promise<boolean>;
  removeSubscription(id: number): Promise<boolean>;
  /**
   * Claims one scheduled slot of a subscription for delivery until `leaseUntil`. Granted to exactly
   * one caller at a time per (subscription, slot), whatever the number of processes: the store
   * decides. A claim whose lease ran out unfinished (its instance died) can be claimed again.
   */
  claimDelivery(subscriptionId: number, slot: string, claimedBy: string, at: string, leaseUntil: string): Promise<DeliveryClaim | null>;
  /**
   * Extends a claim the caller still holds, and marks it `posting` when asked. False when the
   * claim is no longer the caller's (its lease ran out and another instance took it).
   */
  renewDelivery(subscriptionId: number, slot: string, claimedBy: string, leaseUntil: string, posting: boolean): Promise<boolean>;
  /** Claims left unfinished whose lease ran out before `now`, oldest slot first. */
  expiredDeliveries(now: string): Promise<{ subscriptionId: number; slot: string; status: OpenDeliveryStatus }[]>;
  finishDelivery(subscriptionId: number, slot: string, status: Exclude<DeliveryStatus, OpenDeliveryStatus>, at: string, error?: string): Promise<void>;
  deliveryStatus(subscriptionId: number, slot: string): Promise<DeliveryStatus | null>;
  /** Stories a subscription's digests have carried, so a later digest can mark them as updates. */
  sentStories(subscriptionId: number): Promise<Set<number>>;
  markStoriesSent(subscriptionId: number, storyIds: number[], at: string): Promise<void>;

  /**
   * A Slack workspace's installation (OAuth), kept as Bolt gives it; `id` is the team, or the
   * enterprise for an org-wide install. Saving again (a reinstall) replaces it.
   */
  saveSlackInstallation(installation: SlackInstallationRecord, at: string): Promise<void>;
  slackInstallation(id: string): Promise<SlackInstallationRecord | null>;
  deleteSlackInstallation(id: string): Promise<boolean>;
  countSlackInstallations(): Promise<number>;

  /** A source's items as last read, by key. */
  feedItems(sourceId: number): Promise<Map<string, FeedItemRecord>>;
  setFeedItems(sourceId: number, items: FeedItemRecord[], at: string): Promise<void>;

  /** The briefings folder as last synced: path → size, modification time and article. */
  folderFiles(): Promise<Map<string, FolderFile>>;
  setFolderFiles(files: (FolderFile & { path: string })[]): Promise<void>;
  deleteFolderFiles(paths: string[]): Promise<void>;

  close(): Promise<void>;
}

/** A feed item as last read from its source. */
export interface FeedItemRecord {
  /** The item's key within its feed (guid, link or content; see sources/itemKey.ts). */
  key: string;
  /** Hash of everything the feed said about the item: unchanged means nothing to do. */
  fingerprint: string;
  articleId: string;
  /** Article pages that failed for it in a row, and when to try the page again (null: never). */
  pageFailures: number;
  pageRetryAt: string | null;
}

export interface FolderFile {
  size: number;
  mtime: number;
  articleId: string;
}

/** A time window over articles, in ms: their time (published, or first seen), and when first seen. */
export interface SearchWindow {
  after?: number;
  before?: number;
  seenAfter?: number;
}

/** An analysis as a briefing uses it, with the article's names mapped to the library's people. */
export interface LoadedArticle extends LibraryArticle {
  personIds: Map<string, number>;
}

export interface PersonQuoteRow extends PersonQuote {
  articleId: string;
}

/** How far re-analysis (after `ANALYZER_VERSION` moved) has come. */
/** One article as `sources articles` lists it. */
export interface SourceArticle {
  id: string;
  title: string;
  url: string | null;
  published: string | null;
  guid: string | null;
}

export interface AnalysisProgress {
  pending: number;
  total: number;
}

/**
 * The library, queried from the store for every command: every process answers from the same
 * articles, and holds none of them in memory.
 */
export interface LibraryStore {
  /** Moves whenever an article is stored, replaced or removed, by any process. */
  changeSeq(): Promise<number>;
  /** Library size, mean length, the document frequency of `terms`, and the change sequence. */
  corpusStats(terms: string[]): Promise<CorpusStats & { seq: number }>;
  /** The newest articles matching an OR of AND-ed term groups (see core `matchExpression`). */
  matchArticles(any: string[][][], window: SearchWindow, limit: number): Promise<CandidateDoc[]>;
  /** How many articles match, exactly. */
  countMatches(any: string[][][], window: SearchWindow): Promise<number>;
  stories(ids: number[], perStory: number): Promise<Map<number, StoryRecord>>;
  /** Analyses of `ids`, with the text of all of them (`true`) or of those listed. */
  loadArticles(ids: string[], options: { text: boolean | string[] }): Promise<Map<string, LoadedArticle>>;
  /** The people a typed name may mean; `near` adds typo candidates, `suggestions` people to offer instead. */
  peopleView(query: string, options?: { near?: boolean; suggestions?: boolean }): Promise<PeopleView>;
  personQuotes(personId: number, options: { limit: number; articleIds?: string[] }): Promise<PersonQuoteRow[]>;
  topPeople(limit: number): Promise<Person[]>;
  personNames(prefix: string, limit: number): Promise<string[]>;
  topics(prefix: string, limit: number): Promise<string[]>;
  vocabularyNear(word: string): Promise<{ term: string; word: string; df: number }[]>;
  analysisProgress(version: number): Promise<AnalysisProgress>;
  /** Articles analysed by an older analyzer, oldest first: for re-analysis in the background. */
  staleArticles(version: number, limit: number): Promise<StaleArticle[]>;
  /** Deletes up to `limit` articles older than `before` (ms) with all they indexed; returns how many. */
  pruneArticles(before: number, limit: number): Promise<number>;
}

export interface StaleArticle {
  id: string;
  sourceId: number | null;
  url: string | null;
  guid: string | null;
  analysis: AnalyzedArticle;
}

export interface SlackInstallationRecord {
  id: string;
  teamId: string | null;
  enterpriseId: string | null;
  /** Bolt's Installation as JSON: it holds the bot token, so it is never logged. */
  installation: string;
}
