import { describe, expect, it } from 'vitest';
import { type GoldQuote, holdsOneWord, type QuoteRecord, sameName, scoreQuotes, silverGaps, sourceSpans } from '../scripts/evalQuotes.ts';

// The quote scorer of `npm run eval`, on invented records: the figures in the closing notes rest on it.
const gold = (text: string, speaker: string | null, canonical: string | null, kind = 'named'): GoldQuote & { speaker: string | null } => ({
  speaker,
  speaker_canonical: canonical,
  speaker_mention_kind: kind,
  quoted_segments: [{ start: 0, end: text.length, text }],
});

const record: QuoteRecord = {
  id: 'r1',
  text: '(invented)',
  quotes: [
    gold('we will win the state by a mile', 'Tom Hale', 'Tom Hale'),
    gold('nobody saw this coming at all', 'he', null, 'pronoun'),
    gold('the figures do not add up here', 'Hale', null),
    gold('the plan was never costed properly', 'the newspaper', null, 'nominal'),
  ],
};

describe('eval quote scorer', () => {
  it('matches names leniently: titles, initials, acronyms', () => {
    expect(sameName('Sen. Tom Hale', 'Tom Hale')).toBe(true);
    expect(sameName('T. Hale', 'Tom Hale')).toBe(true);
    expect(sameName('NRA', 'National Rifle Association')).toBe(true);
    expect(sameName('Tom Hale', 'Dana Hale')).toBe(false);
    expect(sameName(null, null)).toBe(true);
    expect(sameName('Tom Hale', null)).toBe(false);
  });

  it('counts a quote with no gold speaker right only when left unattributed', () => {
    const s = scoreQuotes([record], () => [
      { text: 'we will win the state by a mile', speaker: 'Tom Hale' },
      { text: 'nobody saw this coming at all', speaker: 'Tom Hale' },
      { text: 'the figures do not add up here', speaker: 'Tom Hale' },
      { text: 'the plan was never costed properly', speaker: null },
    ]);
    expect(s.matched).toBe(4);
    // Speaker accuracy reads only the one quote with a canonical speaker.
    expect(s.speaker.all).toEqual({ correct: 1, total: 1, accuracy: 1 });
    // "he" and "Hale" are Tom Hale, but their silver label is empty: counted wrong.
    expect(s.attributed.recall).toBe(0.5);
  });

  it('tells a one-word silver label held by the full name given from a wrong speaker', () => {
    expect(holdsOneWord('Tad Devine', 'Devine')).toBe(true);
    expect(holdsOneWord('Tad Devine', 'Mr. Devine')).toBe(true);
    expect(holdsOneWord('Tad Devine', 'Tad')).toBe(true);
    expect(holdsOneWord('Tad Devine', 'Weaver')).toBe(false);
    expect(holdsOneWord('Devine', 'Devine')).toBe(false);
    const s = scoreQuotes([{ id: 'r2', text: '', quotes: [gold('we could win enough delegates', 'Devine', 'Devine')] }], () => [
      { text: 'we could win enough delegates', speaker: 'Tad Devine' },
    ]);
    expect([s.speaker.all?.correct, s.oneWordGold]).toEqual([0, 1]);
  });

  it('says how far those silver gaps cap attributed recall', () => {
    expect(silverGaps([record])).toEqual({ segments: 4, pronoun: 1, named: 1, ceiling: 0.5 });
  });

  it('judges the speaker by the annotators’ source span, with or without a silver name', () => {
    // “We won,” Hale said. “We lost,” he said. “It is fine,” the mayor said. “Bye.”
    const text = '“We won the race,” Hale said. “We lost the seat,” he said. “It is fine now,” the mayor said. “Goodbye to all.”';
    const at = (s: string) => text.indexOf(s);
    const q = (quote: string, source: string, canonical: string | null, kind: string) => ({
      speaker: source,
      speaker_canonical: canonical,
      speaker_mention_kind: kind,
      speaker_spans: [[at(`${source} said`), at(`${source} said`) + source.length]],
      quoted_segments: [{ start: at(quote), end: at(quote) + quote.length, text: quote }],
    });
    const r = {
      id: 'r',
      text,
      quotes: [
        q('We won the race,', 'Hale', 'Tom Hale', 'named'),
        q('We lost the seat,', 'he', null, 'pronoun'),
        q('It is fine now,', 'the mayor', null, 'nominal'),
        q('Goodbye to all.', 'the mayor', null, 'nominal'),
      ],
    };
    const chosen = [
      { start: at('We won'), end: at('We won') + 16, speaker: 'Tom Hale', at: at('Hale said') },
      { start: at('We lost'), end: at('We lost') + 17, speaker: 'Tom Hale', at: at(' he said') + 1 },
      { start: at('It is'), end: at('It is') + 15, speaker: null, at: null },
      { start: at('Goodbye'), end: at('Goodbye') + 15, speaker: 'Tom Hale', at: null },
    ];
    expect(sourceSpans([r], () => chosen)).toEqual({
      named: { total: 1, inSpan: 1, carried: 0, none: 0 },
      'pronoun, no silver': { total: 1, inSpan: 1, carried: 0, none: 0 },
      'nominal, no silver': { total: 2, inSpan: 0, carried: 1, none: 1 },
    });
    // A relative pronoun's antecedent just before it counts as its words.
    const relative = 'Hale, who called Reed “a reckless showman,” left.';
    const who = relative.indexOf('who');
    const r2 = {
      id: 'r2',
      text: relative,
      quotes: [
        {
          speaker: 'who',
          speaker_canonical: null,
          speaker_mention_kind: 'pronoun',
          speaker_spans: [[who, who + 3]],
          quoted_segments: [{ start: relative.indexOf('a reckless'), end: relative.indexOf(',”'), text: 'a reckless showman' }],
        },
      ],
    };
    const picked = [{ start: relative.indexOf('a reckless'), end: relative.indexOf(',”'), speaker: 'Tom Hale', at: 0 }];
    expect(sourceSpans([r2], () => picked)).toEqual({ 'pronoun, no silver': { total: 1, inSpan: 1, carried: 0, none: 0 } });
  });
});
