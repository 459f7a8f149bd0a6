// Word lists the name and attribution rules rely on. Kept in one place so tuning them is a
// one-file change; every list is lowercase.

const set = (s: string) => new Set(s.trim().split(/\s+/));

/** Titles that may stand before a person's name ("President", "Sen.", "Mr."). */
export const PERSON_TITLES = set(`
  president vice-president vice premier prime minister chancellor secretary senator sen sen. rep rep.
  representative congressman congresswoman gov gov. governor mayor mr mr. mrs mrs. ms ms. miss dr dr.
  prof prof. professor gen gen. general lt lt. col col. capt capt. sgt sgt. adm adm. admiral
  judge justice chief director speaker leader chairman chairwoman chair rev rev. reverend sir dame lord
  lady king queen prince princess pope ambassador attorney sheriff officer commissioner
  candidate nominee former first deputy acting state foreign defense defence interior finance
  treasury commerce health labor labour energy trade economy transport agriculture education
  house senate majority minority whip press spokesman spokeswoman spokesperson anchor host
  coach ceo chief-executive founder executive editor columnist correspondent analyst president-elect
  sheikh emir crown activist actor actress author comedian filmmaker writer economist historian
  lawyer businessman businesswoman billionaire entrepreneur strategist pollster pastor bishop
  mp mep msp mla tory labour conservative liberal captain skipper striker midfielder defender
  goalkeeper winger scientologist singer rapper presenter broadcaster commentator pundit chef
  designer musician guitarist drummer comic playwright novelist poet blogger campaigner co-anchor
  co-host co-founder co-chair adviser advisor aide senior assistant counsel counselor editor-in-chief
  editor-at-large vice-chair vice-chairman assemblyman assemblywoman alderman alderwoman councilman
  councilwoman councillor councilor secretary-treasurer advocate
  staff journalist reporter rabbi imam cardinal priest fr fr. father archbishop celebrity celebrities
`);

/** Titles that tell the person's gender, for pronoun resolution. */
export const MALE_TITLES = set('mr mr. sir lord king prince congressman chairman spokesman');
export const FEMALE_TITLES = set('mrs mrs. ms ms. miss dame lady queen princess congresswoman chairwoman spokeswoman');

/** Words that mark a capitalised run as an organisation. */
export const ORG_WORDS = set(`
  party committee campaign times post news journal network department ministry agency commission
  council association institute university college corp corp. inc inc. company co. group bank fund
  foundation union court congress senate house administration office service bureau organization
  organisation reuters cnn nbc abc cbs fox ap bbc msnbc npr politico politifact breitbart twitter
  facebook google apple amazon microsoft kremlin pentagon fbi cia nsa nato un eu gop dnc rnc league
  federation board police army navy force forces club press tribune herald telegraph guardian gazette
  magazine daily weekly review institution center centre centers hospital school church parliament
  assembly government ministry cabinet republicans democrats republican democratic democrat
  tv television radio channel zoo museum athletic rovers wanderers albion fc afc hotspur state staff
  convention conference caucus summit embassy consulate team
  report reports
  corporation incorporated llc ltd ltd. plc holdings industries enterprises partners ventures brands
  footwear apparel technologies systems foods motors airlines airways pharmaceuticals studios
  entertainment media labs
  partnership alliance coalition treaty pact accord agreement
`);

/** Adjectives of nationality, which start an organisation's name ("Spanish TV") but not a person's. */
export const NATIONALITIES = set(`
  american french british german russian ukrainian chinese european israeli iranian mexican canadian
  spanish italian japanese korean indian pakistani afghan syrian iraqi turkish greek polish dutch
  swedish norwegian danish finnish irish scottish welsh english australian brazilian argentine
  argentinian egyptian saudi palestinian lebanese nigerian kenyan south-african taiwanese vietnamese
  asian african latin pacific
`);

/** Capitalised words that start sentences or name things other than speakers. */
export const NOT_NAMES = new Set([
  ...NATIONALITIES,
  ...set(`
  the a an but and or if when while in on at for with after before this that these those he she it
  they we i his her their our my your its as so yet still then there here now also earlier later
  meanwhile however although though because since during until over under among asked according
  speaking addressing last next old many most more some all any each every no not one two three
  someone somebody anyone anybody everyone everybody nobody several others i’m i'm
  four five six seven eight nine ten dozens hundreds thousands seconds minutes hours days weeks months years decades moments
  what who why how where which whether do does did is are was were be been has have had will would
  can could should may might must let by from of to up out about into than through across between
  monday tuesday wednesday thursday friday saturday sunday january february march april may june july
  august september october november december read related photo image video watch click advertisement
  updated published editor note well yes oh even just only both
  such like unlike despite without within whose whom our ours yours mine his hers theirs
  americans russians europeans african-american black white latino hispanic muslim christian
  jewish catholic democrats republicans democratic republican libertarian rival another following former
  retired late veteran longtime radical reached contacted interviewed pressed early
  besides maybe perhaps instead indeed neither either nor certainly islander islanders
  greatest best worst top breaking exclusive yesterday today tomorrow tonight
  amid amidst toward towards against along alongside around behind beyond inside outside upon via
  throughout unless whereas whilst therefore thus hence nevertheless nonetheless moreover furthermore otherwise
`),
]);

