import { describe, expect, it } from 'vitest';
import { answerLine } from '../../src/adapters/console/console.ts';
import { clean, renderReply } from '../../src/adapters/console/render.ts';
import { parseArgs, splitCommandLine } from '../../src/commands/run.ts';
import { commandTable } from '../../src/commands/table.ts';
import { createLogger } from '../../src/log.ts';
import { libraryOf, sampleLibrary } from '../helpers.ts';

const table = commandTable();
const brief = table.find((c) => c.name === 'brief');
const ctx = { library: await sampleLibrary(), now: Date.parse('2025-03-01T00:00:00Z') };
const log = createLogger([], () => {});
const answer = async (line: string) => {
  const reply = await answerLine(line, table, ctx, log);
  return reply ? renderReply(reply) : '';
};

describe('free-text arguments', () => {
  it.each([
    ['rare earth minerals since 7d', { topic: 'rare earth minerals', since: '7d' }],
    ['ukraine --since 24h', { topic: 'ukraine', since: '24h' }],
    ['ukraine since:2w stories 3', { topic: 'ukraine', since: '2w', stories: '3' }],
    ['since', { topic: 'since' }],
  ])('%s', (text, expected) => {
    expect(parseArgs(brief as NonNullable<typeof brief>, text)).toEqual(expected);
  });

  it('splits a command line with or without the slash', () => {
    expect(splitCommandLine('/brief ukraine')).toEqual({ name: 'brief', rest: 'ukraine' });
    expect(splitCommandLine('QUOTES macron')).toEqual({ name: 'quotes', rest: 'macron' });
  });
});

describe('the console', () => {
  it('briefs on the sample story', async () => {
    const out = await answer('/brief ukraine');
    expect(out).toContain('It’s in Russia’s benefit to end war in Ukraine');
    expect(out).toContain('Key quotes');
    expect(out).toContain('— Donald Trump');
    expect(out).toContain('— Emmanuel Macron');
  });

  it('quotes a person verbatim', async () => {
    const out = await answer('/quotes President Macon');
    expect(out).toContain('Emmanuel Macron');
    expect(out).toContain('“I think it’s super important to (bring) peace,”');
    expect(out).toContain('3 quotes and 1 fragment');
  });

  it.each([
    ['/quotes putin', 'Vladimir Putin is mentioned in 1 article, but never quoted directly.'],
    ['/quotes merkel', "I don't know anyone called “merkel”"],
    ['/brief quantum computing', 'Nothing on “quantum computing” yet.'],
    ['/brief', '/brief needs a topic'],
    ['/brief ukraine since soon', 'is not a time span I understand'],
    ['/brief ukraine stories 99', 'stories must be a whole number from 1 to 10'],
    ['/launch', 'Unknown command “/launch”'],
    ['/help', '/quotes <person> [topic]'],
    ['/help', '/digest subscribe <topic> <schedule> [timezone]'],
    ['/help', '/sources articles <id> [limit]'],
    ['/sources frobnicate', '“frobnicate” is not something /sources does. Try: list, add, remove, articles.'],
    ['/people', 'Emmanuel Macron (President)'],
  ])('%s', async (line, expected) => {
    expect(await answer(line)).toContain(expected);
  });

  it('turns an unexpected failure into a polite message', async () => {
    const broken = [
      {
        name: 'boom',
        description: 'fails',
        options: [],
        run: () => {
          throw new Error('kaput');
        },
      },
    ];
    const logged: string[] = [];
    const reply = await answerLine(
      '/boom',
      broken,
      ctx,
      createLogger([], (line) => logged.push(line.replace(/^\S+ error /, ''))),
    );
    expect(reply && renderReply(reply)).toBe('Sorry, something went wrong answering that. It has been logged.');
    expect(logged).toEqual([expect.stringMatching(/^console: \/boom failed: Error: kaput/)]);
  });

  it('never lets article text drive the terminal', async () => {
    const n = await libraryOf({ id: 'esc', body: 'Evil \u001b[2J headline about tea\n\n“Tea is \u001b]0;pwned\u0007 great,” Jane Smith said.' });
    const reply = await answerLine('/quotes jane smith', table, { library: n, now: 0 }, log);
    const out = reply ? renderReply(reply) : '';
    expect(out).not.toContain('\u001b');
    expect(out).not.toContain('\u0007');
    expect(clean('a\u001b[31mb')).toBe('a[31mb');
  });
});

describe('/sources in the shared command table', () => {
  const added: string[] = [];
  const port = {
    list: async () => [
      {
        id: 1,
        url: 'https://a.test/feed',
        title: 'A Wire',
        status: 'ok' as const,
        lastError: null,
        failures: 0,
        lastPolledAt: null,
        lastOkAt: '2025-03-01T10:00:00Z',
        articles: 3,
      },
      {
        id: 2,
        url: 'https://b.test/feed',
        title: null,
        status: 'failing' as const,
        lastError: 'HTTP 500',
        failures: 4,
        lastPolledAt: null,
        lastOkAt: null,
        articles: 0,
      },
    ],
    add: async (url: string) => {
      added.push(url);
      return { ok: true as const, created: true, source: (await port.list())[0] as Awaited<ReturnType<typeof port.list>>[number] };
    },
    remove: async (id: number) => (id === 1 ? 3 : null),
    articles: async (id: number, limit?: number) => {
      const source = (await port.list()).find((s) => s.id === id);
      const all = [3, 2, 1].map((n) => ({
        id: `a${n}`,
        title: `Wire story ${n}`,
        url: `https://a.test/${n}`,
        published: `2025-03-0${n}T08:00:00.000Z`,
        guid: null,
      }));
      return source ? { source, articles: all.slice(0, limit) } : null;
    },
  };
  const as = (admin: boolean) => ({ ...ctx, actor: { id: 'u1', admin }, sources: port });
  const say = async (line: string, admin: boolean) => {
    const reply = await answerLine(line, table, as(admin), log);
    return reply ? renderReply(reply) : '';
  };

  it('lists sources with their health for everyone', async () => {
    const out = await say('/sources', false);
    expect(out).toContain('#1 A Wire');
    expect(out).toContain('3 articles · last read 2025-03-01 10:00 UTC');
    expect(out).toContain('#2 https://b.test/feed — failing');
    expect(out).toContain('4 failed attempts, last error: HTTP 500');
  });

  it('lets only admins add and remove', async () => {
    expect(await say('/sources add https://c.test/feed', false)).toContain('Only server admins can add or remove sources');
    expect(added).toEqual([]);
    expect(await say('/sources add https://c.test/feed', true)).toContain('Added source #1');
    expect(added).toEqual(['https://c.test/feed']);
    expect(await say('/sources remove 1', true)).toContain('Removed source #1 and its 3 articles.');
    expect(await say('/sources remove 7', true)).toContain('There is no source #7');
    expect(await say('/sources remove seven', true)).toContain('Which source?');
    expect(await say('/sources frobnicate', true)).toContain('is not something /sources does');
  });
});
