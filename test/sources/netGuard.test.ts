import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { fetchUrl } from '../../src/sources/fetchUrl.ts';
import { AddressPolicy, isPublicAddress } from '../../src/sources/netGuard.ts';
import { NO_PRIVATE_ACCESS, parsePrivateAccess } from '../../src/sources/privateAccess.ts';
import { checkFeedUrl } from '../../src/sources/sourcesPort.ts';

// The private-address guard against every spelling of a local address an attacker could put in a
// feed link: each is refused when added as a source and when fetched (a teaser or a redirect).

const closed = new AddressPolicy(NO_PRIVATE_ACCESS);

/** A server on loopback that answers anything; it must never be reached through a refused spelling. */
let server: Server;
let port = 0;
let hits = 0;
beforeAll(async () => {
  server = createServer((_req, res) => {
    hits++;
    res.end('secret');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const SPELLINGS = [
  '127.0.0.1',
  '[::ffff:127.0.0.1]',
  '[::ffff:7f00:1]',
  '[0:0:0:0:0:ffff:7f00:1]',
  '[::1]',
  '[::]',
  '0.0.0.0',
  '0',
  '2130706433',
  '0x7f000001',
  '0177.0.0.1',
  '127.1',
  '169.254.169.254',
  '[::ffff:a9fe:a9fe]',
  '[64:ff9b::7f00:1]', // NAT64 of 127.0.0.1
  '[64:ff9b::a9fe:a9fe]', // NAT64 of the metadata service
  '[2002:7f00:1::]', // 6to4 of 127.0.0.1
  '[2002:a9fe:a9fe::1]',
  '[fd12:3456:789a::1]', // ULA
  '[fc00::1]',
  '[fe80::1]', // link-local
  '10.0.0.1',
  '172.16.5.4',
  '192.168.1.1',
  '100.64.0.1',
  'localhost',
  'LOCALHOST',
  'feeds.localhost',
  'intranet',
];

describe('the private-address guard', () => {
  it.each(SPELLINGS)('refuses %s as a feed and as a fetch', async (host) => {
    const url = `http://${host}:${port}/latest/meta-data/`;
    const before = hits;
    expect(await checkFeedUrl(url, closed)).toMatchObject({ ok: false });
    await expect(fetchUrl(url, { policy: closed, timeoutMs: 2_000 })).rejects.toThrow(/private or local network|not an http/);
    expect(hits).toBe(before);
  });

  it('refuses a link-local address with a zone id, which is no URL at all', async () => {
    expect(await checkFeedUrl(`http://[fe80::1%25eth0]:${port}/`, closed)).toMatchObject({ ok: false });
    expect(isPublicAddress('fe80::1%eth0')).toBe(false);
  });

  it.each([
    ['93.184.216.34', true],
    ['2606:4700::1111', true],
    ['::ffff:93.184.216.34', true],
    ['64:ff9b::5db8:d822', true], // NAT64 of a public address
    ['2001:db8::1', false], // documentation
    ['2001::1', false], // Teredo
    ['255.255.255.255', false],
    ['224.0.0.1', false],
    ['not an address', false],
  ])('%s is public: %s', (ip, expected) => {
    expect(isPublicAddress(ip)).toBe(expected);
  });
});

describe('FEED_ALLOW_PRIVATE as a list', () => {
  const parsed = parsePrivateAccess('10.1.2.3, cms.internal, 192.168.7.0/24, 127.0.0.1');
  if (!parsed.ok) throw new Error(parsed.reason);
  const listed = new AddressPolicy(parsed.access);

  it('allows exactly the listed addresses, ranges and host names', () => {
    expect(parsed.access).toEqual({ all: false, hosts: ['cms.internal'], ranges: ['10.1.2.3/32', '192.168.7.0/24', '127.0.0.1/32'] });
    expect(listed.allowsAddress('10.1.2.3')).toBe(true);
    expect(listed.allowsAddress('10.1.2.4')).toBe(false);
    expect(listed.allowsAddress('192.168.7.200')).toBe(true);
    expect(listed.allowsAddress('192.168.8.1')).toBe(false);
    expect(listed.allowsAddress('::ffff:10.1.2.3')).toBe(true);
    expect(listed.allowsAddress('10.9.9.9', 'cms.internal')).toBe(true);
    expect(listed.allowsAddress('10.9.9.9', 'other.internal')).toBe(false);
    expect(listed.allowsAddress('169.254.169.254')).toBe(false);
    expect(listed.allowsAddress('8.8.8.8')).toBe(true);
  });

  it('reads the listed feed, and refuses every other private address it leads to', async () => {
    expect(await checkFeedUrl(`http://127.0.0.1:${port}/feed`, listed)).toMatchObject({ ok: true });
    const page = await fetchUrl(`http://127.0.0.1:${port}/feed`, { policy: listed });
    expect(page).toMatchObject({ status: 'ok', body: 'secret' });
    await expect(fetchUrl(`http://[::1]:${port}/`, { policy: listed })).rejects.toThrow(/private or local network/);
    await expect(fetchUrl(`http://localhost:${port}/`, { policy: listed })).rejects.toThrow(/private or local network/);
    expect(await checkFeedUrl(`http://169.254.169.254/latest/meta-data/`, listed)).toMatchObject({ ok: false });
  });

  it('is reported at start-up when it cannot be read, with 1 still opening everything', () => {
    expect(loadConfig({ FEED_ALLOW_PRIVATE: '10.0.0.0/99' }).problems).toEqual([
      'FEED_ALLOW_PRIVATE must be 1 or a list of addresses, CIDR ranges and host names (“10.0.0.0/99” is not a CIDR range).',
    ]);
    expect(loadConfig({ FEED_ALLOW_PRIVATE: '1' }).config.feedAllowPrivate.all).toBe(true);
    expect(loadConfig({}).config.feedAllowPrivate).toEqual(NO_PRIVATE_ACCESS);
  });
});
