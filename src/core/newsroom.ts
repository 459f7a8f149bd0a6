import { parseArticle, type RawArticle } from './article.ts';
import { buildLibrary, type Library } from './library.ts';
import { analyzeArticle } from './quotes.ts';
import { SearchIndex } from './search.ts';
import type { AnalyzedArticle } from './types.ts';

/**
 * The articles the bot briefs from, kept current as sources add, change and remove articles.
 * The search index updates in place; the library-wide people are rebuilt on the next read after
 * a change, so a burst of ingested articles costs one rebuild.
 */
export class Newsroom {
  private current = new SearchIndex();
  private readonly analyzed = new Map<string, AnalyzedArticle>();
  private cached: Library | null = null;

  constructor(articles: AnalyzedArticle[] = []) {
    for (const a of articles) this.put(a);
  }

  get index(): SearchIndex {
    // Replaced and removed articles leave dead entries; past half the index, start afresh.
    if (this.current.dead > Math.max(1000, this.current.size)) {
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
    this.analyzed.set(a.article.id, a);
    this.current.add(a.article, terms);
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
