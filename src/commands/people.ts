import type { Command } from './command.ts';

export const people = {
  name: 'people',
  description: 'The people in the news library, with how often they are quoted',
  options: [],
  run: (_args, { newsroom }) => ({
    kind: 'people',
    people: newsroom.library.people.filter((p) => p.kind === 'person' && (p.quotes > 0 || p.articles > 0)),
  }),
} satisfies Command;
