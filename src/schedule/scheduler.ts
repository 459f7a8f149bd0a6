import { randomBytes } from 'node:crypto';
import cron, { type ScheduledTask } from 'node-cron';
import type { Reply } from '../commands/reply.ts';
import { briefingSources, composeBriefing } from '../core/briefing.ts';
import type { Newsroom } from '../core/newsroom.ts';
import { parseSchedule, previousRun } from '../core/schedule.ts';
import type { Logger } from '../log.ts';
import type { Platform, Store, SubscriptionRecord } from '../store/store.ts';

/** Delivers answers to one platform's channels, and tells a user about their subscription. */
export interface Poster {
  post: (channelId: string, reply: Reply) => Promise<unknown>;
  notify: (userId: string, text: string) => Promise<unknown>;
}

/** The channel is gone or the bot may no longer post there: retrying will not help. */
export class ChannelGoneError extends Error {
  override name = 'ChannelGoneError';
}

export interface SchedulerDeps {
  store: Store;
  newsroom: Newsroom;
  posters: Partial<Record<Platform, Poster>>;
  now: () => number;
  log: Logger;
  /** A missed slot younger than this is delivered at start-up; older ones are skipped. */
  catchupMs: number;
  /** Post a one-line "nothing new" instead of nothing. */
  emptyNote: boolean;
  /** This process, in claims (several instances may share the store). */
  instanceId?: string;
  /** Loads texts a lean newsroom keeps in the store. */
  loadTexts?: (ids: string[]) => Promise<void>;
  /** Told of every slot handled, for metrics. */
  observe?: (outcome: SlotOutcome) => void;
}

export type SlotOutcome = 'sent' | 'empty' | 'failed' | 'skipped' | 'taken' | 'not-due';

/**
 * Posts each subscription's digest at its scheduled times, exactly once: every (subscription,
 * slot) is claimed in the store before posting and marked after, so a restart or a second
 * instance never posts it twice. node-cron fires the ticks; the claims decide.
 */
export class DigestScheduler {
  private readonly tasks = new Map<number, ScheduledTask>();
  readonly instanceId: string;

  constructor(private readonly deps: SchedulerDeps) {
    this.instanceId = deps.instanceId ?? `instance-${randomBytes(4).toString('hex')}`;
  }

  /** Catches up missed slots, then schedules every active subscription. */
  async start(): Promise<void> {
    for (const sub of await this.deps.store.listSubscriptions()) {
      if (sub.paused) continue;
      await this.runDue(sub);
      this.schedule(sub);
    }
  }

  /** (Re)schedules one subscription after it was added, paused, resumed or removed. */
  async refresh(id: number): Promise<void> {
    this.tasks.get(id)?.destroy();
    this.tasks.delete(id);
    const sub = await this.deps.store.getSubscription(id);
    if (sub && !sub.paused) this.schedule(sub);
  }

  private schedule(sub: SubscriptionRecord): void {
    const parsed = parseSchedule(sub.schedule);
    if (!parsed.ok) {
      this.deps.log.warn(`digest #${sub.id}: schedule “${sub.schedule}” no longer reads (${parsed.reason}); not scheduled`);
      return;
    }
    const task = cron.schedule(
      parsed.schedule.cron,
      async () => {
        const current = await this.deps.store.getSubscription(sub.id);
        if (current && !current.paused) await this.runDue(current);
      },
      { timezone: sub.timezone, name: `digest-${sub.id}`, noOverlap: true },
    );
    this.tasks.set(sub.id, task);
  }

  /**
   * Delivers the latest slot that is due and not yet handled: on time from a tick, or late (within
   * the catch-up window) after a restart. A slot older than the window is recorded as skipped.
   */
  async runDue(sub: SubscriptionRecord): Promise<SlotOutcome> {
    const parsed = parseSchedule(sub.schedule);
    if (!parsed.ok || sub.paused) return 'not-due';
    const now = this.deps.now();
    const slot = previousRun(parsed.schedule.cron, sub.timezone, now + 1_000, 14 * 86_400_000);
    if (slot === null || slot < Date.parse(sub.createdAt)) return 'not-due';
    const slotIso = new Date(slot).toISOString();
    if ((await this.deps.store.deliveryStatus(sub.id, slotIso)) !== null) return 'not-due';
    if (now - slot > this.deps.catchupMs) {
      if (await this.deps.store.claimDelivery(sub.id, slotIso, this.instanceId, new Date(now).toISOString())) {
        await this.deps.store.finishDelivery(sub.id, slotIso, 'skipped', new Date(now).toISOString(), 'missed while the bot was down');
        this.deps.log.warn(`digest #${sub.id}: the ${slotIso} slot was missed by more than the catch-up window and is skipped`);
      }
      return 'skipped';
    }
    return this.deliver(sub, slotIso);
  }

