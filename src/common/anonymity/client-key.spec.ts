import { randomBytes } from 'node:crypto';
import { ClientKeys } from './client-key';
import { NO_TRUSTED_PROXIES } from './client-address';

describe('ClientKeys', () => {
  it('gives one address one opaque key until the secret rotates, and never the address itself', async () => {
    let now = 0;
    const keys = new ClientKeys(1000, () => now);
    const a = await keys.keyFor('203.0.113.9');
    expect(a).toBe(await keys.keyFor('203.0.113.9'));
    expect(a).not.toBe(await keys.keyFor('203.0.113.10'));
    expect(a).not.toContain('203.0.113');
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    now = 1000;
    expect(await keys.keyFor('203.0.113.9')).not.toBe(a);
  });

  it('keys differ between processes (a fresh random secret each)', async () => {
    expect(await new ClientKeys(1000).keyFor('198.51.100.1')).not.toBe(await new ClientKeys(1000).keyFor('198.51.100.1'));
  });

  it('with a shared secret, two instances key a client alike, and one IPv6 /64 as one client', async () => {
    const secret = randomBytes(32);
    const a = new ClientKeys(1000, Date.now, NO_TRUSTED_PROXIES, async () => secret);
    const b = new ClientKeys(1000, Date.now, NO_TRUSTED_PROXIES, async () => secret);
    expect(await a.keyFor('2001:db8:5:6::1')).toBe(await b.keyFor('2001:db8:5:6:ffff::2'));
    expect(await a.keyFor('2001:db8:5:7::1')).not.toBe(await b.keyFor('2001:db8:5:6::1'));
  });
});

describe('ClientKeys key object', () => {
  it('is the HMAC of the current secret across rotations and a changing shared secret', async () => {
    const { createHmac } = await import('node:crypto');
    const { clientPrefix } = await import('./client-address');
    let secret = randomBytes(32);
    const keys = new ClientKeys(1000, Date.now, NO_TRUSTED_PROXIES, async () => secret);
    const expected = () => createHmac('sha256', secret).update(clientPrefix('203.0.113.9')).digest('base64url');
    expect(await keys.keyFor('203.0.113.9')).toBe(expected());
    secret = randomBytes(32);
    expect(await keys.keyFor('203.0.113.9')).toBe(expected());
    let now = 0;
    const local = new ClientKeys(1000, () => now);
    const first = local.localKeyFor('203.0.113.9');
    expect(await local.keyFor('203.0.113.9')).toBe(first);
    now = 1000;
    expect(local.localKeyFor('203.0.113.9')).not.toBe(first);
    expect(await local.keyFor('203.0.113.9')).toBe(local.localKeyFor('203.0.113.9'));
  });
});
