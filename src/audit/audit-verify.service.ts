import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/env';
import { AUDIT_SIGNING_KEY } from './audit-checkpoint.service';
import type { AuditSigningKey } from './audit-signing-key';
import type { AuditEventRecord } from './audit-canonical';
import { buildCaseProof, CaseProof } from './audit-case-proof';
import { CheckpointRecord, verifyAuditLog, VerifyResult } from './audit-verifier';
import { AuditRepository } from './audit.repository';

const PAGE = 10_000;

/** Reads the trail back: full verification, and per-case proofs. */
@Injectable()
export class AuditVerifyService {
  /** Signers whose checkpoints count: the current key and AUDIT_TRUSTED_KEY_IDS (earlier keys). */
  readonly defaultTrustedKeyIds: ReadonlySet<string>;

  constructor(
    private readonly repo: AuditRepository,
    @Inject(AUDIT_SIGNING_KEY) key: Pick<AuditSigningKey, 'keyId'>,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'AUDIT_TRUSTED_KEY_IDS'>,
  ) {
    const earlier = config.AUDIT_TRUSTED_KEY_IDS.split(',').map((s) => s.trim()).filter(Boolean);
    this.defaultTrustedKeyIds = new Set([key.keyId, ...earlier]);
  }

  countEvents(): Promise<number> {
    return this.repo.countEvents();
  }

  /**
   * Recomputes every link and checks every checkpoint (the database's, or `checkpoints` an
   * outsider kept). A checkpoint signed by a key outside `trustedKeyIds` (default: the current
   * key and AUDIT_TRUSTED_KEY_IDS) fails: whoever can write to the database cannot re-sign a
   * rewritten history with a key of their own. Streams: memory does not grow with the log.
   */
  async verify(
    options: { trustedKeyIds?: ReadonlySet<string>; checkpoints?: AsyncIterable<CheckpointRecord[]>; onEvents?: (n: number) => void } = {},
  ): Promise<VerifyResult> {
    return verifyAuditLog(this.events(), options.checkpoints ?? this.storedCheckpoints(), {
      trustedKeyIds: options.trustedKeyIds ?? this.defaultTrustedKeyIds,
      onEvents: options.onEvents,
    });
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
