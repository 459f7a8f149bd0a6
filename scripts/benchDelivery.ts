// What the digest benches share: due subscriptions in a store, and the real Discord adapter
// posting to the local fake Discord.
import { createDiscordAdapter, type DiscordAdapter } from '../src/adapters/discord/discord.ts';
import { commandTable } from '../src/commands/table.ts';
import type { Library } from '../src/library/library.ts';
import { createLogger, type Logger } from '../src/log.ts';
import type { Store } from '../src/store/store.ts';
import { type FakeDiscord, startFakeDiscord } from '../test/fakes/discord.ts';

/** `count` subscriptions (daily 08:00 UTC unless told), each to the channel and topic `pick` gives it. */
export async function seedSubscriptions(
  store: Store,
  count: number,
  createdAt: number,
  pick: (i: number) => { channelId: string; topic: string },
  options: { schedule?: string } = {},
): Promise<void> {
  for (let i = 0; i < count; i++) {
    await store.addSubscription({
      platform: 'discord',
      ...pick(i),
      schedule: options.schedule ?? 'daily 08:00',
      timezone: 'UTC',
      createdBy: null,
      createdAt: new Date(createdAt).toISOString(),
    });
  }
}

export interface LocalDiscord {
  fake: FakeDiscord;
  discord: DiscordAdapter;
  log: Logger;
  stop: () => Promise<void>;
}

export async function startLocalDiscord(library: Library, now: number): Promise<LocalDiscord> {
  const fake = await startFakeDiscord();
  const log = createLogger([], () => {});
  const discord = createDiscordAdapter({ token: fake.token, apiUrl: fake.apiUrl, table: commandTable(), context: () => ({ library, now }), log });
  await discord.start();
  return {
    fake,
    discord,
    log,
    stop: async () => {
      await discord.stop();
      await fake.close();
    },
  };
}
