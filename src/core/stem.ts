/**
 * A light English stemmer for topic matching: plurals, -ing/-ed, and the demonym endings that
 * matter in news ("Ukrainian" → "ukrain" = "Ukraine", "Korean" = "Korea", "European" = "Europe").
 * Deliberately conservative: a stem keeps at least three letters.
 */
const stems = new Map<string, string>();

/** `stem`, remembered: the same few thousand words make up most of any library. */
export function stemCached(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    s = stem(word);
    if (stems.size > 200_000) stems.clear();
    stems.set(word, s);
  }
  return s;
}

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
