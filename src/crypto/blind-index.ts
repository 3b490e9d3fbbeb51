import { createHmac, hkdfSync } from 'node:crypto';

/**
 * Blind indexes: exact-match lookups over an encrypted field without decrypting it. Each purpose
 * (e.g. `vehicle_plate`) gets its own HMAC-SHA256 key, derived by HKDF from a master key, and the
 * tag is truncated to 64 bits. Equal values give equal indexes, which is the leakage (see README
 * "Encryption at rest"): use only for values that cannot identify a tipster.
 */
export const BLIND_INDEX_BYTES = 8;
const PURPOSE = /^[a-z][a-z0-9_]{0,62}$/;

export function deriveBlindIndexKey(masterKey: Buffer, purpose: string): Buffer {
  if (!PURPOSE.test(purpose)) throw new Error(`blind index purpose must match ${PURPOSE.source}`);
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.from('tipline:blind-index:v1'), Buffer.from(purpose), 32));
}

/** Unicode NFKC, case-folded, inner whitespace removed: "29a-123.45 " and "29A-123.45" match. */
export function normalizeForIndex(value: string): string {
  return value.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** `<master key id>.<base64url of the first 8 bytes of HMAC-SHA256(derived key, normalized value)>` */
export function computeBlindIndex(masterKeyId: string, key: Buffer, value: string): string {
  const tag = createHmac('sha256', key).update(normalizeForIndex(value), 'utf8').digest().subarray(0, BLIND_INDEX_BYTES);
  return `${masterKeyId}.${tag.toString('base64url')}`;
}
