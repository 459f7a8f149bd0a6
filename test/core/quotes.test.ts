import { describe, expect, it } from 'vitest';
import { analyze, quotesOf, sampleText } from '../helpers.ts';

const H = 'Headline about the day\n\n';

describe('finding quotations', () => {
  it.each([
    ['curly double quotes', '“We will win,” Smith said.', 'We will win,'],
    ['straight double quotes', '"We will win," Smith said.', 'We will win,'],
    ['two apostrophes as wire copy writes them', "''We will win,'' Smith said.", 'We will win,'],
    ['British single quotes', "'It was a shock,' she said after Jane Smith left.", 'It was a shock,'],
    ['curly single quotes', '‘It was a shock,’ Jane Smith said.', 'It was a shock,'],
  ])('%s', (_name, body, expected) => {
    expect(quotesOf(H + body).map(([t]) => t)).toContain(expected);
  });

  it('leaves apostrophes alone', () => {
    const body = "Jane Smith said don't worry about Macron's plan or the '90s. ‘It was a shock,’ she said.";
    expect(quotesOf(H + body).map(([t]) => t)).toEqual(['It was a shock,']);
  });

  // British style (issue 12): single marks that look like apostrophes, and texts whose paragraphs
  // were run into one line.
  describe('British-style single quotes', () => {
    const spans = (body: string) => analyze(H + body).quotes.map((q) => [q.text, q.speaker, q.partial]);

    it('closes a quote followed by an ordinary word', () => {
      expect(spans('Minister Ann Cole said the plan was ‘dead in the water’ before the vote.')).toEqual([['dead in the water', 'Ann Cole', true]]);
    });

    it('reads a closing mark after an s as a close when nothing else closes the quote', () => {
      expect(spans("Coach Ray Dunn said the squad was 'full of heroes' and left the room.")).toEqual([['full of heroes', 'Ray Dunn', true]]);
    });

    it("keeps a plural possessive inside a quote ('the players' union')", () => {
      expect(spans("'We spoke to the players' union today,' said Ray Dunn.")).toEqual([["We spoke to the players' union today,", 'Ray Dunn', false]]);
    });

    it('keeps one-word quotes', () => {
      expect(spans('Judge Mary Hall said the delay was ‘unacceptable’.')).toEqual([['unacceptable', 'Mary Hall', true]]);
    });

    it('keeps a double-quoted span inside a single-quoted one as one quote, offsets intact', () => {
      const body = '‘We heard him shout “run” and we ran,’ said Ana Diaz. ‘It was chaos.’ The police came later.';
      const a = analyze(H + body);
      expect(a.quotes.map((q) => q.text)).toEqual(['We heard him shout “run” and we ran,', 'It was chaos.']);
      for (const q of a.quotes) expect(a.article.text.slice(q.start, q.end)).toBe(q.text);
    });

    it('keeps a quote whole when its next paragraph was run into the same line', () => {
      const body =
        'Tom Hale, the coach, said after the match: ‘We loved it. It was a great day. ‘Then it rained and we had to leave early.’ The club said nothing.';
      expect(spans(body)).toEqual([['We loved it. It was a great day. ‘Then it rained and we had to leave early.', 'Tom Hale', false]]);
    });

    it('runs a single-quoted quote across paragraphs when the next one reopens it', () => {
      const q = quotesOf(`${H}Ana Diaz, the mayor, spoke first.\n\n‘The first part of what I want to say.\n\n‘And the second part,’ she said.`);
      expect(q).toEqual([
        ['The first part of what I want to say.', 'Ana Diaz'],
        ['And the second part,', 'Ana Diaz'],
      ]);
    });

    it('takes a label in quote marks for no one’s words', () => {
      expect(spans('The talks tested the ‘special relationship’ again.')).toEqual([]);
    });
  });

  it('keeps a quote nested inside a quote as part of the outer one', () => {
    const q = analyze(`${H}“He told me ‘go home’ and left,” Jane Smith said.`).quotes;
    expect(q.map((x) => x.text)).toEqual(['He told me ‘go home’ and left,']);
  });

  it('finds a fragment quoted inside reported speech, marked partial', () => {
    const q = analyze(`${H}Donald Trump said it is to Russia’s “benefit” to make a deal.`).quotes;
    expect(q).toMatchObject([{ text: 'benefit', partial: true, speaker: 'Donald Trump' }]);
  });

  it('splits a quote interrupted by its attribution into two, same speaker', () => {
    const q = quotesOf(`${H}“First part,” said Jane Smith, “and the second part.”`);
    expect(q).toEqual([
      ['First part,', 'Jane Smith'],
      ['and the second part.', 'Jane Smith'],
    ]);
  });

  it('runs a quote across paragraphs when the next paragraph reopens it', () => {
    const body = `${H}Jane Smith said: “This is the first paragraph of what I said.\n\n“And this is the second,” she added.`;
    const q = analyze(body).quotes;
    expect(q.map((x) => [x.text, x.speaker])).toEqual([
      ['This is the first paragraph of what I said.', 'Jane Smith'],
      ['And this is the second,', 'Jane Smith'],
    ]);
  });

  it('does not let a stray opening mark swallow the narrative', () => {
    const body = `${H}There is distrust. “ President Smith said one call was to Mr Jones. He repeated that it is to the “benefit of all” to talk.\n\nThe end of the story is here.`;
    const q = analyze(body).quotes;
    expect(q.map((x) => x.text)).toEqual(['benefit of all']);
  });

  it('does not turn an unclosed quote into the rest of the article', () => {
    const body = `${H}Jane Smith said “this never closes and goes on.\n\nA second paragraph of plain narrative.\n\nA third one.`;
    expect(analyze(body).quotes).toEqual([]);
  });

  it('ignores quotes in the headline and paraphrase', () => {
    const body = '“We will win,” says Smith\n\nJane Smith said the team would win the cup.';
    expect(analyze(body).quotes).toEqual([]);
  });

  it('drops markup attribute values and titles of shows', () => {
    const body = `${H}Jane Smith spoke on Fox News’s “Fox and Friends.” <tweet tweet-id="78349911"><tweet/>.`;
    expect(analyze(body).quotes).toEqual([]);
  });

  it('drops titles of films and songs, whole or inside a sentence', () => {
    const body = `${H}The director makes this clear in her new documentary “13th.” The film debuts on Friday.\n\n“American Skin (41 Shots)” was written by Bruce Springsteen after the shooting.\n\n“We will win the whole thing,” Jane Smith said.`;
    expect(analyze(body).quotes.map((q) => q.text)).toEqual(['We will win the whole thing,']);
  });

  it('always returns verbatim source text at its offsets', () => {
    const a = analyze(sampleText);
    for (const q of a.quotes) expect(a.article.text.slice(q.start, q.end)).toBe(q.text);
  });
});

