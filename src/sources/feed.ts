import { parseFeed } from 'feedsmith';

/** One item of any feed format, reduced to what briefbot reads. */
export interface FeedItem {
  guid: string | null;
  url: string | null;
  title: string;
  published: string | null;
  /** Full content (HTML or text) when the feed carries it. */
  content: string | null;
  /** A teaser or description. */
  summary: string | null;
}

export interface ParsedFeed {
  format: string;
  title: string | null;
  items: FeedItem[];
  /** Items that could not be read, with why; the others still count. */
  skipped: string[];
}

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null;

/** A string from a feed value that may be a string or a `{ value }` object. */
function text(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (isObject(v) && typeof v.value === 'string') return v.value.trim() || null;
  return null;
}

function list(v: unknown): Loose[] {
  return Array.isArray(v) ? v.filter(isObject) : [];
}

/** The first readable value of a field that may be one value or a list (Dublin Core's dates). */
function first(v: unknown): string | null {
  if (!Array.isArray(v)) return text(v);
  for (const x of v) {
    const t = text(x);
    if (t) return t;
  }
  return null;
}

function atomLink(entry: Loose): string | null {
  const links = list(entry.links);
  const alternate = links.find((l) => !l.rel || l.rel === 'alternate') ?? links[0];
  return text(alternate?.href);
}

/** `xml:base` on an element, as feedsmith keeps it. */
const xmlBase = (node: Loose): string | null => (isObject(node.xml) ? text(node.xml.base) : null);

/** A link as written, made absolute against a base; null when it cannot be. */
function resolve(href: string | null, base: string | null): string | null {
  if (!href) return null;
  try {
    return new URL(href, base ?? undefined).href;
  } catch {
    return null;
  }
}

function readItem(format: string, item: Loose): FeedItem {
  if (format === 'atom') {
    return {
      guid: text(item.id),
      url: atomLink(item),
      title: text(item.title) ?? '',
      published: text(item.published) ?? text(item.updated) ?? first(isObject(item.dc) ? item.dc.dates : null),
      content: text(item.content),
      summary: text(item.summary),
    };
  }
  if (format === 'json') {
    return {
      guid: text(item.id),
      url: text(item.url) ?? text(item.external_url),
      title: text(item.title) ?? '',
      published: text(item.date_published) ?? text(item.date_modified),
      content: text(item.content_html) ?? text(item.content_text),
      summary: text(item.summary),
    };
  }
  // RSS 2.0 and RDF (RSS 1.0)
  const dc = isObject(item.dc) ? item.dc : {};
  const content = isObject(item.content) ? item.content : {};
  return {
    guid: text(item.guid),
    url: text(item.link),
    title: text(item.title) ?? '',
    published: text(item.pubDate) ?? first(dc.date) ?? first(dc.dates),
    content: text(content.encoded),
    summary: text(item.description),
  };
}

/**
 * Parses RSS 2.0, RSS 1.0, Atom or JSON Feed. A document that is none of them throws. Relative
 * item links are resolved against the item's and the feed's `xml:base`, then the feed's own link,
 * then the URL the feed was read from.
 */
export function parseFeedDocument(body: string, feedUrl?: string): ParsedFeed {
  let parsed: { format: string; feed: unknown };
  try {
    parsed = parseFeed(body.replace(/^\uFEFF/, '')) as { format: string; feed: unknown };
  } catch (error) {
    throw new Error(`not a feed (${(error as Error).message.toLowerCase()})`);
  }
  const feed = isObject(parsed.feed) ? parsed.feed : {};
  const channel = isObject(feed.channel) ? feed.channel : feed;
  const raw = parsed.format === 'atom' ? list(feed.entries) : list(feed.items);
  const fromUrl = resolve(feedUrl ?? null, null);
  const feedLink = parsed.format === 'atom' ? atomLink(feed) : parsed.format === 'json' ? text(feed.home_page_url) : text(channel.link);
  const feedBase = resolve(xmlBase(feed), fromUrl) ?? resolve(feedLink, fromUrl) ?? fromUrl;
  const items: FeedItem[] = [];
  const skipped: string[] = [];
  raw.forEach((item, i) => {
    try {
      const read = readItem(parsed.format, item);
      read.url = resolve(read.url, resolve(xmlBase(item), feedBase) ?? feedBase);
      // An item with neither link nor id is still news when it has text: it is keyed on that.
      if (!read.content && !read.summary && (!read.title || (!read.url && !read.guid))) throw new Error('no text');
      items.push(read);
    } catch (error) {
      skipped.push(`item ${i + 1}: ${(error as Error).message}`);
    }
  });
  return { format: parsed.format, title: text(feed.title) ?? text(channel.title), items, skipped };
}
