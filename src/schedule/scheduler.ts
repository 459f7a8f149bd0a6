import { randomBytes } from 'node:crypto';
import type { DigestWindow, Reply } from '../commands/reply.ts';
import { nothingNewInDigest } from '../commands/wording.ts';
import { nextRuns, parseSchedule, previousRun } from '../core/schedule.ts';
import type { Library } from '../library/library.ts';
import type { Logger } from '../log.ts';
import { ChannelGoneError, type DigestDelivery, digestKey, type Poster } from '../platform.ts';
import type { DeliveryClaim, Platform, Store, SubscriptionRecord } from '../store/store.ts';

export interface SchedulerDeps {
  store: Store;
  library: Library;
  posters: Partial<Record<Platform, Poster>>;
  now: () => number;
  log: Logger;
  /** A missed slot younger than this is delivered at start-up; older ones are skipped. */
  catchupMs: number;
  /** Post a one-line "nothing new" instead of nothing. */
  emptyNote: boolean;
  /** This process, in claims (several instances may share the store). */
  instanceId?: string;
  /** Told of every slot handled, for metrics. */
  observe?: (outcome: SlotOutcome) => void;
  /**
   * How long a claim holds without being renewed. A live instance renews it while it works; one
   * that dies leaves it to run out, and another instance takes the slot over. Keep it well under
   * the few minutes Discord remembers a message nonce.
   */
  leaseMs?: number;
  /** Digests one instance composes and posts at a time (8 unless told). */
  concurrency?: number;
}

/** Longer than setTimeout can wait (2^31 - 1 ms), less a margin. */
const MAX_TIMER_MS = 2 ** 31 - 60_000;

export type SlotOutcome = 'sent' | 'empty' | 'failed' | 'skipped' | 'taken' | 'not-due';

/**
 * Posts each subscription's digest at its scheduled times, exactly once: every (subscription,
 * slot) is claimed in the store before posting and marked after, so a restart or a second
 * instance never posts it twice. The ticks are timers armed from the same next-run function that
 * /digest shows and the same previous-run function that names the slot, so what a channel is told
 * is what happens; the claims decide who posts. A claim is a lease: if its instance dies, another
 * one takes the slot over and posts it under the same key.
 */
export class DigestScheduler {
  private readonly tasks = new Map<number, { cancel: () => void }>();
  private readonly unreadable = new Set<number>();
  private sweep: NodeJS.Timeout | undefined;
  readonly instanceId: string;
  private readonly leaseMs: number;
  // Due subscriptions wait here for one of a few workers, so an instance claims only what it is
  // about to post: when thousands fall due at once, the instances share them out by pace.
  private readonly queue: number[] = [];
  private readonly queued = new Set<number>();
  private working = 0;
  private drainedWaiters: (() => void)[] = [];

  constructor(private readonly deps: SchedulerDeps) {
    this.instanceId = deps.instanceId ?? `instance-${randomBytes(4).toString('hex')}`;
    this.leaseMs = deps.leaseMs ?? 60_000;
  }

  /**
   * Takes over what stopped instances left, catches up missed slots (resolving when they are
   * done), and schedules every active subscription.
   */
  async start(): Promise<void> {
    await this.recover();
    let sweeping = false;
    this.sweep = setInterval(() => {
      if (sweeping) return; // a long takeover is still going: the next tick looks again
      sweeping = true;
      Promise.all([
        this.recover().catch((error: unknown) => this.deps.log.error('digests: taking over unfinished deliveries failed', error)),
        this.sync().catch((error: unknown) => this.deps.log.error('digests: reading subscriptions failed', error)),
      ]).finally(() => {
        sweeping = false;
      });
    }, this.leaseMs / 2);
    this.sweep.unref();
    const all = (await this.deps.store.listSubscriptions()).filter((s) => !s.paused);
    const elsewhere = new Map<Platform, number>();
    for (const s of all) if (!this.canPost(s)) elsewhere.set(s.platform, (elsewhere.get(s.platform) ?? 0) + 1);
    for (const [platform, n] of elsewhere) {
      this.deps.log.warn(`digests: ${n} subscription(s) post to ${platform}, which this instance does not connect to; they are left to instances that do`);
    }
    const active = this.reconcile(all);
    // Instances starting together begin at different places in the list, and collide less.
    const offset = active.length ? randomBytes(4).readUInt32BE() % active.length : 0;
    for (const sub of [...active.slice(offset), ...active.slice(0, offset)]) this.enqueue(sub.id);
    await this.drained();
  }

  /** Whether this instance can post a subscription's digests (it runs that platform). */
  private canPost(sub: SubscriptionRecord): boolean {
    return this.deps.posters[sub.platform] !== undefined;
  }

  /**
   * Picks up subscriptions other instances added, paused, resumed or removed: every instance
   * schedules every subscription it can post, and the claims decide who posts each slot.
   */
  async sync(): Promise<void> {
    this.reconcile(await this.deps.store.listSubscriptions());
  }

