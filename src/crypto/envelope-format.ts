import { createCipheriv, createDecipheriv } from 'node:crypto';

/*
 * The byte layouts of tipline's encryption at rest, as pure functions (no I/O, no randomness:
 * keys and IVs are passed in, so the known-answer vectors in envelope-format.spec.ts pin them).
 *
 * Why node:crypto and not a library (evaluated for issue 7):
 * - @47ng/cloak 1.2.0: a string format (`v1.aesgcm256.<fingerprint>.<iv>.<ct>`) with no associated
 *   data, so a ciphertext copied to another row or column would still decrypt; its keychain lives
 *   in environment variables; it pulls a CLI stack (chalk, commander, dotenv) into the runtime.
 * - ciphersweet-js 2.0.6: built for searchable encryption on XChaCha20-Poly1305 (sodium-plus), not
 *   AES-256-GCM; it has no per-record data keys to destroy, which crypto-shredding needs.
 * - AWS Encryption SDK (@aws-crypto/client-node 5) with a raw AES keyring: a sound format, but
 *   every message generates and wraps its OWN data key in a header of a few hundred bytes; a
 *   per-case key that retention can destroy would need a keyring per case, and the async stream
 *   API and ~10 packages are heavy for short fields.
 * So the format below is small and uses only well-reviewed primitives (AES-256-GCM from OpenSSL,
 * HKDF, HMAC) in one composition, pinned by test vectors: a random 96-bit IV per encryption,
 * 128-bit tag, and everything that names the ciphertext's place bound in the associated data.
 */

export const FIELD_FORMAT_V1 = 0x01;
export const WRAP_FORMAT_V1 = 0x01;
export const IV_BYTES = 12;
export const TAG_BYTES = 16;
export const KEY_BYTES = 32;
const FIELD_HEADER_BYTES = 1 + 16 + IV_BYTES;

/** Where a ciphertext lives; bound into the GCM associated data. */
export interface FieldAad {
  table: string;
  column: string;
  rowId: string;
}

export class CiphertextFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CiphertextFormatError';
  }
}

export function uuidToBytes(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new CiphertextFormatError('not a uuid');
  return Buffer.from(hex, 'hex');
}

export function bytesToUuid(b: Buffer): string {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Length-prefixed (u16 big-endian) UTF-8 strings: an unambiguous canonical encoding. */
function lp(...parts: string[]): Buffer {
  const out: Buffer[] = [];
  for (const p of parts) {
    const b = Buffer.from(p, 'utf8');
    if (b.length > 0xffff) throw new CiphertextFormatError('associated data part too long');
    const len = Buffer.alloc(2);
    len.writeUInt16BE(b.length);
    out.push(len, b);
  }
  return Buffer.concat(out);
}

/**
 * Field ciphertext, format v1:
 *   [0]       0x01 format version
 *   [1..16]   data key id (uuid, 16 bytes)
 *   [17..28]  IV (96 bits, random per encryption)
 *   [29..n]   AES-256-GCM ciphertext
 *   [last 16] GCM tag (128 bits)
 * Associated data = "tipline:field:v1" || header[0..16] (version + data key id)
 *                   || lp(table) || lp(column) || lp(rowId).
 * The master key id is not in a field ciphertext on purpose: rotation re-wraps data keys only,
 * so it would go stale; the data key id leads to the wrapped key, which carries the master key id.
 */
export function fieldAad(version: number, dataKeyId: string, aad: FieldAad): Buffer {
  return Buffer.concat([
    Buffer.from('tipline:field:v1', 'ascii'),
    Buffer.from([version]),
    uuidToBytes(dataKeyId),
    lp(aad.table, aad.column, aad.rowId),
  ]);
}

export function sealField(dataKey: Buffer, dataKeyId: string, aad: FieldAad, iv: Buffer, plaintext: Buffer): Buffer {
  if (dataKey.length !== KEY_BYTES) throw new CiphertextFormatError('data key must be 32 bytes');
  if (iv.length !== IV_BYTES) throw new CiphertextFormatError('IV must be 12 bytes');
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(fieldAad(FIELD_FORMAT_V1, dataKeyId, aad));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([FIELD_FORMAT_V1]), uuidToBytes(dataKeyId), iv, body, cipher.getAuthTag()]);
}

