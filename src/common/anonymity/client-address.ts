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
