import { lookup } from 'node:dns';
import ipaddr from 'ipaddr.js';
import type { PrivateAccess } from './privateAccess.ts';

// Feeds and pages are read for chat users, so an address inside the bot's own network (loopback,
// private ranges, link-local, cloud metadata) is refused unless FEED_ALLOW_PRIVATE allows it. The
// check runs at connection time on the address actually dialled, so DNS rebinding and redirects
// cannot slip by. Addresses are classified by ipaddr.js (every spelling, IPv4 inside IPv6
// included), and only global unicast passes: a list of what to refuse always misses something.

/** The IPv4 address an IPv6 address carries, for the forms that embed one (mapped, NAT64, 6to4, SIIT). */
function embeddedIPv4(v6: ipaddr.IPv6, range: string): ipaddr.IPv4 | null {
  const p = v6.parts;
  const v4 = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  if (range === 'ipv4Mapped' || range === 'rfc6145' || range === 'rfc6052') return v4(p[6] as number, p[7] as number);
  if (range === '6to4') return v4(p[1] as number, p[2] as number);
  return null;
}

/** Whether an address is on the public internet (global unicast), whatever its spelling. */
export function isPublicAddress(ip: string): boolean {
  let address: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    address = ipaddr.parse(ip);
  } catch {
    return false; // not an address at all: refuse
  }
  if (address.kind() === 'ipv4') return address.range() === 'unicast';
  const v6 = address as ipaddr.IPv6;
  const range = v6.range();
  const inner = embeddedIPv4(v6, range);
  if (inner) return inner.range() === 'unicast';
  return range === 'unicast';
}

/** The private addresses and names one deployment's FEED_ALLOW_PRIVATE opens. */
export class AddressPolicy {
  private readonly hosts: Set<string>;
  private readonly ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][];

  constructor(readonly access: PrivateAccess) {
    this.hosts = new Set(access.hosts);
    this.ranges = access.ranges.map((r) => ipaddr.parseCIDR(r));
  }

  /** Whether `ip` may be dialled, reached by the name `host` (allowed names pass whatever they resolve to). */
  allowsAddress(ip: string, host?: string): boolean {
    if (isPublicAddress(ip) || this.access.all) return true;
    if (host && this.hosts.has(host.toLowerCase())) return true;
    let address: ipaddr.IPv4 | ipaddr.IPv6;
    try {
      address = ipaddr.process(ip.replace(/%.*$/, ''));
    } catch {
      return false;
    }
    return this.ranges.some(([base, bits]) => address.kind() === base.kind() && address.match(base, bits));
  }

  /** Whether a URL's host as written (an address literal, or a local name) may be read; other names are checked when they resolve. */
  allowsLiteral(url: URL): boolean {
    const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (ipaddr.isValid(host)) return this.allowsAddress(host);
    if (host === 'localhost' || host.endsWith('.localhost') || !host.includes('.')) return this.access.all || this.hosts.has(host);
    return true;
  }
}

export class BlockedAddressError extends Error {
  constructor(host: string) {
    super(`${host} is on a private or local network, which briefbot does not read (FEED_ALLOW_PRIVATE can allow it)`);
    this.name = 'BlockedAddressError';
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | { address: string; family: number }[], family?: number) => void;

/** A dns.lookup for the HTTP client that refuses addresses the policy does not allow. */
export function guardedLookup(policy: AddressPolicy) {
  return (hostname: string, options: object, callback: LookupCallback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const list = addresses as { address: string; family: number }[];
      if (list.some((a) => !policy.allowsAddress(a.address, hostname))) return callback(new BlockedAddressError(hostname), []);
      const all = (options as { all?: boolean }).all;
      if (all) return callback(null, list);
      const first = list[0];
      if (!first) return callback(new Error(`no address for ${hostname}`), []);
      callback(null, first.address, first.family);
    });
  };
}

/** Refuses a URL whose host is written as a private address or a local name (those skip DNS lookups). */
export function checkHostLiteral(url: URL, policy: AddressPolicy): void {
  if (!policy.allowsLiteral(url)) throw new BlockedAddressError(url.hostname);
}