  /** Schedules exactly the active subscriptions this instance can post; returns them. */
  private reconcile(subscriptions: SubscriptionRecord[]): SubscriptionRecord[] {
    const active = subscriptions.filter((s) => !s.paused && this.canPost(s));
    const ids = new Set(active.map((s) => s.id));
    for (const [id, task] of this.tasks) {
      if (ids.has(id)) continue;
      task.cancel();
      this.tasks.delete(id);
    }
    for (const sub of active) if (!this.tasks.has(sub.id)) this.schedule(sub);
    return active;
  }

  /** The subscriptions this instance has scheduled, by id (for operators and tests). */
  scheduled(): number[] {
    return [...this.tasks.keys()].sort((a, b) => a - b);
  }

  private enqueue(id: number): void {
    if (this.queued.has(id)) return;
    this.queued.add(id);
    this.queue.push(id);
    this.pump();
  }

  private pump(): void {
    while (this.working < (this.deps.concurrency ?? 8) && this.queue.length) {
      const id = this.queue.shift() as number;
      this.working++;
      this.runQueued(id)
        .catch((error: unknown) => this.deps.log.error(`digest #${id}: delivery failed`, error))
        .finally(() => {
          this.queued.delete(id);
          this.working--;
          this.pump();
          if (!this.working && !this.queue.length) for (const resolve of this.drainedWaiters.splice(0)) resolve();
        });
    }
  }

  private async runQueued(id: number): Promise<void> {
    const current = await this.deps.store.getSubscription(id);
    if (current) await this.runDue(current);
  }

  /** Resolves when every queued subscription has been handled. */
  drained(): Promise<void> {
    if (!this.working && !this.queue.length) return Promise.resolve();
    return new Promise((resolve) => this.drainedWaiters.push(resolve));
  }

  /** (Re)schedules one subscription after it was added, paused, resumed or removed. */
  async refresh(id: number): Promise<void> {
    this.tasks.get(id)?.cancel();
    this.tasks.delete(id);
    const sub = await this.deps.store.getSubscription(id);
    if (sub && !sub.paused && this.canPost(sub)) this.schedule(sub);
  }

