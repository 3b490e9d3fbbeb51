import { createPublicKey, verify } from 'node:crypto';
import { AuditEventFields, AuditEventRecord, encodeCheckpoint, eventDigest, keyIdFor, linkHash } from './audit-canonical';
import type { CheckpointRecord } from './audit-verifier';

/**
 * A proof that one target's events (a case's) belong to signed checkpoints, revealing nothing of
 * other events but their digests (SHA-256 of their canonical encoding: no field can be read back).
 *
 * Each segment runs from a case event to the first checkpoint at or after it: starting from the
 * segment's `startPrevHash`, the verifier folds each item into the link (a case event by its
 * fields, any other event by its digest) and must reach the checkpoint's signed head hash at the
 * checkpoint's seq. Case events after the latest checkpoint are listed as `unanchored`.
 *
 * What it does not prove: that no event of the case was left out (the server could present one
 * as a bare digest). Only a full verification (audit:verify) shows the whole trail.
 */
export interface CaseProofSegment {
  checkpoint: CheckpointRecord;
  startSeq: string;
  startPrevHash: string;
  items: ({ event: AuditEventFields } | { digest: string })[];
}

export interface CaseProof {
  version: 1;
  targetType: string;
  targetId: string;
  segments: CaseProofSegment[];
  /** The target's events after the latest checkpoint: NOT covered by any signature yet. */
  unanchored: (AuditEventRecord & { covered: false })[];
  /** How many of the target's events the segments prove, and how many are not covered yet. */
  coverage: { covered: number; uncovered: number };
}

export interface CaseProofSources {
  checkpointCovering(seq: string): Promise<CheckpointRecord | null>;
  /** Events with fromSeq <= seq <= toSeq, in order, in batches. */
  events(fromSeq: string, toSeq: string): AsyncIterable<AuditEventRecord[]>;
}

function fieldsOf(e: AuditEventRecord): AuditEventFields {
  const { prevHash: _p, hash: _h, ...fields } = e;
  return fields;
}

export async function buildCaseProof(
  targetType: string,
  targetId: string,
  own: AuditEventRecord[],
  src: CaseProofSources,
): Promise<CaseProof> {
  const segments: CaseProofSegment[] = [];
  let i = 0;
  while (i < own.length) {
    const first = own[i];
    const cp = await src.checkpointCovering(first.seq);
    if (!cp) break;
    const items: CaseProofSegment['items'] = [];
    for await (const batch of src.events(first.seq, cp.seq)) {
      for (const e of batch) {
        const mine = e.targetType === targetType && e.targetId === targetId;
        items.push(mine ? { event: fieldsOf(e) } : { digest: eventDigest(e) });
      }
    }
    segments.push({ checkpoint: cp, startSeq: first.seq, startPrevHash: first.prevHash, items });
    while (i < own.length && BigInt(own[i].seq) <= BigInt(cp.seq)) i += 1;
  }
  const unanchored = own.slice(i).map((e) => ({ ...e, covered: false as const }));
  return { version: 1, targetType, targetId, segments, unanchored, coverage: { covered: i, uncovered: unanchored.length } };
}

export type CaseProofResult =
  | {
      ok: true;
      /** False when some of the target's events are after the latest checkpoint (not covered). */
      complete: boolean;
      events: AuditEventFields[];
      checkpoints: { id: string; seq: string; at: string; keyId: string }[];
      /** Events proven by a signed checkpoint, and events no checkpoint covers yet (listed, unproven). */
      covered: number;
      unanchored: number;
      message: string;
    }
  | { ok: false; reason: string };

/**
 * The outsider's check of a CaseProof. Self-contained (node:crypto and audit-canonical.ts only).
 * Pass the key ids you trust (from checkpoints you exported earlier); without them any
 * self-consistent key is accepted, which proves integrity but not who signed.
 */
export function verifyCaseProof(proof: CaseProof, options: { trustedKeyIds?: Iterable<string> } = {}): CaseProofResult {
  // An array or a Set of key ids (the README's example passes an array).
  const trusted = options.trustedKeyIds === undefined ? undefined : new Set(options.trustedKeyIds);
  const events: AuditEventFields[] = [];
  const checkpoints: { id: string; seq: string; at: string; keyId: string }[] = [];
  let lastSeq = 0n;
  for (const [n, s] of proof.segments.entries()) {
    const where = `segment ${n + 1}`;
    const cp = s.checkpoint;
    let key;
    try {
      key = createPublicKey({ key: Buffer.from(cp.publicKey, 'base64'), format: 'der', type: 'spki' });
    } catch {
      return { ok: false, reason: `${where}: unreadable public key` };
    }
    if (keyIdFor(key.export({ type: 'spki', format: 'der' })) !== cp.keyId) return { ok: false, reason: `${where}: key id does not match its key` };
    if (trusted && !trusted.has(cp.keyId)) return { ok: false, reason: `${where}: key ${cp.keyId} is not trusted` };
    let signed = false;
    try {
      signed = verify(null, encodeCheckpoint(cp), key, Buffer.from(cp.signature, 'base64'));
    } catch {
      signed = false;
    }
    if (!signed) return { ok: false, reason: `${where}: checkpoint ${cp.id} signature is invalid` };
    const start = BigInt(s.startSeq);
    if (start <= lastSeq) return { ok: false, reason: `${where}: overlaps the previous segment` };
    if (s.items.length === 0 || !('event' in s.items[0])) return { ok: false, reason: `${where}: does not start with an event of the target` };
    if (start + BigInt(s.items.length) - 1n !== BigInt(cp.seq)) return { ok: false, reason: `${where}: does not end at checkpoint ${cp.id}` };
    let link = s.startPrevHash;
    for (const [k, item] of s.items.entries()) {
      const seq = (start + BigInt(k)).toString();
      let digest: string;
      if ('event' in item) {
        const e = item.event;
        if (e.seq !== seq) return { ok: false, reason: `${where}: event at ${seq} carries seq ${e.seq}` };
        if (e.targetType !== proof.targetType || e.targetId !== proof.targetId) return { ok: false, reason: `${where}: event ${seq} is not about ${proof.targetType} ${proof.targetId}` };
        digest = eventDigest(e);
        events.push(e);
      } else {
        if (!/^[0-9a-f]{64}$/.test(item.digest)) return { ok: false, reason: `${where}: malformed digest at ${seq}` };
        digest = item.digest;
      }
      link = linkHash(seq, link, digest);
    }
    if (link !== cp.headHash) return { ok: false, reason: `${where}: the events do not lead to the head signed by checkpoint ${cp.id}` };
    checkpoints.push({ id: cp.id, seq: cp.seq, at: cp.at, keyId: cp.keyId });
    lastSeq = BigInt(cp.seq);
  }
  const uncovered = proof.unanchored.length;
  return {
    ok: true,
    complete: uncovered === 0,
    events,
    checkpoints,
    covered: events.length,
    unanchored: uncovered,
    message:
      uncovered === 0
        ? `all ${events.length} event(s) are covered by signed checkpoints`
        : `${events.length} event(s) are covered by signed checkpoints; ${uncovered} later event(s) are NOT covered by any checkpoint yet and prove nothing`,
  };
}
