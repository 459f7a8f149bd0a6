// ROUGE-N F1 as the eval README describes its reference numbers: lowercase alphanumeric tokens,
// no stemming, clipped n-gram counts, one reference.

export function rougeTokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
}

function ngrams(tokens: string[], n: number): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const g = tokens.slice(i, i + n).join(' ');
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

export function rougeN(candidate: string, reference: string, n: number): number {
  const c = ngrams(rougeTokens(candidate), n);
  const r = ngrams(rougeTokens(reference), n);
  let overlap = 0;
  let cTotal = 0;
  let rTotal = 0;
  for (const v of c.values()) cTotal += v;
  for (const [g, v] of r) {
    rTotal += v;
    overlap += Math.min(v, c.get(g) ?? 0);
  }
  if (!overlap) return 0;
  const p = overlap / cTotal;
  const rec = overlap / rTotal;
  return (2 * p * rec) / (p + rec);
}
