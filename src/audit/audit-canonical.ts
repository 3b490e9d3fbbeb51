import { createHash } from 'node:crypto';

/**
 * The canonical encodings that the audit trail hashes and signs. Pure and dependency-free so that
 * an outside verifier can copy this file and recompute every link without the application.
 *
 * - A change is digested as SHA-256 over canonical JSON (object keys sorted by code unit, no
 *   whitespace, Dates as ISO strings, bigints as decimal strings); it is never stored as text.
 * - An event's digest (version 2, every event since migration 1764400300000) is SHA-256 over
 *   the tag and its fields (all but seq) in a fixed order, each as `-` (null) or `+<UTF-8 byte
 *   length>:<value>`, joined by newlines; `at` keeps the database's full precision (microseconds).
 *   Version 1 (older rows) was a JSON array with `at` in milliseconds.
 * - A link is SHA-256 over the event's seq, the previous link and the event digest. The database
 *   computes every link itself (audit_event_hash(), same formula, called by the insert trigger),
 *   whatever the inserter passes; because a link needs only the event's digest, a per-case proof
 *   can reveal the digests of other cases' events, not the events.
 * - A checkpoint (version 2) signs the number of events, the head link, its time, the key id and
 *   the hash of the previous checkpoint (checkpointHash()), so checkpoints form a chain too.
 */

export const GENESIS_HASH = '0'.repeat(64);
const EVENT_TAG = 'tipline.audit.event.v1';
const EVENT_TAG_V2 = 'tipline.audit.event.v2';
const CHECKPOINT_TAG_V2 = 'tipline.audit.checkpoint.v2';
const LINK_TAG = 'tipline.audit.link.v1';
const CHECKPOINT_TAG = 'tipline.audit.checkpoint.v1';

export type ActorType = 'staff' | 'tipster' | 'system' | 'channel';

/**
 * The hashed fields of one audit event, as stored (strings; `at` as an ISO-8601 UTC string with
 * microseconds, as the database holds it). `hashVersion` says which digest formula applies.
 */
export interface AuditEventFields {
  seq: string;
  hashVersion: number;
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
  /** checkpointHash() of the previous checkpoint (GENESIS_HASH for the first); null: a version-1 checkpoint. */
  prevHash: string | null;
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

/** Version 1 (rows written before the database computed links): a JSON array, `at` in milliseconds. */
export function encodeEventV1(e: Omit<AuditEventFields, 'seq' | 'hashVersion'>): string {
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

function field(v: string | null): string {
  return v === null ? '-' : `+${Buffer.byteLength(v, 'utf8')}:${v}`;
}

/** Version 2: what audit_event_hash() hashes (see its migration). */
export function encodeEventV2(e: Omit<AuditEventFields, 'seq' | 'hashVersion'>): string {
  return [EVENT_TAG_V2, ...[e.at, e.actorType, e.actorId, e.action, e.targetType, e.targetId, e.unitId, e.requestId, e.changeDigest].map(field)].join('\n');
}

const MICROS_ZERO = /\.(\d{3})000Z$/;

/**
 * The digest of an event by its version. A version-1 event was written from a JavaScript Date
 * (milliseconds): microseconds other than 000 mean its time was changed, so it gets no digest.
 */
export function eventDigest(e: Omit<AuditEventFields, 'seq'>): string {
  if (e.hashVersion === 2) return sha256Hex(encodeEventV2(e));
  if (e.hashVersion !== 1) throw new CanonicalEncodingError(`unknown audit event version ${String(e.hashVersion)}`);
  if (!MICROS_ZERO.test(e.at)) return 'x'.repeat(64);
  return sha256Hex(encodeEventV1({ ...e, at: e.at.replace(MICROS_ZERO, '.$1Z') }));
}

/** The link of event `seq`: binds its position, the previous link and its digest (ASCII only). */
export function linkHash(seq: string, prevHash: string, digest: string): string {
  return sha256Hex(`${LINK_TAG}\n${seq}\n${prevHash}\n${digest}`);
}

/** The exact bytes a checkpoint signature covers. */
export function encodeCheckpoint(c: CheckpointFields): Buffer {
  if (c.prevHash === null || c.prevHash === undefined) {
    return Buffer.from(JSON.stringify([CHECKPOINT_TAG, c.seq, c.headHash, c.at, c.keyId]), 'utf8');
  }
  return Buffer.from(JSON.stringify([CHECKPOINT_TAG_V2, c.seq, c.headHash, c.at, c.keyId, c.prevHash]), 'utf8');
}

/** What the next checkpoint names as its predecessor: SHA-256 of the signed bytes. */
export function checkpointHash(c: CheckpointFields): string {
  return sha256Hex(encodeCheckpoint(c));
}

/** A key's id: the first 16 hex digits of SHA-256 over its SubjectPublicKeyInfo (DER). */
export function keyIdFor(publicKeySpkiDer: Buffer): string {
  return sha256Hex(publicKeySpkiDer).slice(0, 16);
}
