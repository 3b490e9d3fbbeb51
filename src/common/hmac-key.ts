import { createHmac, createSecretKey, Hmac, KeyObject } from 'node:crypto';

/**
 * The key object of each secret, made once: createHmac with a Buffer imports the key again on every
 * call, and the per-request HMACs (client keys, limit keys) use one secret per rotation period. A
 * new secret (rotation, the shared secret's next period) is a new Buffer, so a key object is never
 * used past its secret and goes with it (weakly held).
 */
const keys = new WeakMap<Buffer, KeyObject>();

/** createHmac('sha256', secret), with the secret's key object made once per Buffer. */
export function hmacSha256(secret: Buffer): Hmac {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(secret)));
  return createHmac('sha256', key);
}
