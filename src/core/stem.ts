import { memoize } from './memo.ts';

/**
 * A light English stemmer for topic matching: plurals, -ing/-ed, and the demonym endings that
 * matter in news ("Ukrainian" → "ukrain" = "Ukraine", "Korean" = "Korea", "European" = "Europe").
 * Deliberately conservative: a stem keeps at least three letters.
 */

/** `stem`, remembered: index building stems every word of every article. */
export const stemCached = memoize(stem, 200_000);

export function stem(word: string): string {
  let w = word.toLowerCase().replace(/[’']s?$/, '');
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  for (const suffix of ['ing', 'ed']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  const demonym = ['ian', 'ia', 'ean', 'ese', 'an'].find((suffix) => w.endsWith(suffix) && w.length - suffix.length >= 4);
  if (demonym) return w.slice(0, -demonym.length);
  if (/[aey]$/.test(w) && w.length > 3) w = w.slice(0, -1);
  return w;
}
