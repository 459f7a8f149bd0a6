/**
 * `fn`, remembered per string argument. The same few thousand names and words make up most of
 * any library; the cache is dropped whole at `limit` entries so a long run stays bounded.
 */
export function memoize(fn: (key: string) => string, limit: number): (key: string) => string {
  const cache = new Map<string, string>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      if (cache.size >= limit) cache.clear();
      value = fn(key);
      cache.set(key, value);
    }
    return value;
  };
}
