import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/core/article.ts';
import { sampleText } from '../helpers.ts';

const slice = (text: string, span?: { start: number; end: number }) => (span ? text.slice(span.start, span.end) : undefined);

describe('parseArticle', () => {
  it('reads headline, standfirst and dateline when there is no front matter', () => {
    const a = parseArticle({ id: 's', body: sampleText });
    expect(a.title).toBe('It’s in Russia’s benefit to end war in Ukraine, says Trump after meeting Macron');
    expect(slice(a.text, a.standfirst)).toMatch(/^Addressing a joint news conference/);
    expect(slice(a.text, a.dateline)).toBe('Washington');
    expect(a.text.slice(a.bodyStart)).toMatch(/^US President Donald Trump said/);
  });

  it('reads front matter and keeps it out of the text', () => {
    const body =
      '---\ntitle: "Talks resume"\nsource: Example News\nurl: https://example.com/a\npublished: 2025-02-24T10:00:00Z\n---\nTalks resume\n\nLONDON (Reuters) - Talks resumed on Monday.\n\nMore text here.';
    const a = parseArticle({ id: 'x', body, format: 'markdown' });
    expect(a).toMatchObject({ title: 'Talks resume', source: 'Example News', url: 'https://example.com/a', published: '2025-02-24T10:00:00.000Z' });
    expect(a.text.startsWith('Talks resume')).toBe(true);
    expect(slice(a.text, a.dateline)).toBe('LONDON (Reuters)');
  });

  it.each([
    ['an empty file', ''],
    ['only whitespace', '   \n\n  '],
    ['binary-looking text', '\u0000\u0001\u0002'],
    ['a broken front matter block', '---\ntitle: x\nno end marker'],
    ['an unreadable date', '---\npublished: yesterday-ish\n---\nHeadline\n\nBody.'],
  ])('never throws on %s', (_name, body) => {
    const a = parseArticle({ id: 'odd', body });
    expect(a.id).toBe('odd');
    expect(typeof a.title).toBe('string');
    expect(a.published).toBeUndefined();
  });

  it('keeps text exactly as given in plain mode, so offsets match the caller', () => {
    const body = 'Title\r\n\r\n---\r\nSomething “quoted,” he said.';
    expect(parseArticle({ id: 'p', body, format: 'plain' }).text).toBe(body);
  });
});
