import { describe, expect, it } from 'vitest';
import { summarizeStories } from '../../src/core/briefing.ts';
import { decodeTerms } from '../../src/core/search.ts';
import { stem } from '../../src/core/stem.ts';
import { similarityTo } from '../../src/core/stories.ts';
import { summarize } from '../../src/core/summarize.ts';
import { analyze, libraryOf, sampleLibrary } from '../helpers.ts';

const NOW = Date.parse('2025-03-01T12:00:00Z');

describe('topic search', async () => {
  it.each([
    ['Ukraine', 'Ukrainian'],
    ['Russia', 'Russians'],
    ['minerals', 'mineral'],
    ['Korea', 'Korean'],
  ])('%s and %s share a stem', (a, b) => expect(stem(a)).toBe(stem(b)));

  const library = await libraryOf(
    { id: 'head', body: 'Ukraine talks resume in Geneva\n\nDiplomats met for a second day.\n\nThe talks went on.', published: '2025-02-27' },
    {
      id: 'passing',
      body: 'Farm prices rise\n\nWheat rose sharply this week, traders said, partly because of Ukrainian exports.\n\nMore on farms.',
      published: '2025-02-28',
    },
    { id: 'old', body: 'Ukraine talks in 2019\n\nAn old story about Ukraine.\n\nMore.', published: '2019-01-01' },
    { id: 'earth', body: 'Rare earth minerals deal signed\n\nThe deal covers rare earth minerals.\n\nIt was signed today.', published: '2025-02-28' },
    { id: 'other', body: 'Minerals in the garden\n\nEarth and rare plants.\n\nGardening.', published: '2025-02-28' },
  );

  it('weighs headlines over passing mentions and matches inflections', async () => {
    const b = await library.brief('ukraine', { now: NOW });
    expect(b.stories[0]?.id).toBe('head');
    expect(b.stories.map((s) => s.id)).toContain('passing');
    expect(b.stories[0]?.why).toBe('in the headline');
  });

  it('honours since', async () => {
    const b = await library.brief('ukraine', { now: NOW, since: 30 * 86_400_000 });
    expect(b.stories.map((s) => s.id)).not.toContain('old');
  });

  it('ranks the phrase first for a multi-word topic', async () => {
    const b = await library.brief('rare earth minerals', { now: NOW });
    expect(b.stories[0]?.id).toBe('earth');
  });

  it('answers nothing found with close topics that exist', async () => {
    const b = await library.brief('ukrane', { now: NOW });
    expect(b.stories).toEqual([]);
    expect(b.suggestions).toContain('ukraine');
  });

  it('treats a topic of only common words as too general, with suggestions', async () => {
    const b = await library.brief('the of and', { now: NOW });
    expect(b.stories).toEqual([]);
    expect(b.suggestions.length).toBeGreaterThan(0);
  });

  it('groups the same story from several outlets', async () => {
    const n = await libraryOf(
      { id: 'x1', body: 'Ceasefire agreed in Gaza after talks\n\nA ceasefire was agreed.', source: 'Outlet A', published: '2025-02-28' },
      { id: 'x2', body: 'Gaza ceasefire agreed after talks\n\nBoth sides agreed a ceasefire.', source: 'Outlet B', published: '2025-02-28' },
      { id: 'x3', body: 'Gaza hospitals short of fuel\n\nDoctors warned.', published: '2025-02-27' },
    );
    const b = await n.brief('gaza', { now: NOW });
    expect(b.stories).toHaveLength(2);
    expect(b.stories[0]?.alsoIn).toHaveLength(1);
  });
});

