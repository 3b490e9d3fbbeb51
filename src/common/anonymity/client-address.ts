import { isIP } from 'node:net';
import proxyaddr from '@fastify/proxy-addr';
import parseForwarded from 'forwarded-parse';

/**
 * Which peers may tell tipline the client's address (TRUSTED_PROXIES) and in which header
 * (TRUSTED_PROXY_HEADER). Pure: parsed once at start-up; @fastify/proxy-addr (Fastify's own,
 * from the `proxy-addr` of Express) matches addresses and CIDRs, forwarded-parse reads RFC 7239.
 */
export interface TrustedProxies {
  /** true when the address (socket peer or a hop) is a trusted proxy; i counts hops from the peer. */
  trusts(address: string, hop: number): boolean;
  header: 'x-forwarded-for' | 'forwarded';
  /** Nothing trusted: the socket address is the client, headers are never read. */
  none: boolean;
}

export const NO_TRUSTED_PROXIES: TrustedProxies = { trusts: () => false, header: 'x-forwarded-for', none: true };

/**
 * `TRUSTED_PROXIES=10.0.0.0/8,192.0.2.7,loopback`: addresses, CIDRs, or the names loopback,
 * linklocal, uniquelocal. Names every bad entry at once.
 */
export function parseTrustedProxies(value: string, header: string = 'x-forwarded-for'): { proxies: TrustedProxies; problems: string[] } {
  const entries = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const problems: string[] = [];
  for (const e of entries) {
    try {
      proxyaddr.compile(e);
    } catch {
      problems.push(`TRUSTED_PROXIES entry "${e}" is not an IP address, a CIDR (10.0.0.0/8) or one of loopback, linklocal, uniquelocal`);
    }
  }
  const h = header.trim().toLowerCase();
  if (h !== 'x-forwarded-for' && h !== 'forwarded') problems.push(`TRUSTED_PROXY_HEADER must be x-forwarded-for or forwarded (got ${JSON.stringify(header)})`);
  if (problems.length > 0 || entries.length === 0) return { proxies: NO_TRUSTED_PROXIES, problems };
  const trusts = proxyaddr.compile(entries);
  return { proxies: { trusts, header: h as TrustedProxies['header'], none: false }, problems };
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(',') : v;
}

/** `for=` values of a Forwarded header, nearest hop last; `[v6]:port` and `v4:port` reduced to the address. */
function forwardedFor(value: string): string[] | undefined {
  let elements: Record<string, string>[];
  try {
    elements = parseForwarded(value);
  } catch {
    return undefined; // malformed: ignored as a whole
  }
  return elements
    .map((e) => e.for)
    .filter((f): f is string => typeof f === 'string')
    .map((f) => {
      const v6 = /^\[([^\]]+)\](?::\d+)?$/.exec(f);
      if (v6) return v6[1];
      const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(f);
      return v4 ? v4[1] : f;
    });
}

/**
 * The client's address of a request, to be keyed at once (ClientKeys) and never kept. The socket
 * peer, unless the peer is a trusted proxy: then, walking the chain of the configured header from
 * the nearest hop back, the first address that is not a trusted proxy (the last one the trusted
 * proxies vouch for). Headers from an untrusted peer are never read, so spoofing them changes nothing.
 */
export function clientAddressOf(peer: string | undefined, headers: Record<string, string | string[] | undefined>, proxies: TrustedProxies): string | undefined {
  if (proxies.none || peer === undefined || !proxies.trusts(peer, 0)) return peer;
  const raw = headerValue(headers[proxies.header]);
  if (raw === undefined) return peer;
  const chain =
    proxies.header === 'forwarded'
      ? forwardedFor(raw)
      : raw
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
  if (!chain || chain.length === 0) return peer;
  let address = peer;
  for (let i = chain.length - 1, hop = 1; i >= 0; i--, hop++) {
    address = chain[i];
    if (!proxies.trusts(address, hop)) return address;
  }
  return address;
}


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
