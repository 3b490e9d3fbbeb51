import { createPublicKey, KeyObject, verify } from 'node:crypto';
import {
  AuditEventRecord,
  CheckpointFields,
  encodeCheckpoint,
  eventDigest,
  GENESIS_HASH,
  keyIdFor,
  linkHash,
} from './audit-canonical';

/** A checkpoint as stored and exported. */
export interface CheckpointRecord extends CheckpointFields {
  id: string;
  publicKey: string;
  signature: string;
}

export type FailureKind =
  | 'seq_gap'
  | 'seq_order'
  | 'prev_hash'
  | 'hash'
  | 'checkpoint_order'
  | 'checkpoint_hash'
  | 'checkpoint_signature'
  | 'checkpoint_key'
  | 'tail_cut';

export interface VerifyFailure {
  ok: false;
  kind: FailureKind;
  /** The chain position (1-based: the seq a valid log has there) where verification failed. */
  position: string;
  /** The checkpoint involved, if any. */
  checkpointId?: string;
  reason: string;
  /** The prefix that did verify. */
  validUpTo: string;
  lastCheckpoint: { id: string; seq: string } | null;
}

export interface VerifySuccess {
  ok: true;
  events: string;
  headHash: string;
  checkpoints: number;
  lastCheckpoint: { id: string; seq: string } | null;
}

export type VerifyResult = VerifySuccess | VerifyFailure;

export interface VerifyOptions {
  /** When given, a checkpoint signed by any other key fails (an outsider passes the keys it trusts). */
  trustedKeyIds?: ReadonlySet<string>;
}

/**
 * The streaming core of the verifier: feed events in order, and each checkpoint right after the
 * event it covers (or before the first event for a checkpoint of an empty log). Keeps O(1) state:
 * the last seq and link, the last checkpoint, and a few parsed public keys. Pure apart from
 * Ed25519 verification.
 */
export class AuditChainVerifier {
  private seq = 0n;
  private head = GENESIS_HASH;
  private checkpointCount = 0;
  private lastCheckpoint: { id: string; seq: string } | null = null;
  private failure: VerifyFailure | null = null;
  private readonly keys = new Map<string, KeyObject>();

  constructor(private readonly options: VerifyOptions = {}) {}

  get failed(): VerifyFailure | null {
    return this.failure;
  }

  get lastSeq(): bigint {
    return this.seq;
  }

  event(e: AuditEventRecord): VerifyFailure | null {
    if (this.failure) return this.failure;
    const expected = this.seq + 1n;
    const position = expected.toString();
    let seq: bigint;
    try {
      seq = BigInt(e.seq);
    } catch {
      return this.fail('seq_order', position, `event at position ${position} has a malformed seq "${e.seq}"`);
    }
    if (seq > expected) {
      return this.fail('seq_gap', position, `event ${position} is missing here (the event found is ${e.seq}): deleted or moved`);
    }
    if (seq < expected) {
      return this.fail('seq_order', position, `event at position ${position} has seq ${e.seq}: an event was inserted, duplicated or moved`);
    }
    if (e.prevHash !== this.head) {
      return this.fail('prev_hash', position, `event ${position} does not link to event ${this.seq} (prev hash differs): inserted, replaced or reordered`);
    }
    const hash = linkHash(position, this.head, eventDigest(e));
    if (hash !== e.hash) {
      return this.fail('hash', position, `event ${position} was changed: its fields do not match its hash`);
    }
    this.seq = seq;
    this.head = hash;
    return null;
  }

