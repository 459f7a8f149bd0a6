import { REST } from 'discord.js';
import { type APIApplication, Routes } from 'discord-api-types/v10';
import type { Command } from '../../commands/command.ts';
import { inviteUrl, slashCommands } from './commands.ts';

/**
 * Registers the command table with Discord: for one server (instant, for development) or
 * globally (for production). Returns what a user needs next: the invite URL.
 */
export async function deployCommands(options: { token: string; apiUrl?: string; guildId?: string; table: Command[] }) {
  const rest = new REST(options.apiUrl ? { api: options.apiUrl } : {}).setToken(options.token);
  const app = (await rest.get(Routes.currentApplication())) as APIApplication;
  const body = slashCommands(options.table);
  const route = options.guildId ? Routes.applicationGuildCommands(app.id, options.guildId) : Routes.applicationCommands(app.id);
  const registered = (await rest.put(route, { body })) as unknown[];
  return { applicationId: app.id, count: registered.length, invite: inviteUrl(app.id) };
}