export interface ParsedField {
  version: number;
  dataKeyId: string;
  iv: Buffer;
  body: Buffer;
  tag: Buffer;
}

export function parseField(ct: Buffer): ParsedField {
  if (ct.length < FIELD_HEADER_BYTES + TAG_BYTES) throw new CiphertextFormatError('ciphertext too short');
  const version = ct[0];
  if (version !== FIELD_FORMAT_V1) throw new CiphertextFormatError(`unknown field format version ${version}`);
  return {
    version,
    dataKeyId: bytesToUuid(ct.subarray(1, 17)),
    iv: ct.subarray(17, FIELD_HEADER_BYTES),
    body: ct.subarray(FIELD_HEADER_BYTES, ct.length - TAG_BYTES),
    tag: ct.subarray(ct.length - TAG_BYTES),
  };
}

/** Throws (GCM authentication failure) when the key, the place or any byte differs. */
export function openField(dataKey: Buffer, aad: FieldAad, ct: Buffer): Buffer {
  const p = parseField(ct);
  const decipher = createDecipheriv('aes-256-gcm', dataKey, p.iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(fieldAad(p.version, p.dataKeyId, aad));
  decipher.setAuthTag(p.tag);
  return Buffer.concat([decipher.update(p.body), decipher.final()]);
}

/**
 * Wrapped data key, format v1:
 *   [0]            0x01 wrap format version
 *   [1]            length L of the master key id (1..64)
 *   [2..2+L)       master key id (ASCII)
 *   next 12        IV
 *   next 32        the data key, AES-256-GCM encrypted under the master key
 *   last 16        GCM tag
 * Associated data = "tipline:data-key:v1" || data key id (16 bytes) || lp(master key id), so a
 * wrapped key copied onto another data key's row does not unwrap.
 */
export function wrapAad(dataKeyId: string, masterKeyId: string): Buffer {
  return Buffer.concat([Buffer.from('tipline:data-key:v1', 'ascii'), uuidToBytes(dataKeyId), lp(masterKeyId)]);
}

export function wrapDataKey(masterKey: Buffer, masterKeyId: string, dataKeyId: string, iv: Buffer, dataKey: Buffer): Buffer {
  if (masterKey.length !== KEY_BYTES || dataKey.length !== KEY_BYTES) throw new CiphertextFormatError('keys must be 32 bytes');
  if (iv.length !== IV_BYTES) throw new CiphertextFormatError('IV must be 12 bytes');
  const id = Buffer.from(masterKeyId, 'ascii');
  if (id.length < 1 || id.length > 64) throw new CiphertextFormatError('master key id must be 1..64 characters');
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(wrapAad(dataKeyId, masterKeyId));
  const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return Buffer.concat([Buffer.from([WRAP_FORMAT_V1, id.length]), id, iv, body, cipher.getAuthTag()]);
}

/** The master key id a wrapped key needs, without unwrapping it. */
export function wrappedMasterKeyId(wrapped: Buffer): string {
  if (wrapped.length < 2 || wrapped[0] !== WRAP_FORMAT_V1) throw new CiphertextFormatError('unknown wrap format');
  const len = wrapped[1];
  if (wrapped.length !== 2 + len + IV_BYTES + KEY_BYTES + TAG_BYTES) throw new CiphertextFormatError('wrapped key has a bad length');
  return wrapped.subarray(2, 2 + len).toString('ascii');
}

export function unwrapDataKey(masterKey: Buffer, dataKeyId: string, wrapped: Buffer): Buffer {
  const masterKeyId = wrappedMasterKeyId(wrapped);
  const at = 2 + wrapped[1];
  const iv = wrapped.subarray(at, at + IV_BYTES);
  const body = wrapped.subarray(at + IV_BYTES, at + IV_BYTES + KEY_BYTES);
  const tag = wrapped.subarray(at + IV_BYTES + KEY_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', masterKey, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(wrapAad(dataKeyId, masterKeyId));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]);
}
