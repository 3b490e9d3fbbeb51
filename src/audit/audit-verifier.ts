import { createPublicKey, KeyObject, verify } from 'node:crypto';
import {
  AuditEventRecord,
  checkpointHash,
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

/**
 * A checkpoint as the verifier is fed it: the database's copy and/or the witness's copy.
 * `witnessed`: a witness (file, or a file an outsider kept) holds it. `inDatabase`: the
 * database holds it. `mismatch`: both hold it but they differ.
 */
export interface FedCheckpoint {
  checkpoint: CheckpointRecord;
  witnessed: boolean;
  inDatabase: boolean;
  mismatch?: boolean;
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
  | 'checkpoint_chain'
  | 'checkpoint_missing'
  | 'checkpoint_mismatch'
  | 'tail_cut';

export interface VerifyFailure {
  ok: false;
  kind: FailureKind;
  /** The chain position (1-based: the seq a valid log has there) where verification failed. */
  position: string;
  /** The first event that may be bad (for a rewrite under a checkpoint: the start of the range). */
  firstBad: string;
  /** The last event known good: its link verified and nothing later contradicts it. */
  lastGood: string;
  /** Same as lastGood (kept for earlier clients). */
  validUpTo: string;
  /** The checkpoint involved, if any. */
  checkpointId?: string;
  reason: string;
  lastCheckpoint: { id: string; seq: string } | null;
  /** Events under a verified, witnessed checkpoint before the failure. */
  covered: string;
}

export interface VerifySuccess {
  ok: true;
  events: string;
  headHash: string;
  checkpoints: number;
  lastCheckpoint: { id: string; seq: string } | null;
  /** Events under a signed checkpoint that a witness holds (the seq of the last such checkpoint). */
  covered: string;
  /** Events after it: not yet protected against a rewrite, a truncation or a forged append. */
  uncovered: { events: string; oldestSeq: string | null; oldestAt: string | null };
}

export type VerifyResult = VerifySuccess | VerifyFailure;

export interface VerifyOptions {
  /** When given, a checkpoint signed by any other key fails (an outsider passes the keys it trusts). */
  trustedKeyIds?: ReadonlySet<string>;
  /** Start after this event instead of the genesis (the pre-signing check starts at the last witnessed checkpoint). */
  start?: { seq: string; hash: string; checkpointHash: string | null };
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
  /** seq of the last checkpoint whose head matched (the last point known good). */
  private anchoredSeq = 0n;
  private coveredSeq = 0n;
  /** The previous checkpoint's hash (undefined: not known, e.g. after a start from an acknowledgement). */
  private prevCheckpointHash: string | undefined = GENESIS_HASH;
  private sawChainedCheckpoint = false;
  private firstUncovered: { seq: string; at: string } | null = null;
  private failure: VerifyFailure | null = null;
  private readonly keys = new Map<string, KeyObject>();

  constructor(private readonly options: VerifyOptions = {}) {
    if (options.start) {
      this.seq = BigInt(options.start.seq);
      this.head = options.start.hash;
      this.anchoredSeq = this.seq;
      this.coveredSeq = this.seq;
      this.prevCheckpointHash = options.start.checkpointHash ?? undefined;
      this.sawChainedCheckpoint = options.start.checkpointHash !== null;
    }
  }

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
      return this.fail('seq_gap', position, `event ${position} is missing (the next event found is ${e.seq}): deleted`);
    }
    if (seq < expected) {
      return this.fail('seq_order', position, `event at position ${position} has seq ${e.seq}: an event was inserted, duplicated or moved`);
    }
    if (e.hashVersion === 1 && this.versionTwoSeen) {
      return this.fail('hash', position, `event ${position} claims the old hash version after newer events: changed`);
    }
    const digest = eventDigest(e);
    if (e.prevHash !== this.head) {
      // Which one is bad? An event that is consistent with itself one place later was moved down
      // (an event was inserted before it); one place earlier, moved up (an event before it deleted).
      const selfConsistent = (at: bigint) => at > 0n && linkHash(at.toString(), e.prevHash, digest) === e.hash;
      if (selfConsistent(seq - 1n)) {
        return this.fail('prev_hash', position, `event ${position} was renumbered from ${seq - 1n}: an event was inserted before it (at ${seq - 1n})`, undefined, seq - 1n);
      }
      if (selfConsistent(seq + 1n)) {
        return this.fail('prev_hash', position, `event ${position} was made as event ${seq + 1n}: an event before it was deleted, or events were reordered`);
      }
      return this.fail('prev_hash', position, `event ${position} does not link to event ${this.seq} (prev hash differs): inserted, replaced or reordered`);
    }
    const hash = linkHash(position, this.head, digest);
    if (hash !== e.hash) {
      return this.fail('hash', position, `event ${position} was changed: its fields do not match its hash`);
    }
    if (e.hashVersion === 2) this.versionTwoSeen = true;
    this.seq = seq;
    this.head = hash;
    if (!this.firstUncovered) this.firstUncovered = { seq: e.seq, at: e.at };
    return null;
  }

  private versionTwoSeen = false;

  checkpoint(fed: FedCheckpoint | CheckpointRecord): VerifyFailure | null {
    if (this.failure) return this.failure;
    const f: FedCheckpoint = 'checkpoint' in fed ? fed : { checkpoint: fed, witnessed: true, inDatabase: true };
    const c = f.checkpoint;
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
      const from = this.anchoredSeq + 1n;
      const range = from.toString() === c.seq ? `event ${c.seq}` : `events ${from}–${c.seq}`;
      return this.fail(
        'checkpoint_hash',
        position,
        `${f.witnessed ? 'witnessed ' : ''}checkpoint ${c.id} signed head ${c.headHash.slice(0, 12)}… at event ${c.seq}, but the log's link there is ${this.head.slice(0, 12)}…: ` +
          `${range} were rewritten (changed, inserted or removed, with the later links recomputed); events up to ${this.anchoredSeq} are good`,
        c.id,
        from,
        this.anchoredSeq,
      );
    }
    // the head matches: every event up to here is as signed
    this.anchoredSeq = this.seq;
    if (c.prevHash === null || c.prevHash === undefined) {
      if (this.sawChainedCheckpoint) {
        return this.fail('checkpoint_chain', position, `checkpoint ${c.id} is unchained (old format) but follows chained checkpoints: inserted`, c.id);
      }
    } else {
      if (this.prevCheckpointHash !== undefined && c.prevHash !== this.prevCheckpointHash) {
        return this.fail(
          'checkpoint_chain',
          position,
          `checkpoint ${c.id} does not name the checkpoint before it${this.lastCheckpoint ? ` (${this.lastCheckpoint.id}, event ${this.lastCheckpoint.seq})` : ''}: a checkpoint between them was deleted`,
          c.id,
        );
      }
      this.sawChainedCheckpoint = true;
    }
    if (!f.inDatabase) {
      return this.fail('checkpoint_missing', position, `checkpoint ${c.id} (event ${c.seq}, made ${c.at}), held by the witness, is missing from the database: deleted`, c.id);
    }
    if (f.mismatch) {
      return this.fail('checkpoint_mismatch', position, `checkpoint ${c.id} in the database differs from the witness's copy: changed`, c.id);
    }
    this.prevCheckpointHash = checkpointHash(c);
    this.checkpointCount += 1;
    this.lastCheckpoint = { id: c.id, seq: c.seq };
    if (f.witnessed) {
      this.coveredSeq = this.seq;
      this.firstUncovered = null;
    }
    return null;
  }

  /** Called when no event follows: a checkpoint beyond the end means the tail was cut. */
  checkpointBeyondEnd(fed: FedCheckpoint | CheckpointRecord): VerifyFailure {
    if (this.failure) return this.failure;
    const c = 'checkpoint' in fed ? fed.checkpoint : fed;
    const position = (this.seq + 1n).toString();
    return this.fail(
      'tail_cut',
      position,
      this.seq === 0n
        ? `the log is empty but checkpoint ${c.id} covers ${c.seq} events: every event was removed`
        : `the log ends at event ${this.seq} but checkpoint ${c.id} covers ${c.seq} events: events ${position}–${c.seq} were removed`,
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
      covered: this.coveredSeq.toString(),
      uncovered: {
        events: (this.seq - this.coveredSeq).toString(),
        oldestSeq: this.firstUncovered?.seq ?? null,
        oldestAt: this.firstUncovered?.at ?? null,
      },
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

  private fail(kind: FailureKind, position: string, reason: string, checkpointId?: string, firstBad?: bigint, lastGood?: bigint): VerifyFailure {
    const first = firstBad ?? BigInt(position);
    const good = lastGood ?? (first - 1n < this.seq ? first - 1n : this.seq);
    this.failure = {
      ok: false,
      kind,
      position,
      firstBad: first.toString(),
      lastGood: good.toString(),
      validUpTo: good.toString(),
      reason,
      lastCheckpoint: this.lastCheckpoint,
      covered: (this.coveredSeq < good ? this.coveredSeq : good).toString(),
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
 * items or batches. Memory stays flat however long the log is. Checkpoints may be plain records
 * (all treated as witnessed: an outsider's file) or FedCheckpoints (database merged with witness).
 */
export async function verifyAuditLog(
  events: Source<AuditEventRecord>,
  checkpoints: Source<CheckpointRecord | FedCheckpoint>,
  options: VerifyOptions & { onEvents?: (verified: number) => void; progressEvery?: number } = {},
): Promise<VerifyResult> {
  const v = new AuditChainVerifier(options);
  const cps = flatten(checkpoints)[Symbol.asyncIterator]();
  const seqOf = (x: CheckpointRecord | FedCheckpoint) => BigInt('checkpoint' in x ? x.checkpoint.seq : x.seq);
  let next = await cps.next();
  const every = options.progressEvery ?? 10_000;
  let sinceReport = 0;
  const feedCheckpoints = async (): Promise<VerifyFailure | null> => {
    while (!next.done && seqOf(next.value) <= v.lastSeq) {
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

/**
 * Merges the database's checkpoints with the witness's (both in id order) into what the verifier
 * is fed: each id once, marked witnessed / in the database / differing.
 */
export async function* mergeWitnessed(
  database: AsyncIterable<CheckpointRecord[]>,
  witness: AsyncIterable<CheckpointRecord[]>,
): AsyncGenerator<FedCheckpoint> {
  const db = flatten(database)[Symbol.asyncIterator]();
  const wi = flatten(witness)[Symbol.asyncIterator]();
  let d = await db.next();
  let w = await wi.next();
  while (!d.done || !w.done) {
    if (w.done || (!d.done && BigInt(d.value.id) < BigInt(w.value.id))) {
      yield { checkpoint: d.value as CheckpointRecord, witnessed: false, inDatabase: true };
      d = await db.next();
    } else if (d.done || BigInt(w.value.id) < BigInt(d.value.id)) {
      yield { checkpoint: w.value, witnessed: true, inDatabase: false };
      w = await wi.next();
    } else {
      const a = d.value;
      const b = w.value;
      const same = a.seq === b.seq && a.headHash === b.headHash && a.at === b.at && a.keyId === b.keyId && a.signature === b.signature && (a.prevHash ?? null) === (b.prevHash ?? null);
      yield { checkpoint: b, witnessed: true, inDatabase: true, mismatch: !same };
      d = await db.next();
      w = await wi.next();
    }
  }
}
