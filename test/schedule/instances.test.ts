import { afterAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/commands/reply.ts';
import { Library } from '../../src/library/library.ts';
import { createLogger } from '../../src/log.ts';
import type { Poster } from '../../src/platform.ts';
import { DigestScheduler } from '../../src/schedule/scheduler.ts';
import { PostgresStore } from '../../src/store/postgres.ts';
import { putRaw } from '../helpers.ts';
import { dropSchemas, freshSchema, PG_URL, postgresAvailable } from '../postgres.ts';

// Three instances on one PostgreSQL database, all firing at the same minute: the claims in the
// store decide, so each digest is posted once.

const up = await postgresAvailable('the multi-instance tests');
const schema = up ? await freshSchema('briefbot_inst') : '';
afterAll(dropSchemas);

describe('several instances on one PostgreSQL', () => {
  (up ? it : it.skip)('post every due digest exactly once', async () => {
    const created = Date.parse('2025-03-03T06:00:00Z');
    const due = Date.parse('2025-03-03T08:00:05Z');
    const posted: string[] = [];
    const poster = (instance: string): Poster => ({
      post: async (channel: string, reply: Reply) => {
        await new Promise((r) => setTimeout(r, 5)); // posting takes a moment, as it does on a network
        posted.push(`${instance}:${channel}:${reply.kind === 'briefing' ? reply.briefing.topic : ''}`);
      },
      notify: async () => {},
    });
    const log = createLogger([], () => {});
    const stores = await Promise.all([1, 2, 3].map(() => PostgresStore.open(PG_URL, { schema })));
    const first = stores[0] as PostgresStore;
    await putRaw(first, { id: 'n', body: 'Ceasefire agreed in Geneva\n\n“The guns fall silent,” Minister Anna Berg said.' }, '2025-03-03T07:00:00Z');
    for (let i = 0; i < 30; i++) {
      await first.addSubscription({
        platform: 'discord',
        channelId: `c${i}`,
        topic: 'ceasefire',
        schedule: 'daily 08:00',
        timezone: 'UTC',
        createdBy: null,
        createdAt: new Date(created).toISOString(),
      });
    }
    const instances = stores.map(
      (store, i) =>
        new DigestScheduler({
          store,
          library: new Library(store),
          posters: { discord: poster(`i${i}`) },
          now: () => due,
          log,
          catchupMs: 3_600_000,
          emptyNote: false,
          instanceId: `i${i}`,
        }),
    );
    const subs = await first.listSubscriptions();
    const outcomes = await Promise.all(instances.flatMap((inst) => subs.map((s) => inst.runDue(s))));
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(30);
    const channels = posted.map((p) => p.split(':')[1]);
    expect(new Set(channels).size).toBe(30);
    expect(channels).toHaveLength(30);
    // Every other attempt found the slot claimed or already handled: nobody posted it again.
    expect(outcomes.filter((o) => o === 'taken' || o === 'not-due')).toHaveLength(60);
    for (const s of stores) await s.close();
  });
});
