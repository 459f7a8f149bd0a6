import { describe, expect, it } from 'vitest';
import { findPerson } from '../../src/core/library.ts';
import { findQuotes } from '../../src/core/personQuotes.ts';
import { newsroomOf, sampleNewsroom } from '../helpers.ts';

describe('finding people', () => {
  const { library } = sampleNewsroom();

  it.each(['macron', 'Macron', 'Emmanuel Macron', 'President Macron', 'Macon', 'MACRON', 'macrn'])('%s finds Emmanuel Macron', (q) => {
    expect(findPerson(library, q).person?.name).toBe('Emmanuel Macron');
  });

  it('suggests known people for an unknown name instead of failing', () => {
    const m = findPerson(library, 'merkel');
    expect(m.person).toBeNull();
    expect(m.suggestions.length).toBeGreaterThan(0);
  });

  it('treats an empty or odd query as unknown', () => {
    expect(findPerson(library, '   ').person).toBeNull();
    expect(findPerson(library, '%%%').person).toBeNull();
  });
});

describe('people across articles', () => {
  const newsroom = newsroomOf(
    { id: 'a', body: 'Talks\n\n“We will talk,” Donald J. Trump said on Monday.', published: '2025-01-01' },
    { id: 'b', body: 'More talks\n\n“We are talking,” Donald Trump said.\n\n“Still talking,” Trump added.', published: '2025-02-01' },
  );

  it('joins name forms into one person, quotes newest first', () => {
    const q = findQuotes(newsroom.library, 'trump');
    expect(q.person?.aliases).toEqual(expect.arrayContaining(['Donald Trump', 'Donald J. Trump']));
    expect(q.quotes.map((x) => x.text)).toEqual(['We are talking,', 'Still talking,', 'We will talk,']);
    expect(new Set(q.quotes.map((x) => x.speaker)).size).toBe(1);
    expect(q.mentions).toBe(2);
  });
});
