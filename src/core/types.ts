// Plain data shared by every part of the core. Offsets are UTF-16 indexes into `Article.text`,
// half-open [start, end), so `text.slice(start, end)` is always the verbatim source.

export interface Span {
  start: number;
  end: number;
}

export interface ArticleMeta {
  title?: string;
  source?: string;
  url?: string;
  /** ISO 8601 date or date-time, when known. */
  published?: string;
  /** When the bot first saw the article (ISO 8601); stands in for an unknown publication date. */
  seen?: string;
}

export interface Article {
  id: string;
  /** The full text the offsets refer to (front matter removed, HTML reduced to text). */
  text: string;
  title: string;
  source?: string;
  url?: string;
  published?: string;
  seen?: string;
  /** The headline line inside `text`, if the text carries one. */
  headline?: Span;
  /** A short paragraph under the headline that sums the story up. */
  standfirst?: Span;
  /** A leading `City:` on the body. */
  dateline?: Span;
  /** Where the story body starts (after headline, standfirst and dateline). Paragraphs are not
   * kept: `splitParagraphs(text)` derives them when needed. */
  bodyStart: number;
}

export type SpeakerKind = 'person' | 'organisation';

/** How the speaker of a quote was named at the point of attribution. */
export type MentionKind = 'named' | 'pronoun' | 'nominal' | 'continuation';

export interface Quote {
  articleId: string;
  /** Verbatim text between the quote marks. */
  text: string;
  start: number;
  end: number;
  /** A fragment quoted inside the author's own sentence. */
  partial: boolean;
  /** Canonical speaker name, or null when the speaker is not clear. */
  speaker: string | null;
  speakerMention?: MentionKind;
  /** The attribution verb ("said", "told", "according to"). */
  cue?: string;
}

export interface PersonInArticle {
  /** Canonical (fullest) name in this article. */
  name: string;
  kind: SpeakerKind;
  /** Every surface form seen: "Trump", "President Trump", "Donald Trump". */
  forms: string[];
  /** Roles as written before the name: "US President". */
  roles: string[];
  mentions: number;
  firstMention: number;
  gender?: 'm' | 'f';
}

export interface AnalyzedArticle {
  article: Article;
  people: PersonInArticle[];
  quotes: Quote[];
}
