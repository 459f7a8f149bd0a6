import { parseDuration } from '../core/duration.ts';
import type { Command } from './command.ts';
import { notice } from './reply.ts';
import { suggestTopics } from './suggest.ts';

export const brief = {
  name: 'brief',
  description: 'Top stories, a short summary and key quotes on a topic',
  options: [
    { name: 'topic', description: 'What to brief on: a subject or a person', type: 'string', required: true, suggest: suggestTopics },
    { name: 'since', description: 'Only recent news, e.g. 24h, 7d, 2w', type: 'string', choices: ['24h', '3d', '7d', '30d'] },
    { name: 'stories', description: 'How many stories (1-10)', type: 'integer', min: 1, max: 10 },
    { name: 'points', description: 'How many summary points (1-8)', type: 'integer', min: 1, max: 8 },
  ],
  run: async ({ topic = '', since, stories, points }, { library, now }) => {
    const sinceMs = since ? parseDuration(since) : undefined;
    if (sinceMs === null) return notice(`"${since}" is not a time span I understand. Try 24h, 7d or 2w.`, 'error');
    const briefing = await library.brief(topic.trim(), {
      now,
      since: sinceMs,
      stories: stories ? Number(stories) : undefined,
      points: points ? Number(points) : undefined,
    });
    return { kind: 'briefing', briefing, since };
  },
} satisfies Command;
