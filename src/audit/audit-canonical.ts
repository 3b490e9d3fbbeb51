import { createHash } from 'node:crypto';

/**
 * The canonical encodings that the audit trail hashes and signs. Pure and dependency-free so that
 * an outside verifier can copy this file and recompute every link without the application.
 *
 * - A change is digested as SHA-256 over canonical JSON (object keys sorted by code unit, no
 *   whitespace, Dates as ISO strings, bigints as decimal strings); it is never stored as text.
 * - An event's digest is SHA-256 over a JSON array of its fields (all but seq) in a fixed order.
 * - A link is SHA-256 over the event's seq, the previous link and the event digest. The database
 *   computes links (audit_append(), same formula) so the chain lock is held for one round trip;
 *   because a link needs only the event's digest, a per-case proof can reveal the digests of
 *   other cases' events, not the events.
 */

export const GENESIS_HASH = '0'.repeat(64);
const EVENT_TAG = 'tipline.audit.event.v1';
const LINK_TAG = 'tipline.audit.link.v1';
const CHECKPOINT_TAG = 'tipline.audit.checkpoint.v1';

export type ActorType = 'staff' | 'tipster' | 'system' | 'channel';

/** The hashed fields of one audit event, as stored (strings; `at` as an ISO-8601 UTC string with ms). */
export interface AuditEventFields {
  seq: string;
  at: string;
  actorType: ActorType;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  unitId: string | null;
  requestId: string;
  changeDigest: string | null;
}

export interface AuditEventRecord extends AuditEventFields {
  prevHash: string;
  hash: string;
}

/** The signed fields of a checkpoint: the chain has `seq` events and its head link is `headHash`. */
export interface CheckpointFields {
  seq: string;
  headHash: string;
  at: string;
  keyId: string;
}

export class CanonicalEncodingError extends Error {}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Canonical JSON: deterministic for equal values regardless of key order. */
export function canonicalJson(value: unknown): string {
  return encode(value, 0);
}

function encode(value: unknown, depth: number): string {
  if (depth > 64) throw new CanonicalEncodingError('change is nested too deeply');
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalEncodingError('change holds a non-finite number');
      return JSON.stringify(Object.is(value, -0) ? 0 : value);
    case 'bigint':
      return JSON.stringify(value.toString());
    case 'object': {
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw new CanonicalEncodingError('change holds an invalid date');
        return JSON.stringify(value.toISOString());
      }
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : encode(v, depth + 1))).join(',')}]`;
      if (value instanceof Map || value instanceof Set || ArrayBuffer.isView(value)) {
        throw new CanonicalEncodingError('change may hold only objects, arrays, strings, numbers, booleans, dates and null');
      }
      // like JSON: an object that says how to serialise itself is encoded as that
      const toJSON = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') return encode((toJSON as () => unknown).call(value), depth + 1);
      const entries = Object.keys(value)
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${encode((value as Record<string, unknown>)[k], depth + 1)}`);
      return `{${entries.join(',')}}`;
    }
    default:
      throw new CanonicalEncodingError(`change holds a ${typeof value}`);
  }
}

/** The digest of a change (null when the event carries none). */
export function changeDigest(change: unknown): string | null {
  return change === undefined ? null : sha256Hex(canonicalJson(change));
}

/** The canonical encoding of an event's fields (seq is bound by the link): a JSON array in a fixed order. */
export function encodeEvent(e: Omit<AuditEventFields, 'seq'>): string {
  return JSON.stringify([
    EVENT_TAG,
    e.at,
    e.actorType,
    e.actorId,
    e.action,
    e.targetType,
    e.targetId,
    e.unitId,
    e.requestId,
    e.changeDigest,
  ]);
}

export function eventDigest(e: Omit<AuditEventFields, 'seq'>): string {
  return sha256Hex(encodeEvent(e));
}

/** The link of event `seq`: binds its position, the previous link and its digest (ASCII only). */
export function linkHash(seq: string, prevHash: string, digest: string): string {
  return sha256Hex(`${LINK_TAG}\n${seq}\n${prevHash}\n${digest}`);
}

/** The exact bytes a checkpoint signature covers. */
export function encodeCheckpoint(c: CheckpointFields): Buffer {
  return Buffer.from(JSON.stringify([CHECKPOINT_TAG, c.seq, c.headHash, c.at, c.keyId]), 'utf8');
}

/** A key's id: the first 16 hex digits of SHA-256 over its SubjectPublicKeyInfo (DER). */
export function keyIdFor(publicKeySpkiDer: Buffer): string {
  return sha256Hex(publicKeySpkiDer).slice(0, 16);
}
