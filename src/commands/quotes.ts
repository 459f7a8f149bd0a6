import type { Command } from './command.ts';

export const quotes = {
  name: 'quotes',
  description: 'What a person said, verbatim, with the article it came from',
  options: [
    { name: 'person', description: 'A name, in any form: macron, President Macron', type: 'string', required: true, autocomplete: 'person' },
    { name: 'topic', description: 'Only quotes from articles on this topic', type: 'string', autocomplete: 'topic' },
  ],
  run: async ({ person = '', topic }, { library, now }) => ({
    kind: 'quotes',
    quotes: await library.quotes(person.trim(), { topic: topic?.trim() || undefined, now }),
    topic: topic?.trim() || undefined,
  }),
} satisfies Command;
