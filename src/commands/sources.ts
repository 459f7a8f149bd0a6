import type { Args, Command, CommandContext, OptionSpec, Suggestion } from './command.ts';
import { invocation } from './help.ts';
import { notice, type Reply } from './reply.ts';

const SOURCES = { name: 'sources' };

/** Articles `/sources articles` shows in chat; the command line lists them all unless told. */
const CHAT_ARTICLES = 10;

/** The followed feeds, for the id options. */
async function suggestSources(typed: string, ctx: CommandContext): Promise<Suggestion[]> {
  if (!ctx.sources) return [];
  const wanted = typed.replace(/^#/, '').trim().toLowerCase();
  return (await ctx.sources.list())
    .filter((s) => !wanted || String(s.id).startsWith(wanted) || (s.title ?? s.url).toLowerCase().includes(wanted))
    .map((s) => ({ label: `#${s.id} ${s.title ?? s.url}`.slice(0, 100), value: String(s.id) }));
}

const ID: OptionSpec = {
  name: 'id',
  description: 'The source, by its number in /sources list',
  hint: 'Which source? Give its number from /sources list, e.g. /sources remove 3',
  type: 'integer',
  required: true,
  min: 1,
  max: 1_000_000_000,
  suggest: suggestSources,
};

const sourceId = (args: Args) => Number(args.id?.trim().replace(/^#/, ''));

async function add({ url = '' }: Args, ctx: CommandContext): Promise<Reply> {
  const port = ctx.sources as NonNullable<CommandContext['sources']>;
  const added = await port.add(url.trim(), ctx.actor?.id ?? 'unknown');
  if (!added.ok) return notice(`Not added: ${added.reason}`, 'error');
  // In chat the bot is running and polls it; the command line only stores it.
  const when = ctx.surface === 'cli' ? 'Run `briefbot ingest` to read it now, or it is read when the bot runs.' : 'It is read within a few minutes.';
  return notice(
    added.created ? `Added source #${added.source.id}: ${added.source.url}. ${when}` : `Already following that feed as source #${added.source.id}.`,
  );
}

async function remove(args: Args, ctx: CommandContext): Promise<Reply> {
  const id = sourceId(args);
  const removed = await (ctx.sources as NonNullable<CommandContext['sources']>).remove(id);
  if (removed === null) return notice(`There is no source #${id}. See ${invocation(SOURCES, ctx)} list.`, 'error');
  return notice(`Removed source #${id} and its ${removed} article${removed === 1 ? '' : 's'}.`);
}

async function articles(args: Args, ctx: CommandContext): Promise<Reply> {
  const id = sourceId(args);
  const limit = args.limit ? Number(args.limit) : ctx.surface === 'cli' ? undefined : CHAT_ARTICLES;
  const found = await (ctx.sources as NonNullable<CommandContext['sources']>).articles(id, limit);
  if (!found) return notice(`There is no source #${id}. See ${invocation(SOURCES, ctx)} list.`, 'error');
  return { kind: 'sourceArticles', source: found.source, articles: found.articles, total: found.source.articles };
}

/** `/sources` — the feeds the bot follows. Anyone may list them and their articles; only admins add or remove. */
export const sources = {
  name: 'sources',
  description: 'The news feeds briefbot follows',
  options: [],
  subcommands: [
    { name: 'list', description: 'The feeds followed, with their health', options: [] },
    {
      name: 'add',
      description: 'Follow a feed (admins)',
      changesState: true,
      options: [{ name: 'url', description: 'The feed’s address: https://example.com/feed.xml', type: 'string', required: true }],
    },
    { name: 'remove', description: 'Stop following a feed, and drop its articles (admins)', options: [ID], changesState: true },
    {
      name: 'articles',
      description: 'The articles stored from a feed, newest first',
      options: [ID, { name: 'limit', description: 'How many (all of them on the command line, 10 in chat)', type: 'integer', min: 1, max: 1_000_000 }],
    },
  ],
  run: async (args, ctx) => {
    const verb = args.subcommand ?? 'list';
    // Permission first: a refusal should not depend on what this deployment has configured.
    if ((verb === 'add' || verb === 'remove') && !ctx.actor?.admin) {
      return notice(`Only server admins can add or remove sources. Anyone can ${invocation(SOURCES, ctx)} list.`, 'error');
    }
    if (!ctx.sources) return notice('Feed sources are not available here.', 'error');
    if (verb === 'add') return add(args, ctx);
    if (verb === 'remove') return remove(args, ctx);
    if (verb === 'articles') return articles(args, ctx);
    return { kind: 'sources', sources: await ctx.sources.list() };
  },
} satisfies Command;
