import { Injectable } from '@nestjs/common';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { StaffPrincipal } from '../auth/auth.decorators';
import { ValidationFailed } from '../common/errors/domain-error';
import { vietnamDate } from '../common/iso-date';
import type { RequestContext } from '../common/request-context';
import { UnitOfWork } from '../common/unit-of-work';
import { LocalitiesService } from '../localities/localities.service';
import { StaffService } from '../staff/staff.service';
import { claimHolder } from './case-claim';
import { caseDeadlineState } from '../clocks/clock-arithmetic';
import { ClocksService } from '../clocks/clocks.service';
import { decodeCursor, encodeCursor, keyOf, QueueSort } from './case-queue';
import { CasesRepository, QueueFilters } from './cases.repository';
import { pageLimit, WORK_LIST_PAGE } from '../common/pagination';

export interface QueueQuery extends Omit<QueueFilters, 'assigneeId'> {
  assignedToMe?: boolean;
  sort?: QueueSort;
  cursor?: string;
  /** prevCursor of a page: the page before it (keyset paging backwards); not with `cursor`. */
  before?: string;
  limit?: number;
}

/** Lists of cases: the unit's queue (through the kernel's scope filter) and a hotline operator's filings. */
@Injectable()
export class CaseQueueService {
  constructor(
    private readonly access: AccessService,
    private readonly repo: CasesRepository,
    private readonly audit: AuditService,
    private readonly uow: UnitOfWork,
    private readonly staff: StaffService,
    private readonly localities: LocalitiesService,
    private readonly clocks: ClocksService,
  ) {}

  async queue(principal: StaffPrincipal, q: QueueQuery) {
    const scope = await this.access.scopeFor(principal);
    const sort = q.sort ?? 'deadline';
    const limit = pageLimit(q.limit, WORK_LIST_PAGE);
    if (q.cursor && q.before) throw new ValidationFailed([{ field: 'before', reason: 'conflict', message: 'Give cursor or before, not both.' }]);
    const backward = !!q.before;
    const cursor = q.cursor ? decodeCursor(q.cursor, sort) : q.before ? decodeCursor(q.before, sort) : null;
    const filters: QueueFilters = { ...q, assigneeId: q.assignedToMe ? principal.id : undefined };
    const rows = await this.repo.queue(scope, filters, sort, cursor, limit + 1, backward);
    const more = rows.length > limit;
    // Backwards the rows come nearest first: put them back in queue order.
    const page = backward ? rows.slice(0, limit).reverse() : rows.slice(0, limit);
    const keyAt = (i: number) => encodeCursor({ sort, key: keyOf(sort, page[i]) });
    const names = await this.staff.displayNames(page.map((r) => r.assigneeId).filter((x): x is string => !!x));
    const places = await this.localities.latestNames(page.map((r) => r.localityCode).filter((x): x is string => !!x));
    const now = new Date();
    return {
      items: page.map((r) => ({
        id: r.id,
        reference: r.reference,
        status: r.status,
        category: r.category,
        localityCode: r.localityCode,
        place: r.localityCode ? (places.get(r.localityCode) ?? null) : null,
        priority: r.priority,
        createdAt: r.createdAt.toISOString(),
        ageSeconds: Math.floor((now.getTime() - r.createdAt.getTime()) / 1000),
        nextDeadlineAt: r.nextDeadlineAt?.toISOString() ?? null,
        deadlineState: caseDeadlineState(r.nextDeadlineAt, now, this.clocks.atRiskMs),
        breachFlagged: r.breachFlagged,
        assignee: r.assigneeId ? { id: r.assigneeId, name: names.get(r.assigneeId) ?? null } : null,
        claimedBy: claimHolder({ claimedBy: r.claimedBy, claimedUntil: r.claimedUntil }, now),
        possiblyRelated: r.possiblyRelated,
        replyWaiting: r.replyWaiting,
        hotspotId: r.hotspotId,
        version: r.version,
      })),
      // Forwards, a page after a cursor has one before it; backwards, the page we came from follows.
      nextCursor: page.length > 0 && (backward || more) ? keyAt(page.length - 1) : null,
      prevCursor: page.length > 0 && (backward ? more : !!cursor) ? keyAt(0) : null,
    };
  }

  /**
   * A hotline operator's own filings since midnight in Vietnam: reference, category and place
   * to read back to a caller, nothing else. The read is audited like any staff read of cases.
   */
  async filedToday(principal: StaffPrincipal, ctx: RequestContext, now = new Date()) {
    const since = new Date(`${vietnamDate(now)}T00:00:00+07:00`);
    const rows = await this.repo.listOpenedBy(principal.id, since);
    await this.uow.run((m) =>
      this.audit.record(m, ctx, { action: 'intake.filed_today_listed', targetType: 'staff_account', targetId: principal.id, unitId: principal.unitId, change: { count: rows.length } }),
    );
    return {
      items: rows.map((r) => ({ reference: r.reference, category: r.category, localityCode: r.localityCode, filedAt: r.filedAt.toISOString() })),
      nextCursor: null,
    };
  }
}
