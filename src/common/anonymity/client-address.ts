import { isIP } from 'node:net';

/**
 * What a rate limit counts as "one client": an IPv4 address, or an IPv6 /64 (one subscriber's
 * whole allocation: a host can pick any of 2^64 addresses in it). IPv4-mapped IPv6 addresses
 * (`::ffff:1.2.3.4`) are their IPv4 address. Pure; the result never leaves the HTTP edge
 * (it is HMAC-keyed at once, see ClientKeys).
 */
export function clientPrefix(address: string | undefined): string {
  if (!address) return 'unknown';
  const zoneless = address.split('%')[0];
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(zoneless);
  if (mapped) return mapped[1];
  const kind = isIP(zoneless);
  if (kind === 4) return zoneless;
  if (kind !== 6) return 'unknown';
  return `${expandIpv6(zoneless).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, lower-case, without leading zeros. */
function expandIpv6(a: string): string[] {
  let s = a.toLowerCase();
  // A trailing dotted quad (::1.2.3.4 forms) becomes two groups.
  const quad = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (quad) {
    const [, b1, b2, b3, b4] = quad.map(Number);
    s = s.slice(0, quad.index) + `${((b1 << 8) | b2).toString(16)}:${((b3 << 8) | b4).toString(16)}`;
  }
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const h = head ? head.split(':') : [];
  const t = tail !== undefined ? (tail ? tail.split(':') : []) : [];
  const fill = tail !== undefined ? Array(8 - h.length - t.length).fill('0') : [];
  return [...h, ...fill, ...t].map((g) => (parseInt(g, 16) || 0).toString(16));
}
