import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/env';
import { AUDIT_SIGNING_KEY } from './audit-keys';
import type { AuditSigningKey } from './audit-signing-key';
import { checkpointHash, GENESIS_HASH, type AuditEventRecord } from './audit-canonical';
import { buildCaseProof, CaseProof } from './audit-case-proof';
import { CheckpointRecord, FedCheckpoint, mergeWitnessed, verifyAuditLog, VerifyFailure, VerifyResult } from './audit-verifier';
import { AuditWitnesses } from './audit-witnesses.service';
import type { WitnessEntry } from './audit-witness';
import { AuditRepository } from './audit.repository';

const PAGE = 10_000;

export type VerifyReport = VerifyResult & {
  /** What the checkpoints were compared with. */
  witness: { source: string; present: boolean };
  /** Only on success: the uncovered tail is older than two checkpoint intervals (exit code 3). */
  stale?: boolean;
  uncoveredAgeSeconds?: number | null;
};

/** Reads the trail back: full verification (against the witness by default), and per-case proofs. */
@Injectable()
export class AuditVerifyService {
  /** Signers whose checkpoints count: the current key and AUDIT_TRUSTED_KEY_IDS (earlier keys). */
  readonly defaultTrustedKeyIds: ReadonlySet<string>;
  private readonly intervalMinutes: number;

  constructor(
    private readonly repo: AuditRepository,
    @Inject(AUDIT_SIGNING_KEY) key: Pick<AuditSigningKey, 'keyId'>,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'AUDIT_TRUSTED_KEY_IDS' | 'AUDIT_CHECKPOINT_INTERVAL_MINUTES'>,
    private readonly witnesses: AuditWitnesses,
  ) {
    const earlier = config.AUDIT_TRUSTED_KEY_IDS.split(',').map((s) => s.trim()).filter(Boolean);
    this.defaultTrustedKeyIds = new Set([key.keyId, ...earlier]);
    this.intervalMinutes = config.AUDIT_CHECKPOINT_INTERVAL_MINUTES || 15;
  }

  countEvents(): Promise<number> {
    return this.repo.countEvents();
  }

  /**
   * Recomputes every link and checks every checkpoint: the database's, chained, compared with
   * the witness file's copies (or with `checkpoints` an outsider kept). A checkpoint the witness
   * holds and the database lacks, a log shorter than a witnessed checkpoint, or a link that
   * differs from a witnessed head fails. A checkpoint signed by a key outside `trustedKeyIds`
   * (default: the current key and AUDIT_TRUSTED_KEY_IDS) fails. Streams: memory stays flat.
   */
  async verify(
    options: { trustedKeyIds?: ReadonlySet<string>; checkpoints?: AsyncIterable<CheckpointRecord[]>; checkpointsSource?: string; onEvents?: (n: number) => void } = {},
  ): Promise<VerifyReport> {
    const witness = options.checkpoints ?? this.witnesses.file.checkpoints();
    const source = options.checkpoints ? (options.checkpointsSource ?? 'checkpoints given') : this.witnesses.file.file;
    const present = options.checkpoints ? true : this.witnesses.file.exists();
    const result = await verifyAuditLog(this.events(), mergeWitnessed(this.storedCheckpoints(), witness), {
      trustedKeyIds: options.trustedKeyIds ?? this.defaultTrustedKeyIds,
      onEvents: options.onEvents,
    });
    const report: VerifyReport = { ...result, witness: { source, present } };
    if (result.ok) {
      const age = result.uncovered.oldestAt ? Math.max(0, (Date.parse(await this.repo.now()) - Date.parse(result.uncovered.oldestAt)) / 1000) : null;
      report.uncoveredAgeSeconds = age === null ? null : Math.floor(age);
      report.stale = age !== null && age > 2 * this.intervalMinutes * 60;
    }
    return report;
  }