  checkpoint(c: CheckpointRecord): VerifyFailure | null {
    if (this.failure) return this.failure;
    const position = c.seq;
    if (c.seq !== this.seq.toString()) {
      return this.fail('checkpoint_order', position, `checkpoint ${c.id} (seq ${c.seq}) was fed at seq ${this.seq}`, c.id);
    }
    let key: KeyObject;
    try {
      key = this.key(c.publicKey);
    } catch {
      return this.fail('checkpoint_key', position, `checkpoint ${c.id} carries an unreadable public key`, c.id);
    }
    const spki = key.export({ type: 'spki', format: 'der' });
    if (keyIdFor(spki) !== c.keyId) {
      return this.fail('checkpoint_key', position, `checkpoint ${c.id}: key id ${c.keyId} is not the id of its public key`, c.id);
    }
    if (this.options.trustedKeyIds && !this.options.trustedKeyIds.has(c.keyId)) {
      return this.fail('checkpoint_key', position, `checkpoint ${c.id} is signed by key ${c.keyId}, which is not trusted`, c.id);
    }
    let signed = false;
    try {
      signed = verify(null, encodeCheckpoint(c), key, Buffer.from(c.signature, 'base64'));
    } catch {
      signed = false;
    }
    if (!signed) {
      return this.fail('checkpoint_signature', position, `checkpoint ${c.id}: the signature does not match its contents`, c.id);
    }
    if (c.headHash !== this.head) {
      return this.fail(
        'checkpoint_hash',
        position,
        `checkpoint ${c.id} signed head ${c.headHash.slice(0, 12)}… at event ${c.seq}, but the log's link there is ${this.head.slice(0, 12)}…: events up to ${c.seq} were rewritten`,
        c.id,
      );
    }
    this.checkpointCount += 1;
    this.lastCheckpoint = { id: c.id, seq: c.seq };
    return null;
  }

  /** Called when no event follows: a checkpoint beyond the end means the tail was cut. */
  checkpointBeyondEnd(c: CheckpointRecord): VerifyFailure {
    if (this.failure) return this.failure;
    const position = (this.seq + 1n).toString();
    return this.fail(
      'tail_cut',
      position,
      `the log ends at event ${this.seq} but checkpoint ${c.id} covers ${c.seq} events: events from ${position} on were removed`,
      c.id,
    );
  }

  result(): VerifyResult {
    if (this.failure) return this.failure;
    return {
      ok: true,
      events: this.seq.toString(),
      headHash: this.head,
      checkpoints: this.checkpointCount,
      lastCheckpoint: this.lastCheckpoint,
    };
  }

  private key(publicKey: string): KeyObject {
    let k = this.keys.get(publicKey);
    if (!k) {
      k = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
      if (this.keys.size >= 16) this.keys.clear();
      this.keys.set(publicKey, k);
    }
    return k;
  }

  private fail(kind: FailureKind, position: string, reason: string, checkpointId?: string): VerifyFailure {
    this.failure = {
      ok: false,
      kind,
      position,
      reason,
      validUpTo: this.seq.toString(),
      lastCheckpoint: this.lastCheckpoint,
      ...(checkpointId ? { checkpointId } : {}),
    };
    return this.failure;
  }
}

type Source<T> = AsyncIterable<T | T[]> | Iterable<T | T[]>;

async function* flatten<T>(source: Source<T>): AsyncGenerator<T> {
  for await (const item of source as AsyncIterable<T | T[]>) {
    if (Array.isArray(item)) yield* item;
    else yield item;
  }
}

/**
 * Verifies a log from two ordered streams (events by seq; checkpoints by seq), either of single
 * items or batches. Memory stays flat however long the log is.
 */
export async function verifyAuditLog(
  events: Source<AuditEventRecord>,
  checkpoints: Source<CheckpointRecord>,
  options: VerifyOptions & { onEvents?: (verified: number) => void; progressEvery?: number } = {},
): Promise<VerifyResult> {
  const v = new AuditChainVerifier(options);
  const cps = flatten(checkpoints)[Symbol.asyncIterator]();
  let next = await cps.next();
  const every = options.progressEvery ?? 10_000;
  let sinceReport = 0;
  const feedCheckpoints = async (): Promise<VerifyFailure | null> => {
    while (!next.done && BigInt(next.value.seq) <= v.lastSeq) {
      const f = v.checkpoint(next.value);
      if (f) return f;
      next = await cps.next();
    }
    return null;
  };
  let failure = await feedCheckpoints();
  if (failure) return failure;
  for await (const e of flatten(events)) {
    failure = v.event(e);
    if (failure) break;
    failure = await feedCheckpoints();
    if (failure) break;
    if (options.onEvents && ++sinceReport >= every) {
      options.onEvents(sinceReport);
      sinceReport = 0;
    }
  }
  if (options.onEvents && sinceReport > 0) options.onEvents(sinceReport);
  if (failure) return failure;
  if (!next.done) return v.checkpointBeyondEnd(next.value);
  return v.result();
}