describe('attributing quotations', () => {
  it.each([
    ['X said', '“We will win,” Jane Smith said.', 'Jane Smith'],
    ['said X', '“We will win,” said Jane Smith.', 'Jane Smith'],
    ['X said:', 'Jane Smith said: “We will win the whole thing.”', 'Jane Smith'],
    ['according to X', '“We will win,” according to Jane Smith.', 'Jane Smith'],
    ['X told reporters', '“We will win,” Jane Smith told reporters on Monday.', 'Jane Smith'],
    ['an appositive', '“We will win,” Jane Smith, the team captain, said.', 'Jane Smith'],
    ['a party tag', '“Subpoenas are not optional,” Rep. Jason Chaffetz (R-Utah) said.', 'Jason Chaffetz'],
    ['a title', '“We will win,” US President Donald Trump said.', 'Donald Trump'],
    ['a possessive', 'France’s Emmanuel Macron said: “We need guarantees in any deal.”', 'Emmanuel Macron'],
    ['an organisation', '“The report is wrong,” The New York Times said in a statement.', 'New York Times'],
  ])('%s', (_name, body, speaker) => {
    expect(quotesOf(H + body)[0]?.[1]).toBe(speaker);
  });

  it.each([
    [
      'a relative clause: the one “who said” it, not the name beside the quote',
      'Jane Smith has a frosty relationship with John Brown, now the majority leader, who in 2010 said the goal was to make Smith a “one-term mayor.”',
      'John Brown',
    ],
    [
      'a name in apposition to a description',
      'Another critic, Laurence H. Tribe, likened the rules to “burning the Constitution” on Monday.',
      'Laurence H. Tribe',
    ],
    [
      'a pronoun subject after an opener with no comma',
      'John Brown has many advisers.\n\nA few days ago in an interview with a network he blasted the media for being “unbelievably dishonest.”',
      'John Brown',
    ],
    [
      'an honorific before a surname that is also a title',
      'Charlie King organised the drive.\n\n“It is all about creating some enthusiasm,” Mr. King added.',
      'Charlie King',
    ],
    [
      'a person of a place, said after the quote',
      '“Republicans want a photo op,” said Rep. Elijah Cummings of Maryland, the ranking Democrat.',
      'Elijah Cummings',
    ],
    [
      'an organisation named just before',
      'The House Oversight Committee voted on Monday.\n\n“This is long overdue,” the committee said in a statement.',
      'House Oversight Committee',
    ],
    ['a document speaking for its author', 'The IMF cut its forecast.\n\n“The ultimate impact remains very unclear,” the IMF report stated.', 'IMF'],
    ['a person’s document', 'Ivana Trump filed on Monday. Ivana Trump’s brief said the claims were “previous misinterpreted statements.”', 'Ivana Trump'],
    ['a person of an organisation', 'Mary Jones spoke first.\n\n“It was the least bad outcome,” Mr. Morgan of the Sierra Club said.', 'Morgan'],
    [
      'a contracted pronoun: “He’s claiming”',
      'John Brown spoke in Ohio on Monday.\n\nHe’s claiming that fraud is “a big, big problem in this country” again.',
      'John Brown',
    ],
    [
      'a pronoun subject with an adverb, then “saying”',
      'Jane Smith, a doctor, appeared on television on Tuesday.\n\nShe then defended the remark, saying, “I don’t think this is a ridiculous idea at all.”\n\n“There are plenty of ways to attack him,” John Brown said.',
      'Jane Smith',
    ],
  ])('%s', (_name, body, speaker) => {
    expect(quotesOf(H + body)[0]?.[1]).toBe(speaker);
  });

  it('gives a pronoun to the person introduced, with a description, just before the quote', () => {
    const body = `${H}While John Brown had songs written about him, that has not happened for Jane Smith, which concerns Henry Crespo, president of the Florida Democratic Black Caucus.\n\n“No one is writing songs for her this year,” he said.`;
    expect(quotesOf(body)[0]?.[1]).toBe('Henry Crespo');
  });

  it('gives a pronoun no speaker when an unnamed person came in after the named one', () => {
    const body = `${H}Jane Smith spoke in Ohio on Monday.\n\nThe woman’s enthusiasm for the rally is recorded in detail:\n\n“Here comes the big show,” she said, clapping.`;
    expect(quotesOf(body)[0]?.[1]).toBeNull();
  });

  it('resolves a description before its cue: “the Vermont senator acknowledged”', () => {
    const body = `${H}Sen. Bernie Sanders spoke in Burlington.\n\nAs far as whether he still senses anger, the Vermont senator acknowledged that there are still “some people” who feel that way.`;
    expect(quotesOf(body)[0]?.[1]).toBe('Bernie Sanders');
  });

  it('starts a sentence after a quoted one that ends in a full stop', () => {
    const body = `${H}Jane Smith and John Brown debated on Monday.\n\nWhen Smith noted that Brown has occasionally not paid anything in federal income taxes ― as was true for the few years his tax returns were made public ― Brown boasted, “That makes me smart.” Brown was similarly defensive when forced to defend not paying an architect who said he was stiffed after he designed a clubhouse at one of Brown’s golf courses, saying, “Maybe he didn’t do a good job, and I wasn’t satisfied with his work.”`;
    expect(quotesOf(body).map(([, s]) => s)).toEqual(['John Brown', 'John Brown']);
  });

  it('resolves surnames and titles with surnames to the full name', () => {
    const body = `${H}Jane Smith arrived in town.\n\n“We will win,” Smith said.\n\n“It is certain,” Ms. Smith added.`;
    expect(quotesOf(body).map(([, s]) => s)).toEqual(['Jane Smith', 'Jane Smith']);
  });

  it('resolves a misspelling one edit away from a name in the article', () => {
    const body = `${H}Emmanuel Macron met the press.\n\n“Peace matters,” President Macon said.`;
    expect(quotesOf(body)[0]?.[1]).toBe('Emmanuel Macron');
  });

  it('resolves pronouns to the person just spoken of', () => {
    const body = `${H}Jane Smith spoke after John Brown left the room.\n\nShe said: “We will win the whole thing.”`;
    expect(quotesOf(body)[0]?.[1]).toBe('Jane Smith');
  });

  it('gives a continuation paragraph the previous speaker', () => {
    const body = `${H}“We will win,” Jane Smith said.\n\n“And we will win again next year.”`;
    expect(quotesOf(body).map(([, s]) => s)).toEqual(['Jane Smith', 'Jane Smith']);
  });

  it('gives a paragraph that is only a quote the speaker of the fragment closing the paragraph before', () => {
    const fragment = `${H}Paul Reed shot back in a statement, saying he had “made a lot of money in down markets.”`;
    expect(quotesOf(`${fragment}\n\n“Frankly, this is the kind of thinking our country needs.”`)).toEqual([
      ['made a lot of money in down markets.', 'Paul Reed'],
      ['Frankly, this is the kind of thinking our country needs.', 'Paul Reed'],
    ]);
    // A short line of its own reads as a subheading.
    expect(quotesOf(`${fragment}\n\n‘Chief trade prosecutor.’`)[1]?.[1]).toBeNull();
  });

  it('continues a speaker’s quote past a fragment of theirs in between', () => {
    const body = `${H}“Everything. Everything is on the table,” Lena Park told reporters on Wednesday after hinting that “personnel changes” could come. “Every single thing is on the table.”`;
    expect(quotesOf(body).map(([, s]) => s)).toEqual(['Lena Park', 'Lena Park', 'Lena Park']);
  });

  it('continues a speaker within the paragraph past a title or after a fragment', () => {
    const rev = `${H}“To be frank, the city will never go back,” said the Rev. Peter Wherry, of Mayfield Church. “What appeared normal was only normal for some.”`;
    expect(quotesOf(rev).map(([, s]) => s)).toEqual(['Peter Wherry', 'Peter Wherry']);
    const fragment = `${H}Both parties “saw Burma as a country under pressure,” said Victor Cha, who served under President George W. Bush. “In that sense, it was like pushing on an open door.”`;
    expect(quotesOf(fragment).map(([, s]) => s)).toEqual(['Victor Cha', 'Victor Cha']);
  });

  it('reads the speaker of a quoted transcript line from its label', () => {
    const body = `${H}Gov. Mike Pence spoke to Chris Wallace on Sunday.\n\n"WALLACE: Will she be there tomorrow night?\n\n"PENCE: Well, the question really should be about the debate."`;
    expect(quotesOf(body).map(([, s]) => s)).toEqual(['Chris Wallace', 'Mike Pence']);
  });

  it('gives words someone else said inside a report to them, not to the reporter', () => {
    const body = `${H}Retired Lt. Gen. Michael Flynn said Donald Trump was “absolutely right” when he said Wednesday night that under President Barack Obama, “the generals have been reduced to rubble.”`;
    expect(quotesOf(body).map(([, s]) => s)).toEqual(['Michael Flynn', 'Donald Trump']);
  });

  it('does not give a whole quote to the sentence after it when that sentence opens anew', () => {
    const body = `${H}My mother, Olive Meehan, was upset, so I had to change my answer: "Of course I believe in it. I was just kidding." To which she said, "Thank God at least you still believe in it."`;
    expect(quotesOf(body)[0]?.[1]).toBeNull();
  });

  it('does not give a fragment that ends its sentence to the next sentence’s speaker', () => {
    const body = `${H}Seoul accused the North's leader of “fanatic recklessness.” South Korean President Park Geun-hye said the test was a grave threat.`;
    expect(quotesOf(body)[0]?.[1]).not.toBe('Park Geun-hye');
  });

  it('says null rather than guessing when the speaker is not clear', () => {
    const body = `${H}The crowd gathered in the square.\n\n“We will win the whole thing,” someone shouted.`;
    expect(quotesOf(body)[0]?.[1]).toBeNull();
  });

  it('tells two people with one surname apart by who was named last, unless one dominates', () => {
    const body = `${H}Gary Johnson spoke in Ohio.\n\nHomeland Security Secretary Jeh Johnson warned of hacking.\n\n“We do not know exactly who did it,” Johnson said.`;
    expect(quotesOf(body)[0]?.[1]).toBe('Jeh Johnson');
    const family = `${H}Ted Cruz spoke. Ted Cruz said more. Ted Cruz left.\n\nHis wife Heidi Cruz watched.\n\n“I will not back him,” Cruz said.`;
    expect(quotesOf(family)[0]?.[1]).toBe('Ted Cruz');
  });

  it('keeps a title’s gender when a surname is shared: “Mr. Obama” is not Michelle Obama', () => {
    const body = `${H}Michelle Obama spoke first.\n\n"It is on the ballot," Mr. Obama said at the dinner.`;
    expect(quotesOf(body)[0]?.[1]).toBe('Obama');
  });

  it('does not take a quoted section heading for a quote', () => {
    const body = `${H}“We are done here,” Jane Smith said.\n\n'Coal Isn't the Villain.'\n\nThe story goes on.`;
    expect(quotesOf(body).map(([t]) => t)).toEqual(['We are done here,']);
  });

  it('does not read a Title Case headline as one long name', () => {
    const body =
      'Chris Christie Calls Hillary Clinton A Disgrace Over Police Comments\n\nHillary Clinton spoke in Ohio.\n\nClinton also said she could speak directly to “white people” about it.';
    expect(analyze(body).people.map((p) => p.name)).not.toContain('Chris Christie Calls Hillary Clinton');
    expect(quotesOf(body)[0]?.[1]).toBe('Hillary Clinton');
  });

  it('does not take a name inside a quote as the speaker of a pronoun', () => {
    const body = `${H}Barack Obama spoke at length.\n\n“My adviser, John Holdren, sends charts,” he said.`;
    expect(quotesOf(body)[0]?.[1]).toBe('Barack Obama');
  });
});

