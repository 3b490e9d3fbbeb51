import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AccessService } from '../../access/access.service';
import { Roles } from '../../auth/auth.decorators';
import { CaseQueueService } from '../../cases/case-queue.service';
import { QueueQueryDto } from '../../cases/dto/queue-query.dto';
import { ClocksService } from '../../clocks/clocks.service';
import { DomainError } from '../../common/errors/domain-error';
import { ConsoleContext, ConsoleCtx } from '../shell/console-context';
import { sendPage } from '../shell/render';
import { localizedProblems, validateDto } from './form-dto';
import { apiQueryOf, filtersOf } from './queue-filters';
import { QueuePage, QueuePageData } from './queue.page';

/** How many at-risk clocks the queue page lists (the nearest first). */
const AT_RISK_SHOWN = 20;

/**
 * /console/queue: the caller's cases through the cases API's own service and query DTO (the same
 * filters, sorts, scope and keyset cursors), the at-risk list above them. Bad filters re-render
 * the page with the problem next to the filter (400).
 */
@ApiExcludeController()
@Controller('console/queue')
export class QueueController {
  constructor(
    private readonly queues: CaseQueueService,
    private readonly clocks: ClocksService,
    private readonly access: AccessService,
  ) {}

  @Get()
  @Roles('officer', 'unit_lead', 'supervisor')
  async queue(@ConsoleContext() ctx: ConsoleCtx, @Query() raw: Record<string, unknown>, @Res() reply: FastifyReply) {
    const filters = filtersOf(raw);
    const cursor = typeof raw.cursor === 'string' ? raw.cursor : undefined;
    const before = typeof raw.before === 'string' ? raw.before : undefined;
    const scope = await this.access.scopeFor(ctx.user);
    const atRisk = (await this.clocks.atRisk(scope, this.clocks.atRiskMs / 3_600_000, AT_RISK_SHOWN)).items.map((r) => ({
      clockId: r.clockId, caseId: r.caseId, reference: r.reference, kind: r.kind, legal: r.legal, dueAt: r.dueAt, state: r.state,
    }));
    const data: QueuePageData = { filters, items: [], nextCursor: null, prevCursor: null, paged: !!(cursor || before), atRisk };
    try {
      const q = await validateDto(QueueQueryDto, apiQueryOf(filters, { cursor, before }));
      const page = await this.queues.queue(ctx.user, {
        statuses: q.status, categories: q.category, localityCode: q.locality, priorities: q.priority,
        deadlineBefore: q.deadlineBefore === undefined ? undefined : new Date(q.deadlineBefore),
        assignedToMe: q.assignedToMe, unassigned: q.unassigned, hotspotId: q.hotspot, possiblyRelated: q.possiblyRelated,
        sort: q.sort, cursor: q.cursor, before: q.before,
      });
      return sendPage(reply, <QueuePage ctx={ctx} data={{ ...data, items: page.items, nextCursor: page.nextCursor, prevCursor: page.prevCursor }} />);
    } catch (e) {
      if (!(e instanceof DomainError) || e.code !== 'validation_failed') throw e;
      return sendPage(reply, <QueuePage ctx={ctx} data={{ ...data, problems: localizedProblems(e, ctx.lang) }} />, 400);
    }
  }
}
