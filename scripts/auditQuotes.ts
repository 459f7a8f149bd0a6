// Prints random quotes from the PolNeAR dev split with their context and briefbot's speaker, for
// checking attribution by hand (the dev split's pronoun and nominal labels are silver and often
// wrong, so agreement with them is not accuracy). Usage: npx tsx scripts/auditQuotes.ts [count] [seed]
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArticle } from '../src/core/article.ts';
import { analyzeArticle } from '../src/core/quotes.ts';
import type { Quote } from '../src/core/types.ts';
import type { PolnearRecord } from './evalQuotes.ts';

const file = join(resolve(process.env.EVAL_DIR ?? join(import.meta.dirname, '..', '..', 'shared', 'eval')), 'quotes', 'polnear_dev.jsonl');
if (!existsSync(file)) {
  process.stderr.write(`No evaluation data at ${file}; see README (Measured, not guessed).\n`);
  process.exit(2);
}
const [count = 40, seed = 42] = process.argv.slice(2).map(Number);
const records = readFileSync(file, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as PolnearRecord)
  .filter((r) => !(r.text.split("''").length > 2 && !/[“"]/.test(r.text)));
const all: { text: string; q: Quote }[] = [];
for (const r of records) {
  for (const q of analyzeArticle(parseArticle({ id: r.id, title: r.title, body: r.text, format: 'plain' })).quotes) all.push({ text: r.text, q });
}
let state = seed;
const random = () => {
  state = (state * 1103515245 + 12345) % 2147483648;
  return state / 2147483648;
};
for (let i = 0; i < count; i++) {
  const { text, q } = all[Math.floor(random() * all.length)] as (typeof all)[number];
  const before = text.slice(Math.max(0, q.start - 170), q.start).replace(/\n/g, ' ¶ ');
  const after = text.slice(q.end, q.end + 90).replace(/\n/g, ' ¶ ');
  console.log(`#${i} [${q.speaker}] (${q.speakerMention ?? '-'}, ${q.partial ? 'fragment' : 'full'}) …${before}<<${q.text.slice(0, 60)}>>${after}…\n`);
}
