import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll } from 'vitest';

// A local news site for tests: RSS, Atom and JSON feeds and article pages written for the tests,
// plus the awkward cases a real reader meets (broken, slow, redirected, unchanged, non-UTF-8,
// updated). Everything is on loopback; nothing reaches the internet.

const paragraph = (n: number) =>
  `<p>Paragraph ${n} of the report goes on about the negotiations in Geneva and what the delegations said afterwards, at some length, so that the page has the body of a real article.</p>`;

export function rss(
  items: { guid: string; title: string; link: string; description?: string; content?: string; pubDate?: string }[],
  title = 'Test Wire',
): string {
  const body = items
    .map(
      (i) => `<item><title>${i.title}</title><link>${i.link}</link><guid>${i.guid}</guid>${i.pubDate ? `<pubDate>${i.pubDate}</pubDate>` : ''}
      ${i.description ? `<description><![CDATA[${i.description}]]></description>` : ''}${i.content ? `<content:encoded><![CDATA[${i.content}]]></content:encoded>` : ''}</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>${title}</title><link>http://example.test/</link>${body}</channel></rss>`;
}

const fullStory = (speaker: string, quote: string) =>
  `<p>GENEVA: Negotiators for both sides met for a second day of talks on a ceasefire in the region.</p><p>“${quote},” ${speaker} said after the meeting. “We will be back tomorrow.”</p>${[1, 2, 3, 4, 5].map(paragraph).join('')}`;

export interface NewsServer {
  url: string;
  /** What /updating.xml serves next. */
  version: number;
  /** How long each /slowpage/N page takes to answer. */
  pageDelayMs: number;
  /** Requests seen, by path, with their conditional headers. */
  requests: { path: string; ifNoneMatch?: string; acceptEncoding?: string }[];
  close: () => Promise<void>;
}

export async function startNewsServer(): Promise<NewsServer> {
  const state = { version: 1, pageDelayMs: 0 };
  const requests: NewsServer['requests'] = [];
  let base = '';
  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
    '/rss.xml': (req, res) => {
      const xml = rss([
        {
          guid: 'talks-1',
          title: 'Ceasefire talks resume in Geneva',
          link: `${base}/articles/talks?utm_source=rss`,
          content: fullStory('Foreign Minister Anna Berg', 'We are closer to a ceasefire than at any time this year'),
          pubDate: 'Mon, 24 Feb 2025 10:00:00 GMT',
        },
        {
          guid: 'teaser-1',
          title: 'Grain exports through the Black Sea rise',
          link: `${base}/articles/grain.html`,
          description: 'Exports rose again… read more',
          pubDate: 'Mon, 24 Feb 2025 09:00:00 GMT',
        },
      ]);
      const gzip = /gzip/.test(String(req.headers['accept-encoding'] ?? ''));
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"rss-v1"', ...(gzip ? { 'content-encoding': 'gzip' } : {}) });
      res.end(gzip ? gzipSync(xml) : xml);
    },
    '/articles/grain.html': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<html><head><title>Grain exports rise</title><meta property="article:published_time" content="2025-02-24T09:00:00Z"></head><body><nav>Home | World</nav><article><h1>Grain exports through the Black Sea rise</h1><p>Grain exports through the Black Sea rose for a third month, traders said on Monday.</p><p>“The corridor is working better than anyone expected,” said Olena Kovalenko, a grain trader in Odesa.</p>${[1, 2, 3, 4].map(paragraph).join('')}</article><footer>Copyright</footer></body></html>`,
      );
    },
    '/atom.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/atom+xml' });
      res.end(
        `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><entry><title>Parliament passes the budget</title><id>urn:budget</id><link href="${base}/articles/budget"/><updated>2025-02-23T08:00:00Z</updated><content type="html">${escapeXml(`<p>Parliament passed the budget late on Sunday after a long debate.</p><p>“This budget protects the families who need it most,” Finance Minister Carl Jensen said.</p>${[1, 2, 3, 4, 5].map(paragraph).join('')}`)}</content></entry></feed>`,
      );
    },
    '/feed.json': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/feed+json' });
      res.end(
        JSON.stringify({
          version: 'https://jsonfeed.org/version/1.1',
          title: 'JSON Daily',
          items: [
            {
              id: 'rail-1',
              url: `${base}/articles/rail`,
              title: 'Rail strike called off',
              date_published: '2025-02-22T07:00:00Z',
              content_html: `<p>Unions called off the rail strike planned for Monday.</p><p>“Our members have won a fair deal,” union leader Maria Lopez said.</p>${[1, 2, 3, 4, 5].map(paragraph).join('')}`,
            },
          ],
        }),
      );
    },
    '/broken.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end('<rss><channel><title>Broken</title><item><title>Unclosed');
    },
    '/error.xml': (_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('server error');
    },
    '/slow.xml': (_req, res) => {
      setTimeout(() => {
        if (!res.destroyed) {
          res.writeHead(200, { 'content-type': 'application/rss+xml' });
          res.end(rss([]));
        }
      }, 3_000).unref();
    },
    '/moved.xml': (_req, res) => {
      res.writeHead(301, { location: '/atom.xml' });
      res.end();
    },
    '/loop.xml': (_req, res) => {
      res.writeHead(302, { location: '/loop.xml' });
      res.end();
    },
    '/huge.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(`<rss>${'x'.repeat(6 * 1024 * 1024)}</rss>`);
    },
    '/etag.xml': (req, res) => {
      if (req.headers['if-none-match'] === '"e1"') {
        res.writeHead(304, { etag: '"e1"' });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"e1"' });
      res.end(
        rss([
          {
            guid: 'e-1',
            title: 'Harbour reopens after storm',
            link: `${base}/articles/harbour`,
            content: fullStory('Mayor Ines Duarte', 'The harbour is open for business again'),
          },
        ]),
      );
    },
    '/latin.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      res.end(rss([{ guid: 'cafe-1', title: 'Café owners protest new rules', link: `${base}/articles/cafe.html`, description: 'Owners protest…' }]));
    },
    '/articles/cafe.html': (_req, res) => {
      const html = `<html><head><meta charset="iso-8859-1"><title>Café owners protest</title></head><body><article><h1>Café owners protest new rules</h1><p>Café owners in Zürich protested on Tuesday against the new opening hours.</p><p>"We are not asking for much," said René Müller, who runs a café near the lake.</p>${[1, 2, 3, 4].map(paragraph).join('')}</article></body></html>`;
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(Buffer.from(html, 'latin1'));
    },
    '/updating.xml': (_req, res) => {
      const quote = state.version === 1 ? 'The first draft is ready' : 'The final text is agreed';
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(rss([{ guid: 'treaty-1', title: 'Treaty text agreed', link: `${base}/articles/treaty`, content: fullStory('Envoy Tomas Novak', quote) }]));
    },
    '/mixed.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>Mixed</title><item><title>No link at all</title></item><item><title>Port strike ends</title><link>${base}/articles/port</link><description><![CDATA[${fullStory('Dock worker Sam Reyes', 'We got what we asked for')}]]></description></item></channel></rss>`,
      );
    },
    // A podcast: every episode a distinct guid, all on the show's one link.
    '/podcast.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(
        rss(
          Array.from({ length: 130 }, (_, i) => ({
            guid: `episode-${i + 1}`,
            title: `Episode ${i + 1}: the week in review`,
            link: `${base}/show`,
            content: `<p>In episode ${i + 1} the panel reviews week ${i + 1} of the season, with guest number ${i + 1}.</p>${[1, 2, 3, 4, 5, 6].map(paragraph).join('')}`,
            pubDate: new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toUTCString(),
          })),
          'Weekly Show',
        ),
      );
    },
    // Two items with no guid on one link, and one with a title and text but neither link nor guid.
    '/shared.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>Live Blog</title><link>${base}/live</link>` +
          `<item><title>Morning update</title><link>${base}/live</link><description><![CDATA[${fullStory('Spokesman Ali Demir', 'The roads north are open')}]]></description></item>` +
          `<item><title>Evening update</title><link>${base}/live</link><description><![CDATA[${fullStory('Spokesman Ali Demir', 'The roads north are closed again')}]]></description></item>` +
          `<item><title>Notice to readers</title><description><![CDATA[${fullStory('Editor Jo Park', 'Our print edition moves to Saturday')}]]></description></item>` +
          '</channel></rss>',
      );
    },
    // RSS 1.0 (RDF) dated with Dublin Core only.
    '/rdf.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rdf+xml' });
      res.end(
        `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">` +
          `<channel rdf:about="${base}/"><title>RDF Desk</title><link>${base}/</link><items><rdf:Seq><rdf:li rdf:resource="${base}/articles/dam"/></rdf:Seq></items></channel>` +
          `<item rdf:about="${base}/articles/dam"><title>Dam repairs finished early</title><link>${base}/articles/dam</link><dc:date>2025-02-20T10:00:00Z</dc:date><content:encoded>${escapeXml(fullStory('Engineer Lena Vogt', 'The dam is safe for another fifty years'))}</content:encoded></item></rdf:RDF>`,
      );
    },
    // Dates no reader should believe.
    '/dates.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(
        rss(
          [
            ['future-1', 'Fri, 01 Jan 2099 00:00:00 GMT'],
            ['future-2', '9999-12-31T23:59:59Z'],
            ['minus-1', '-1'],
            ['garbage', 'sometime last week'],
            ['good', 'Fri, 28 Feb 2025 12:00:00 GMT'],
          ].map(([guid, pubDate]) => ({
            guid: guid ?? '',
            title: `Story dated ${pubDate}`,
            link: `${base}/articles/dated-${guid}`,
            content: fullStory(`Clerk ${guid === 'good' ? 'Ada' : 'Bo'} Lind`, `Dated ${guid}`),
            pubDate,
          })),
          'Odd Dates',
        ),
      );
    },
    // Relative links: against the entry's xml:base, the feed's xml:base, and (RSS) the channel link.
    '/relative.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/atom+xml' });
      const entry = (id: string, href: string, extra = '') =>
        `<entry${extra}><title>Post ${id}</title><id>urn:post:${id}</id><link rel="alternate" href="${href}"/><updated>2025-02-25T08:00:00Z</updated><content type="html">${escapeXml(fullStory('Blogger Kim Sato', `Post ${id} is up`))}</content></entry>`;
      res.end(
        `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="${base}/blog/"><title>Relative Blog</title><link rel="self" href="/relative.xml"/>` +
          entry('1', '/post/1') +
          entry('2', 'post/2') +
          entry('3', 'post/3', ` xml:base="${base}/archive/2024/"`) +
          '</feed>',
      );
    },
    '/relative-rss.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>Relative Wire</title><link>${base}/wire/</link><item><title>Wire item</title><link>items/9</link><guid>wire-9</guid><description><![CDATA[${fullStory('Reporter Noor Haddad', 'The wire is relative')}]]></description></item></channel></rss>`,
      );
    },
    // A feed in ISO-8859-1, said only in its XML declaration.
    '/latin1.xml': (_req, res) => {
      const xml = `<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Zürcher Blatt</title><link>${base}/</link><item><title>Müller eröffnet Café am See</title><link>${base}/articles/see</link><guid>see-1</guid><description>${escapeXml(`<p>Zürich: René Müller eröffnet ein Café am See.</p><p>«Wir freuen uns», sagte René Müller. "Es ist ein schöner Tag für Zürich," sagte René Müller am Montag.</p>${[1, 2, 3, 4, 5].map(paragraph).join('')}`)}</description></item></channel></rss>`;
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(Buffer.from(xml, 'latin1'));
    },
    // Reddit-style bodies: HTML with comments, nested divs, script and style; an RSS description
    // with entities and no tags at all.
    '/reddit.xml': (_req, res) => {
      const body = `<!-- SC_OFF --><div class="md"><p>The council voted 7&ndash;2 to fund the Q&amp;A sessions &amp; the new library.</p><p>&ldquo;We listened to every resident,&rdquo; said councillor Maya Ortiz after the vote.</p><script>window.tracker("leak")</script><style>.md { color: red }</style>${[1, 2, 3, 4, 5].map(paragraph).join('')}</div><!-- SC_ON --> &#32; submitted by &#32; <a href="https://www.reddit.com/user/someone"> /u/someone </a> <br/> <span><a href="${base}/r/news/1">[link]</a></span> &#32; <span><a href="${base}/r/news/1/comments">[comments]</a></span>`;
      res.writeHead(200, { 'content-type': 'application/atom+xml' });
      res.end(
        `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>r/news</title><entry><title>Council funds library &amp;amp; Q&amp;amp;A sessions</title><id>t3_1</id><link href="${base}/r/news/1"/><updated>2025-02-26T08:00:00Z</updated><content type="html">${escapeXml(body)}</content></entry></feed>`,
      );
    },
    '/entities.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(
        rss([
          {
            guid: 'ent-1',
            title: 'Tom &amp;amp; Jerry return',
            link: `${base}/articles/tom`,
            description: `Q&amp;A: Tom &amp; Jerry &#8211; the studio&#8217;s plans.\n\n${'More about the cartoon and its long history on television. '.repeat(20)}`,
          },
        ]),
      );
    },
    // Teasers whose pages are slow, and one whose page is gone.
    '/teasers.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(
        rss(
          [
            ...[1, 2, 3].map((n) => ({ guid: `slow-${n}`, title: `Slow story ${n}`, link: `${base}/slowpage/${n}`, description: `Slow story ${n} in brief…` })),
            { guid: 'gone-1', title: 'A story whose page is gone', link: `${base}/articles/gone`, description: 'Gone in brief…' },
          ],
          'Teaser Wire',
        ),
      );
    },
  };
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    requests.push({ path, ifNoneMatch: req.headers['if-none-match'], acceptEncoding: req.headers['accept-encoding'] });
    const route = routes[path];
    const slow = /^\/slowpage\/(\d+)$/.exec(path);
    if (route) route(req, res);
    else if (slow) {
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(
          `<html><head><title>Slow story ${slow[1]}</title></head><body><article><h1>Slow story ${slow[1]}</h1><p>The full text of slow story ${slow[1]}, which took its time.</p>${[1, 2, 3, 4].map(paragraph).join('')}</article></body></html>`,
        );
      }, state.pageDelayMs).unref();
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    get version() {
      return state.version;
    },
    set version(v: number) {
      state.version = v;
    },
    get pageDelayMs() {
      return state.pageDelayMs;
    },
    set pageDelayMs(ms: number) {
      state.pageDelayMs = ms;
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The news server for one test file: started before its tests, closed after them. */
export function useNewsServer(): NewsServer {
  let server: NewsServer | null = null;
  beforeAll(async () => {
    server = await startNewsServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  const running = () => {
    if (!server) throw new Error('the news server is used outside a test');
    return server;
  };
  return {
    get url() {
      return running().url;
    },
    get version() {
      return running().version;
    },
    set version(v: number) {
      running().version = v;
    },
    get pageDelayMs() {
      return running().pageDelayMs;
    },
    set pageDelayMs(ms: number) {
      running().pageDelayMs = ms;
    },
    get requests() {
      return running().requests;
    },
    close: () => running().close(),
  };
}
