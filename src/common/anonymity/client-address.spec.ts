import { clientPrefix } from './client-address';

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
