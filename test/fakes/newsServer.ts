import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

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
  /** Requests seen, by path, with their conditional headers. */
  requests: { path: string; ifNoneMatch?: string; acceptEncoding?: string }[];
  close: () => Promise<void>;
}

export async function startNewsServer(): Promise<NewsServer> {
  const state = { version: 1 };
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
  };
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    requests.push({ path, ifNoneMatch: req.headers['if-none-match'], acceptEncoding: req.headers['accept-encoding'] });
    const route = routes[path];
    if (route) route(req, res);
    else {
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
