import { csrfTokenFor, hashSessionToken, newSessionToken, safeEqual, sessionState, SESSION_TOKEN_PATTERN } from './session-token';

describe('session tokens', () => {
  it('are 256-bit random base64url strings, stored as SHA-256', () => {
    const a = newSessionToken();
    expect(a).toMatch(SESSION_TOKEN_PATTERN);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(newSessionToken()).not.toBe(a);
    expect(hashSessionToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(csrfTokenFor(a)).not.toBe(csrfTokenFor(newSessionToken()));
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
  it('expire when idle, at their absolute limit, or when revoked', () => {
    const t0 = new Date('2026-01-01T08:00:00Z');
    const s = { revokedAt: null, lastSeenAt: t0, expiresAt: new Date(t0.getTime() + 12 * 3600_000) };
    const idle = 30 * 60_000;
    expect(sessionState(s, new Date(t0.getTime() + idle - 1), idle)).toBe('active');
    expect(sessionState(s, new Date(t0.getTime() + idle), idle)).toBe('expired');
    expect(sessionState({ ...s, lastSeenAt: new Date(t0.getTime() + 12 * 3600_000 - 1000) }, new Date(t0.getTime() + 12 * 3600_000), idle)).toBe('expired');
    expect(sessionState({ ...s, revokedAt: t0 }, t0, idle)).toBe('revoked');
  });
});
