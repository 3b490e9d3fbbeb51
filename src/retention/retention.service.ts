import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { CaseRetentionService } from '../cases/case-retention.service';
import { NotFound } from '../common/errors/domain-error';
import type { RequestContext } from '../common/request-context';
import { CryptoService } from '../crypto/crypto.service';
import { isPurgeDue, RetentionRule, ruleFor, shortestRetentionDays } from './retention-policy';
import { RetentionRepository } from './retention.repository';
import { UnitOfWork } from '../common/unit-of-work';

export const RETENTION_RULES = Symbol('RETENTION_RULES');
const LOCK = 'tipline:retention';
const PAGE = 500;

export interface RetentionRunResult {
  /** false: another instance was running retention; nothing was done here. */
  ran: boolean;
  examined: number;
  purged: number;
}

/**
 * Retention by crypto-shredding: for each closed case whose retention has expired (and that is
 * not on legal hold), destroy its data key. The case row keeps its statistics (category, place,
 * dates, outcome) and its audit events; its content (tips, photos, messages, notes) can no longer
 * be decrypted by anyone, including from backups once the master key is rotated (README).
 */
@Injectable()
export class RetentionService {
  private readonly log = new Logger(RetentionService.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: RetentionRepository,
    private readonly cases: CaseRetentionService,
    private readonly crypto: CryptoService,
    private readonly audit: AuditService,
    @Inject(RETENTION_RULES) private readonly rules: RetentionRule[],
  ) {}

  /** One pass; at most one pass runs at a time across all instances (advisory lock). */
  async run(
    ctx: RequestContext,
    now = new Date(),
    progress: { onStart?: (candidates: number) => void; onPage?: (examined: number) => void } = {},
  ): Promise<RetentionRunResult> {
    const shortest = shortestRetentionDays(this.rules);
    if (shortest === null) return { ran: true, examined: 0, purged: 0 };
    const lock = await this.repo.tryExclusive(LOCK);
    if (!lock) return { ran: false, examined: 0, purged: 0 };
    let examined = 0;
    let purged = 0;
    try {
      const closedBefore = new Date(now.getTime() - shortest * 86_400_000);
      progress.onStart?.(await this.cases.countCandidates(closedBefore));
      let after: string | null = null;
      for (;;) {
        const page = await this.cases.candidates(closedBefore, after, PAGE);
        if (page.length === 0) break;
        after = page[page.length - 1].id;
        for (const c of page) {
          examined++;
          if (isPurgeDue(this.rules, c, now) && (await this.purge(ctx, c.id, now))) purged++;
        }
        progress.onPage?.(page.length);
      }
    } finally {
      await this.repo.releaseExclusive(lock, LOCK);
    }
    if (purged > 0) this.log.log(`retention: destroyed the content of ${purged} case(s)`);
    return { ran: true, examined, purged };
  }

  /**
   * Puts a case on legal hold (never purged while held) or releases it, by its reference; audited
   * and on the case timeline in one transaction. Setting the state it already has changes nothing.
   */
  async setLegalHold(ctx: RequestContext, reference: string, hold: boolean): Promise<{ caseId: string; reference: string; legalHold: boolean; changed: boolean }> {
    return this.uow.run(async (m) => {
      const c = await this.cases.lock(m, { reference });
      if (!c) throw new NotFound(`Case ${reference}`);
      if (c.legalHold === hold) return { caseId: c.id, reference: c.reference, legalHold: hold, changed: false };
      await this.cases.setLegalHold(m, ctx, c.id, hold);
      const type = hold ? 'legal_hold_set' : 'legal_hold_released';
      await this.audit.record(m, ctx, { action: `case.${type}`, targetType: 'case', targetId: c.id, unitId: c.unitId, change: { legalHold: hold } });
      return { caseId: c.id, reference: c.reference, legalHold: hold, changed: true };
    });
  }

  /** Destroys one case's data key if, locked and re-read, it is still due. */
  private async purge(ctx: RequestContext, caseId: string, now: Date): Promise<boolean> {
    return this.uow.run(async (m) => {
      const c = await this.cases.lock(m, { id: caseId });
      // Re-checked under the row lock: a legal hold or a reopening since the scan wins.
      if (!c || !isPurgeDue(this.rules, c, now)) return false;
      const retentionDays = ruleFor(this.rules, c.category, c.outcome!)?.days;
      await this.crypto.destroyDataKey(m, c.dataKeyId);
      await this.cases.recordPurge(m, ctx, c.id, { reason: 'retention_policy', outcome: c.outcome, retentionDays });
      await this.audit.record(m, ctx, {
        action: 'case.purged',
        targetType: 'case',
        targetId: c.id,
        unitId: c.unitId,
        change: { dataKeyId: c.dataKeyId, category: c.category, outcome: c.outcome, retentionDays },
      });
      return true;
    });
  }
}
