import { describe, expect, it } from 'vitest';
import { findPerson } from '../../src/core/people.ts';
import { libraryOf, sampleLibrary } from '../helpers.ts';

const NOW = Date.parse('2025-03-01T12:00:00Z');

describe('finding people', async () => {
  const library = await sampleLibrary();
  const find = async (q: string) => findPerson(await library.store.peopleView(q, { near: true, suggestions: true }), q);

  it.each(['macron', 'Macron', 'Emmanuel Macron', 'President Macron', 'Macon', 'MACRON', 'macrn'])('%s finds Emmanuel Macron', async (q) => {
    expect((await find(q)).person?.name).toBe('Emmanuel Macron');
  });

  it('suggests known people for an unknown name instead of failing', async () => {
    const m = await find('merkel');
    expect(m.person).toBeNull();
    expect(m.suggestions.length).toBeGreaterThan(0);
  });

  it('treats an empty or odd query as unknown', async () => {
    expect((await find('   ')).person).toBeNull();
    expect((await find('%%%')).person).toBeNull();
  });
});

describe('people across articles', async () => {
  const library = await libraryOf(
    { id: 'a', body: 'Talks\n\n“We will talk,” Donald J. Trump said on Monday.', published: '2025-01-01' },
    { id: 'b', body: 'More talks\n\n“We are talking,” Donald Trump said.\n\n“Still talking,” Trump added.', published: '2025-02-01' },
  );

  it('joins name forms into one person, quotes newest first', async () => {
    const q = await library.quotes('trump', { now: NOW });
    expect(q.person?.aliases).toEqual(expect.arrayContaining(['Donald Trump', 'Donald J. Trump']));
    expect(q.quotes.map((x) => x.text)).toEqual(['We are talking,', 'Still talking,', 'We will talk,']);
    expect(new Set(q.quotes.map((x) => x.speaker)).size).toBe(1);
    expect(q.mentions).toBe(2);
  });

  it('joins a surname seen before any full name into the full name when it comes', async () => {
    const later = await libraryOf(
      { id: 'c', body: 'Vote\n\n“We won,” Ocasio said.', published: '2025-01-01' },
      { id: 'd', body: 'Vote again\n\n“We will win again,” Maria Ocasio said.', published: '2025-02-01' },
    );
    const q = await later.quotes('ocasio', { now: NOW });
    expect(q.person?.name).toBe('Maria Ocasio');
    expect(q.quotes.map((x) => x.text)).toEqual(['We will win again,', 'We won,']);
    expect((await later.people()).filter((p) => p.name.includes('Ocasio'))).toHaveLength(1);
  });
});
