import type { FeedItem } from './feed.ts';
import { sha1 } from './storedArticle.ts';
import { normalizeUrl } from './urls.ts';

// Which stored article a feed item is. A podcast feed gives 130 episodes one link, and a forum
// feed items with neither link nor guid: keying on the link alone kept 9 of the 130 and dropped
// the others. An item is its guid when that guid is the item's alone in the feed, else its link
// when that is its alone, else its link and content together, so different items never overwrite
// each other and the same item keeps its article from poll to poll.

export interface ItemKey {
  /** The item's key within its feed, remembered in feed_items. */
  key: string;
  /** Its article id. */
  id: string;
  /**
   * The id the key before this one (the link first) gave it, so stores made then keep their
   * articles; null where that key was shared with other items and so names no one item.
   */
  legacyId: string | null;
}

const articleId = (key: string) => `feed:${sha1(key).slice(0, 20)}`;

function counts(values: (string | null)[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const v of values) if (v) out.set(v, (out.get(v) ?? 0) + 1);
  return out;
}

export function itemKeys(items: FeedItem[], sourceId: number): ItemKey[] {
  const urls = items.map((i) => (i.url ? normalizeUrl(i.url) : null));
  const guids = counts(items.map((i) => i.guid));
  const links = counts(urls);
  return items.map((item, n) => {
    const url = urls[n] ?? null;
    const content = sha1(`${item.title}\n${item.content ?? ''}\n${item.summary ?? ''}`);
    const oldKey = url ?? item.guid ?? content;
    const legacyId = (url ? links : guids).get(oldKey) === 1 || !(url || item.guid) ? articleId(oldKey) : null;
    // A guid is unique in its feed only: two feeds may both number their items 1, 2, 3.
    if (item.guid && guids.get(item.guid) === 1) {
      const key = `guid:${item.guid}`;
      return { key, id: articleId(`${sourceId}\n${key}`), legacyId };
    }
    // A link is the article's wherever it is read from, as before: the same story in two feeds is one.
    if (url && links.get(url) === 1) return { key: `url:${url}`, id: articleId(url), legacyId };
    const key = url ? `url:${url}#${content}` : `text:${content}`;
    return { key, id: articleId(`${sourceId}\n${key}`), legacyId };
  });
}

/** Everything the feed says about an item: when it is the same, there is nothing to read again. */
export function itemFingerprint(item: FeedItem): string {
  return sha1(JSON.stringify([item.guid, item.url, item.title, item.published, item.content, item.summary]));
}
