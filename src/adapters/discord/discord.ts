import { randomBytes } from 'node:crypto';
import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  Client,
  type CommandInteractionOption,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  type Interaction,
  MessageFlags,
  PermissionFlagsBits,
} from 'discord.js';
import { type APIActionRowComponent, type APIButtonComponent, ApplicationCommandOptionType, ButtonStyle, ComponentType, Routes } from 'discord-api-types/v10';
import { type Args, type CommandContext, optionsOf } from '../../commands/command.ts';
import type { Reply } from '../../commands/reply.ts';
import { runCommand } from '../../commands/run.ts';
import { type Adapter, type AdapterDeps, AdapterStartError, ChannelGoneError, type DigestDelivery } from '../../platform.ts';
import { type DiscordPage, renderDiscord } from './render.ts';

export interface DiscordOptions extends AdapterDeps {
  token: string;
  /** REST base (a proxy, or the test fake); the gateway URL then comes from that API. */
  apiUrl?: string;
  shards?: 'auto' | number;
  /** Only these of `shards` (a number then), so instances can split a bot's shards between them. */
  shardIds?: number[];
  /** This process's share of the bot's global request limit (discord.js keeps to it). */
  requestsPerSecond?: number;
}

export interface DiscordAdapter extends Adapter {
  client: Client;
  /** Posts an answer to a channel (scheduled digests); returns the message ids. */
  postToChannel: (channelId: string, reply: Reply, delivery?: DigestDelivery) => Promise<string[]>;
}

// Unknown Channel, Missing Access, Missing Permissions, Cannot send messages to this user.
const GONE_CODES = new Set([10003, 50001, 50013, 50007]);

const NO_PINGS = { parse: [] as never[] };
const PAGE_TTL_MS = 15 * 60_000;
const MAX_CACHED = 500;

function moreButton(key: string, next: number): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [{ type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'More', custom_id: `more:${key}:${next}` }],
  };
}

