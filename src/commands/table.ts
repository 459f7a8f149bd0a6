import { brief } from './brief.ts';
import type { Command } from './command.ts';
import { digest } from './digest.ts';
import { helpCommand } from './help.ts';
import { people } from './people.ts';
import { quotes } from './quotes.ts';
import { sources } from './sources.ts';

/** Every command, declared once; each platform registers and renders from this table. */
export function commandTable(extra: Command[] = []): Command[] {
  const table: Command[] = [brief, quotes, people, sources, digest, ...extra];
  table.push(helpCommand(() => table));
  return table;
}
