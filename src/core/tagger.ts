import model from 'wink-eng-lite-web-model';
import winkNLP, { type ItemToken } from 'wink-nlp';
import type { Span } from './types.ts';

// Part-of-speech tags and lemmas for the narrative around quotes, from wink-nlp's English model
// (an npm package: no download, no I/O). Only the windows that attribution reads are tagged, in
// one pass per article: tagging whole articles would cost three times the rest of the analysis.

export interface Tag {
  end: number;
  /** Universal POS: VERB, NOUN, PROPN, PRON, AUX, ADJ… */
  pos: string;
  lemma: string;
}

let nlp: ReturnType<typeof winkNLP> | null = null;
// Loaded on first use: commands that never analyse an article never pay for the model.
const tagger = () => {
  nlp ??= winkNLP(model, ['pos']);
  return nlp;
};

/** Tags by the offset where each token starts. */
export class Tags {
  constructor(private readonly byStart: Map<number, Tag>) {}

  at(offset: number): Tag | undefined {
    return this.byStart.get(offset);
  }

  /** Whether the word at `offset` was tagged as a noun (or a proper noun): "her answers". */
  isNoun(offset: number): boolean {
    const pos = this.byStart.get(offset)?.pos;
    return pos === 'NOUN' || pos === 'PROPN';
  }

  get size(): number {
    return this.byStart.size;
  }
}

const SEPARATOR = '\n\n';

/** Tags the text of `windows` (merged where they touch), in one document. */
export function tagWindows(text: string, windows: Span[]): Tags {
  const merged: Span[] = [];
  for (const w of [...windows].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && w.start <= last.end) last.end = Math.max(last.end, w.end);
    else if (w.end > w.start) merged.push({ ...w });
  }
  if (!merged.length) return new Tags(new Map());
  // One document of all windows; each window's offset in it maps back to the article.
  const starts: { at: number; from: number }[] = [];
  let joined = '';
  for (const w of merged) {
    starts.push({ at: joined.length, from: w.start });
    joined += text.slice(w.start, w.end) + SEPARATOR;
  }
  const { its } = tagger();
  const byStart = new Map<number, Tag>();
  let at = 0;
  let window = 0;
  tagger()
    .readDoc(joined)
    .tokens()
    .each((t: ItemToken) => {
      at += (t.out(its.precedingSpaces) as string).length;
      const value = t.out() as string;
      while (window + 1 < starts.length && (starts[window + 1] as { at: number }).at <= at) window++;
      const base = starts[window] as { at: number; from: number };
      const start = base.from + at - base.at;
      byStart.set(start, { end: start + value.length, pos: t.out(its.pos) as string, lemma: (t.out as (f: unknown) => string)(its.lemma) });
      at += value.length;
    });
  return new Tags(byStart);
}
