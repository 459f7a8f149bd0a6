import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { analyzeJsonLine } from '../../src/analyze.ts';
import { repoRoot } from '../helpers.ts';

const run = promisify(execFile);
const env = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  DOTENV_PATH: join(tmpdir(), 'no-such.env'),
  BRIEFINGS_DIR: 'briefings',
  DATABASE_URL: `sqlite:${join(mkdtempSync(join(tmpdir(), 'briefbot-db-')), 'db.sqlite')}`,
};

async function briefbot(args: string[], input?: string) {
  const child = run('npm', ['run', '--silent', 'briefbot', '--', ...args], { cwd: repoRoot, env });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  return child;
}

describe('npm run briefbot', () => {
  it('quotes macron --json prints the documented shape, clean JSON on stdout', async () => {
    const { stdout } = await briefbot(['quotes', 'macron', '--json']);
    const json = JSON.parse(stdout);
    expect(Object.keys(json)).toEqual(['query', 'person', 'mentions', 'quotes', 'suggestions']);
    expect(json.person).toMatchObject({ name: 'Emmanuel Macron', roles: ['President'] });
    expect(json.quotes).toHaveLength(4);
    expect(json.quotes.filter((q: { partial: boolean }) => !q.partial)).toHaveLength(3);
    for (const q of json.quotes) {
      expect(q.speaker).toBe('Emmanuel Macron');
      expect(Object.keys(q.article)).toEqual(['id', 'title', 'url', 'published']);
    }
  });

  it('quotes trump prints his quotes; quotes putin explains he is not quoted', async () => {
    expect((await briefbot(['quotes', 'trump'])).stdout).toContain('It’s very much to Russia’s benefit to make a deal');
    expect((await briefbot(['quotes', 'putin'])).stdout).toContain('Vladimir Putin is mentioned in 1 article, but never quoted directly.');
  });

  it('people lists roles and counts', async () => {
    const json = JSON.parse((await briefbot(['people', '--json'])).stdout);
    expect(json.people).toContainEqual({ name: 'Donald Trump', roles: ['US President', 'President'], mentions: 4, articles: 1, quotes: 3 });
  });

  it('brief --json gives the briefing as data', async () => {
    const json = JSON.parse((await briefbot(['brief', 'ukraine', '--since', '3650d', '--json'])).stdout);
    expect(json.stories[0].title).toMatch(/Russia’s benefit/);
    expect(json.points.length).toBeGreaterThanOrEqual(3);
  });

  it('analyze --jsonl reads lines and writes quotes with offsets and a 3-sentence summary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefbot-'));
    const file = join(dir, 'in.jsonl');
    const text =
      'Talks go on\n\nThe talks went on all day in the capital city. “We are close to a deal,” Jane Smith said after the meeting. Officials said a text could be ready by Friday. Others were less sure of that outcome.';
    writeFileSync(file, `${JSON.stringify({ id: 'one', text })}\nnot json\n`);
    const { stdout } = await briefbot(['analyze', '--jsonl', file]);
    const [first, second] = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(first.id).toBe('one');
    expect(first.quotes).toEqual([
      { text: 'We are close to a deal,', speaker: 'Jane Smith', start: text.indexOf('We are'), end: text.indexOf('We are') + 23, partial: false },
    ]);
    expect(first.summary).toHaveLength(3);
    for (const s of first.summary) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(second).toMatchObject({ id: null, error: 'line 2: not JSON' });
  });

  it('analyzeJsonLine reports a line without text instead of crashing', () => {
    expect(analyzeJsonLine('{"id":"x"}', 1)).toMatchObject({ id: 'x', quotes: [], error: 'line 1: no "text" string' });
  });

  it('words its hints for the command line, not chat', async () => {
    await expect(briefbot(['quotes'])).rejects.toMatchObject({ code: 1, stdout: 'briefbot quotes needs a person. Usage: briefbot quotes <person> [topic]\n' });
    await expect(briefbot(['digest', 'frobnicate'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/there is no “frobnicate”: try list, subscribe/),
    });
    const { stdout } = await briefbot(['help']);
    expect(stdout).toContain('digest subscribe <topic> <schedule> [timezone] [--json]');
    expect(stdout).toContain('sources articles <id> [--limit LIMIT] [--json]');
  });

  it('an unknown command prints usage and fails', async () => {
    await expect(briefbot(['frobnicate'])).rejects.toMatchObject({ code: 2 });
  });
});

describe('npm start with piped input', () => {
  it('says it runs the console, prints the briefing and exits', async () => {
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
      const child = execFile('npm', ['start', '--silent'], { cwd: repoRoot, env }, (error, stdout, stderr) =>
        error ? reject(error) : resolve({ stdout, stderr }),
      );
      child.stdin?.end('/brief ukraine\n');
    });
    expect(stderr).toContain('No Discord or Slack tokens set: starting the local console');
    expect(stdout).toContain('It’s in Russia’s benefit to end war in Ukraine');
    expect(stdout).toContain('third anniversary');
    expect(stdout).toContain('— Emmanuel Macron');
    expect(stdout).toContain('— Donald Trump');
  });
});