  /**
   * The check before signing: from the newest witness entry (a checkpoint, or an auditor's
   * acknowledgement of an incident) to the head. Returns what may be signed, or the failure.
   */
  async verifyFromWitness(): Promise<
    | { ok: true; seq: string; headHash: string; latest: CheckpointRecord | null }
    | { ok: false; failure: Pick<VerifyFailure, 'kind' | 'position' | 'reason'>; blockedBy?: string }
  > {
    const anchor: WitnessEntry | null = this.witnesses.file.last();
    if (anchor?.type === 'incident') {
      return { ok: false, blockedBy: anchor.incidentId, failure: { kind: 'checkpoint_missing', position: anchor.position ?? '0', reason: `incident ${anchor.incidentId} is open: ${anchor.reason}` } };
    }
    let start: { seq: string; hash: string; checkpointHash: string | null } | undefined;
    let afterId = '0';
    if (anchor?.type === 'checkpoint') {
      const stored = await this.repo.checkpointById(anchor.id);
      if (!stored) {
        return { ok: false, failure: { kind: 'checkpoint_missing', position: anchor.seq, reason: `the last witnessed checkpoint ${anchor.id} (event ${anchor.seq}) is missing from the database` } };
      }
      const { type: _t, ...witnessed } = anchor;
      if (checkpointHash(stored) !== checkpointHash(witnessed) || stored.signature !== witnessed.signature) {
        return { ok: false, failure: { kind: 'checkpoint_mismatch', position: anchor.seq, reason: `checkpoint ${anchor.id} in the database differs from the witness's copy` } };
      }
      start = { seq: anchor.seq, hash: anchor.headHash, checkpointHash: checkpointHash(witnessed) };
      afterId = anchor.id;
    } else if (anchor?.type === 'acknowledgement') {
      start = { seq: anchor.headSeq, hash: anchor.headHash, checkpointHash: null };
    }
    if (start && start.seq !== '0') {
      const link = await this.repo.linkAt(start.seq);
      if (link === null) {
        return { ok: false, failure: { kind: 'tail_cut', position: start.seq, reason: `the log no longer holds event ${start.seq}, which the witness holds: events were removed` } };
      }
      if (link !== start.hash) {
        return { ok: false, failure: { kind: 'checkpoint_hash', position: start.seq, reason: `the link of event ${start.seq} differs from the witnessed one: events up to ${start.seq} were rewritten` } };
      }
    }
    const fromSeq = start?.seq ?? '0';
    const dbCheckpoints = async function* (this: AuditVerifyService): AsyncGenerator<FedCheckpoint[]> {
      let after = afterId;
      for (;;) {
        const page = await this.repo.checkpointsFrom(after, fromSeq, 1000);
        if (page.length === 0) return;
        yield page.map((c) => ({ checkpoint: c, witnessed: false, inDatabase: true }));
        after = page[page.length - 1].id;
      }
    }.call(this);
    const result = await verifyAuditLog(this.events(fromSeq), dbCheckpoints, { trustedKeyIds: this.defaultTrustedKeyIds, start });
    if (!result.ok) return { ok: false, failure: result };
    return { ok: true, seq: result.events, headHash: result.events === '0' ? GENESIS_HASH : result.headHash, latest: await this.repo.latestCheckpoint() };
  }

  /** Events in seq order, a page at a time; the next page is fetched while the current one is checked. */
  async *events(fromSeq = '0', toSeq?: string): AsyncGenerator<AuditEventRecord[]> {
    let after = fromSeq;
    let pending = this.repo.eventsAfter(after, PAGE);
    for (;;) {
      const page = await pending;
      if (page.length === 0) return;
      after = page[page.length - 1].seq;
      const done = page.length < PAGE || (toSeq !== undefined && BigInt(after) >= BigInt(toSeq));
      if (!done) pending = this.repo.eventsAfter(after, PAGE);
      yield toSeq === undefined ? page : page.filter((e) => BigInt(e.seq) <= BigInt(toSeq));
      if (done) return;
    }
  }

  private async *storedCheckpoints(): AsyncGenerator<CheckpointRecord[]> {
    let after = '0';
    for (;;) {
      const page = await this.repo.checkpointsAfter(after, 1000);
      if (page.length === 0) return;
      yield page;
      after = page[page.length - 1].id;
    }
  }

  /** One case's events with what proves they belong to signed checkpoints (see audit-case-proof.ts). */
  async caseProof(caseId: string): Promise<CaseProof> {
    const own = await this.repo.eventsForTarget('case', caseId);
    return buildCaseProof('case', caseId, own, {
      checkpointCovering: (seq) => this.repo.checkpointCovering(seq),
      events: (fromSeq, toSeq) => this.events((BigInt(fromSeq) - 1n).toString(), toSeq),
    });
  }
}
