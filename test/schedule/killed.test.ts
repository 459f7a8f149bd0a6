import { afterAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../src/store/postgres.ts';
import { startBot, until } from '../botProcess.ts';
import { startFakeDiscord } from '../fakes/discord.ts';
import { dropSchemas, freshSchema, PG_URL, postgresAvailable, query, schemaUrl } from '../postgres.ts';

// Three real bot processes (what `npm start` runs) share one PostgreSQL database and the local
// Discord. One is killed with SIGKILL while Discord is answering its post: the message exists, the
// process never learnt it. Its claim runs out, another instance takes the slot over and posts it
// under the same nonce, and Discord hands back the first message: every channel gets one post.

const up = await postgresAvailable('the killed-instance test');
afterAll(dropSchemas);

const SUBSCRIPTIONS = 30;

describe('three bot processes on one PostgreSQL', () => {
  (up ? it : it.skip)(
    'deliver every digest exactly once, also when one is killed mid-post',
    async () => {
      const schema = await freshSchema('briefbot_kill');
      const fake = await startFakeDiscord();
      const store = await PostgresStore.open(PG_URL, { schema });
      // Every subscription is due at the minute that just passed.
      const slot = new Date(Math.floor((Date.now() - 60_000) / 60_000) * 60_000);
      const channels = Array.from({ length: SUBSCRIPTIONS }, (_, i) => String(910000000000000000n + BigInt(i)));
      for (const channelId of channels) {
        await store.addSubscription({
          platform: 'discord',
          channelId,
          topic: 'ukraine',
          schedule: `${slot.getUTCMinutes()} ${slot.getUTCHours()} * * *`,
          timezone: 'UTC',
          createdBy: null,
          createdAt: new Date(slot.getTime() - 7_200_000).toISOString(),
        });
      }
      await store.close();

      let posts = 0;
      fake.holdAnswer = () => ++posts === 6; // the sixth digest is created, and its answer never comes
      const bots = [1, 2, 3].map((n) =>
        startBot({
          DATABASE_URL: schemaUrl(schema),
          DISCORD_TOKEN: fake.token,
          DISCORD_API_URL: fake.apiUrl,
          INSTANCE_ID: `w${n}`,
          DIGEST_LEASE_SECONDS: '3',
          DIGEST_EMPTY: 'note',
        }),
      );
      try {
        const held = await until(() => (posts >= 6 ? fake.created[5] : undefined), 'the held post');
        const [claim] = await until(async () => {
          const rows = await query<{ claimed_by: string }>(
            schema,
            "SELECT d.claimed_by FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id WHERE s.channel_id = $1 AND d.status = 'posting'",
            [held.channel_id],
          );
          return rows.length ? rows : undefined;
        }, 'the held claim');
        const victim = Number(claim?.claimed_by.slice(1)) - 1;
        bots[victim]?.child.kill('SIGKILL');

        const finished = await until(async () => {
          const rows = await query<{ channel_id: string; status: string; attempts: number; claimed_by: string }>(
            schema,
            'SELECT s.channel_id, d.status, d.attempts, d.claimed_by FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id',
          );
          return rows.length === SUBSCRIPTIONS && rows.every((r) => r.status === 'sent') ? rows : undefined;
        }, 'every digest to be sent');

        const perChannel = new Map<string, number>();
        for (const m of fake.created) perChannel.set(m.channel_id, (perChannel.get(m.channel_id) ?? 0) + 1);
        expect([...perChannel.keys()].sort()).toEqual([...channels].sort());
        expect([...perChannel.values()].every((n) => n === 1)).toBe(true);
        // The held digest was taken over by a survivor, and Discord answered it with the first message.
        const takenOver = finished.find((r) => r.channel_id === held.channel_id);
        expect(takenOver?.attempts).toBe(2);
        expect(takenOver?.claimed_by).not.toBe(claim?.claimed_by);
        expect(fake.nonceReplays.map((r) => r.path)).toContain(`/channels/${held.channel_id}/messages`);
        const logs = bots.map((b) => b.stderr()).join('\n');
        expect(logs).toMatch(/taking over the .* slot from an instance that stopped \(posting\)/);
        expect(logs).not.toContain(fake.token);
      } finally {
        await Promise.all(bots.map((b) => b.stop()));
        await fake.close();
      }
    },
    120_000,
  );
});
