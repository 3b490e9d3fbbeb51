import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Channel client credentials. The API key is `tlk_<key id>_<secret>`: the key id (public) finds
 * the client, the whole key is compared by its SHA-256 (256 random bits need no slow hash). The
 * signing secret (`tls_…`) keys the HMAC over each delivery.
 */
export const API_KEY_PREFIX = 'tlk';
export const SECRET_PREFIX = 'tls';

export function newApiKey(): { keyId: string; apiKey: string } {
  const keyId = randomBytes(8).toString('hex');
  return { keyId, apiKey: `${API_KEY_PREFIX}_${keyId}_${randomBytes(32).toString('base64url')}` };
}

export function newSigningSecret(): string {
  return `${SECRET_PREFIX}_${randomBytes(32).toString('base64url')}`;
}

/** The key id of a well-formed API key, or null. */
export function apiKeyId(apiKey: unknown): string | null {
  if (typeof apiKey !== 'string' || apiKey.length > 200) return null;
  const m = /^tlk_([0-9a-f]{16})_[A-Za-z0-9_-]{43}$/.exec(apiKey);
  return m ? m[1] : null;
}

export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex');
}

/** Constant-time comparison of an offered key with the stored hash. */
export function apiKeyMatches(apiKey: string, storedHash: string): boolean {
  const a = Buffer.from(hashApiKey(apiKey), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