  private schedule(sub: SubscriptionRecord): void {
    const parsed = parseSchedule(sub.schedule);
    if (!parsed.ok) {
      // Said once, not at every reread of the subscriptions.
      if (!this.unreadable.has(sub.id)) this.deps.log.warn(`digest #${sub.id}: schedule “${sub.schedule}” no longer reads (${parsed.reason}); not scheduled`);
      this.unreadable.add(sub.id);
      return;
    }
    const { cron } = parsed.schedule;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      const now = this.deps.now();
      const [run] = nextRuns(cron, sub.timezone, now, 1);
      if (run === undefined) return;
      // Timers hold at most about 24 days; a later run is armed again on the way.
      const wait = run - now;
      timer = setTimeout(
        () => {
          if (wait <= MAX_TIMER_MS) this.enqueue(sub.id);
          arm();
        },
        Math.min(wait, MAX_TIMER_MS),
      );
      timer.unref();
    };
    arm();
    this.tasks.set(sub.id, { cancel: () => clearTimeout(timer) });
  }

  /**
   * Delivers the latest slot that is due and not yet handled: on time from a tick, or late (within
   * the catch-up window) after a restart. A slot older than the window is recorded as skipped.
   */
  async runDue(sub: SubscriptionRecord): Promise<SlotOutcome> {
    const parsed = parseSchedule(sub.schedule);
    if (!parsed.ok || sub.paused || !this.canPost(sub)) return 'not-due';
    const now = this.deps.now();
    const slot = previousRun(parsed.schedule.cron, sub.timezone, now + 1_000, 14 * 86_400_000);
    if (slot === null || slot < Date.parse(sub.createdAt)) return 'not-due';
    const slotIso = new Date(slot).toISOString();
    if ((await this.deps.store.deliveryStatus(sub.id, slotIso)) !== null) return 'not-due';
    if (now - slot > this.deps.catchupMs) {
      if (await this.close(sub.id, slotIso, 'skipped', 'missed while the bot was down')) {
        this.deps.log.warn(`digest #${sub.id}: the ${slotIso} slot was missed by more than the catch-up window and is skipped`);
      }
      return 'skipped';
    }
    return this.deliver(sub, slotIso);
  }

  /**
   * Takes over deliveries whose instance stopped before finishing them (their lease ran out): each
   * is posted now under its original key, or given up when its slot is past the catch-up window.
   */
  async recover(): Promise<void> {
    const { store, log } = this.deps;
    const now = this.deps.now();
    for (const open of await store.expiredDeliveries(new Date(now).toISOString())) {
      const sub = await store.getSubscription(open.subscriptionId);
      if (!sub || !this.canPost(sub)) continue;
      if (sub.paused || now - Date.parse(open.slot) > this.deps.catchupMs) {
        const why = sub.paused
          ? 'paused after the instance delivering it stopped'
          : 'the instance delivering it stopped, and the slot is now past the catch-up window';
        if (await this.close(sub.id, open.slot, sub.paused ? 'skipped' : 'failed', why))
          log.warn(`digest #${sub.id}: the ${open.slot} slot is given up: ${why}`);
        continue;
      }
      log.info(`digest #${sub.id}: taking over the ${open.slot} slot from an instance that stopped (${open.status})`);
      await this.deliver(sub, open.slot);
    }
  }

  /** Claims a slot only to record that it will not be posted. */
  private async close(id: number, slotIso: string, status: 'skipped' | 'failed', why: string): Promise<boolean> {
    const at = new Date(this.deps.now()).toISOString();
    if (!(await this.deps.store.claimDelivery(id, slotIso, this.instanceId, at, this.leaseEnd()))) return false;
    await this.deps.store.finishDelivery(id, slotIso, status, at, why);
    return true;
  }

  private leaseEnd(): string {
    return new Date(this.deps.now() + this.leaseMs).toISOString();
  }

  /** One slot: claim, compose what is new, post, record; the claim is renewed all along. */
  async deliver(sub: SubscriptionRecord, slotIso: string): Promise<SlotOutcome> {
    // Another platform's digest is left, unclaimed, to the instances that connect to it.
    const poster = this.deps.posters[sub.platform];
    if (!poster) return 'not-due';
    const claim = await this.deps.store.claimDelivery(sub.id, slotIso, this.instanceId, new Date(this.deps.now()).toISOString(), this.leaseEnd());
    if (!claim) return 'taken';
    const renew = setInterval(() => {
      this.deps.store.renewDelivery(sub.id, slotIso, this.instanceId, this.leaseEnd(), false).catch(() => {});
    }, this.leaseMs / 3);
    try {
      const outcome = await this.attempt(sub, slotIso, claim, poster);
      if (outcome !== 'taken') this.deps.observe?.(outcome);
      return outcome;
    } finally {
      clearInterval(renew);
    }
  }

  private async attempt(sub: SubscriptionRecord, slotIso: string, claim: DeliveryClaim, poster: Poster): Promise<SlotOutcome> {
    const { store, log } = this.deps;
    const at = () => new Date(this.deps.now()).toISOString();
    const reply = await composeDigest(this.deps.library, store, sub, this.deps.now());
    const delivery: DigestDelivery = { key: digestKey(sub.id, slotIso), maybePosted: claim.maybePosted, slot: slotIso };
    // From here the post may reach the channel; if this claim was lost meanwhile, someone else posts.
    if (!(await store.renewDelivery(sub.id, slotIso, this.instanceId, this.leaseEnd(), true))) return 'taken';
    try {
      if (reply.kind === 'briefing' && reply.briefing.stories.length === 0) {
        if (this.deps.emptyNote)
          await poster.post(
            sub.channelId,
            { kind: 'notice', tone: 'info', text: `Digest #${sub.id}: ${nothingNewInDigest(sub.topic, reply.digest ?? digestWindow(sub)).text}` },
            delivery,
          );
        await store.finishDelivery(sub.id, slotIso, 'empty', at());
        return 'empty';
      }
      await poster.post(sub.channelId, reply, delivery);
      await store.finishDelivery(sub.id, slotIso, 'sent', at());
      if (reply.kind === 'briefing')
        await store.markStoriesSent(
          sub.id,
          reply.briefing.stories.map((s) => s.storyId),
          at(),
        );
      return 'sent';
    } catch (error) {
      const message = (error as Error).message;
      await store.finishDelivery(sub.id, slotIso, 'failed', at(), message);
      if (error instanceof ChannelGoneError) {
        await store.setPaused(sub.id, true);
        this.tasks.get(sub.id)?.cancel();
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
    clearInterval(this.sweep);
    // What is queued stays unclaimed, for another instance or the next start.
    for (const id of this.queue.splice(0)) this.queued.delete(id);
    for (const task of this.tasks.values()) task.cancel();
    this.tasks.clear();
  }
}

/**
 * What a digest covers: what came in since the last one or, for the first, since the slot before
 * the channel subscribed (a daily digest set up at 10:00 starts with what came since 08:00), so the
 * first digest is not empty only because the news arrived before the subscription.
 */
export function digestWindow(sub: SubscriptionRecord): DigestWindow {
  const base = { id: sub.id, timezone: sub.timezone };
  if (sub.lastDeliveredAt) return { ...base, newSince: sub.lastDeliveredAt, after: 'last-digest' };
  const parsed = parseSchedule(sub.schedule);
  const created = Date.parse(sub.createdAt);
  const before = parsed.ok ? previousRun(parsed.schedule.cron, sub.timezone, created - 1, 32 * 86_400_000) : null;
  return { ...base, newSince: new Date(before ?? created).toISOString(), after: 'subscribed' };
}

/** What a subscription's digest holds now: what is new on its topic in its window. */
export async function composeDigest(library: Library, store: Store, sub: SubscriptionRecord, now: number): Promise<Reply & { kind: 'briefing' }> {
  const window = digestWindow(sub);
  // Stories this channel got in an earlier digest come back marked as updates.
  const seenStories = await store.sentStories(sub.id);
  const briefing = await library.brief(sub.topic, { now, newSince: Date.parse(window.newSince), stories: 5, points: 4, quotes: 3, seenStories });
  return { kind: 'briefing', briefing, digest: window };
}
