import type { Command } from './command.ts';

export const people = {
  name: 'people',
  description: 'The people in the news library, with how often they are quoted',
  options: [],
  run: async (_args, { library }) => ({ kind: 'people', people: await library.people(50) }),
} satisfies Command;
