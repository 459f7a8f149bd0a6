import type { DigestInfo, DigestsPort } from '../commands/ports.ts';
import { formatRun, isTimeZone, nextRuns, parseSchedule, shortestGap } from '../core/schedule.ts';
import type { Library } from '../library/library.ts';
import type { Store, SubscriptionRecord } from '../store/store.ts';
import { composeDigest, type DigestScheduler } from './scheduler.ts';

export interface DigestLimits {
  minIntervalSeconds: number;
  maxPerChannel: number;
}

function info(sub: SubscriptionRecord, now: number): DigestInfo {
  const parsed = parseSchedule(sub.schedule);
  const cron = parsed.ok ? parsed.schedule.cron : '';
  return {
    id: sub.id,
    topic: sub.topic,
    description: parsed.ok ? parsed.schedule.description : sub.schedule,
    timezone: sub.timezone,
    paused: sub.paused,
    next: sub.paused || !cron ? [] : nextRuns(cron, sub.timezone, now, 3).map((t) => formatRun(t, sub.timezone)),
  };
}

/** The digest commands' view of the store and the scheduler, with the deployment's limits. */
export function createDigestsPort(deps: { store: Store; library: Library; scheduler: DigestScheduler; limits: DigestLimits; now: () => number }): DigestsPort {
  const { store, limits } = deps;
  const inChannel = async (id: number, where: { platform: string; channelId: string }) => {
    const sub = await store.getSubscription(id);
    return sub && sub.platform === where.platform && sub.channelId === where.channelId ? sub : null;
  };
  return {
    subscribe: async (input, where) => {
      const parsed = parseSchedule(input.schedule);
      if (!parsed.ok) return { ok: false, reason: parsed.reason };
      if (!isTimeZone(input.timezone)) return { ok: false, reason: `“${input.timezone}” is not a time zone I know. Use an IANA name such as Europe/Paris.` };
      const gap = shortestGap(parsed.schedule.cron, input.timezone, deps.now());
      if (gap < limits.minIntervalSeconds * 1000) {
        return {
          ok: false,
          reason: `That runs every ${Math.round(gap / 60_000)} minutes; digests here run at most every ${Math.round(limits.minIntervalSeconds / 60)} minutes. Try “every ${Math.max(1, Math.ceil(limits.minIntervalSeconds / 3600))}h” or “daily 08:00”.`,
        };
      }
      const existing = await store.listSubscriptions(where);
      if (existing.length >= limits.maxPerChannel) {
        return { ok: false, reason: `This channel already has ${existing.length} digests, the most allowed. /digest unsubscribe <id> one first.` };
      }
      const sub = await store.addSubscription({
        ...where,
        topic: input.topic,
        schedule: input.schedule,
        timezone: input.timezone,
        createdBy: input.createdBy,
        createdAt: new Date(deps.now()).toISOString(),
      });
      await deps.scheduler.refresh(sub.id);
      return { ok: true, digest: info(sub, deps.now()) };
    },
    list: async (where) => (await store.listSubscriptions(where)).map((s) => info(s, deps.now())),
    unsubscribe: async (id, where) => {
      if (!(await inChannel(id, where))) return false;
      await store.removeSubscription(id);
      await deps.scheduler.refresh(id);
      return true;
    },
    setPaused: async (id, where, paused) => {
      if (!(await inChannel(id, where))) return null;
      await store.setPaused(id, paused);
      await deps.scheduler.refresh(id);
      const sub = await store.getSubscription(id);
      return sub ? info(sub, deps.now()) : null;
    },
    preview: async (id, where) => {
      const sub = await inChannel(id, where);
      if (!sub) return null;
      return { ...(await composeDigest(deps.library, store, sub, deps.now())), private: true };
    },
  };
}
