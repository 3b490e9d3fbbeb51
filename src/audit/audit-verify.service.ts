import { Injectable } from '@nestjs/common';
import type { AuditEventRecord } from './audit-canonical';
import { buildCaseProof, CaseProof } from './audit-case-proof';
import { CheckpointRecord, verifyAuditLog, VerifyResult } from './audit-verifier';
import { AuditRepository } from './audit.repository';

const PAGE = 10_000;

/** Reads the trail back: full verification, and per-case proofs. */
@Injectable()
export class AuditVerifyService {
  constructor(private readonly repo: AuditRepository) {}

  countEvents(): Promise<number> {
    return this.repo.countEvents();
  }

  /**
   * Recomputes every link and checks every checkpoint (the database's, or `checkpoints` an
   * outsider kept). Streams: memory does not grow with the log.
   */
  async verify(
    options: { trustedKeyIds?: ReadonlySet<string>; checkpoints?: AsyncIterable<CheckpointRecord[]>; onEvents?: (n: number) => void } = {},
  ): Promise<VerifyResult> {
    return verifyAuditLog(this.events(), options.checkpoints ?? this.storedCheckpoints(), {
      trustedKeyIds: options.trustedKeyIds,
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