  /** One slot: claim, compose what is new, post, record. */
  async deliver(sub: SubscriptionRecord, slotIso: string): Promise<SlotOutcome> {
    const outcome = await this.attempt(sub, slotIso);
    if (outcome !== 'taken') this.deps.observe?.(outcome);
    return outcome;
  }

  private async attempt(sub: SubscriptionRecord, slotIso: string): Promise<SlotOutcome> {
    const { store, log } = this.deps;
    const at = () => new Date(this.deps.now()).toISOString();
    if (!(await store.claimDelivery(sub.id, slotIso, this.instanceId, at()))) return 'taken';
    const poster = this.deps.posters[sub.platform];
    if (!poster) {
      await store.finishDelivery(sub.id, slotIso, 'failed', at(), `no ${sub.platform} connection in this process`);
      return 'failed';
    }
    const newSince = sub.lastDeliveredAt ?? sub.createdAt;
    const reply = await composeDigest(this.deps.newsroom, sub, Date.parse(newSince), this.deps.now(), this.deps.loadTexts);
    try {
      if (reply.kind === 'briefing' && reply.briefing.stories.length === 0) {
        if (this.deps.emptyNote)
          await poster.post(sub.channelId, {
            kind: 'notice',
            tone: 'info',
            text: `Digest #${sub.id}: nothing new on “${sub.topic}” since ${newSince.slice(0, 16).replace('T', ' ')} UTC.`,
          });
        await store.finishDelivery(sub.id, slotIso, 'empty', at());
        return 'empty';
      }
      await poster.post(sub.channelId, reply);
      await store.finishDelivery(sub.id, slotIso, 'sent', at());
      return 'sent';
    } catch (error) {
      const message = (error as Error).message;
      await store.finishDelivery(sub.id, slotIso, 'failed', at(), message);
      if (error instanceof ChannelGoneError) {
        await store.setPaused(sub.id, true);
        this.tasks.get(sub.id)?.destroy();
        this.tasks.delete(sub.id);
        log.warn(`digest #${sub.id}: paused, the ${sub.platform} channel ${sub.channelId} is gone or closed to the bot (${message})`);
        if (sub.createdBy) {
          await poster
            .notify(
              sub.createdBy,
              `Your briefbot digest #${sub.id} on “${sub.topic}” is paused: I can no longer post in that channel (${message}). Fix access, then /digest resume ${sub.id}.`,
            )
            .catch((e: unknown) => log.warn(`digest #${sub.id}: could not tell the subscriber: ${(e as Error).message}`));
        }
      } else {
        log.error(`digest #${sub.id}: the ${slotIso} digest failed`, error);
      }
      return 'failed';
    }
  }

  async stop(): Promise<void> {
    for (const task of this.tasks.values()) task.destroy();
    this.tasks.clear();
  }
}

/** What a subscription's digest holds now: what is new on its topic since `newSince`. */
export async function composeDigest(
  newsroom: Newsroom,
  sub: SubscriptionRecord,
  newSince: number,
  now: number,
  loadTexts?: (ids: string[]) => Promise<void>,
): Promise<Reply> {
  const options = { now, newSince, stories: 5, points: 4, quotes: 3, textOf: (id: string) => newsroom.textOf(id) };
  await loadTexts?.(briefingSources(newsroom.library, newsroom.index, sub.topic, options));
  const briefing = composeBriefing(newsroom.library, newsroom.index, sub.topic, options);
  return { kind: 'briefing', briefing, digest: { id: sub.id, newSince: new Date(newSince).toISOString() } };
}
