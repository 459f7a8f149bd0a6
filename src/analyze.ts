import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArticle } from './core/article.ts';
import { analyzeArticle } from './core/quotes.ts';
import { summarize } from './core/summarize.ts';

// `briefbot analyze --jsonl FILE`: quotes (with offsets and speakers) and a three-sentence summary
// for each JSON line {id, title?, text}, with no store and no configuration.

interface AnalyzeLine {
  id?: unknown;
  title?: unknown;
  text?: unknown;
}

/** One `analyze --jsonl` output line; a malformed input line gets an error line, never a crash. */
export function analyzeJsonLine(line: string, lineNumber: number) {
  let input: AnalyzeLine;
  try {
    input = JSON.parse(line) as AnalyzeLine;
  } catch {
    return { id: null, quotes: [], summary: [], error: `line ${lineNumber}: not JSON` };
  }
  const id = typeof input.id === 'string' || typeof input.id === 'number' ? input.id : null;
  if (typeof input.text !== 'string') return { id, quotes: [], summary: [], error: `line ${lineNumber}: no "text" string` };
  const article = parseArticle({
    id: String(id ?? lineNumber),
    body: input.text,
    title: typeof input.title === 'string' ? input.title : undefined,
    format: 'plain',
  });
  const { quotes } = analyzeArticle(article);
  return {
    id,
    quotes: quotes.map((q) => ({ text: q.text, speaker: q.speaker, start: q.start, end: q.end, partial: q.partial })),
    summary: summarize(article.text, { count: 3, from: article.bodyStart, focus: article.title }).map((p) => ({ text: p.text, start: p.start, end: p.end })),
  };
}

export async function analyzeJsonl(file: string, asArray: boolean, out: NodeJS.WritableStream): Promise<number> {
  const input = file === '-' ? process.stdin : createReadStream(file, 'utf8');
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  const results: unknown[] = [];
  let n = 0;
  try {
    for await (const line of lines) {
      n++;
      if (!line.trim()) continue;
      const result = analyzeJsonLine(line, n);
      if (asArray) results.push(result);
      else out.write(`${JSON.stringify(result)}\n`);
    }
  } catch (error) {
    process.stderr.write(`briefbot: cannot read ${file}: ${(error as Error).message}\n`);
    return 1;
  }
  if (asArray) out.write(`${JSON.stringify(results)}\n`);
  return 0;
}
