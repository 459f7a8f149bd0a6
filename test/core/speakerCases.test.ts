import { describe, expect, it } from 'vitest';
import { analyze, quotesOf } from '../helpers.ts';

// One case per kind of error found on held-out news (issue 12), each written from invented
// sentences. The British-style span cases live in quotes.test.ts.
const H = 'Headline about the day\n\n';

/** The speaker of the quote whose text starts with `opening`. */
function speakerOf(body: string, opening: string): string | null | undefined {
  return quotesOf(H + body).find(([text]) => text.startsWith(opening))?.[1];
}

describe('speakers on held-out error categories', () => {
  describe('a subject the old windows did not find', () => {
    it.each([
      ['“X … and said”', 'Mayor Ana Ruiz walked out of the meeting and said: “We are done here, all of us.”', 'We are done', 'Ana Ruiz'],
      [
        'the object of an opening preposition is no subject (“Of Carson, Levine, who …, said”)',
        'Mark Levine is a donor in Ohio.\n\nOf Hale, Levine, who has given money to Paul Reed, said, “He is a nice man but not a mayor.”',
        'He is a nice man',
        'Mark Levine',
      ],
      [
        'a person before their age and home town, then “who …”',
        'The poll has a margin of error.\n\n“Both Tom Hale and Paul Reed scare me,” Harry Bond, 30, of Raleigh, N.C., who was among those polled, said later.',
        'Both Tom Hale',
        'Harry Bond',
      ],
      [
        'a long title and name run straight into the cue after a partial quote',
        'Border agents stopped many families in 2014.\n\nThe Harbour Minors program “is gaining considerable traction recently,” Homeland Security Deputy Secretary Alejandro Tovey told reporters.',
        'is gaining',
        'Alejandro Tovey',
      ],
      [
        'a name before the colon that is a preposition’s object is no speaker (“… to the Dutch newspaper NRC Handelsblad:”)',
        'Tom Hale met the press.\n\nFormer candidate Paul Reed broke down what was wrong with the image to the Dutch newspaper NRC Handelsblad: “What Hale did was so insensitive.”',
        'What Hale did',
        'Paul Reed',
      ],
      [
        'a title with “of” before the subject (“Former Secretary of State Ana Ruiz urged …, saying”)',
        'Former Secretary of State Ana Ruiz recently urged women to vote for Paul Reed, saying, “There is a special place in hell for them.”',
        'There is a special',
        'Ana Ruiz',
      ],
      [
        'an age written before the name (“76-year-old Tom Hale, founder of …, endorsed Reed, saying”)',
        '76-year-old Tom Hale, founder of the Harbour Institute, endorsed Paul Reed last week, saying he “has consistently demonstrated his commitment.”',
        'has consistently',
        'Tom Hale',
      ],
      [
        'a long apposition between the name and the cue (“Hale, the front-runner … after winning …, said”)',
        'Tom Hale praised the reporter.\n\n“Very good reporter, very good,” Hale, the party’s front-runner nationally and the current polling leader in the county by a very wide margin after winning the first two primaries of the season, said when Paul Reed asked him a question.',
        'Very good reporter',
        'Tom Hale',
      ],
      [
        'a bare time opening the sentence is no subject (“Hours later, Hale …”)',
        'Tom Hale met the donors on Monday.\n\nHours later, Hale returned the compliment to Paul Reed, telling the Ledger, “Paul and I have been friends for a long time.”',
        'Paul and I',
        'Tom Hale',
      ],
      [
        'whom a participle addresses is no speaker (“telling Reuters:”)',
        'On Friday, the mayor joined others in pouncing on the news, telling Reuters: “The new email release is a disaster for Ana Ruiz.”',
        'The new email release',
        null,
      ],
      [
        'a party and state before the comma that closes the subject',
        'Tuesday at Marsh College in Berea, OH, after winning the primary, Gov. Paul Reed (R-OH), said, “I am getting ready to rent a covered wagon.”',
        'I am getting ready',
        'Paul Reed',
      ],
      [
        'an emphatic auxiliary before the cue (“Hale did suggest that”)',
        'Tom Hale spoke to the paper. Acknowledging that the mayor “says a lot of silly things,” though, Hale did suggest that “the city needs a change of tone.”',
        'the city needs',
        'Tom Hale',
      ],
      [
        '…but not a clause before the subject that ends on one (“after she did, X, who …, tweeted”)',
        'Ana Ruiz doubled down on the issue.\n\nBut almost immediately after she did, Paul Reed, who was an adviser to the mayor, tweeted this: “She did it again and again, and it was wrong.”',
        'She did it again',
        'Paul Reed',
      ],
      [
        'an opening participle phrase with a preposition and a name in apposition (“Preceded at the lectern by X, the sheriff, Hale launched”)',
        'Tom Hale spoke in Phoenix. Preceded at the lectern by Joe Arpaio, the Arizona sheriff and hard-liner, Hale launched into a lament for the “many families who lost their homes to the flood.”',
        'many families',
        'Tom Hale',
      ],
      [
        'an opening date with its year (“On July 6, 2015, Hale made the following comment:”)',
        'On July 6, 2015, Tom Hale made the following comment:\n\n“For young people who have left school, the jobless rate is 33 percent.”',
        'For young people',
        'Tom Hale',
      ],
      [
        'an opening “By contrast,” before the subject, and a clause between its cue and the quote',
        'Hale declined to comment. By contrast, Sen. Paul Reed said that once the Senate goes on recess, “I intend to do as much as I can, wherever I can be helpful.”',
        'I intend to do',
        'Paul Reed',
      ],
      [
        'the passive “was asked by X”, then the question',
        'Ruiz was asked by host Bill Marsh, “Now, you said in the first debate that you were tired of it?”',
        'Now, you',
        'Bill Marsh',
      ],
      [
        'the passive “was asked by X, who …”, whatever verbs the relative clause holds',
        'Ruiz was asked by host Bill Marsh, who backs her but has dismissed the story, “Now, you said you were tired of it?”',
        'Now, you',
        'Bill Marsh',
      ],
      [
        'a short quoted name inside the description between the subject and its verb',
        '“We have had better conventions than this one,” delegate Bill Eastman, wearing a cowboy hat and “Ted Ross” pins, said as confetti fell.',
        'We have had',
        'Bill Eastman',
      ],
      [
        'a description with the name in an aside between dashes',
        'Ross tweeted. A former candidate -- Tom Hale, who lost the 2008 race -- said the mayor “offered no changes in strategy.”',
        'offered no changes',
        'Tom Hale',
      ],
      [
        'a capitalised inverted cue and a comma (“Said Hale, …”)',
        'Tom Hale testified on Monday. Said Hale, “The thought that we erred is painful.”',
        'The thought',
        'Tom Hale',
      ],
      [
        'a number among the words between the cue and the quote',
        'Tom Hale wrote to his 20,000 Twitter followers, “It is time to end her career.”',
        'It is time',
        'Tom Hale',
      ],
      [
        'an inverted cue and a name alone before a fragment',
        'Because of how the primaries were drawn, explained Rosen, “with this thing over by March there is a scenario where it is hard to see.”',
        'with this thing',
        'Rosen',
      ],
      [
        'whom a participle addresses is not the speaker',
        'The Lake Foundation did not want to address “that person,” telling Channel 35 that it is focused on its work.',
        'that person',
        'Lake Foundation',
      ],
      [
        'the passive “by X”',
        'Tom Hale spoke first.\n\nThe plan was called “a disaster for the town” by council member Paul Okafor.',
        'a disaster',
        'Paul Okafor',
      ],
      [
        'the quote’s sentence runs on, then “said X”',
        '“Many would call that a defeat for the mayor” if she lost, said David Wasser, an analyst at the Lake Report.',
        'Many would call',
        'David Wasser',
      ],
      [
        'a named subject introduces a paragraph-long quote with a colon',
        'After the fire, Mayor Ana Ruiz issued the following statement:\n\n“Our thoughts are with every family on Elm Street tonight.”',
        'Our thoughts',
        'Ana Ruiz',
      ],
      [
        'who issued a statement at the end of a paragraph speaks in the next one, which has no cue',
        'At Ruiz’s direction, the Harbour Party issued a statement apologizing to Tom Hale for the emails, which mocked his faith.\n\n“On behalf of everyone at the party, we want to offer a deep and sincere apology to Mr. Hale.”',
        'On behalf of everyone',
        'Harbour Party',
      ],
      [
        '“According to X of Y,” opening the sentence',
        'The firm won the contract. According to Paul Sperry of Counter Watch, “the firm has been quietly moving people away from the border.”',
        'the firm has',
        'Paul Sperry',
      ],
      [
        'a colon introduces the next paragraph’s quote, however far its cue',
        'Parker Eton, a nominal Republican who voted for both parties, said that given the crop of candidates on both sides:\n\n“There is only one: Reed. He spends his own money.”',
        'There is only one',
        'Parker Eton',
      ],
      [
        'a quote signed by the paragraph below it',
        'We review the claims made in the debate.\n\n“Almost all new income is going to the top one percent.”\n\n- Ana Ruiz.\n\nThe senator relies on an old figure.',
        'Almost all new income',
        'Ana Ruiz',
      ],
      [
        'a pronoun subject after “when …,” and two verbs of its own',
        'Last month, when I asked Tom Reed if he would ever endorse Ana Ruiz, he looked into my camera, furrowed his brow and said, “I am going to endorse YOU!”',
        'I am going to endorse',
        'Tom Reed',
      ],
      [
        'a colon in the subject’s own sentence, after “But back home,”',
        'Mayor Tom Reed spoke in Leeds on Monday. “The port is a problem for us,” he said.\n\nBut back home, he returned to his familiar lines: “It is called Leeds First! There will be no deal!”',
        'It is called Leeds',
        'Tom Reed',
      ],
      [
        'a person named right before the colon that opens the quote',
        'The timing of the surge does not surprise Republican pollster Dara Shawn: “Lesser-known candidates who win early contests get the biggest boost.”',
        'Lesser-known',
        'Dara Shawn',
      ],
      [
        'a second opening phrase before the subject, then “, saying,”',
        'On Thursday, after staying neutral throughout the primary, Ana Ruiz endorsed Reed, saying, “I think a fighter in the lead is what this town needs.”',
        'I think a fighter',
        'Ana Ruiz',
      ],
      [
        'a long opening phrase before the subject of a fragment',
        'Tom Hale runs the library.\n\nAfter blasting the county board for cutting the library budget at its last meeting, Tom Hale doubled down by calling the plan “a betrayal of every reader” in the town.',
        'a betrayal',
        'Tom Hale',
      ],
      [
        'a quote with no cue goes on from the reported speech of the paragraph before',
        'In a call on Monday, Harbour chief executive Ian Reid said the board had weighed the risk but went ahead.\n\n“On the political risk, we have assessed this deal against the present rules.”',
        'On the political risk',
        'Ian Reid',
      ],
      [
        'a “State” is no antecedent (“the Islamic State”)',
        'Tom Hale spoke on Monday.\n\nThe front-runner said the U.S. “clearly” needed a stronger air campaign against the Islamic State targeting its leaders.\n\n“I think you will hear that from the president,” he said.',
        'I think you will',
        'Tom Hale',
      ],
      [
        'a fragment whose sentence ends on its attribution',
        'Given her record, her backing will carry “a great deal of weight” and bring candidates the money they need, party spokesman Tom Hale said.',
        'a great deal',
        'Tom Hale',
      ],
      [
        'a name in an opening participle phrase is no antecedent',
        'Tom Hale flew in on Monday.\n\nPreceded at the lectern by Paul Okafor, the county sheriff, Hale spoke for an hour.\n\n“We will build it,” he said.',
        'We will build',
        'Tom Hale',
      ],
      [
        'a person named with a known first name stays a person, however the text uses the surname',
        'Mary Park won the vote on Monday. Letters came from Park and from Park’s office in the spring.\n\n“We will not leave,” she said.',
        'We will not leave',
        'Mary Park',
      ],
      [
        'a name modifying a role (“Park campaign manager Paul Hale”) leaves the subject to the role’s holder',
        'Bernie Park is running. Bernie Park won in Iowa.\n\nPark campaign manager Paul Hale said on Monday that the rival was no match.\n\n“That is not enough,” he said.',
        'That is not enough',
        'Paul Hale',
      ],
      [
        'the second of a pair (“he and Giles”) does not take the subject from the first',
        'Bill Mills left the campaign in May.\n\nMills told the Ledger that he and Terry Giles had been frustrated by the advisers.\n\n“They reined him in,” he said.',
        'They reined him in',
        'Bill Mills',
      ],
      [
        '…while a name after “on Saturday and” opens a clause of its own',
        'Esteban Cambiasso joined in the summer. Inter Milan (2004-2014) Champions League . Serie A (5) Coppa Italia (4) Supercoppa (4) FIFA Club World Cup . Having not won since January, Tom Hale’s men face West Ham on Saturday and Cambiasso is still convinced they can stay up. ‘It is not an easy job,’ he said.',
        'It is not an easy job',
        'Esteban Cambiasso',
      ],
      [
        'a unit (“the Global Response Staff”) or a group (“Asian American”) is no antecedent',
        'Tom Hale ran the base. Under his command was the security team, known as the Global Response Staff, and many Asian American staff.\n\n“These guys were heroes,” he said.',
        'These guys',
        'Tom Hale',
      ],
      [
        'a participle’s speaker is the sentence’s subject, not the owner of a claim in it',
        'Mayor Karen Weaver met the press.\n\nWeaver did not seem impressed with Sanders’ comments on Tuesday, telling reporters, “A lot of people said the governor should step down.”',
        'A lot of people',
        'Karen Weaver',
      ],
      [
        '“the former pollster” is the pollster just named',
        'Douglas Schoen told host Sean Hannity a loss is “increasingly likely.”\n\nThe former pollster said, “She is behind in a number of polls.”',
        'She is behind',
        'Douglas Schoen',
      ],
      [
        'a relative’s noun tells the gender (“her husband, Milton Berg” is no “she”)',
        'Rachel Berg, a donor from Monsey, said the speeches led her to count Hale out. Along with her husband, Milton Berg, a money manager, she has given to many candidates.\n\n“I feel bad to say it,” she said.',
        'I feel bad',
        'Rachel Berg',
      ],
      [
        '…with an appositive, and a phrase after the cue',
        'Guns are “the ultimate public health crisis” and “stunt growth,” Howard Dean, the former governor of Vermont, proclaimed to a cheering crowd on Tuesday.',
        'the ultimate public',
        'Howard Dean',
      ],
      [
        'a code-like name in the description',
        '“It was a sizable purchase of data,” said L2 president Bruce Willsie, who declined to give a price.',
        'It was a sizable',
        'Bruce Willsie',
      ],
      [
        'a quote a colon introduces and a full stop closes is not attributed by the next sentence',
        'Mr Hussen replied: ‘Not at all.’ Yesterday analyst Shiraz Maher, a fellow at King’s College London, tweeted: ‘Remember that her father blamed the police.’ Mr Hussen told The Times that he felt ashamed.',
        'Remember that',
        'Shiraz Maher',
      ],
      [
        'a caption run into the next sentence with no stop makes no name (“… to Syria Asked why …”)',
        'Mr Ali Hussen spoke to The Times. The girl was one of three who flew to Turkey before crossing to Syria Asked why he was at the front of the mob, he said: ‘The crowd pushed me.’',
        'The crowd pushed me',
        'Ali Hussen',
      ],
      [
        '“quoted X as saying” is X’s',
        'Spiegel Online quoted Belgian Finance Minister Johan Van Overtveldt as saying that a delay was ‘out of the question’, or an exit could follow.',
        'out of the question',
        'Johan Van Overtveldt',
      ],
      [
        'an opening participle phrase (“Weighing in on the discussion,”) is no subject',
        'Mike Hale spoke first.\n\nWeighing in on the discussion, former Arkansas Gov. Mike Hale agreed, praising his rival as “one of the most gifted stars we have.”',
        'one of the most gifted',
        'Mike Hale',
      ],
      [
        'a participle opening a sentence is no name for “she” (“Appearing before cheering supporters, …”)',
        'Mary Marsh led the count.\n\nAppearing before cheering supporters on Monday, Marsh, 70, said it was too early to call.\n\n“Victory or failure, that is not important,” she said.',
        'Victory or failure',
        'Mary Marsh',
      ],
      [
        'a holiday (“her New Year speech”) is no antecedent',
        'Chancellor Angela Hale spoke. In her New Year speech, Hale warned against hate.\n\nHer countrymen, she said, should not listen to “those with hate in their hearts.”',
        'those with hate',
        'Angela Hale',
      ],
      [
        'a participle with its preposition opens a sentence before its subject',
        'Appearing before cheering supporters Monday morning at party headquarters, Mary Marsh, 70, said it was too early to congratulate winners but added, “I think you all have an idea of the results.”',
        'I think you all',
        'Mary Marsh',
      ],
      [
        '“expand her lead” is no speech, and a publication (“the Cook Political Report”) is no “he”',
        'Hillary Hale leads.\n\n“Many would call that an embarrassment for Hillary Hale” if she lost, said David Wasser, an analyst at the non-partisan Cook Political Report. “And yet it would seal the deal” because she would expand her lead, he said.',
        'And yet it would seal',
        'David Wasser',
      ],
      [
        'verbs that are rarely speech (offer, order, begin, correct) are no cues',
        'Mary Hale leads.\n\n“It would seal the deal” because she would offer more money, said David Wasser, an analyst.',
        'It would seal',
        'David Wasser',
      ],
      [
        'a quote with no cue goes on from a pronoun’s reported speech in the paragraph before',
        'Tom Hale runs the effort.\n\nHe said the effort needs no alternative. Rather, he said, the struggles of the campaign will build support.\n\n“To my knowledge, there is no heavy-hitter involved yet.”',
        'To my knowledge',
        'Tom Hale',
      ],
      ['“went on”, the same speaker going on', '“It is a shame,” Lena Park said.\n\nShe went on: “We have been here before.”', 'We have been', 'Lena Park'],
      [
        'a sentence of a connective only goes on in the same voice (“… he said. But “…”)',
        'Tom Hale said it will help.\n\n“I do not think it is do or die,” he said outside. But “The candidacy is stronger with it. It helps.”',
        'The candidacy',
        'Tom Hale',
      ],
      [
        'who reports a quote, then a participle after it (“…,” Hale said, noting that donors feel “…”), past a list of names',
        'Tom Hale runs the fund.\n\nAfter the wins of Paul Reed in Ohio, Amy Tovey in Iowa and Bill Marsh in Utah, “there is urgency,” Hale said, noting that donors feel “we need a firewall.”',
        'we need a firewall',
        'Tom Hale',
      ],
      [
        'an opening “a few days later,” before the subject of a participle’s sentence',
        'Tom Hale spoke on Monday.\n\nBut a few days later, Hale reversed himself yet again, telling a radio host that the rules “are set, and we have to leave them that way.”',
        'are set',
        'Tom Hale',
      ],
      [
        'a reported sentence with a lead-in (“Hale was quick to add that …”) introduces the next paragraph’s quote',
        'Mayor Tom Hale spoke at the depot on Friday.\n\nHale was quick to add that the budget does not include closing the depot.\n\n“Closing it? Out of the question.”',
        'Closing it',
        'Tom Hale',
      ],
      [
        'a trade pact named in between is no antecedent for “he” (“… railed against the Pacific Rim Partnership”)',
        'Tom Hale has railed against the Pacific Rim Partnership, the trade deal signed last year.\n\nHe has also fulminated against plans to move a bakery abroad. “I love pies,” he said.',
        'I love pies',
        'Tom Hale',
      ],
      [
        'an inverted cue with a party in the description (“said undecided Republican voter Amy Tovey of Derry”)',
        '“I do not know where he stands on that,” said undecided Republican voter Amy Tovey of Derry, N.H., before the barn event.',
        'I do not know',
        'Amy Tovey',
      ],
      [
        'an opening “Amid …,” is read past to the subject of a participle’s sentence, and “Amid” is nobody',
        'Amid calls from some to publish the list, the Gazette’s Tom Hale offered a defence of it, saying it is needed to “name the people who did this.”',
        'name the people',
        'Tom Hale',
      ],
      [
        'a subject who “went so far as to say:”, behind the outlet he writes for',
        'The Gazette technology columnist Tom Hale went so far as to say: “The app as we know it is over.”',
        'The app',
        'Tom Hale',
      ],
      [
        'a pronoun that “made a point of saying” the fragment',
        'Amy Tovey spoke to a rally in the city.\n\nAnd she made a point of saying the club where the killing occurred “was a place of solidarity.”',
        'was a place',
        'Amy Tovey',
      ],
      [
        'a sentence of a connective such as “Instead,” goes on in the same voice',
        'Tom Hale spoke.\n\n“He is supposed to be a cheerleader for this city,” Hale said. Instead, “he just acts like a defeated man.”',
        'he just acts',
        'Tom Hale',
      ],
      [
        'a paragraph that is only a quote goes on from a fragment whose attribution alone closes the paragraph before',
        'Tom Hale spoke. Amy Tovey spoke too.\n\nInstead, Tovey “is taking a shortcut. Sadly, the campaign has just hit a pothole,” Hale wrote.\n\n“This is the year to break glass ceilings, not to try on glass slippers.”',
        'This is the year',
        'Tom Hale',
      ],
      [
        'a person “of” a place, then an apposition, is the person (“Rep. Tom Hale of Oklahoma, an ally of …, said”)',
        'Rep. Tom Hale of Oklahoma, an ally of the party’s leaders, said Thursday his biggest worry is that the mayor is “unpredictable.”',
        'unpredictable',
        'Tom Hale',
      ],
      [
        'how someone put it is what they said (“as he puts it, “…””)',
        'Tom Hale says the rates are fine. That is because, as he puts it, “the best thing we have going for us” is that they stayed low.',
        'the best thing',
        'Tom Hale',
      ],
      [
        'an inverted cue set off by commas inside the sentence (“The paradox, says Hale, historian at …, is that “…””)',
        'The paradox of the mayor, says Tom Hale, historian at the city library, is that she was “one of the most powerful mayors in the city’s history.”',
        'one of the most powerful',
        'Tom Hale',
      ],
      [
        'a sentence opening on its speaker and cue introduces the cue-less quote after it (“Hale, her lawyer, argues that …. “…””)',
        'Tom Hale spoke. Amy Tovey spoke too.\n\nHale, Tovey’s lawyer, argues that his client never urged violence. “The county is alleging that her calls were a crime.”',
        'The county is alleging',
        'Tom Hale',
      ],
      [
        'a listed cue the tagger reads as a plural, between a name and the clause’s end (“…,” Marsh notes.)',
        'Amy Marsh runs the campaign. Tom Hale spoke too.\n\nHale has begun to tone it down. “Look at the statement Mr. Hale put out after the storm,” Marsh notes. “It was very different in tone.”',
        'It was very different',
        'Amy Marsh',
      ],
      [
        'a relative clause with no “which” whose subject’s verb takes the fragment (“an incident Hale brought up as “…””)',
        'Paul Reed spoke. Tom Hale spoke too.\n\nReed took over the inquiry into the fire, an incident Hale brought up as “very fishy” in an interview.',
        'very fishy',
        'Tom Hale',
      ],
      [
        'a wire dateline before the subject (“Harbourton (AFP) – …, saying that “…””)',
        'Harbourton (AFP) – Mayor Tom Hale has taken a swipe at rival Paul Reed’s stance on trade, saying that “loud comments” do more harm than good.',
        'loud comments',
        'Tom Hale',
      ],
      [
        'a time between the subject and its verb (“whom Hale last week called”)',
        'Tom Hale spoke to the crowd.\n\nMuch of it was aimed at Paul Reed, whom Hale last week called “a careless man.”',
        'a careless man',
        'Tom Hale',
      ],
      [
        'a time phrase between “who has” and the verb (“who has in the past described”)',
        'Tom Hale spoke in Harbourton.\n\nHale, who has in the past described Paul Reed as “a reckless showman,” clearly meant the crowd to hear it.',
        'a reckless showman',
        'Tom Hale',
      ],
      [
        'a comma after the party and state (“Sen. Tom Hale (D-R.I.), said …, but called it”)',
        'Mayors were vague. Sen. Tom Hale (D-R.I.), said after a lunch on Tuesday that he hadn’t gotten a chance to read the mayor’s plan, but called it a “starting point for our talks.”',
        'starting point',
        'Tom Hale',
      ],
      [
        'a long description after “according to”',
        'The speech drew praise.\n\nFor Reed, according to Paul Okafor’s long-serving former education secretary Tom Hale, Monday’s speech represents “a test” of whether he can rise above it.',
        'a test',
        'Tom Hale',
      ],
      [
        'a past participle opening the sentence (“Preceded at the lectern by X, Hale launched”)',
        'Tom Hale spoke last.\n\nPreceded at the lectern by Paul Reed, Hale launched into a lament for workers who are “victims of the new rules” at the port.',
        'victims of the new rules',
        'Tom Hale',
      ],
      [
        'a count of years opening the sentence before its pronoun (“Thirteen years earlier, she”)',
        'Ana Ruiz ran for mayor.\n\nThirteen years earlier, she voted for the bridge from “the view of a councillor from the east side.”',
        'the view of',
        'Ana Ruiz',
      ],
      [
        'a weekday between the subject and its verb (“Hale on Saturday tweeted”)',
        'NEW YORK - Republican presidential candidate Tom Hale on Saturday tweeted an image of rival Paul Reed alongside $100 bills and a shape of a star bearing the words “most careless mayor ever!” prompting outrage.',
        'most careless mayor',
        'Tom Hale',
      ],
    ])('%s', (_name, body, opening, speaker) => {
      expect(speakerOf(body, opening)).toBe(speaker);
    });
  });

  describe('captions run into the text, with no paragraph breaks', () => {
    const body =
      'Nora Quill spoke about the new season. Proud moment: The whole cast came together on Friday to celebrate the premiere ' +
      "And with the new season came a new look, which Nora also discussed with a radio station, explaining that 'the costumes do half the acting'. " +
      "'We cut the hair first and saw what happened,' she said.";

    it('takes no caption label for a name, and gives a participle to the subject of the clause it hangs on', () => {
      expect(speakerOf(body, 'the costumes')).toBe('Nora Quill');
      expect(speakerOf(body, 'We cut the hair')).toBe('Nora Quill');
    });

    it('reads a titled name that runs on from a caption, with its own verb, as the new subject', () => {
      const run =
        'Carl Moss has pulled out of the final to be with his family Open chairman Peter Vance talked about the new course but he ruled out any change. ' +
        "'We have a very short season here,' he explained.";
      expect(speakerOf(run, 'We have a very short')).toBe('Peter Vance');
      // Named after a cue, the same shape is no new sentence: the speaker is still the subject.
      const reported = "Carl Moss said club chairman Peter Vance resigned on Monday. 'It was the right time to go,' he added.";
      expect(speakerOf(reported, 'It was the right time')).toBe('Carl Moss');
    });

    it('passes over the people of a picture caption (“(right)”, “(centre)”) to the story’s subject', () => {
      const pictured =
        'Harbour Town boss Tom Harwood has never faced a bigger match. Harwood set out the size of the game before the final. ' +
        'Tom Harwood (from left to right), Ian Ferrer and Carl Mosby during their time at Oakfield Harwood (right) sits on the bench with Oakfield staff Ferrer (centre) and Mosby (left) ' +
        "'This is the biggest game these players have ever played for the club,' he said.";
      expect(speakerOf(pictured, 'This is the biggest')).toBe('Tom Harwood');
      // The last name of a list, before a preposition, does not open a clause of its own.
      const listed = "Tom Harwood thanked Ian Ferrer and Carl Mosby at the dinner. 'They made me the manager I am,' he said.";
      expect(speakerOf(listed, 'They made me')).toBe('Tom Harwood');
    });

    it('ends a caption at its picture credit (“(stock image) Karo, whose song …”)', () => {
      const credited =
        "Ana Ruiz is suing Lena Park. In her suit, Ruiz alleges that when the hen disappeared, Park confessed and told her 'you can have any other chicken' (stock image) Ruiz, whose song has 70,000 views, is suing the actress Park for $5,000. She also claims the theft has 'prevented her from pursuing the dream'.";
      expect(speakerOf(credited, 'prevented her')).toBe('Ana Ruiz');
    });

    it('reads a known first name before an organisation word as a person (“while Tom Force believes …, saying:”)', () => {
      const force =
        "Mixed reactions followed. 'The mind boggles,' commented Ana Ruiz while Tom Force believes the man should have been punished, saying: 'Give him a holiday in a cell.'";
      expect(speakerOf(force, 'Give him')).toBe('Tom Force');
    });

    it('still reads “Name said:” before a quote as a name and its cue', () => {
      expect(speakerOf("The vote was close. Quill said: 'We will try again next year, with more volunteers.'", 'We will try')).toBe('Quill');
    });
  });

  it('gives “the Prime Minister said” to the article’s prime minister', () => {
    const body =
      "Prime Minister Anna Berg opened the debate on Monday. Tom Hale, the opposition leader, spoke next. The Prime Minister said the reform 'will not punish the poor'.";
    expect(speakerOf(body, 'will not punish')).toBe('Anna Berg');
  });

  describe('speech verbs beyond any list, and cue words used as nouns', () => {
    it('gives a quote after “X’s comments, saying” to whoever says it, not to the comments’ owner', () => {
      const base = 'Paul Reed spoke on Monday.';
      expect(speakerOf(`${base} Tom Hale tried to downplay Reed’s comments, saying they were “not a big deal at all.”`, 'not a big deal')).toBe('Tom Hale');
      expect(
        speakerOf(`${base} One aide close to the campaign tried to downplay Reed’s comments, saying they were “not a big deal at all.”`, 'not a big deal'),
      ).toBeNull();
      expect(speakerOf(`${base} Ana Ruiz blasted Reed’s call for a “deportation force” on Monday, calling it “absurd.”`, 'absurd')).toBe('Ana Ruiz');
    });

    it('reads a participle between a possessor and its noun as a modifier, no cue (“Rubio’s proposed credit”)', () => {
      const body =
        'Sen. Tom Hale and Sen. Paul Reed sparred on Tuesday.\n\nHale then interjected, calling Reed’s proposed child care credit “a welfare payment by another name.”';
      expect(speakerOf(body, 'a welfare payment')).toBe('Tom Hale');
    });

    it.each([
      [
        'expressed',
        'The candidate took to the airwaves on Wednesday in an interview, in which Lena Park expressed confidence that the server would not be an issue “that is going to affect the campaign.”',
      ],
      ['gushed', '“It is a dream come true for the club,” gushed Lena Park.'],
      ['implored', 'Lena Park implored voters: “Please turn out on Thursday.”'],
      ['chimed in', 'Tom Hale spoke first.\n\n“I agree with every word,” Lena Park chimed in.'],
      ['texted', '“On my way to the station now,” Lena Park texted.'],
      ['fumed', '“This is a betrayal of the voters,” fumed Lena Park.'],
      ['sighed', '“We have been here before,” Lena Park sighed.'],
      ['retaliated', 'Tom Hale spoke first.\n\n“This town will always be this town,” an angry Lena Park retaliated.'],
      [
        'any past tense between a quote and a full name (“beamed”)',
        'A thousand supporters cheered.\n\n“This is fantastic!” beamed Lena Park of Madison, Alabama.',
      ],
      [
        'a sentence reported by a described name, then a quote with no cue',
        'Voters are running out of time.\n\nOr maybe Tom Hale, digital consultant Lena Park says. “Several surveys suggest a second look.”',
      ],
    ])('%s', (_name, body) => {
      expect(quotesOf(H + body)[0]?.[1]).toBe('Lena Park');
    });

    it('gives an unnamed member of a party to nobody (“said a New Hampshire Republican”)', () => {
      expect(speakerOf('“The real race is for second,” said a New Hampshire Republican, who asked not to be named.', 'The real race')).toBeNull();
      expect(speakerOf('“No,” said Republican Tom Hale.', 'No')).toBe('Tom Hale');
      expect(speakerOf('“It was not convincing,” said one Democrat familiar with the talks.', 'It was not')).toBeNull();
      // …described or not, and whoever the article named before.
      const body =
        'Tom Hale spoke. Paul Reed did not.\n\n“It is over,” said a senior Republican.\n\n“The energy is there,” said one well-connected Democrat familiar with the talks.';
      expect(speakerOf(body, 'It is over')).toBeNull();
      expect(speakerOf(body, 'The energy')).toBeNull();
    });

    it('gives what a campaign says to the campaign, not its candidate, under one name', () => {
      const body =
        'Paul Reed spoke on Monday.\n\nThe Reed campaign said, “We won the night.”\n\nReed’s campaign said, “Nobody asked us.”\n\nThe Reed campaign projects that “a tax of a fraction of a percent” would raise $75 billion.';
      expect(speakerOf(body, 'We won')).toBe('Reed campaign');
      expect(speakerOf(body, 'Nobody asked')).toBe('Reed campaign');
      expect(speakerOf(body, 'a tax of')).toBe('Reed campaign');
      // After another speaker's quote, an explicit "the campaign said" is not a continuation of theirs;
      // and someone of the campaign's is not the campaign.
      const after =
        'Paul Reed spoke on Monday.\n\n“We are done,” Ross campaign spokeswoman Amy Tovey said.\n\n“We are not done,” the Reed campaign said.\n\nA Reed campaign official later walked back the comments, saying that Reed “had no particular video in mind.”';
      expect(speakerOf(after, 'We are not done')).toBe('Reed campaign');
      expect(speakerOf(after, 'had no particular')).not.toBe('Reed campaign');
    });

    it('takes the full name of a speaker from a Title Case headline “Name: ‘…’”', () => {
      const analyzed = analyze('Amelie Tovey: ‘We Will Not Back Down On Clinics’\n\n“I was in Leeds the other day and a woman stopped me,” said Tovey.');
      expect(analyzed.quotes[0]?.speaker).toBe('Amelie Tovey');
    });

    it('gives what an official’s office says to the official', () => {
      const body =
        'Tom Hale spoke on Monday.\n\n“He did write the mayor a memo,” Hale’s office said in a statement. “At the time there was no other system.”\n\nHale’s office assured voters that he will be “fully cleared.”';
      expect(speakerOf(body, 'He did write')).toBe('Tom Hale');
      expect(speakerOf(body, 'At the time')).toBe('Tom Hale');
      expect(speakerOf(body, 'fully cleared')).toBe('Tom Hale');
    });

    it('gives what an editorial board writes to its newspaper', () => {
      const body =
        'The Harbour Herald published an editorial on Tuesday.\n\nThe Herald notes that Tom Hale tweeted about the port.\n\n“Are we talking about the same port?” the editorial board writes.\n\n“No,” the editors said.';
      expect(speakerOf(body, 'Are we talking')).toBe('Harbour Herald');
      expect(speakerOf(body, 'No')).toBe('Harbour Herald');
    });

    it('reads a company named after its founder as an organisation (“Marc Fisher Footwear”)', () => {
      const analyzed = analyze(
        `${H}Amy Tovey makes shoes. Her label is licensed to Tom Marsh Footwear, which took it over in May.\n\n“They are a trusted partner,” she said.`,
      );
      expect(analyzed.people.filter((p) => p.kind === 'person').map((p) => p.name)).not.toContain('Tom Marsh Footwear');
      expect(analyzed.quotes[0]?.speaker).toBe('Amy Tovey');
    });

    it('gives a fragment in the sentence after reported speech not to that speaker (“…,” as a memo put it)', () => {
      const body =
        'Senator Amy Tovey said the program sends a terrible message. Others echo her concerns, because its main requirement is a “lawful source of investment income,” as a county memo put it.';
      expect(speakerOf(body, 'lawful source')).not.toBe('Amy Tovey');
    });

    it('takes no capitalised adverb for a person (“Hastily politicizing …, Hale …”)', () => {
      const analyzed = analyze(
        `${H}Hastily politicizing the fire in Leeds, Tom Hale cast the blame on his rivals, and stressed the threat that “open borders” pose.`,
      );
      expect(analyzed.people.map((p) => p.name)).not.toContain('Hastily');
      expect(analyzed.quotes.map((q) => q.speaker)).not.toContain('Hastily');
    });

    it('does not read “answers” as a speech verb', () => {
      expect(speakerOf('Tom Hale’s answers, which ran to “several pages of notes,” were late.', 'several')).toBeNull();
    });
  });

  describe('descriptions and organisations', () => {
    it('closes a quote on an opening mark typed for the closing one (“It is unusual,“ said X)', () => {
      const analyzed = analyze(
        `${H}Hale gives paid speeches.\n\n“It is unusual,“ said Lara Noble, an attorney with the Legal Center. “It is a hard thing to pull off without stepping over the line.”\n\nThe party called for an “expedited review“ of the pipes.`,
      );
      expect(analyzed.quotes.map((q) => [q.text, q.speaker])).toEqual([
        ['It is unusual,', 'Lara Noble'],
        ['It is a hard thing to pull off without stepping over the line.', 'Lara Noble'],
        ['expedited review', null],
      ]);
    });

    it('reads a speaker past an apposition, a relative clause or “by saying”, and past two spaces', () => {
      const analyzed = analyze(
        `${H}Ana Ruiz grew up here. Said Dora Poyle, who grew up with Ruiz in the neighborhood, “We were all so proud of her.”\n\nRuiz “is tapping into something very deep inside the party,” Simon Rosen, a Reed supporter, told the Gazette.\n\n“She has cast the mayor as a champion of that system, and she has done it well.”\n\nPaul Reed distanced himself from the campaign by saying he would help if asked. \u00a0“I am going to support her, and support her gladly.”`,
      );
      expect(analyzed.quotes.map((q) => q.speaker)).toEqual(['Dora Poyle', 'Simon Rosen', 'Simon Rosen', 'Paul Reed']);
    });

    it('gives “his wife said” to the wife the article has named, and to no one when it has not', () => {
      const named = analyze(`${H}Tom Hale came with his wife, Ana Hale, at his side. “We won,” he said. “They are still here,” his wife said.`);
      expect(named.quotes.map((q) => q.speaker)).toEqual(['Tom Hale', 'Ana Hale']);
      const apposed = analyze(`${H}Tom Hale and Ana Hale, his wife, came. As the crowd cheered, his wife whispered to him: “They are still here.”`);
      expect(apposed.quotes.map((q) => q.speaker)).toEqual(['Ana Hale']);
      const unnamed = analyze(`${H}Tom Hale spoke. “We won,” he said. “They are still here,” his wife said.`);
      expect(unnamed.quotes.map((q) => q.speaker)).toEqual(['Tom Hale', null]);
    });

    it('keeps a quote that runs into its own attribution from going on with the speaker before', () => {
      const analyzed = analyze(
        `${H}Tom Hale spoke on Monday. “We won,” he said. “They are still here,” his wife said. “It is over,” said his campaign manager Paul Reed, speaking to reporters.\n\n“We stand by the count,” the Gazette said in a statement.\n\n“Furthermore, Hale offered to appear if we paid him,” the statement said.`,
      );
      expect(analyzed.quotes.map((q) => q.speaker)).toEqual(['Tom Hale', null, 'Paul Reed', 'Gazette', 'Gazette']);
    });

    it('gives an organisation’s unnamed spokesperson’s words to it, and “X’s campaign” to the campaign', () => {
      const analyzed = analyze(
        `${H}Platte River Networks is in Denver. A spokesman for Platte River declined to comment but said that “Platte River did not, at any time, wipe the server.”\n\nThe pro-Hale Twitter account was shut down. “Threats have no place on Twitter,” a Twitter spokesman said.\n\nTom Hale faces questions. In responding Friday, Hale’s campaign took the unusual step of criticizing the agencies, accusing them of “overclassification run amok.”\n\nOn television, Hale's campaign chairman, Paul Reed, dismissed the criticism as “talking points.”\n\n“We never did it,” a Hale spokesman said.`,
      );
      expect(analyzed.quotes.map((q) => q.speaker)).toEqual(['Platte River', 'Twitter', 'Hale campaign', 'Paul Reed', null]);
    });

    it('gives a campaign’s email to the campaign, and one who emailed their email', () => {
      const analyzed = analyze(
        `${H}Tom Hale leads the race. On Saturday, his campaign sent out a fundraising email stressing his gains.\n\n“Our drive has already forced a senator to change her mind,” read the email.\n\nAna Ruiz, vice chairwoman for the Reed campaign, emailed supporters on Monday, telling them to vote. The email goes on to say: “We have to be ready to stop him.”\n\n“We want a fair count,” Paul Reed said. He goes on to say, “The count must be done by hand.”`,
      );
      expect(analyzed.quotes.map((q) => q.speaker)).toEqual(['Hale campaign', 'Ana Ruiz', 'Paul Reed', 'Paul Reed']);
    });

    it('gives a document the words of whoever issued it, sent it or signed it', () => {
      const analyzed = analyze(
        `${H}In Salem, Mayor Paul Reed released a statement on Friday condemning the fire. He said he had called the chief.\n\n“We stand with every family that lost a home,” the statement said.\n\nHale’s press secretary, Ian Cook, provided a written statement to the paper.\n\n“After reviewing the matter, the secretary believes he made a mistake,” the statement said.\n\nAn email was sent from the club’s director, Ana Ruiz, to its members. The email said, “We are closing the club.”\n\n“We did nothing wrong,” read the statement, which was attributed to Tom Hale.`,
      );
      expect(analyzed.quotes.map((q) => q.speaker)).toEqual(['Paul Reed', 'Ian Cook', 'Ana Ruiz', 'Tom Hale']);
    });

    it.each([
      ['“the bank” is the bank just named', 'Northfield Bank reported a loss on Tuesday.\n\n“We expect a much better year,” the bank said.', 'Northfield Bank'],
      [
        '“the company” is the company just named, whatever its name',
        'Acme Robotics cut 200 jobs.\n\n“These decisions are never easy,” the company said in a statement.',
        'Acme Robotics',
      ],
      [
        '“issued a statement saying” speaks for the issuer',
        'Northfield Bank issued a statement saying it was “deeply sorry for the error.”',
        'Northfield Bank',
      ],
      [
        '“the board” is the board named however far before',
        'Tom Hale won a ruling from the Illinois Board of Elections.\n\nTwo voters had challenged his bid with the board.\n\nThe board of elections on Monday rejected both objections.\n\n“The candidate may stand,” the board said.',
        'Illinois Board of Elections',
      ],
      [
        '“a statement from the company”',
        'Acme Robotics cut 200 jobs.\n\n“We thank our staff for their service,” a statement from the company said.',
        'Acme Robotics',
      ],
      [
        'a document speaks for whoever prepared it',
        'The report – prepared by the Harbour Research Institute, an independent body – states that the port is likely to ‘lose its lead within a decade’.',
        'Harbour Research Institute',
      ],
      [
        'the person in apposition speaks, not the organisation they lead',
        'The head of the Civic Rights League, Jonathan Marsh, warned that the ban would be “unfair to every family here.”',
        'Jonathan Marsh',
      ],
      [
        'a description of several words after the cue (“said the former top aide to …”) is the person just named',
        'One of the authors, Tom Hale, said the vote would test the plan. “Certainly the mayor has gone the other way,” said the former top aide to Governor Paul Reed.',
        'Tom Hale',
      ],
      [
        'a name in apposition to the description after the cue speaks',
        'Paul Reed pressed the diplomats. The party was “working to change its image,” wrote the American ambassador at the time, Jonathan Marsh.',
        'Jonathan Marsh',
      ],
      [
        'the person of an apposition left unclosed speaks, not the organisation it ends on',
        'Servers are seeing a pay cut.\n\nJonathan Marsh, president and CEO of Harbour Restaurant Association stated, “It is not a political problem; it is a math problem.”',
        'Jonathan Marsh',
      ],
      [
        'the person of a relative clause left unclosed speaks (“X, who is chairman of Y said”)',
        'Senator Paul Reed spoke. Jonathan Marsh, who is chairman of Forward Together said in a statement, “More and more, Reed looks like the past.”',
        'Jonathan Marsh',
      ],
      [
        'a spokesman named after his principal speaks for a fragment of his sentence (“calling the charge “pathetic””)',
        'Reed campaign spokesman Jonathan Marsh responded on Twitter, calling the charge “pathetic” and “dangerous.”',
        'Jonathan Marsh',
      ],
      [
        'a participle after a preposition’s object belongs to the sentence’s subject (“responded on Facebook writing”)',
        'Voters asked her about it online.\n\nMayor Ana Ruiz responded to the question on Facebook writing, “Yes, I will. That was a poor choice of words.”',
        'Ana Ruiz',
      ],
      [
        'a participle after the recipient of a letter is the writer’s (“wrote a letter to X asking”)',
        'Mayor Ana Ruiz wrote a letter to Attorney General Paul Reed asking the department to investigate the “fiasco.”',
        'Ana Ruiz',
      ],
      [
        'a gerund’s own subject after “from” is who spoke (“no different from X calling it …”)',
        'No different, she said, from Tom Hale calling the plan “voodoo economics” before he joined.',
        'Tom Hale',
      ],
      [
        'a writing on a platform speaks for its owner, not the platform (“From X’s Facebook post:”)',
        'Tom Hale endorsed Ross on Monday. From Hale’s Facebook post: “For the sake of our party, we must overcome the divisiveness.”',
        'Tom Hale',
      ],
      [
        'an inverted cue opening a label line (“Stated Hale:”)',
        'Tom Hale spoke in an interview on the radio.\n\nStated Hale:\n\n“I think that the stakes are so high.”',
        'Tom Hale',
      ],
      [
        'an adviser named by whom they advise is neither that person nor anyone named',
        'Senator Paul Reed said Ted Ross would campaign.\n\n“He is a practical man,” said the senior Ross adviser.',
        null,
      ],
      [
        'an organisation after several words (“according to the budget office”)',
        'The Congressional Budget Office published its outlook.\n\nAccording to the budget office, the rise in debt “is mainly due to the aging of the population.”',
        'Congressional Budget Office',
      ],
    ])('%s', (_name, body, speaker) => {
      expect(quotesOf(H + body)[0]?.[1]).toBe(speaker);
    });
  });

  describe('pronouns', () => {
    it("ends a sentence at a quote closed with two apostrophes (“… Deal.'' Mr. Hale said”)", () => {
      const analyzed = analyze(
        `${H}Tom Hale likes planes.\n\nIn 1988 he paid $8 million for a jet from a troubled Texas company, Acme Petroleum, according to his book ''The Art of Haggling.'' Mr. Hale said a smaller jet would have cost more.\n\n''It was a little more plane than I needed,'' he wrote.`,
      );
      expect(analyzed.quotes.map((q) => q.speaker)).toEqual(['Tom Hale']);
    });

    it('does not carry a speaker past a sentence naming someone else, even with no space after the quote', () => {
      const analyzed = analyze(
        `${H}On May 5, Tom Hale posted a photo of himself eating a taco bowl. “Happy Cinco de Mayo!,” he tweeted. “I love the bowls!”Former candidate Paul Reed broke down what was wrong with the image to a Dutch newspaper: “What Hale did was so insensitive.”`,
      );
      expect(analyzed.quotes.map((q) => q.speaker)).toEqual(['Tom Hale', 'Tom Hale', 'Paul Reed']);
    });

    it('keeps the voice through an opening phrase that runs into a fragment (“Unless rivals quit, “it is …”)', () => {
      const analyzed = analyze(
        `${H}“It is an enormous moment,” said Tom Hale, a strategist on the Reed campaign in 2008. Unless further rivals quit the race, “it is very difficult to see how he is stopped.”`,
      );
      expect(analyzed.quotes.map((q) => q.speaker)).toEqual(['Tom Hale', 'Tom Hale']);
    });

    it('reads no cue from the next sentence that opens with “Therefore”', () => {
      const analyzed = analyze(
        `${H}That criticism was often warranted, Tom Hale said. (Just take the decision by the former aide and current anchor Paul Reed to give $75,000 to the foundation, for which he apologized last year.) But, as Mr. Hale said, “At a certain point, you realize you have destroyed your credibility.” Therefore any attempt to debunk a falsehood by Mr. Okafor, he said, becomes hopeless.`,
      );
      expect(analyzed.quotes.map((q) => q.speaker)).toEqual(['Tom Hale']);
    });

    it('gives “it” the organisation quoted just before, and no one else', () => {
      const analyzed = analyze(
        `${H}Acme Robotics sold the listing.\n\n“We have no tie to him,” the company wrote in its statement.\n\nIt added, “We want no part in the sale.”\n\n“I am done,” Tom Hale said. It seemed final. It added to the doubt, “as if nothing had happened.”`,
      );
      expect(analyzed.quotes.map((q) => q.speaker)).toEqual(['Acme Robotics', 'Acme Robotics', 'Tom Hale', null]);
    });

    it('goes on with a speaker through sentences about them, led by their surname or a pronoun', () => {
      const analyzed = analyze(
        `${H}“Immigration matters, but in my view it is schools,” says Ana Ruiz, 32, of Sodus, who works in retail. Ruiz supports Tom Hale in the race. She has two jobs. “I am a graduate, but I have student loans.”\n\n“We need a plan,” says Paul Reed. Hale disagrees with him. “It is too late for that.”`,
      );
      expect(analyzed.quotes.map((q) => q.speaker)).toEqual(['Ana Ruiz', 'Ana Ruiz', 'Paul Reed', null]);
    });

    it('gives a bare surname to the principal, not to a relative introduced after them (“Eric Hale, son of …”)', () => {
      const analyzed = analyze(
        `${H}As Paul Hale began tweeting a new nickname for his rival, his son said he is just getting started.\n\nEric Hale, son of the front-runner, talked politics on Monday. “It is going to be an interesting battle,” Eric Hale said. “He will go after her,” Eric Hale said.\n\nEric Hale’s comments came after the tweet. Eric Hale also spoke of the polls.\n\nPaul Hale spoke at a rally in Leeds on Friday, where he laid out his plans for the port, the rail line and the schools, and took questions from the crowd for an hour.\n\n“Remember when she said she was poor?” Hale said Friday.\n\nAna Ruiz, the daughter of Tom Ruiz, won the primary. Tom Ruiz held the seat for a decade. Ana Ruiz, 50, received 40 percent of the vote.\n\n“Now it is time to look forward,” Ruiz said.`,
      );
      expect(analyzed.quotes.map((q) => q.speaker)).toEqual(['Eric Hale', 'Eric Hale', 'Paul Hale', 'Ana Ruiz']);
    });

    it('reads a wife named after her husband (“Jane Hale, Paul Hale’s wife”) as his relative, not as who “Hale” means', () => {
      const analyzed = analyze(
        `${H}Paul Hale opened his campaign in Leeds on Monday.\n\nJane Hale, Paul Hale’s wife, spoke first. “We are ready,” Jane Hale said. “It is time,” Jane Hale said. Jane Hale also met the press, and Jane Hale thanked the crowd. Jane Hale left at noon.\n\nPaul Hale took questions from the crowd for an hour, on the port, the rail line, the schools and the budget, and then walked the length of the high street to shake hands with shopkeepers.\n\n“We will win in May,” Hale said.`,
      );
      expect(analyzed.quotes.map((q) => q.speaker)).toEqual(['Jane Hale', 'Jane Hale', 'Paul Hale']);
    });

    it('gives “it” to the organisation or document its sentence, or the one before, is about', () => {
      const analyzed = analyze(
        `${H}Tom Hale spoke about the tax on Monday.\n\nAna Ruiz leads a program called the Harbour Trust. The group seeks to end the tax through what it calls “sensible reform.”\n\nHale’s campaign backtracked, putting out a statement contradicting him. On the tax, it said, “the rate is fair.”\n\nPaul Reed sent an email to his supporters. The email includes a photo of Reed. At the bottom it reads, “You can support the cause by chipping in.”`,
      );
      expect(analyzed.quotes.map((q) => q.speaker)).toEqual(['Harbour Trust', 'Hale campaign', 'Paul Reed']);
    });

    it('gives no one the quote of an unnamed member described by an organisation (“said one district GOP leader”)', () => {
      const analyzed = analyze(
        `${H}The Harbour GOP picked its delegates on Saturday.\n\n“One of my criteria was whether or not they support Tom Hale,” said one district GOP leader.`,
      );
      expect(analyzed.quotes.map((q) => q.speaker)).toEqual([null]);
    });

    it('gives “he” to a person, never to a newspaper that reported something', () => {
      const analyzed = analyze(
        `${H}In Leeds, the parade began with a moment of silence, the Leeds Ledger reported.\n\nA group dressed in "We are Leeds" T-shirts marched in silence. “I cried the whole parade,” he said.`,
      );
      expect(analyzed.quotes.filter((q) => q.text.startsWith('I cried')).map((q) => q.speaker)).toEqual([null]);
    });

    it('gives “he” after “X asked Y whether …” to Y, who answers', () => {
      const analyzed = analyze(
        `${H}Last month, the Ledger’s Tom Hale asked Paul Reed whether questions about his health were fair game.\n\n“Sure it is. I cannot remember the last day I took off,” he said.`,
      );
      expect(analyzed.quotes.map((q) => q.speaker)).toEqual(['Paul Reed']);
    });

    it('reads a person after an outlet’s possessive, “The Ledger’s Tom Hale”, as a person', () => {
      const analyzed = analyze(`${H}The Ledger’s Tom Hale provided a justification, saying it was “needed.”\n\n“We do this not out of spite,” Hale wrote.`);
      expect(analyzed.people.find((p) => p.name === 'Tom Hale')?.kind).toBe('person');
    });

    it('reads “the first lady” as a title of someone named, not as an unnamed woman', () => {
      const body =
        'Letters. Ana Ruiz deserves praise for her speech at the convention. The first lady spoke from the heart about our values. Her most striking appeal came when she said, “Make no mistake about it, this November is about our children.”';
      expect(speakerOf(body, 'Make no mistake')).toBe('Ana Ruiz');
    });

    it('knows a name ending in a generation (“IV”) by its surname, so “he” can be him', () => {
      const analyzed = analyze(
        `${H}A donor to Sen. Paul Reed (D-OR) paid for the banners.\n\nIt turns out that Reed donor Orvin Tad Bexley IV, a timber tycoon, was behind them.\n\nBexley and his friends have tried to keep Reed out of it. Bexley said in an interview that he backs no one, and after a lunch he had with Reed, he flew home.\n\n“I have not talked to any campaign in a year,” he said.`,
      );
      expect(analyzed.quotes.map((q) => q.speaker)).toEqual(['Orvin Tad Bexley IV']);
    });

    it('follows “he” back through paragraphs that name no one, not past an unnamed woman', () => {
      const analyzed = analyze(
        `${H}Tom Hale was adopted in 1981.\n\n“I was, like, shocked,” said Hale, 44.\n\nHe was deported. “The first week, I slept under a bridge.”\n\nHe now works at a shop in Seoul.\n\n“I am banned for life,” he said.\n\nOne woman adopted in 1970 learned of it in 2008.\n\nShe met with lawyers. “They scared me,” said the woman, who asked not to be named.\n\nShe is terrified of losing her job.\n\n“I am even more scared now,” she said.`,
      );
      expect(analyzed.quotes.map((q) => [q.text.slice(0, 12), q.speaker])).toEqual([
        ['I was, like,', 'Tom Hale'],
        ['The first we', null],
        ['I am banned ', 'Tom Hale'],
        ['They scared ', null],
        ['I am even mo', null],
      ]);
    });

    it.each([
      [
        '“he” is not the club the sentence before is about',
        'Tom Hale joined Harrow Athletic in 2019.\n\nHarrow Athletic won the cup that year.\n\n“It was the best time of my life,” he said.',
      ],
      ['“he” is not the club that signed him', 'Harrow Athletic signed Tom Hale on Monday.\n\n“I am thrilled to be here,” he said.'],
      [
        'a sentence led by a pronoun keeps its antecedent, not its object',
        'Tom Hale said the vote was close. He told Paul Okafor about it, and then he added: “We won by two.”',
      ],
      [
        'the name in apposition to the sentence’s opening description is “he”',
        "Mayor Paul Reed may run again. Reed's pollster, Tom Hale, says his man has the money and the time. “I don't think the old view is going to last,” he says.",
      ],
      [
        'a party label mid-run makes no organisation of the person (“House Intelligence Republican Tom Hale”)',
        'House Intelligence Republican Tom Hale (R-Kans.), who has seen the emails but would say nothing, agreed.\n\n“Some of this is not about articles,” he said.',
      ],
      [
        'a country is no antecedent (“his parents’ Dominican Republic”)',
        'Tom Hale starts talking about baseball. In his parents’ Dominican Republic, “baseball and politics are the national sport,” he says.',
      ],
      [
        'the author of an article its sentence is about is “he”',
        'Columnist Tom Hale wrote on Sunday that the deal was rushed. Mayor Paul Reed defended it on Monday.\n\nHale’s article also attacked Reed for his vote. He calls Reed’s vote “the most cynical deal of the decade.”',
      ],
      [
        'a sentence whose pronoun subject follows an opening phrase keeps the pronoun’s antecedent, not a title it names',
        'Tom Hale, a Trenton native, owes $90,000 in loans. At 29 years old, he still lives in his old bedroom, walls covered with the same Top Gun and Space Jam posters.\n\n“Who wants to live at home at 29?” he said.',
      ],
      [
        'who reports a sentence about someone else (“Ross electrified the crowds, Hale said.”) is the “he” that follows',
        'Tom Hale joined Ted Ross at rallies in bars around the city.\n\nRoss electrified the small crowds with his speeches, Hale said.\n\n“He was very articulate, smart, well-spoken,” he said.',
      ],
      [
        'a sentence closed by “he said” goes on into the next sentence’s quote, and “he” is not whom that sentence names',
        'Tom Hale, a blogger in Chicago, said he will not vote for Senator Ted Ross. Also, Ross is not a conservative, he said. “He is a liberal!”\n\nOther voters disagreed.',
      ],
      [
        'a name the pronoun follows straight after its comma (“At an interview with Harbour Politics, he said”) is no subject',
        'Tom Hale said he may campaign for Ross. At an interview on Tuesday with Harbour Politics, he said he would do so because Ross is “a good candidate.”',
      ],
      [
        'a speechwriter named by whom they wrote for (“former Paul Reed speechwriter Tom Hale”) is the subject, not Reed',
        'Former Paul Reed speechwriter Tom Hale wrote a column this month. He wrote that Ross “has built a movement the party cannot hold.”',
      ],
      [
        'a convention named in an opening phrase is no one (“On the last day of the Republican National Convention, …”)',
        'Tom Hale joined the race in May. On the last day of the Republican National Convention in July, Tom Hale strode across the stage. Then he broke with party norms.\n\n“Policies that help parents should not be novelties,” he said.',
      ],
      [
        'a person introduced with their place and description (“Sen. X of Ohio, the ranking Democrat, …”) is who the reporter quotes next',
        'Paul Reed has said none of the money was his.\n\nReed’s position was backed on Friday by Sen. Tom Hale of Ohio, the ranking Democrat on the committee, who said none of the money came from Reed.\n\n“It has never made sense to me that Reed can be blamed,” he said in a statement.',
      ],
      [
        'places joined by “and” before a preposition are no clause subject (“in Ohio and Iowa against …”)',
        'Senator Tom Hale has been criticised for his record in Ohio and Iowa against the odds, though in a news conference last week he used stronger language, saying the bill “must be passed.”',
      ],
      [
        'a “who” after a clause stands for that clause’s noun, not a place before its comma',
        'Tom Hale, a radio host, recalled that before Iowa, Ross was not trusted by his listeners, who wondered if “he would be the token candidate.”\n\n“I hate to put it that way,” he said.',
      ],
      [
        'a capitalised role after its principal (“Reed campaign Chairman Tom Hale”) leaves the subject to the person, and a name like “Reed” opens no participle phrase',
        'Reed campaign Chairman Tom Hale — Paul Reed’s former chief of staff — offered a slogan when I asked him how she would mount a defense.\n\n“She will fight for the people,” he said.',
      ],
      [
        'a name in an aside between dashes is no subject (“-- that Reed is seen as … --”)',
        'More voters want a third party.\n\nMayor Paul Reed may run. Reed’s pollster, Tom Hale, says his man has the money and time to fill that need. “I don’t think the conventional wisdom” -- that Reed is seen as a nanny-state liberal -- “is going to last,” he says.',
      ],
      [
        'who reports the sentence a participle hangs on is its speaker (“…, Hale said, adding, “…””)',
        'Tom Hale runs the hall. Paul Reed did not mingle but left as soon as prayers were finished, Hale said, adding, “He was quiet.”',
      ],
      [
        'who reports a sentence mid-way (“…, Hale said, is that …”) is the “he” that follows',
        'Tom Hale spoke to reporters. The good news for Senator Paul Reed, Hale said, is that as the front-runner, he is sure to draw a crowd. “He will still get coverage,” he said.',
      ],
      ['an embassy is no “he”', 'Tom Hale heard the gunfire first. The guards alerted the Harbour Embassy in Tripoli.\n\n“We tried to get eyes up,” he said.'],
      [
        'a quote with no cue of its own after reported speech closed by its cue',
        'Tom Hale, a professor, studies rumours.\n\nThis makes it hard to dislodge misinformation, he said. Good information still drives out bad, but only when “the truth is sexier than the lie.”',
      ],
    ])('%s', (_name, body) => {
      expect(quotesOf(H + body)[0]?.[1]).toBe('Tom Hale');
    });
  });

  it('reads a run of readers’ comments, each with its own cue', () => {
    const body =
      "There were mixed reactions. Janine Gamblen wrote: 'Some people really are just stupid,' while Sarah Edwards added: 'Only in Oldham.' " +
      "The man had returned from Algeria. 'The mind boggles,' commented Tracy Ayre while Suzi Forbes believes the man should have been punished, saying: 'Give him a cell!' " +
      "However, Joanne Parker made light of the incident writing: 'Haha funny.'";
    expect(quotesOf(H + body)).toEqual([
      ['Some people really are just stupid,', 'Janine Gamblen'],
      ['Only in Oldham.', 'Sarah Edwards'],
      ['The mind boggles,', 'Tracy Ayre'],
      ['Give him a cell!', 'Suzi Forbes'],
      ['Haha funny.', 'Joanne Parker'],
    ]);
  });

  it('tells a father and his son apart by the words the story uses for each', () => {
    const body =
      'The last time Frank Dorsey spoke with his son, Lewis Dorsey was fishing off the coast. Two months later the younger Dorsey was on a cargo ship. ' +
      '"I thought I lost you," the relieved father said. Lewis Dorsey, 37, had taken his boat out in January. ' +
      '"I was grateful to the people who rescued me," Dorsey told CNN. Frank Dorsey told CNN. "He has a very strong constitution," Frank Dorsey said. ' +
      'The younger Dorsey said the boat capsized. "Everything I owned got broken," Dorsey said.';
    expect(quotesOf(H + body)).toEqual([
      ['I thought I lost you,', 'Frank Dorsey'],
      ['I was grateful to the people who rescued me,', 'Lewis Dorsey'],
      ['He has a very strong constitution,', 'Frank Dorsey'],
      ['Everything I owned got broken,', 'Lewis Dorsey'],
    ]);
  });

  it('a surname means the person named in the narrative, not one named only inside a quote', () => {
    const body = 'Carla Stone spoke after her husband.\n\n“Bill Stone taught me everything,” she said.\n\n“We will fight on,” Stone said.';
    expect(quotesOf(H + body)).toEqual([
      ['Bill Stone taught me everything,', 'Carla Stone'],
      ['We will fight on,', 'Carla Stone'],
    ]);
  });

  it('reads the author of a post a sentence is “according to” as a person the next quotes go on from', () => {
    const body =
      'Ted Ross spoke on Monday. The site will treat the race as news, according to a post from Jessamyn Hale.\n\n' +
      '“We will not only be covering the race but also its impact on the country.”\n\n' +
      'Ross did not reply. “It is news now, and we will say so,” she wrote.';
    expect(quotesOf(H + body).map(([, speaker]) => speaker)).toEqual(['Jessamyn Hale', 'Jessamyn Hale']);
  });

  it('reads a first name that opens sentences again and again as a person (“Bob agreed to talk …”)', () => {
    const body =
      'Senator Ted Ross criticised the agency.\n\nBob agreed to talk on condition that his last name not be used. Bob worked for the agency for thirty years.\n\n“I thought I would regret it if I did not,” he said.';
    expect(quotesOf(H + body)[0]?.[1]).toBe('Bob');
  });

  it('knows common first names (“Her father, Brad, 39, worried …”)', () => {
    const body =
      'Aubrey Tovey, 14, hoisted a sign. Her father, Brad, 39, worried that voters read too little.\n\n“People are afraid of wasting their votes,” he said.';
    expect(quotesOf(H + body)[0]?.[1]).toBe('Brad');
  });

  it('reads a relative introduced by first name alone as a person, with the family name a possessor gives', () => {
    const body =
      'Mayor Ana Ruiz spoke first. On Tuesday, Ruiz’s husband, Carlos, joined her on stage. “We are proud of her,” he said.\n\n' +
      'Tom Hale lost by two votes. On Wednesday, his wife, Mary, called for a recount. “Count every vote again,” she said.';
    expect(quotesOf(H + body)).toEqual([
      ['We are proud of her,', 'Carlos Ruiz'],
      ['Count every vote again,', 'Mary'],
    ]);
  });

  it('reads a person named inside an organisation’s name, and a first name with an organisation word as a person', () => {
    expect(quotesOf(`${H}Ana Ruiz appeared on The Tom Hale Show on Monday.\n\n“You do not have to choose,” Hale said.`)[0]?.[1]).toBe('Tom Hale');
    expect(quotesOf(`${H}Mayor Don Guardian spoke first.\n\n“We will win this,” he said.`)[0]?.[1]).toBe('Don Guardian');
    // …but not when the word is only ever an organisation's.
    expect(analyze(`${H}“We will look into it,” Austin Police said.`).people).toEqual([
      expect.objectContaining({ name: 'Austin Police', kind: 'organisation' }),
    ]);
  });

  it('takes the subject of a sentence after its opening “When …” clause', () => {
    const body =
      'Paul Reed hosted the show. When Reed called it “a plan for all,” Tom Hale seized on the phrase, repeating his line.\n\n“It is not the same if you hand it to the states,” he said.';
    expect(quotesOf(H + body).at(-1)?.[1]).toBe('Tom Hale');
  });

  it('keeps a father and son who share a name apart by their suffixes, and names them without the comma', () => {
    const body =
      '“I back the governor,” Carl Weston III, who runs the institute, said on Monday.\n\n' +
      'Weston founded the institute in 2001. His father, Carl Weston, Jr. was a speechwriter in the 1960s.\n\n' +
      '“We fought this fight before,” Weston said.';
    const analyzed = analyze(H + body);
    expect(analyzed.quotes.map((q) => q.speaker)).toEqual(['Carl Weston III', 'Carl Weston III']);
    expect(analyzed.people.map((p) => p.name).sort()).toEqual(['Carl Weston III', 'Carl Weston Jr.']);
  });

  it('reads the speaker of a roundup line from the layout', () => {
    const body = 'Reactions from the papers:\n\nAna Ruiz, Daily Herald: “A triumph for the town.”\n\nTom Hale, Evening Post: “A disaster for the town.”';
    expect(quotesOf(H + body)).toEqual([
      ['A triumph for the town.', 'Ana Ruiz'],
      ['A disaster for the town.', 'Tom Hale'],
    ]);
    // Under each item's heading in capitals, as newsletters lay them out.
    // A second label after a quote, in the same paragraph.
    const paired = 'Lena Park and Tom Hale reject the plan.\n\nPark: “Our goal is to defeat it.” Hale: “The mission is to end it.”';
    expect(quotesOf(H + paired)).toEqual([
      ['Our goal is to defeat it.', 'Lena Park'],
      ['The mission is to end it.', 'Tom Hale'],
    ]);
    const headed = 'WHY TURNOUT MATTERS - Paul Okafor: “At long last the contests have started, and we have a first look at turnout.”';
    expect(quotesOf(H + headed)).toEqual([['At long last the contests have started, and we have a first look at turnout.', 'Paul Okafor']]);
  });

  describe('canonical names carry no descriptors', () => {
    it.each([
      ['a belief', 'Scientologist Tom Hale said: “I have nothing to hide.”', 'Tom Hale'],
      ['a title', 'MP Ana Ruiz said: “The vote was a sham from the start.”', 'Ana Ruiz'],
      ['an outlet’s possessive', 'Channel Nine’s Lena Park said: “We stand by our story.”', 'Lena Park'],
      ['a one-word descriptor', 'Russia-backed Lena Park said: “We will not leave.”', 'Lena Park'],
      ['a descriptor of two words', 'South Korean-born Lena Park said: “We will not leave.”', 'Lena Park'],
      ['a priest’s title', 'Father Jacques Hamel said: “We will not leave.”', 'Jacques Hamel'],
      ['a party label', '“This is very serious,” Democrat Zara Teale says in the ad.', 'Zara Teale'],
      ['a time word', 'Yesterday Lena Park said: “We will not leave.”', 'Lena Park'],
      ['a place and a title before the name', '“We will not leave,” said former Utah governor Lena Park, a party elder.', 'Lena Park'],
      ['an organisation’s name goes on past “of”', '“We will not leave,” the Supreme Court of the United States said.', 'Supreme Court of the United States'],
      ['…with a full stop after it', '“We will not leave,” said the University of Texas.', 'University of Texas'],
      ['a conjunction', 'Neither Lena Park nor her deputy came to the hearing.\n\n“We will not leave,” Park said.', 'Lena Park'],
      [
        'a two-word surname alone is the person named in full',
        'Rep. Lena Vargas Llosa, the committee’s chair, chose four.\n\nVargas Llosa said at the hearing: “We will not leave.”',
        'Lena Vargas Llosa',
      ],
      ['a name that ends a sentence', 'The defence then called Maria Lopez. She said: “We will not leave.”', 'Maria Lopez'],
      ['a hyphenated title', 'Co-anchor Norah Quill, who was off-screen, then loudly asked, “Really? Every day?”', 'Norah Quill'],
      [
        'an inverted cue opening the sentence is no first name (“Said Ellis:”)',
        'Ryan Ellis of the Tax Fund spoke first. Reed has ignored the issue. Said Ellis: “I don’t get the sense he is interested in tax reform.”',
        'Ryan Ellis',
      ],
      ['a number opening the sentence', 'Six Reed supporters were turned away. “Look at what happened in Leeds,” Reed told supporters.', 'Reed'],
      [
        'a participle opening the sentence',
        'Tom Hale ran the campaign. Reached by the Ledger, Hale denied a shake-up, saying he was “taking a day off.”',
        'Tom Hale',
      ],
      [
        'a pronoun after an abbreviation opens the next sentence (“the U.S. He says”)',
        'Chris Rowe of the Gun Owners League says the plan will not work in the U.S. He says voters do not want “more lectures from Washington.”',
        'Chris Rowe',
      ],
      ['an adviser’s title', 'Clinton Senior Adviser Sidney Marsh said: “We have no idea what he means.”', 'Sidney Marsh'],
      ['a priest’s title', 'Fr. Frank Pallo, who runs the shelter, spoke last. “We are full every night,” said Pallo.', 'Frank Pallo'],
      ['a local office’s title, whatever word the surname is (“Mayor Don Guardian”)', '“Yes,” Harbour City Mayor Don Guardian said.', 'Don Guardian'],
      ['an assemblywoman’s title', '“No,” said Assemblywoman Claudia Tenn.', 'Claudia Tenn'],
      ['a title of several words (“Public Advocate”)', '“Maybe,” said New York City Public Advocate Trish Jamison.', 'Trish Jamison'],
      [
        'a first name that is also a common word (“Christian”)',
        'Christian Marsh, a former mayor, spoke first. “It was premeditated,” Marsh told television.',
        'Christian Marsh',
      ],
      ['a first name that is also a verb (“Will”)', 'Will Tovey, a professor, studies costs. “It is an expensive model,” Tovey said.', 'Will Tovey'],
      ['a hyphenated title after the organisation', '“He is a candidate unlike any,” said Post Editor-in-Chief Martin Bayer.', 'Martin Bayer'],
      [
        'a team named after its leader is not the leader',
        'Team Reed has worked on his tone.\n\nIn somber comments, Reed called the shooting “an attack on our city.”\n\nPaul Reed spoke on Monday.',
        'Paul Reed',
      ],
      ['an archbishop’s title', '“We have suffered the same,” Archbishop Aris Tovmas told reporters.', 'Aris Tovmas'],
      [
        'a thing named after someone (“the Hale Express”) is not who the bare surname means',
        'For those not yet on the Hale Express, vote anyway.\n\nHale told the Ledger that Paul Reed “ran a campaign that was maniacal.”',
        'Hale',
      ],
      [
        'an acronym alone is no first name (“LGBT” is not “LGBT Voters”)',
        'Tom Hale made his pitch to LGBT Voters after the attack.\n\nLGBT groups met LGBT leaders, and LGBT donors met him. “We want to be safe,” he said.',
        'Tom Hale',
      ],
      [
        'a plural description opening a list of names',
        'Celebrities Julianne Marsh, Kerry Lane and Amy Tovey went on Twitter. “Thank you for stepping up,” Marsh wrote.',
        'Julianne Marsh',
      ],
      [
        'a place describing the subject is not the subject (“The Ohio senator sought …”)',
        'Dana Whitlow spoke over the boos as she congratulated Ohio primary winner Tom Hale.\n\nThe Ohio senator sought to calm her supporters, saying a heckler would “not get hurt” at her rally.',
        'Dana Whitlow',
      ],
      [
        'a described role held by someone else titled in the article (“Sen. Ray Tovey”)',
        'Dana Whitlow, third in the polls, appeared with Sen. Ray Tovey, R-Iowa.\n\nThe Ohio senator told reporters she feels good, and “we will see what it brings.”',
        'Dana Whitlow',
      ],
      [
        'a place describing the speaker after an inverted cue (“said the Ohio senator”)',
        'Dana Whitlow backs an exception.\n\n“It is a difficult issue,” said the Ohio senator, “because two rights conflict.”',
        'Dana Whitlow',
      ],
      [
        'a party describing its front-runner (“the GOP front-runner said”)',
        'As usual, it was Tom Hale who drew the cameras. Appearing on a Sunday show, the GOP front-runner said his rival had “caused great harm” abroad.',
        'Tom Hale',
      ],
      [
        'a place after “of” is not whom “who” stands for (“Sen. Dana Whitlow of Ohio, who mused”)',
        'The inquiry gave fodder to rivals such as Sen. Dana Whitlow of Ohio, who mused in Thursday’s debate that Hale was “unfit to lead” because of it.',
        'Dana Whitlow',
      ],
      [
        'a place after “from” describes the speaker (“The senator from Ohio said”)',
        'Dana Whitlow spoke in Iowa.\n\nThe senator from Ohio said the system was “corrupt,” and she would change it.',
        'Dana Whitlow',
      ],
      [
        'a place before a lowercase title describes the person after it (“Former Ohio governor Ed Tovey”)',
        'Former Ohio governor Ed Tovey (D), a Hale supporter, praised Hale, calling it “an incredible feat” of organising.',
        'Ed Tovey',
      ],
      [
        'a party member described by a place is unnamed (“another Ohio Republican added”)',
        '“Polls mislead,” another Ohio Republican added. “Anything can happen.”',
        null,
      ],
      [
        'a party member described by a place is a person, not the party (“the Ohio Republican criticized”)',
        'The Ohio State Republican Party held its annual gala on Thursday.\n\nSpeaker Dana Whitlow says the world is watching.\n\nIn an interview, the Ohio Republican criticized the policy and said allies asked if the U.S. is “still in the game.”',
        'Dana Whitlow',
      ],
      ['an indefinite pronoun is no name (“Someone called it”)', 'Someone called it a “quiet revolution,” and I agree.', null],
      [
        'a capitalised descriptor and a lowercase role before a titled name (“Republican Presidential hopeful Sen. …”)',
        'In line with most voters, Republican Presidential hopeful Sen. Dana Whitlow was also critical, telling the paper: “These comments are typical of the administration.”',
        'Dana Whitlow',
      ],
      [
        'a place before a role and a name in apposition (“Hale’s Ohio state director, Mike Rubino,”)',
        'In early October, Hale’s Ohio state director, Mike Rubino, reached out to the firm, writing in an email: “We want to use this soon.”',
        'Mike Rubino',
      ],
      [
        'a role named with what it heads (“the former secretary of state said”)',
        'Dana Whitlow spoke in Ohio on Monday.\n\nThe former secretary of state said Hale would “outsource” the jobs.',
        'Dana Whitlow',
      ],
      [
        'the same after an inverted cue (“said the former secretary of state”)',
        'Dana Whitlow spoke in Ohio on Monday.\n\n“He is the king of debt,” said the former secretary of state.',
        'Dana Whitlow',
      ],
      ['a former first lady', 'Dana Whitlow spoke in Ohio on Monday.\n\nThe former first lady said she lacked the “responsibility gene.”', 'Dana Whitlow'],
      [
        'an age stands for the person, and a photo credit is nobody (“the 43-year-old asked”)',
        'Peter Tovey dubbed himself over the footage. Tovey posted the clip on Thursday.\n\nNeilson Barnard via Getty Images.\n\n“What if he had lessons?” the 43-year-old asked in the description.',
        'Peter Tovey',
      ],
      [
        'a title holder described by the title (“the pope told reporters”)',
        'Pope Francis met Dana Whitlow at the guest house, where Whitlow greeted him.\n\n“I shook his hand and nothing more,” the pope told reporters.',
        'Francis',
      ],
      [
        'a candidate’s unnamed adviser is not the candidate (“the Hale campaign adviser said”)',
        'Tom Hale toured Ohio on Monday.\n\nThe Hale campaign adviser said the crowds were “bigger than ever”.',
        null,
      ],
    ])('%s', (_name, body, speaker) => {
      expect(quotesOf(H + body)[0]?.[1]).toBe(speaker);
    });

    it('gives a bare surname to whom the article calls by it, not to a brother it calls by first name', () => {
      const freddy = Array.from({ length: 6 }, (_, i) => `Freddy flew planes in year ${i + 1}.`).join(' ');
      const analyzed = analyze(
        `${H}Mr. Hale seldom speaks of his brother Freddy.\n\nOne evening, Tom Hale met his older brother, Freddy, for dinner.\n\n${freddy}\n\nBut the case of Freddy Hale shaped him.\n\n“I watched him. And I learned from him,” Mr. Hale said.`,
      );
      expect(analyzed.quotes.map((q) => q.speaker)).toEqual(['Tom Hale']);
    });

    it('lists someone the story names by first name alone (“a resident named Caroline”) and gives her “she said”', () => {
      const analyzed = analyze(
        `${H}The woman who shouted identified herself to reporters as a 52-year-old Harbourton resident named Caroline.\n\n“He truly cares about people,” she said of Tom Hale.\n\n“It just came out of my mouth,” she said.`,
      );
      expect(analyzed.people.map((p) => p.name).sort()).toEqual(['Caroline', 'Tom Hale']);
      expect(analyzed.quotes.map((q) => q.speaker)).toEqual(['Caroline', 'Caroline']);
    });

    it('keeps a platform out of the name of whoever owns the account (“the pro-Hale Twitter account”)', () => {
      const analyzed = analyze(
        `${H}Versions of the pro-Islamic State Twitter account keep coming back. “We remove them every day,” Tom Hale said. Ana Ruiz posted a Tom Hale YouTube video. “It is old,” Twitter said.`,
      );
      expect(analyzed.people.map((p) => p.name).sort()).toEqual(['Ana Ruiz', 'Tom Hale', 'Twitter']);
      expect(analyzed.quotes.map((q) => q.speaker)).toEqual(['Tom Hale', 'Twitter']);
    });

    it('lists no holiday as a person (“on Election Day”)', () => {
      const analyzed = analyze(`${H}Tom Hale avoids travel and keeps away from the polls on Election Day. “I stay home,” he said.`);
      expect(analyzed.people.map((p) => p.name)).toEqual(['Tom Hale']);
    });

    it('gives no pronoun to a holiday (“on Cinco de Mayo, a day on which …”)', () => {
      // (A bare surname no title or first name confirms is no antecedent yet: better no one than the holiday.)
      const analyzed = analyze(
        `${H}On May 5, Hale posted a photo of himself eating a taco bowl and greeting voters on Cinco de Mayo, a day on which Americans celebrate. “Happy day!,” he tweeted.`,
      );
      expect(analyzed.quotes.map((q) => q.speaker)).toEqual([null]);
      expect(analyzed.people.map((p) => p.name)).not.toContain('Cinco de Mayo');
    });

    it('lists no preposition opening a sentence as a person (“Amid calls …, Hale …”)', () => {
      const analyzed = analyze(
        `${H}Amid calls from some to publish the list, the Gazette’s Tom Hale offered a defence of it, saying it is needed to “name the people who did this.”`,
      );
      expect(analyzed.people.map((p) => p.name)).toEqual(['Tom Hale']);
    });

    it('lists people and organisations, not fragments, and gives a singer her own quotes', () => {
      const analyzed = analyze(
        `${H}“I never wanted the fame,” New Zealand’s Lorde said.\n\nTom Hale spoke to Spanish TV on Sunday. “The list is nonsense,” Spanish TV reported him saying.\n\nNew details emerged on Monday. “It is all true,” Lorde said.`,
      );
      expect(analyzed.people.map((p) => [p.name, p.kind]).sort()).toEqual([
        ['Lorde', 'person'],
        ['Spanish TV', 'organisation'],
        ['Tom Hale', 'person'],
      ]);
      expect(analyzed.quotes.map((q) => q.speaker)).toEqual(['Lorde', 'Spanish TV', 'Lorde']);
    });
  });
});