describe('the sample article', () => {
  const a = analyze(sampleText, { id: 'sample' });
  const by = (speaker: string) => a.quotes.filter((q) => q.speaker === speaker);

  it('gives Macron three full quotes and one fragment, despite "President Macon"', () => {
    expect(by('Emmanuel Macron').filter((q) => !q.partial)).toHaveLength(3);
    expect(
      by('Emmanuel Macron')
        .filter((q) => q.partial)
        .map((q) => q.text),
    ).toEqual(['checked and verified']);
  });

  it('gives Trump his full quote and his fragments', () => {
    expect(
      by('Donald Trump')
        .filter((q) => !q.partial)
        .map((q) => q.text),
    ).toEqual(['It’s very much to Russia’s benefit to make a deal, and I feel that we’ll do that,']);
    expect(by('Donald Trump').filter((q) => q.partial).length).toBe(2);
  });

  it('quotes nobody else, and finds Putin only as a mention', () => {
    expect(a.quotes.every((q) => q.speaker === 'Donald Trump' || q.speaker === 'Emmanuel Macron')).toBe(true);
    expect(a.people.find((p) => p.name === 'Vladimir Putin')?.mentions).toBeGreaterThan(0);
  });

  it('reads roles as written', () => {
    expect(a.people.find((p) => p.name === 'Donald Trump')?.roles).toContain('US President');
  });

  it('reads a title with “of” as one role (“Secretary of State”, not “State”)', () => {
    const titled = analyze('Headline about the day\n\n“It is settled,” said Secretary of State Ana Ruiz. Minister of the Interior Tom Hale agreed.');
    expect(titled.people.find((p) => p.name === 'Ana Ruiz')?.roles).toEqual(['Secretary of State']);
    expect(titled.people.find((p) => p.name === 'Tom Hale')?.roles ?? []).not.toContain('Interior');
  });
});
