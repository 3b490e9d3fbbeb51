import { DomainError } from '../common/errors/domain-error';
import { claimHolder } from './case-claim';
import { caseDeadlineState } from '../clocks/clock-arithmetic';
import type { CaseEntity } from './case.entity';

export function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

/** What every case action answers: the case's state after the action (with its new version). */
/** `atRiskMs`: CLOCK_AT_RISK_HOURS (ClocksService.atRiskMs). */
export function caseSummary(c: CaseEntity, now: Date, atRiskMs = 24 * 3_600_000) {
  return {
    id: c.id,
    reference: c.reference,
    unitId: c.unitId,
    status: c.status,
    outcome: c.outcome,
    actionTaken: c.actionTaken,
    priority: c.priority,
    category: c.category,
    localityCode: c.localityCode,
    possiblyRelated: c.possiblyRelated,
    replyWaiting: c.replyWaiting,
    hotspotId: c.hotspotId,
    duplicateOf: c.duplicateOf,
    assigneeId: c.assigneeId,
    claimedBy: claimHolder(c, now),
    claimedUntil: claimHolder(c, now) ? iso(c.claimedUntil) : null,
    nextDeadlineAt: iso(c.nextDeadlineAt),
    deadlineState: caseDeadlineState(c.nextDeadlineAt, now, atRiskMs),
    breachFlagged: c.breachFlagged,
    version: c.version,
  };
}
export type CaseSummary = ReturnType<typeof caseSummary>;

/** 409 `version_conflict`, with the case's current version when it is known. */
export function versionConflict(current: number | null): DomainError {
  return new DomainError('version_conflict', 'The case was changed by someone else; reload it and try again.', current === null ? undefined : { currentVersion: current });
}
