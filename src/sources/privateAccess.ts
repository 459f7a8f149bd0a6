import ipaddr from 'ipaddr.js';

// FEED_ALLOW_PRIVATE: which private or local addresses feeds may be read from. Off by default;
// `1` opens them all; a list (`10.1.2.3,cms.internal,192.168.7.0/24`) opens those hosts and ranges
// only, so one intranet feed does not open the metadata service too.

export interface PrivateAccess {
  /** Every private address (FEED_ALLOW_PRIVATE=1). */
  all: boolean;
  /** Host names allowed whatever they resolve to, lower case. */
  hosts: string[];
  /** Addresses and CIDR ranges allowed, as written ("10.1.2.3", "192.168.7.0/24"). */
  ranges: string[];
}

export const NO_PRIVATE_ACCESS: PrivateAccess = { all: false, hosts: [], ranges: [] };

const HOST_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** The setting's text to an access rule, or what is wrong with it. */
export function parsePrivateAccess(text: string | undefined): { ok: true; access: PrivateAccess } | { ok: false; reason: string } {
  const value = text?.trim() ?? '';
  if (value === '' || value === '0' || /^(?:false|no|off)$/i.test(value)) return { ok: true, access: NO_PRIVATE_ACCESS };
  if (value === '1' || /^(?:true|yes|on|all)$/i.test(value)) return { ok: true, access: { all: true, hosts: [], ranges: [] } };
  const access: PrivateAccess = { all: false, hosts: [], ranges: [] };
  for (const raw of value.split(',')) {
    const item = raw
      .trim()
      .toLowerCase()
      .replace(/^\[|\]$/g, '');
    if (!item) continue;
    if (item.includes('/')) {
      if (!ipaddr.isValidCIDR(item)) return { ok: false, reason: `“${raw.trim()}” is not a CIDR range` };
      access.ranges.push(item);
    } else if (ipaddr.isValid(item)) {
      access.ranges.push(`${item}/${ipaddr.parse(item).kind() === 'ipv4' ? 32 : 128}`);
    } else if (HOST_NAME.test(item)) {
      access.hosts.push(item);
    } else {
      return { ok: false, reason: `“${raw.trim()}” is neither an address, a CIDR range nor a host name` };
    }
  }
  return { ok: true, access };
}
