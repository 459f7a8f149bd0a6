import { parseHTML } from 'linkedom';

// HTML to the plain paragraphs the core reads, through a real parser (linkedom): entities decoded
// wherever they stand, the text of scripts, styles and navigation dropped, block elements and
// line breaks made paragraph ends. Feed bodies (Reddit's nested divs and comments), teaser
// descriptions and the library's .html files all pass through here, so the core sees text only.

/** Elements whose text is never article text. */
const DROPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'NAV', 'ASIDE', 'IFRAME', 'SVG', 'CANVAS', 'FORM', 'BUTTON', 'SELECT', 'OBJECT']);
/** Elements that end a paragraph before and after them. */
const BLOCKS = new Set([
  'P',
  'DIV',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'LI',
  'UL',
  'OL',
  'DL',
  'DT',
  'DD',
  'BLOCKQUOTE',
  'SECTION',
  'ARTICLE',
  'HEADER',
  'FOOTER',
  'MAIN',
  'FIGURE',
  'FIGCAPTION',
  'TABLE',
  'TR',
  'PRE',
  'HR',
  'BR',
  'ADDRESS',
]);

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

function paragraphsOf(root: DomNode): string[] {
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    const p = current.replace(/\s+/g, ' ').trim();
    if (p) paragraphs.push(p);
    current = '';
  };
  const walk = (node: DomNode) => {
    if (node.nodeType === TEXT_NODE) {
      current += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== ELEMENT_NODE && node.nodeType !== 9 && node.nodeType !== 11) return;
    const name = node.nodeName.toUpperCase();
    if (DROPPED.has(name)) return;
    const block = BLOCKS.has(name);
    if (block) flush();
    for (let i = 0; i < node.childNodes.length; i++) {
      const child = node.childNodes[i];
      if (child) walk(child);
    }
    if (block) flush();
  };
  walk(root);
  flush();
  return paragraphs;
}

const HAS_TAG = /<(?:[a-z][a-z0-9-]*\b[^>]*|\/[a-z][a-z0-9-]*\s*)>|<!--/i;

/** A whole page or document: its paragraphs and its title. */
export function htmlToText(html: string): { text: string; title?: string } {
  const { document } = parseHTML(html);
  const heading = document.querySelector('title')?.textContent ?? document.querySelector('h1')?.textContent ?? '';
  const title = heading.replace(/\s+/g, ' ').trim();
  const root = (document.body ?? document.documentElement) as unknown as DomNode | null;
  return { text: root ? paragraphsOf(root).join('\n\n') : '', title: title || undefined };
}

/**
 * A feed item's content or description, which may be HTML, text with entities ("Q&amp;A") or
 * plain text: paragraphs either way. Text without tags keeps its own blank-line paragraphs.
 */
export function fragmentToText(fragment: string): string {
  if (HAS_TAG.test(fragment)) {
    const { document } = parseHTML(`<!doctype html><html><body>${fragment}</body></html>`);
    return paragraphsOf(document.body as unknown as DomNode).join('\n\n');
  }
  return fragment
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => clean(p.includes('&') ? decoded(p) : p))
    .filter(Boolean)
    .join('\n\n');
}

/** Entities decoded by the parser itself, with the text's own `<` kept as text. */
function decoded(text: string): string {
  const { document } = parseHTML(`<!doctype html><html><body><p>${text.replace(/</g, '&lt;')}</p></body></html>`);
  return document.body?.textContent ?? text;
}

function clean(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
