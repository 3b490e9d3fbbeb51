import { ClientLimiter } from './client-limiter';

describe('ClientLimiter', () => {
  it('limits per client within a window and lets it in again in the next one', () => {
    let now = 0;
    const l = new ClientLimiter(2, 1000, 10_000, () => now);
    expect(l.hit('10.0.0.1')).toBe(true);
    expect(l.hit('10.0.0.1')).toBe(true);
    expect(l.hit('10.0.0.1')).toBe(false);
    expect(l.allows('10.0.0.1')).toBe(false);
    expect(l.allows('10.0.0.2')).toBe(true);
    now = 1000;
    expect(l.allows('10.0.0.1')).toBe(true);
  });

  it('keeps only HMACs, never the address, and forgets everything when the secret rotates', () => {
    let now = 0;
    const l = new ClientLimiter(1, 100_000, 5000, () => now);
    l.hit('192.0.2.77');
    expect(l.keys().join()).not.toContain('192.0.2.77');
    const before = l.keys()[0];
    expect(l.allows('192.0.2.77')).toBe(false);
    now = 5000;
    expect(l.allows('192.0.2.77')).toBe(true);
    expect(l.keys()[0]).not.toBe(before);
  });
});
