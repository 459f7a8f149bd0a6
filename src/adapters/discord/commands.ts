import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { Command, OptionSpec } from '../../commands/command.ts';

/** One option as Discord types it: an integer with bounds, a pick list, or text with autocomplete. */
function option(o: OptionSpec): APIApplicationCommandBasicOption {
  const base = { name: o.name, description: o.description.slice(0, 100), required: Boolean(o.required) };
  if (o.type === 'integer') {
    return { ...base, type: ApplicationCommandOptionType.Integer, min_value: o.min, max_value: o.max, autocomplete: Boolean(o.suggest) };
  }
  if (o.choices) return { ...base, type: ApplicationCommandOptionType.String, choices: o.choices.map((v) => ({ name: v, value: v })) };
  return { ...base, type: ApplicationCommandOptionType.String, autocomplete: Boolean(o.suggest), max_length: 200 };
}

/** Slash-command definitions for Discord, generated from the shared command table: subcommands with typed options. */
export function slashCommands(table: Command[]): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return table.map((c) => ({
    name: c.name,
    description: c.description.slice(0, 100),
    // Servers, DMs with the bot, and group DMs.
    contexts: [0, 1, 2],
    integration_types: [0],
    options: c.subcommands
      ? c.subcommands.map(
          (s): APIApplicationCommandSubcommandOption => ({
            type: ApplicationCommandOptionType.Subcommand,
            name: s.name,
            description: s.description.slice(0, 100),
            options: s.options.map(option),
          }),
        )
      : c.options.map(option),
  }));
}

/** View Channel, Send Messages, Embed Links: enough to answer and to post digests. */
export const BOT_PERMISSIONS = (1n << 10n) | (1n << 11n) | (1n << 14n);

export function inviteUrl(applicationId: string): string {
  return `https://discord.com/oauth2/authorize?client_id=${applicationId}&scope=bot%20applications.commands&permissions=${BOT_PERMISSIONS}`;
}
