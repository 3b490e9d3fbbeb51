import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CheckpointFields, encodeCheckpoint, keyIdFor } from './audit-canonical';

/** The Ed25519 key that signs checkpoints. */
export class AuditSigningKey {
  readonly keyId: string;
  /** SubjectPublicKeyInfo DER, base64: what verifiers and outsiders keep. */
  readonly publicKeyBase64: string;

  constructor(
    private readonly privateKey: KeyObject,
    /** Where it came from, for the start-up log line (never the key itself). */
    readonly source: string,
  ) {
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('AUDIT_SIGNING_KEY must be an Ed25519 private key');
    const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
    this.keyId = keyIdFor(spki);
    this.publicKeyBase64 = spki.toString('base64');
  }

  sign(c: CheckpointFields): string {
    return sign(null, encodeCheckpoint(c), this.privateKey).toString('base64');
  }
}

/** Parses AUDIT_SIGNING_KEY: a PKCS#8 PEM, or PKCS#8 DER in base64. */
export function parseSigningKey(value: string): KeyObject {
  const text = value.trim();
  try {
    return text.includes('-----BEGIN')
      ? createPrivateKey({ key: text.replace(/\\n/g, '\n'), format: 'pem' })
      : createPrivateKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'pkcs8' });
  } catch {
    throw new Error('AUDIT_SIGNING_KEY is not a PKCS#8 private key (PEM, or DER in base64)');
  }
}

/**
 * The signing key from configuration. Production requires AUDIT_SIGNING_KEY (config validation
 * refuses to start without it). In development a key is generated once and kept next to the
 * embedded database's data folder; in tests a fresh ephemeral key is used.
 */
export function loadSigningKey(config: { NODE_ENV: string; AUDIT_SIGNING_KEY?: string; EMBEDDED_PG_DIR: string }): AuditSigningKey {
  if (config.AUDIT_SIGNING_KEY) return new AuditSigningKey(parseSigningKey(config.AUDIT_SIGNING_KEY), 'AUDIT_SIGNING_KEY');
  if (config.NODE_ENV === 'production') throw new Error('AUDIT_SIGNING_KEY is required in production');
  if (config.NODE_ENV === 'test') {
    return new AuditSigningKey(generateKeyPairSync('ed25519').privateKey, 'an ephemeral key (NODE_ENV=test, AUDIT_SIGNING_KEY unset)');
  }
  const file = path.resolve(path.dirname(path.resolve(config.EMBEDDED_PG_DIR)), 'audit-signing-key.pem');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
    try {
      writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
      chmodSync(file, 0o600);
    } catch (e) {
      // another instance created it first: use theirs
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  return new AuditSigningKey(parseSigningKey(readFileSync(file, 'utf8')), `a development key stored in ${file} (AUDIT_SIGNING_KEY unset)`);
}
