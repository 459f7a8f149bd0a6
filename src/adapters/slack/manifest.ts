import type { Command } from '../../commands/command.ts';
import { usageOf } from '../../commands/help.ts';

/** What the bot may do; channels:history lets a digest retried after a crash see whether it already arrived. */
export const BOT_SCOPES = ['commands', 'chat:write', 'chat:write.public', 'users:read', 'channels:history', 'groups:history'];

/**
 * The Slack app manifest: commands from the shared table, the scopes briefbot uses, Socket Mode
 * on. For HTTP mode, replace the request and redirect URLs' host and turn socket_mode_enabled off.
 */
export function slackManifest(table: Command[], host = 'https://briefbot.example.com') {
  const events = `${host}/slack/events`;
  return {
    display_information: {
      name: 'briefbot',
      description: 'News briefings: top stories, summaries and verbatim quotes',
      background_color: '#2f6fdf',
    },
    features: {
      bot_user: { display_name: 'briefbot', always_online: true },
      slash_commands: table.map((c) => ({
        command: `/${c.name}`,
        description: c.description.slice(0, 100),
        usage_hint:
          usageOf(c)
            .replace(/^\/\S+\s*/, '')
            .slice(0, 100) || undefined,
        url: events,
        should_escape: false,
      })),
    },
    oauth_config: { redirect_urls: [`${host}/slack/oauth_redirect`], scopes: { bot: BOT_SCOPES } },
    settings: {
      // An uninstall removes the workspace's installation from the store (OAuth mode).
      event_subscriptions: { request_url: events, bot_events: ['app_uninstalled', 'tokens_revoked'] },
      interactivity: { is_enabled: true, request_url: events },
      org_deploy_enabled: false,
      socket_mode_enabled: true,
      token_rotation_enabled: false,
    },
  };
}
