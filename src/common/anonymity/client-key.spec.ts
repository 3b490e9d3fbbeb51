import { ClientKeys } from './client-key';

describe('ClientKeys', () => {
  it('gives one address one opaque key until the secret rotates, and never the address itself', () => {
    let now = 0;
    const keys = new ClientKeys(1000, () => now);
    const a = keys.keyFor('203.0.113.9');
    expect(a).toBe(keys.keyFor('203.0.113.9'));
    expect(a).not.toBe(keys.keyFor('203.0.113.10'));
    expect(a).not.toContain('203.0.113');
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    now = 1000;
    expect(keys.keyFor('203.0.113.9')).not.toBe(a);
  });

  it('keys differ between processes (a fresh random secret each)', () => {
    expect(new ClientKeys(1000).keyFor('198.51.100.1')).not.toBe(new ClientKeys(1000).keyFor('198.51.100.1'));
  });
});
