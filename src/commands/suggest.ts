import { foldName } from '../core/text.ts';
import type { CommandContext } from './command.ts';

// Autocomplete choices, shared by the options that offer them.

/** People whose names start with what was typed. */
export function suggestPeople(typed: string, ctx: CommandContext): Promise<string[]> {
  return ctx.library.personNames(foldName(typed), 25);
}

/** Topics (stored lead terms), then people: a briefing can be on either. */
export async function suggestTopics(typed: string, ctx: CommandContext): Promise<string[]> {
  const prefix = foldName(typed);
  const [topics, people] = await Promise.all([ctx.library.topics(prefix, 25), ctx.library.personNames(prefix, 25)]);
  return [...new Set([...topics, ...people])].slice(0, 25);
}
