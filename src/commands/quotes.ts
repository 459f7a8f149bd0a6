import { composeBriefing } from '../core/briefing.ts';
import { findQuotes } from '../core/personQuotes.ts';
import type { Command } from './command.ts';

export const quotes = {
  name: 'quotes',
  description: 'What a person said, verbatim, with the article it came from',
  options: [
    { name: 'person', description: 'A name, in any form: macron, President Macron', type: 'string', required: true, autocomplete: 'person' },
    { name: 'topic', description: 'Only quotes from articles on this topic', type: 'string', autocomplete: 'topic' },
  ],
  run: ({ person = '', topic }, { newsroom, now }) => {
    let filter: ((id: string) => boolean) | undefined;
    if (topic?.trim()) {
      const briefing = composeBriefing(newsroom.library, newsroom.index, topic.trim(), { now, stories: 50, points: 0, quotes: 0 });
      const ids = new Set(briefing.stories.flatMap((s) => [s.id, ...s.alsoIn.map((a) => a.id)]));
      filter = (id) => ids.has(id);
    }
    return { kind: 'quotes', quotes: findQuotes(newsroom.library, person.trim(), filter), topic: topic?.trim() || undefined };
  },
} satisfies Command;
