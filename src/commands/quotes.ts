import type { Command } from './command.ts';
import { suggestPeople, suggestTopics } from './suggest.ts';

export const quotes = {
  name: 'quotes',
  description: 'What a person said, verbatim, with the article it came from',
  options: [
    { name: 'person', description: 'A name, in any form: macron, President Macron', type: 'string', required: true, suggest: suggestPeople },
    { name: 'topic', description: 'Only quotes from articles on this topic', type: 'string', suggest: suggestTopics },
  ],
  run: async ({ person = '', topic }, { library, now }) => ({
    kind: 'quotes',
    quotes: await library.quotes(person.trim(), { topic: topic?.trim() || undefined, now }),
    topic: topic?.trim() || undefined,
  }),
} satisfies Command;