/** Place names that look like person names when capitalised. */
export const PLACES = set(`
  washington york london paris moscow kyiv kiev berlin brussels beijing tokyo ukraine russia france
  germany china japan india iran iraq syria israel gaza america britain england scotland wales ireland
  europe africa asia canada mexico texas florida ohio pennsylvania virginia carolina california michigan
  wisconsin iowa nevada arizona colorado georgia jersey massachusetts illinois indiana kentucky
  tennessee alabama louisiana missouri minnesota maryland oregon utah kansas nebraska oklahoma
  arkansas mississippi vermont maine hampshire connecticut delaware montana idaho wyoming dakota
  alaska hawaii manhattan brooklyn chicago philadelphia boston detroit cleveland atlanta denver miami
  houston dallas seattle orleans vegas angeles francisco diego dc d.c. us u.s. uk u.k. usa united states
  kingdom street avenue hill valley county city island islands sea ocean river lake zero west east
  north south new san los las st saint fort port mount coast bay beach park square springs
  zealand korea lanka arabia hong kong delhi middle near far
`);

/** Titles written with "of" before what they hold: "Secretary of State", "Minister of the Interior" (a regex alternation). */
export const TITLES_WITH_OF = 'Secretary|Minister|Director|Chairman|Chairwoman|Chair|Governor|Attorney|Speaker|President|Head|Chief|Mayor';

/** Prepositions and particles that follow a participle opening a phrase ("Appearing before …", "Weighing in on …"). */
export const PARTICLE_WORDS = 'before|on|at|in|to|with|for|from|about|after|over|into|out|up|down|back|through|against';

/** The verbs that close a sentence of reported speech: "…, Stovall said." (a regex alternation). */
export const REPORTING_VERBS = 'said|says|added|adds|recalled|explained';
/**
 * Those and the verbs that report a stance as speech, where the narrative sets them off with their
 * speaker: "…, says Carl Anthony, …", "Coan argues that …", "…,” Schroeder wrote."
 */
export const NARRATING_VERBS = `${REPORTING_VERBS}|wrote|writes|argues|argued|insists|insisted|maintains|maintained|contends|contended|notes|noted`;

/** Verbs and phrases that attribute speech. */
export const CUE_VERBS = set(`
  said says say saying told tells tell telling add added adds asked asks wrote writes write tweeted tweets
  stated states explained explains noted notes argued argues continued continues insisted insists
  declared declares warned warns replied replies responded responds claimed claims recalled recalls
  acknowledged acknowledges announced announces stressed stresses suggested suggests conceded
  concedes admitted admits remarked remarks joked jokes quipped quips shouted yelled complained
  complains observed observes reported reports predicted predicts promised promises vowed vows urged
  urges pointed emphasized emphasised emphasizes emphasises countered counters lamented laments
  boasted boasts charged charges agreed agrees cautioned cautions posted posts repeated repeats
  described describes called calls testified added confirmed confirms denied denies reiterated
  concluded concludes answered answers began begins mused muses sang wondered wonders thundered
  told recounted recounts proclaimed proclaims conceded declared explained exclaimed exclaims
  whispered demanded demands added announced maintained maintains asking calling writing adding
  noting arguing insisting warning claiming stressing declaring explaining suggesting responding
  tweeting replying recalling describing sings sang chanted chants read reads likened likens
  dubbed dubs branded brands labeled labels labelled
`);

/**
 * Lemmas of verbs that report speech or writing, beyond the forms listed in CUE_VERBS: a word
 * counts when the tagger reads it as a verb with one of these lemmas. Left out on purpose: verbs
 * that are mostly not speech in news ("offer", "order", "begin", "expand", "correct"), which took
 * the attribution after a quote ("because she would expand her lead, he said").
 */
export const SPEECH_LEMMAS = set(`
  say tell add ask write tweet state express explain note argue continue insist declare warn reply respond
  claim recall acknowledge announce stress suggest concede admit remark joke quip shout yell complain
  observe report predict promise vow urge point emphasize emphasise counter lament boast charge agree
  caution post repeat describe call testify confirm deny reiterate conclude answer muse sing
  wonder thunder recount proclaim exclaim whisper demand maintain read liken dub brand label
  gush implore fume sigh chime comment text press plead beg scoff snap retort mutter murmur grumble
  snarl bark cry scream holler rave rant gripe grouse crow chirp chuckle laugh sneer taunt tease
  mock jab needle quiz probe interject interrupt interpose concur assert aver affirm allege contend
  posit reason theorize theorise speculate surmise opine editorialize editorialise blog message
  email e-mail wire cable radio broadcast preach lecture counsel advise instruct
  assure reassure promise pledge swear guarantee threaten caution signal hint imply indicate mention
  disclose reveal divulge confide confess concede apologize apologise thank praise hail laud salute
  welcome congratulate condemn decry denounce slam blast lash criticize criticise attack accuse
  blame fault rebuke scold chide dismiss reject rebut refute dispute challenge question doubt
  query inquire enquire propose recommend quote cite summarize summarise
  highlight underscore underline elaborate clarify caveat retaliate
`);