export function createDiscordAdapter(options: DiscordOptions): DiscordAdapter {
  const { log, table } = options;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    ...(options.shardIds && typeof options.shards === 'number'
      ? { shards: options.shardIds, shardCount: options.shards }
      : { shards: options.shards ?? 'auto' }),
    rest: { ...(options.apiUrl ? { api: options.apiUrl } : {}), globalRequestsPerSecond: options.requestsPerSecond ?? 50 },
    allowedMentions: NO_PINGS,
  });
  // Later pages of long answers, for the "More" button.
  const pages = new Map<string, { pages: DiscordPage[]; expires: number }>();
  const remember = (list: DiscordPage[]) => {
    const key = randomBytes(6).toString('base64url');
    pages.set(key, { pages: list, expires: Date.now() + PAGE_TTL_MS });
    for (const [k, v] of pages) if (pages.size > MAX_CACHED || v.expires < Date.now()) pages.delete(k);
    return key;
  };
  const message = (page: DiscordPage, key: string | null, index: number, total: number) => ({
    content: page.content,
    embeds: page.embeds,
    components: key && index + 1 < total ? [moreButton(key, index + 1)] : [],
    allowedMentions: NO_PINGS,
  });

  async function onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const command = table.find((c) => c.name === interaction.commandName);
    const personal = command?.audience === 'asker';
    // Acknowledge at once: Discord allows three seconds, a briefing may take longer.
    await interaction.deferReply(personal ? { flags: MessageFlags.Ephemeral } : {});
    if (!command) {
      await interaction.editReply({ content: 'That command is not known to this version of briefbot.', allowedMentions: NO_PINGS });
      return;
    }
    const args = argsOf(interaction.options.data);
    const inGuild = interaction.inGuild();
    const ctx: CommandContext = {
      ...options.context(),
      actor: {
        id: `discord:${interaction.user.id}`,
        platformId: interaction.user.id,
        admin: Boolean(inGuild && interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)),
        // In a DM the user owns the conversation; in a server it takes Manage Channels.
        canManageChannel: !inGuild || Boolean(interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels)),
      },
      where: { platform: 'discord', channelId: interaction.channelId },
    };
    const reply = renderDiscord(await runCommand(command, args, ctx));
    const first = reply.pages[0] as DiscordPage;
    if (reply.ephemeral && !personal) {
      // A deferred reply cannot turn private: replace it with a message only the asker sees.
      await interaction.deleteReply();
      await interaction.followUp({ ...message(first, null, 0, 1), flags: MessageFlags.Ephemeral });
      return;
    }
    const key = reply.pages.length > 1 ? remember(reply.pages) : null;
    await interaction.editReply(message(first, key, 0, reply.pages.length));
  }

  async function onMore(interaction: ButtonInteraction): Promise<void> {
    const [, key = '', n = '0'] = interaction.customId.split(':');
    const entry = pages.get(key);
    const index = Number(n);
    const page = entry?.pages[index];
    if (!entry || !page) {
      await interaction.reply({
        content: 'That answer has expired. Run the command again for a fresh one.',
        flags: MessageFlags.Ephemeral,
        allowedMentions: NO_PINGS,
      });
      return;
    }
    await interaction.update({ components: [] });
    await interaction.followUp(message(page, key, index, entry.pages.length));
  }

  async function onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const focused = interaction.options.getFocused(true);
    const command = table.find((c) => c.name === interaction.commandName);
    const spec = command && optionsOf(command, { subcommand: interaction.options.getSubcommand(false) ?? undefined }).find((o) => o.name === focused.name);
    const ctx = { ...options.context(), where: { platform: 'discord' as const, channelId: interaction.channelId } };
    const found = spec?.suggest ? await spec.suggest(String(focused.value), ctx) : [];
    // Discord takes at most 25 choices, names of at most 100 characters, and numbers for integer options.
    const choices = found.slice(0, 25).map((s) => {
      const { label, value } = typeof s === 'string' ? { label: s, value: s } : s;
      return { name: label.slice(0, 100), value: spec?.type === 'integer' ? Number(value) : value.slice(0, 100) };
    });
    await interaction.respond(choices);
  }

  client.on(Events.InteractionCreate, async (interaction) => {
    try {
      if (interaction.isAutocomplete()) await onAutocomplete(interaction);
      else if (interaction.isChatInputCommand()) await onCommand(interaction);
      else if (interaction.isButton() && interaction.customId.startsWith('more:')) await onMore(interaction);
    } catch (error) {
      const what = interaction.isChatInputCommand() ? `/${interaction.commandName}` : interaction.isButton() ? 'a button' : 'an interaction';
      log.error(`discord: ${what} from user ${interaction.user.id} in ${interaction.guildId ?? 'a DM'} failed`, error);
      await politeFailure(interaction);
    }
  });
  client.on(Events.Error, (error) => log.error('discord client error', error));
  client.on(Events.ShardError, (error, shard) => log.error(`discord shard ${shard} error`, error));

  const postToChannel = async (channelId: string, reply: Reply, delivery?: DigestDelivery) => {
    const ids: string[] = [];
    for (const [i, page] of renderDiscord(reply).pages.entries()) {
      // An enforced nonce makes Discord return the earlier message instead of posting again, so a
      // digest retried after its instance died lands once.
      const once = delivery ? { nonce: `${delivery.key}.${i}`, enforce_nonce: true } : {};
      const sent = (await client.rest.post(Routes.channelMessages(channelId), {
        body: { content: page.content, embeds: page.embeds, allowed_mentions: NO_PINGS, ...once },
      })) as { id: string };
      ids.push(sent.id);
    }
    return ids;
  };
  const gone = (error: unknown) =>
    error instanceof DiscordAPIError && typeof error.code === 'number' && GONE_CODES.has(error.code) ? new ChannelGoneError(error.message) : error;

  return {
    name: 'discord',
    client,
    postToChannel,
    healthy: async () => client.isReady() || 'not connected to the gateway',
    poster: {
      post: (channelId, reply, delivery) => postToChannel(channelId, reply, delivery).catch((e: unknown) => Promise.reject(gone(e))),
      notify: async (userId, text) => {
        const dm = (await client.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as { id: string };
        await client.rest.post(Routes.channelMessages(dm.id), { body: { content: text, allowed_mentions: NO_PINGS } });
      },
    },
    start: async () => {
      try {
        await client.login(options.token);
      } catch (error) {
        await client.destroy();
        const code = (error as { code?: string }).code;
        if (code === 'TokenInvalid' || (error instanceof DiscordAPIError && error.status === 401)) {
          throw new AdapterStartError('Discord rejected DISCORD_TOKEN: check the bot token in the Developer Portal (Bot → Reset Token).');
        }
        throw new AdapterStartError(`Discord did not start: ${(error as Error).message}`);
      }
      log.info(`discord: logged in as ${client.user?.tag ?? 'the bot'} on ${client.guilds.cache.size} servers`);
    },
    stop: async () => {
      await client.destroy();
    },
  };
}

/** An interaction's options as the command's arguments: a subcommand's name and its own options. */
function argsOf(data: readonly CommandInteractionOption[]): Args {
  const args: Args = {};
  for (const o of data) {
    if (o.type === ApplicationCommandOptionType.Subcommand) Object.assign(args, { subcommand: o.name }, argsOf(o.options ?? []));
    else args[o.name] = o.value === undefined ? undefined : String(o.value);
  }
  return args;
}

async function politeFailure(interaction: Interaction): Promise<void> {
  if (!interaction.isRepliable()) return;
  const content = 'Sorry, something went wrong answering that. It has been logged.';
  try {
    if (interaction.deferred || interaction.replied) await interaction.followUp({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS });
    else await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS });
  } catch {
    // The interaction may have expired; the log line already tells the story.
  }
}
