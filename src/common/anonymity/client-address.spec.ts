import { clientAddressOf, clientPrefix, parseTrustedProxies } from './client-address';
import { ClientKeys } from './client-key';

const proxies = (value: string, header?: string) => {
  const r = parseTrustedProxies(value, header);
  expect(r.problems).toEqual([]);
  return r.proxies;
};

describe('parseTrustedProxies', () => {
  it('accepts addresses, CIDRs and the named ranges; names every bad entry and a bad header', () => {
    expect(parseTrustedProxies('10.0.0.0/8, 192.0.2.7 ,loopback,2001:db8::/32').problems).toEqual([]);
    expect(parseTrustedProxies('10.0.0.0/33,proxy.example,10.0.0.1', 'x-real-ip').problems).toEqual([
      'TRUSTED_PROXIES entry "10.0.0.0/33" is not an IP address, a CIDR (10.0.0.0/8) or one of loopback, linklocal, uniquelocal',
      'TRUSTED_PROXIES entry "proxy.example" is not an IP address, a CIDR (10.0.0.0/8) or one of loopback, linklocal, uniquelocal',
      'TRUSTED_PROXY_HEADER must be x-forwarded-for or forwarded (got "x-real-ip")',
    ]);
    expect(parseTrustedProxies('').proxies.none).toBe(true);
  });
});

describe('clientAddressOf', () => {
  const xff = proxies('10.0.0.0/8');
  it('is the socket peer when nothing is trusted or the peer is not trusted, whatever the headers say', () => {
    expect(clientAddressOf('198.51.100.1', { 'x-forwarded-for': '203.0.113.9' }, parseTrustedProxies('').proxies)).toBe('198.51.100.1');
    expect(clientAddressOf('198.51.100.1', { 'x-forwarded-for': '203.0.113.9', forwarded: 'for=203.0.113.9' }, xff)).toBe('198.51.100.1');
  });
  it('from a trusted peer: the nearest address that is not a trusted proxy', () => {
    expect(clientAddressOf('10.0.0.1', { 'x-forwarded-for': '203.0.113.9' }, xff)).toBe('203.0.113.9');
    expect(clientAddressOf('10.0.0.1', { 'x-forwarded-for': '1.2.3.4, 203.0.113.9, 10.9.9.9' }, xff)).toBe('203.0.113.9');
    expect(clientAddressOf('::ffff:10.0.0.1', { 'x-forwarded-for': '203.0.113.9' }, xff)).toBe('203.0.113.9');
    expect(clientAddressOf('10.0.0.1', { 'x-forwarded-for': '10.0.0.2, 10.0.0.3' }, xff)).toBe('10.0.0.2'); // all trusted: the farthest
    expect(clientAddressOf('10.0.0.1', {}, xff)).toBe('10.0.0.1');
    expect(clientAddressOf('10.0.0.1', { forwarded: 'for=203.0.113.9' }, xff)).toBe('10.0.0.1'); // not the configured header
  });
  it('reads RFC 7239 Forwarded when told to, with ports and bracketed IPv6; a malformed header is ignored', () => {
    const fwd = proxies('10.0.0.0/8', 'forwarded');
    expect(clientAddressOf('10.0.0.1', { forwarded: 'for="[2001:db8::7]:4711";proto=https, for=10.0.0.4' }, fwd)).toBe('2001:db8::7');
    expect(clientAddressOf('10.0.0.1', { forwarded: 'for="203.0.113.9:1234"' }, fwd)).toBe('203.0.113.9');
    expect(clientAddressOf('10.0.0.1', { forwarded: 'for=203.0.113.9:1234' }, fwd)).toBe('10.0.0.1'); // unquoted ':' is malformed
    expect(clientAddressOf('10.0.0.1', { forwarded: 'for=' }, fwd)).toBe('10.0.0.1');
    expect(clientAddressOf('10.0.0.1', { 'x-forwarded-for': '203.0.113.9' }, fwd)).toBe('10.0.0.1');
  });
});

describe('ClientKeys.clientKeyOfRequest', () => {
  it('keys the derived client address (same client via two proxies: one key; one IPv6 /64: one key), never returns it', async () => {
    const keys = new ClientKeys(60_000, Date.now, proxies('10.0.0.0/8'));
    const via = (peer: string, xffValue?: string) =>
      keys.clientKeyOfRequest({ socket: { remoteAddress: peer }, headers: xffValue ? { 'x-forwarded-for': xffValue } : {} });
    expect(await via('10.0.0.1', '203.0.113.9')).toBe(await via('10.0.0.2', '203.0.113.9'));
    expect(await via('10.0.0.1', '203.0.113.9')).not.toBe(await via('10.0.0.1', '203.0.113.10'));
    expect(await via('198.51.100.1', '203.0.113.9')).toBe(await via('198.51.100.1', '203.0.113.10'));
    expect(await via('10.0.0.1', '203.0.113.9')).not.toContain('203.0.113.9');
    // The forwarded address is keyed by its /64, like a socket peer's.
    expect(await via('10.0.0.1', '2001:db8:1:2::1')).toBe(await via('10.0.0.2', '2001:db8:1:2:ffff::9'));
    expect(await via('10.0.0.1', '2001:db8:1:2::1')).not.toBe(await via('10.0.0.1', '2001:db8:1:3::1'));
  });
});


describe('clientPrefix', () => {
  it('keeps an IPv4 address and unwraps an IPv4-mapped IPv6 one', () => {
    expect(clientPrefix('198.51.100.7')).toBe('198.51.100.7');
    expect(clientPrefix('::ffff:198.51.100.7')).toBe('198.51.100.7');
  });

  it('keys every address of one IPv6 /64 alike, whatever its spelling', () => {
    const a = clientPrefix('2001:db8:1:2::1');
    expect(a).toBe('2001:db8:1:2::/64');
    expect(clientPrefix('2001:0DB8:0001:0002:ffff:eeee:dddd:cccc')).toBe(a);
    expect(clientPrefix('2001:db8:1:2:0:0:0:9%eth0')).toBe(a);
    expect(clientPrefix('2001:db8:1:3::1')).not.toBe(a);
    expect(clientPrefix('::1')).toBe('0:0:0:0::/64');
  });

  it('names anything else "unknown"', () => {
    expect(clientPrefix(undefined)).toBe('unknown');
    expect(clientPrefix('not an address')).toBe('unknown');
  });
});
