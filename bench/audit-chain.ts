/**
 * Audit events built for COPY by the benchmarks, linked here with the application's own formulas
 * (src/audit/audit-canonical.ts), so that the chain verifies whether or not the database's seal
 * trigger recomputes each link (bench/generate.ts loads with triggers off; bench/audit-verify.ts
 * with them on). Used by both.
 */
import { eventDigest, GENESIS_HASH, linkHash, type AuditEventFields } from '../src/audit/audit-canonical';

export const AUDIT_COPY_COLUMNS = 'seq, hash_version, at, actor_type, actor_id, action, target_type, target_id, unit_id, request_id, change_digest, prev_hash, hash';

const n = (v: string | null) => (v === null ? '\\N' : v);

/** The chain's head as the next event links to it: the last seq (0 for none) and its link. */
export interface AuditHead {
  seq: number;
  hash: string;
}

export const EMPTY_AUDIT_HEAD: AuditHead = { seq: 0, hash: GENESIS_HASH };

/**
 * The COPY line (AUDIT_COPY_COLUMNS) of the next event after `head`, which it advances.
 * `fields.at` must be what the database will hold, to the microsecond (`…T12:00:00.000000Z`).
 */
export function auditCopyLine(head: AuditHead, fields: Omit<AuditEventFields, 'seq' | 'hashVersion'>): string {
  const seq = String(head.seq + 1);
  const hash = linkHash(seq, head.hash, eventDigest({ ...fields, hashVersion: 2 }));
  const line = [
    seq, '2', fields.at, fields.actorType, n(fields.actorId), fields.action, fields.targetType, n(fields.targetId), n(fields.unitId), fields.requestId, n(fields.changeDigest), head.hash, hash,
  ].join('\t');
  head.seq += 1;
  head.hash = hash;
  return line;
}
