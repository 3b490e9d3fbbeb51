import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { AuditEventFields, AuditEventRecord, checkpointHash, eventDigest, GENESIS_HASH, linkHash } from '../../src/audit/audit-canonical';
import { AuditSigningKey } from '../../src/audit/audit-signing-key';
import type { CheckpointRecord } from '../../src/audit/audit-verifier';

export type EventBody = Omit<AuditEventFields, 'seq'>;

export function sampleBody(i: number, caseId = `case-${i % 7}`): EventBody {
  return {
    hashVersion: 2,
    at: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString().replace('Z', '000Z'),
    actorType: i % 3 === 0 ? 'tipster' : 'staff',
    actorId: i % 3 === 0 ? null : `staff-${i % 5}`,
    action: i % 2 === 0 ? 'case.viewed' : 'case.acknowledged',
    targetType: 'case',
    targetId: caseId,
    unitId: null,
    requestId: `req-${i}`,
    changeDigest: i % 4 === 0 ? null : 'a'.repeat(64),
  };
}

/** Links bodies into a chain starting after (startSeq, prev). */
export function chain(bodies: EventBody[], startSeq = 0, prev = GENESIS_HASH): AuditEventRecord[] {
  let p = prev;
  return bodies.map((b, i) => {
    const fields = { ...b, seq: String(startSeq + i + 1) };
    const hash = linkHash(fields.seq, p, eventDigest(fields));
    const rec = { ...fields, prevHash: p, hash };
    p = hash;
    return rec;
  });
}

export function testKey(): AuditSigningKey {
  return new AuditSigningKey(generateKeyPairSync('ed25519').privateKey as KeyObject, 'test');
}

/** A signed checkpoint over the first `seq` events of `log`; chained to `prev` when given (null: the first of a chain). */
export function checkpointAt(key: AuditSigningKey, log: AuditEventRecord[], seq: number, id = String(seq), prev?: CheckpointRecord | null): CheckpointRecord {
  const fields = {
    prevHash: prev === undefined ? null : prev === null ? GENESIS_HASH : checkpointHash(prev),
    seq: String(seq),
    headHash: seq === 0 ? GENESIS_HASH : log[seq - 1].hash,
    at: new Date(Date.UTC(2026, 1, 1) + seq).toISOString(),
    keyId: key.keyId,
  };
  return { ...fields, id, publicKey: key.publicKeyBase64, signature: key.sign(fields) };
}
