import type { AnalyzedArticle, Article, PersonInArticle, Quote } from '../core/types.ts';

// An analyzed article as stored: the text, and the analysis beside it as JSON. Quote texts are
// stored too (they were sliced verbatim from the text): read back as their own strings, they do
// not keep the whole text in memory when a lean newsroom lets it go.

interface StoredAnalysis {
  article: Omit<Article, 'text'>;
  people: PersonInArticle[];
  quotes: (Omit<Quote, 'text' | 'articleId'> & { text?: string })[];
}

export function serializeAnalysis(a: AnalyzedArticle): { body: string; analysis: string } {
  const { text, ...article } = a.article;
  const stored: StoredAnalysis = {
    article,
    people: a.people,
    quotes: a.quotes.map(({ articleId: _id, ...q }) => q),
  };
  return { body: text, analysis: JSON.stringify(stored) };
}

export function deserializeAnalysis(body: string, analysis: string): AnalyzedArticle {
  const stored = JSON.parse(analysis) as StoredAnalysis;
  // Analyses stored before paragraphs were derived still carry them; they are not kept.
  const { paragraphs: _old, ...kept } = stored.article as StoredAnalysis['article'] & { paragraphs?: unknown };
  const article: Article = { ...kept, text: body };
  return {
    article,
    people: stored.people,
    quotes: stored.quotes.map((q) => ({ ...q, articleId: article.id, text: q.text ?? body.slice(q.start, q.end) })),
  };
}
