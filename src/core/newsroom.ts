import { parseArticle, type RawArticle } from './article.ts';
import { buildLibrary, type Library } from './library.ts';
import { analyzeArticle } from './quotes.ts';
import { SearchIndex } from './search.ts';
import type { AnalyzedArticle } from './types.ts';

const MAX_CACHED_TEXTS = 2000;

/**
 * The articles the bot briefs from, kept current as sources add, change and remove articles.
 * The search index updates in place; the library-wide people are rebuilt on the next read after
 * a change, so a burst of ingested articles costs one rebuild.
 */
export class Newsroom {
  private current = new SearchIndex();
  private readonly analyzed = new Map<string, AnalyzedArticle>();
  private cached: Library | null = null;
  /** Texts of a lean newsroom, loaded for the briefings that need them; the most recent few. */
  private readonly texts = new Map<string, string>();
  private readonly keepTexts: boolean;

  /**
   * `keepTexts: false` keeps article texts out of memory (they stay in the store): the index,
   * quotes and people are all a briefing needs, but for the few texts its points come from.
   */
  constructor(articles: AnalyzedArticle[] = [], options: { keepTexts?: boolean } = {}) {
    this.keepTexts = options.keepTexts ?? true;
    for (const a of articles) this.put(a);
  }

  /** An article's text, if in memory. */
  textOf(id: string): string | undefined {
    return this.analyzed.get(id)?.article.text || this.texts.get(id);
  }

  /** Remembers texts loaded from the store for the next briefings. */
  rememberTexts(texts: Map<string, string>): void {
    for (const [id, text] of texts) {
      this.texts.delete(id);
      this.texts.set(id, text);
    }
    for (const id of this.texts.keys()) {
      if (this.texts.size <= MAX_CACHED_TEXTS) break;
      this.texts.delete(id);
    }
  }

  get index(): SearchIndex {
    // Replaced and removed articles leave dead entries; past half the index, start afresh
    // (a lean newsroom has no texts to re-index from: its restart does it).
    if (this.keepTexts && this.current.dead > Math.max(1000, this.current.size)) {
      this.current = new SearchIndex();
      for (const a of this.analyzed.values()) this.current.add(a.article);
    }
    return this.current;
  }

  get size(): number {
    return this.analyzed.size;
  }

  get library(): Library {
    this.cached ??= buildLibrary([...this.analyzed.values()]);
    return this.cached;
  }

  /** Adds or replaces an article already analyzed; `terms` are its stored index terms, if any. */
  put(a: AnalyzedArticle, terms?: Map<string, number>): void {
    this.current.add(a.article, terms);
    this.texts.delete(a.article.id);
    this.analyzed.set(a.article.id, this.keepTexts ? a : { ...a, article: { ...a.article, text: '' } });
    this.cached = null;
  }

  /** Parses, analyzes and adds a raw article; returns the analysis. */
  ingest(raw: RawArticle): AnalyzedArticle {
    const a = analyzeArticle(parseArticle(raw));
    this.put(a);
    return a;
  }

  remove(id: string): boolean {
    if (!this.analyzed.delete(id)) return false;
    this.current.remove(id);
    this.cached = null;
    return true;
  }

  get(id: string): AnalyzedArticle | undefined {
    return this.analyzed.get(id);
  }
}
