import type { Command } from './command.ts';
import { notice } from './reply.ts';

/** `/sources` — the feeds the bot follows. Anyone may list them; only admins add or remove. */
export const sources = {
  name: 'sources',
  description: 'The news feeds briefbot follows: list, add <url>, remove <id>',
  options: [
    { name: 'action', description: 'list, add or remove', type: 'string', oneWord: true, choices: ['list', 'add', 'remove'] },
    { name: 'target', description: 'a feed URL to add, or a source id to remove', type: 'string' },
  ],
  changesState: ({ action = 'list' }) => action !== 'list',
  run: async ({ action = 'list', target }, { sources: port, actor }) => {
    const verb = action.trim().toLowerCase() || 'list';
    if (verb !== 'list' && verb !== 'add' && verb !== 'remove') {
      return notice(`“${action}” is not something /sources does. Try: /sources list, /sources add <url>, /sources remove <id>.`, 'error');
    }
    // Permission first: a refusal should not depend on what this deployment has configured.
    if (verb !== 'list' && !actor?.admin) return notice('Only server admins can add or remove sources. Anyone can /sources list.', 'error');
    if (!port) return notice('Feed sources are not available here.', 'error');
    if (verb === 'list') return { kind: 'sources', sources: await port.list() };
    if (verb === 'add') {
      if (!target?.trim()) return notice('Which feed? /sources add https://example.com/feed.xml', 'error');
      const added = await port.add(target.trim(), actor?.id ?? 'unknown');
      if (!added.ok) return notice(`Not added: ${added.reason}`, 'error');
      return notice(
        added.created
          ? `Added source #${added.source.id}: ${added.source.url}. It is read within a few minutes.`
          : `Already following that feed as source #${added.source.id}.`,
      );
    }
    const id = Number(target?.replace(/^#/, ''));
    if (!Number.isInteger(id) || id < 1) return notice('Which source? Give its number from /sources list, e.g. /sources remove 3', 'error');
    const removed = await port.remove(id);
    if (removed === null) return notice(`There is no source #${id}. See /sources list.`, 'error');
    return notice(`Removed source #${id} and its ${removed} article${removed === 1 ? '' : 's'}.`);
  },
} satisfies Command;
