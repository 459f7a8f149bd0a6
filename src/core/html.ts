// A small, dependency-free HTML-to-text reduction for article files in the library. Web pages
// fetched from the internet go through Readability in src/sources first; this only has to turn
// already-clean article markup into paragraphs.

const BLOCK = /<\/?(?:p|div|br|h[1-6]|li|ul|ol|blockquote|section|article|header|footer|figure|figcaption|tr|table|hr)\b[^>]*>/gi;
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  eacute: 'é',
  egrave: 'è',
  agrave: 'à',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const n = code[1] === 'x' || code[1] === 'X' ? Number.parseInt(code.slice(2), 16) : Number.parseInt(code.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
    }
    return ENTITIES[code.toLowerCase()] ?? whole;
  });
}

export function htmlToText(html: string): { text: string; title?: string } {
  const titleMatch = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html) ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html);
  const title = titleMatch?.[1] ? clean(decodeEntities(titleMatch[1].replace(/<[^>]*>/g, ''))) : undefined;
  const text = decodeEntities(
    html
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<(script|style|noscript|template|head|nav|aside)\b[\s\S]*?<\/\1\s*>/gi, '')
      .replace(BLOCK, '\n\n')
      .replace(/<[^>]*>/g, ''),
  )
    .split(/\n\s*\n/)
    .map(clean)
    .filter(Boolean)
    .join('\n\n');
  return { text, title: title || undefined };
}

function clean(s: string): string {
  return s.replace(/[ \t\r\n\f\v]+/g, ' ').trim();
}