describe('the sample briefing', async () => {
  const library = await sampleLibrary();
  const b = await library.brief('ukraine', { now: NOW });
  const points = b.points.map((p) => p.text).join('\n');

  it('covers the five facts of the story', () => {
    expect(points).toMatch(/Russia’s “benefit” to make a deal/);
    expect(points).toMatch(/security guarantees/);
    expect(points).toMatch(/third anniversary/);
    expect(points).toMatch(/vote against a resolution at the UN/);
    expect(points).toMatch(/rare earth minerals/);
  });

  it('links every point verbatim to its article and skips dateline and standfirst repeats', async () => {
    const article = (await library.store.loadArticles(['file:trump-macron-ukraine'], { text: true })).get('file:trump-macron-ukraine')?.analysis.article;
    for (const p of b.points) {
      expect(article?.text.slice(p.start, p.end)).toBe(p.text);
      expect(p.article.id).toBe('file:trump-macron-ukraine');
      expect(p.text).not.toMatch(/^Washington/);
      expect(p.text).not.toMatch(/^Addressing a joint news conference/);
    }
    expect(new Set(b.points.map((p) => p.text)).size).toBe(b.points.length);
  });

  it('has key quotes from both leaders, full quotes only', () => {
    expect(new Set(b.quotes.map((q) => q.speaker))).toEqual(new Set(['Donald Trump', 'Emmanuel Macron']));
    expect(b.quotes.every((q) => !q.partial)).toBe(true);
  });

  it('briefs on a person by any name form', async () => {
    const byName = await library.brief('President Macon', { now: NOW });
    expect(byName.stories).toHaveLength(1);
  });
});

describe('a story told by several outlets', () => {
  const outlets = [
    analyze(
      'Council approves flood barrier\n\nIt was a long and noisy night at the old town hall for everyone. The council approved a flood barrier for the river on Tuesday after a long vote.',
      { id: 'a', source: 'Outlet A' },
    ),
    analyze(
      'Flood barrier approved by council\n\nResidents packed the meeting, many of them holding umbrellas and signs. Councillors approved the river flood barrier on Tuesday by nine votes to two.',
      { id: 'b', source: 'Outlet B' },
    ),
    analyze(
      'Town backs river flood barrier\n\nThe barrier will cost 40 million pounds and take three years to build along the river. Work on the flood barrier starts in the spring, the council said.',
      { id: 'c', source: 'Outlet C' },
    ),
  ];

  it("leads with what the outlets agree on, not one outlet's scene-setting", () => {
    const [first] = summarizeStories([outlets], new Map(), 1);
    expect(first?.text).toMatch(/approved/);
  });

  it('draws its points from a third outlet too', () => {
    const points = summarizeStories([outlets], new Map(), 3);
    expect(points.map((p) => p.article.id)).toContain('c');
    for (const p of points) expect(outlets.find((o) => o.article.id === p.article.id)?.article.text.slice(p.start, p.end)).toBe(p.text);
  });
});

describe('single-article summaries', async () => {
  it('picks sentences in reading order, skipping bylines and quote-only sentences', () => {
    const text = [
      'By . Jane Reporter .',
      'The city council voted on Tuesday to close the old bridge for repairs lasting two years.',
      '“It is a sad day for all of us here, and for the whole of the city around us.”',
      'The bridge carries 40,000 cars a day across the river between the two halves of the city.',
      'Repairs will cost 30 million dollars, paid mostly by the state government over three years.',
      'Traffic will be diverted to the northern bridge, which officials said could cope with the load.',
    ].join(' ');
    const s = summarize(text, { count: 3 });
    expect(s).toHaveLength(3);
    expect(s.map((p) => p.start)).toEqual([...s.map((p) => p.start)].sort((a, b) => a - b));
    expect(s.some((p) => p.text.startsWith('By .'))).toBe(false);
    expect(s.some((p) => p.text.startsWith('“'))).toBe(false);
    for (const p of s) expect(text.slice(p.start, p.end)).toBe(p.text);
  });

  it('returns nothing for text with no sentences', () => {
    expect(summarize('')).toEqual([]);
    expect(summarize('word')).toEqual([]);
  });
});

describe('story similarity', () => {
  const vector = new Map([
    ['ukrain', 600],
    ['flood', 800],
  ]);
  const cosine = (encoded: string) => {
    let dot = 0;
    for (const [t, w] of decodeTerms(encoded)) dot += (vector.get(t) ?? 0) * w;
    return dot / 1_000_000;
  };

  it.each([' flood:800 ukrain:600 ', ' ukraine:900 flood:436 ', ' floods:1000 ', ' barrier:700 flood:714 ', '', ' '])(
    'reads %j as the cosine of the decoded terms',
    (encoded) => {
      expect(similarityTo(vector, encoded)).toBeCloseTo(cosine(encoded), 9);
    },
  );

  it('matches whole terms, not prefixes', () => {
    expect(similarityTo(vector, ' ukraine:1000 ')).toBe(0);
    expect(similarityTo(vector, ' flood:800 ukrain:600 ')).toBeCloseTo(1, 9);
  });
});
