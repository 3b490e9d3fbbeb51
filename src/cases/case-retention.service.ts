import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import type { ScopedCase } from '../access/scoped';
import type { RequestContext } from '../common/request-context';
import { caseEvent } from './case-events';
import { CasesRepository, RetentionCandidate } from './cases.repository';

export type { RetentionCandidate } from './cases.repository';

/**
 * What retention (src/retention) asks of cases: the closed cases to examine, a case locked for
 * a purge or a legal hold, and the timeline events those leave. Retention never touches the
 * cases tables itself; it destroys the data key through CryptoService and audits.
 */
@Injectable()
export class CaseRetentionService {
  constructor(
    private readonly repo: CasesRepository,
    private readonly access: AccessService,
  ) {}

  private async handle(manager: EntityManager, caseId: string): Promise<ScopedCase> {
    const sc = await this.access.caseForSystem(manager, caseId, true);
    if (!sc) throw new Error(`retention: case ${caseId} vanished inside its transaction`);
    return sc;
  }

  candidates(closedBefore: Date, afterId: string | null, limit: number): Promise<RetentionCandidate[]> {
    return this.repo.retentionCandidates(closedBefore, afterId, limit);
  }

  countCandidates(closedBefore: Date): Promise<number> {
    return this.repo.countRetentionCandidates(closedBefore);
  }

  /** The case, locked until the caller's transaction ends. */
  lock(manager: EntityManager, by: { id: string } | { reference: string }): Promise<RetentionCandidate | null> {
    return this.repo.lockForRetention(manager, by);
  }

  /** Sets or releases the legal hold, with its timeline event (codes only, no content). */
  async setLegalHold(manager: EntityManager, ctx: RequestContext, caseId: string, hold: boolean): Promise<void> {
    await this.repo.setLegalHold(manager, caseId, hold);
    await this.repo.insertEvent(await this.handle(manager, caseId), manager, caseEvent(ctx, caseId, hold ? 'legal_hold_set' : 'legal_hold_released', {}));
  }

  /** Marks the case purged (its key was destroyed in this transaction), with its timeline event. */
  async recordPurge(manager: EntityManager, ctx: RequestContext, caseId: string, metadata: Record<string, unknown>): Promise<void> {
    const now = new Date();
    await this.repo.markPurged(manager, caseId, now);
    await this.repo.insertEvent(await this.handle(manager, caseId), manager, caseEvent(ctx, caseId, 'purged', metadata, now));
  }
}