/** Words that may sit between a speaker and the cue: "Trump also said", "she has said". */
export const CUE_FILLERS = set(`
  also later then previously once repeatedly recently has had have would will reportedly further
  again often frequently just simply even quickly flatly bluntly angrily immediately publicly privately
  never always ultimately finally earlier famously had once is was are were been being
`);

export const PRONOUNS = set('he she they i we it');

/** Nouns that describe a speaker without naming them: "the newspaper", "a spokeswoman". */
export const SPEAKER_NOUNS = set(`
  spokesman spokeswoman spokesperson official officials aide aides adviser advisers advisor source
  sources statement email e-mail campaign newspaper paper report memo letter president senator governor candidate
  nominee lawyer attorney spokespeople representative congressman congresswoman mayor secretary
  chairman director leader group organization organisation company network magazine website agency
  committee department ministry administration team tweet post businessman businesswoman mogul
  billionaire man woman mother father wife husband son daughter brother sister nominee lawmaker democrat republican politician veteran actor front-runner
  actress singer star host chairwoman executive founder author economist professor brief filing complaint lawsuit ruling study survey analysis release union
  board panel bank firm club council court paper site outlet editorial editors broadcaster commission
  document dossier assessment minister chancellor pollster strategist judge activist analyst journalist
  diplomat ambassador prosecutor coach tycoon magnate pope justice investor frontrunner lady
  entrepreneur philanthropist banker comedian rapper musician writer novelist filmmaker producer
  celebrity athlete footballer teenager soldier doctor surgeon scientist researcher priest bishop
  cardinal rabbi imam monarch king queen prince princess ceo
  ministry office team police force department government authority authorities institute university
`);

const MALE_NAMES = `
  james john robert michael william david richard joseph thomas charles christopher daniel matthew
  anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason
  jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel
  gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas
  zachary peter kyle ethan walter noah jeremy christian keith roger terry gerald harold sean austin
  carl arthur lawrence dylan jesse jordan bryan billy joe bruce gabriel logan albert willie alan juan
  wayne elijah randy roy vincent ralph eugene russell bobby mason philip louis barack bernie mike
  mitch ted marco chris rand newt rudy reince jeb bill ben tim vladimir emmanuel boris xi recep
  benjamin bibi volodymyr olaf keir rishi justin narendra jair ali hassan mohammed muhammad ahmed
  omar abdul jim tom dick harry jon steve rick ron dan don lindsey elon jared eric corey
  newt chuck harry paul jerry lyndon franklin abraham ulysses dwight gerald jimmy liam oliver
  terence terrence clarence lamar elijah chuck tim mitch reince newt rudy jeb marco mitt howard dante len nick victor hank al kirk
  lucas leo hugo luke max sam tom will ivan sergei dmitry alexei mikhail nikolai igor yuri oleg
  andrei pavel viktor jean pierre jacques francois olivier nicolas fabian hans karl friedrich
  wolfgang carlos luis miguel pedro jorge diego pablo antonio giuseppe marco luca matteo
  brad craig todd troy derek shane chad brett greg glenn dale neil duane curtis marcus travis
  darren dustin cory seth blake tony ricky danny bob rob robbie ken kenny ed eddie fred phil ray
  stan stuart zach jake josh matt nate pete reggie trent vince wes rashid tariq khalid ibrahim
  yusuf amir
`;
const FEMALE_NAMES = `
  mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret
  sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca
  sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela nicole emma samantha
  katherine christine debra rachel catherine carolyn janet ruth maria heather diane virginia julie
  joyce victoria olivia kelly christina lauren joan evelyn judith megan cheryl andrea hannah martha
  jacqueline frances gloria ann teresa kathryn sara janice jean alice madison doris abigail julia
  judy grace denise amber marilyn beverly danielle theresa sophia marie diana brittany natalie isabella
  charlotte rose alexis kayla hillary chelsea melania ivanka kellyanne huma elizabeth michelle
  condoleezza sarah nikki kamala ursula angela theresa liz giorgia marine jacinda tulsi hope kellyanne
  dana donna debbie jill katy kate keira jane anne annie ellen eleanor claire caroline louise lucy
  sophie chloe zoe ella amelia alice mia leah nina eva vera irina olga natalia svetlana yulia
  melanie stephanie terri tina tracy wendy vanessa yolanda loretta maxine nikki ivana
  fatima aisha maryam sara layla priya anita sonia carmen rosa ana lucia elena marta silvia
  courtney tiffany erin kim lindsay shannon stacy tara whitney beth betsy cathy cindy gina holly
  katie kathy leslie lori lynn marsha megyn melinda molly pam paula peggy rita sally sheila sue
  vicki suzi suzy susie
`;
export const FIRST_NAME_GENDER = new Map<string, 'm' | 'f'>([
  ...MALE_NAMES.trim()
    .split(/\s+/)
    .map((n): [string, 'm'] => [n, 'm']),
  ...FEMALE_NAMES.trim()
    .split(/\s+/)
    .map((n): [string, 'f'] => [n, 'f']),
]);
