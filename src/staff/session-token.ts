import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Session tokens: 32 random bytes (256 bits), base64url; only their SHA-256 is stored. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export const SESSION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The CSRF token of a cookie session, derived from the session token (double submit bound to the
 * session): a page on another origin can neither read the cookie nor compute this value.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`tipline-csrf:${sessionToken}`).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Whether a session is still usable at `now` (not revoked, within its idle and absolute limits). */
export function sessionState(
  s: { revokedAt: Date | null; lastSeenAt: Date; expiresAt: Date },
  now: Date,
  idleMs: number,
): 'active' | 'revoked' | 'expired' {
  if (s.revokedAt) return 'revoked';
  if (now.getTime() >= s.expiresAt.getTime()) return 'expired';
  if (now.getTime() - s.lastSeenAt.getTime() >= idleMs) return 'expired';
  return 'active';
}
