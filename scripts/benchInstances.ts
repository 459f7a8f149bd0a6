// `npm run bench -- --instances`: 10,000 subscriptions due in the same minute, delivered by three
// bot processes (what `npm start` runs) sharing one PostgreSQL database, and by one process on
// SQLite for comparison, all posting to the local fake Discord, which holds them to Discord's
// global limit of 50 requests a second per bot. Times the run from start to the last delivery, and
// counts the messages per channel to show each digest went out once.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parseArticle } from '../src/core/article.ts';
import { leadTerms } from '../src/core/stories.ts';
import { PostgresStore } from '../src/store/postgres.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import type { Store } from '../src/store/store.ts';
import { startBot, until } from '../test/botProcess.ts';
import { type FakeDiscord, startFakeDiscord } from '../test/fakes/discord.ts';
import { dropSchemas, freshSchema, PG_URL, postgresAvailable, query, schemaUrl } from '../test/postgres.ts';
import { type BaseText, makeArticle } from './benchCorpus.ts';
import { seedSubscriptions } from './benchDelivery.ts';

const ARTICLES = 1_000;

interface Setup {
  label: string;
  store: Store;
  databaseUrl: string;
  instances: number;
  finished: () => Promise<number>;
}

async function run(setup: Setup, briefings: string, topic: string, subscriptions: number): Promise<void> {
  // Discord's global limit holds for the bot token across processes: the fake enforces it too.
  const fake: FakeDiscord = await startFakeDiscord({ globalRateLimit: 50 });
  // Due at the minute that just passed, as if every instance woke for it.
  const slot = Math.floor((Date.now() - 60_000) / 60_000) * 60_000;
  const at = new Date(slot);
  await seedSubscriptions(setup.store, subscriptions, slot - 7_200_000, (i) => ({ channelId: String(900000000000000000n + BigInt(i)), topic }), {
    schedule: `${at.getUTCMinutes()} ${at.getUTCHours()} * * *`,
  });
  await setup.store.close();
  const t0 = performance.now();
  const bots = Array.from({ length: setup.instances }, (_, n) =>
    startBot({
      DATABASE_URL: setup.databaseUrl,
      BRIEFINGS_DIR: briefings,
      DISCORD_TOKEN: fake.token,
      DISCORD_API_URL: fake.apiUrl,
      INSTANCE_ID: `bench-${n + 1}`,
      // Each instance keeps to its share of the bot's global limit, as the README says to set it.
      DISCORD_REQUESTS_PER_SECOND: String(Math.floor(50 / setup.instances)),
      DIGEST_EMPTY: 'note',
    }),
  );
  let firstPost = 0;
  try {
    await until(
      async () => {
        if (!firstPost && fake.created.length) firstPost = performance.now();
        if (bots.some((b) => !b.running())) throw new Error(`an instance stopped:\n${bots.map((b) => b.stderr()).join('\n')}`);
        return (await setup.finished()) >= subscriptions ? true : undefined;
      },
      'every digest to be delivered',
      3_600_000,
      250,
    );
  } finally {
    await Promise.all(bots.map((b) => b.stop()));
  }
  const seconds = (performance.now() - t0) / 1000;
  const perChannel = new Map<string, number>();
  for (const m of fake.created) perChannel.set(m.channel_id, (perChannel.get(m.channel_id) ?? 0) + 1);
  const twice = [...perChannel.values()].filter((n) => n > 1).length;
  const posting = (performance.now() - firstPost) / 1000;
  console.log(
    `  ${setup.label.padEnd(30)} ${subscriptions} delivered in ${seconds.toFixed(1)} s (${(seconds - posting).toFixed(1)} s start-up, then ${Math.round(subscriptions / posting)}/s); ` +
      `${perChannel.size} channels got a post, ${twice} got more than one; ${fake.rateLimited()} requests answered 429`,
  );
  await fake.close();
}

export async function benchInstances({ texts, subscriptions }: { texts: BaseText[]; subscriptions: number }): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-bench-inst-'));
  const briefings = join(dir, 'briefings');
  mkdirSync(briefings);
  // The digests' topic: the word most articles lead with.
  const leads = new Map<string, number>();
  for (let i = 0; i < ARTICLES; i++) {
    const a = makeArticle(texts, i, Date.now());
    for (const t of leadTerms(parseArticle(a)).keys()) leads.set(t, (leads.get(t) ?? 0) + 1);
    writeFileSync(join(briefings, `${a.id}.txt`), `---\nsource: ${a.source}\npublished: ${a.published}\n---\n${a.body}`);
  }
  const topic = [...leads.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'news';
  console.log(
    `\nDigests across instances: ${subscriptions} subscriptions on “${topic}” due in the same minute, ${ARTICLES} articles, posted to the local Discord`,
  );

  if (await postgresAvailable('the PostgreSQL part of this bench')) {
    const schema = await freshSchema('briefbot_bench');
    const finished = async () =>
      Number((await query<{ n: string }>(schema, "SELECT count(*) AS n FROM deliveries WHERE status IN ('sent', 'empty')"))[0]?.n ?? 0);
    const store = await PostgresStore.open(PG_URL, { schema });
    await run({ label: '3 processes, PostgreSQL', store, databaseUrl: schemaUrl(schema), instances: 3, finished }, briefings, topic, subscriptions);
    await dropSchemas();
  }

  const file = join(dir, 'db.sqlite');
  const finished = async () => {
    const db = new Database(file, { readonly: true });
    const row = db.prepare("SELECT count(*) AS n FROM deliveries WHERE status IN ('sent', 'empty')").get() as { n: number };
    db.close();
    return row.n;
  };
  await run(
    { label: '1 process, SQLite', store: new SqliteStore(file), databaseUrl: `sqlite:${file}`, instances: 1, finished },
    briefings,
    topic,
    subscriptions,
  );
  rmSync(dir, { recursive: true, force: true });
}
