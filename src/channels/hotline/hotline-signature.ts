import { createHmac, timingSafeEqual } from 'node:crypto';

/** A delivery older (or further in the future) than this is refused as stale. */
export const SIGNATURE_MAX_AGE_SECONDS = 300;

export const HOTLINE_HEADERS = {
  apiKey: 'x-api-key',
  timestamp: 'x-tipline-timestamp',
  signature: 'x-tipline-signature',
  idempotencyKey: 'idempotency-key',
} as const;

export interface SignedParts {
  timestamp: string;
  method: string;
  /** The request target as sent: path and query string. */
  path: string;
  body: string | Buffer;
}

/** `v1=` + hex HMAC-SHA256(secret, timestamp "\n" METHOD "\n" path "\n" body). */
export function hotlineSignature(secret: string, p: SignedParts): string {
  const mac = createHmac('sha256', secret);
  mac.update(`${p.timestamp}\n${p.method.toUpperCase()}\n${p.path}\n`, 'utf8');
  mac.update(p.body);
  return `v1=${mac.digest('hex')}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'signature_invalid' | 'signature_stale' };

/**
 * Checks a delivery's signature: a missing or malformed timestamp or signature, or a wrong
 * HMAC, is invalid; a timestamp more than five minutes from now is stale. Pure: `nowSeconds`
 * is passed in.
 */
export function checkHotlineSignature(secret: string, p: SignedParts, signature: unknown, nowSeconds: number): SignatureCheck {
  if (typeof signature !== 'string' || !/^v1=[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: 'signature_invalid' };
  // Unix seconds, optionally with up to three decimals, so that two attempts in one second differ.
  if (!/^\d{1,12}(\.\d{1,3})?$/.test(p.timestamp)) return { ok: false, reason: 'signature_invalid' };
  const expected = Buffer.from(hotlineSignature(secret, p));
  const offered = Buffer.from(signature);
  if (expected.length !== offered.length || !timingSafeEqual(expected, offered)) return { ok: false, reason: 'signature_invalid' };
  if (Math.abs(nowSeconds - Number(p.timestamp)) > SIGNATURE_MAX_AGE_SECONDS) return { ok: false, reason: 'signature_stale' };
  return { ok: true };
}
