import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/auth.decorators';
import { CaseQueueService } from '../../cases/case-queue.service';
import { CASE_STATUSES } from '../../cases/case-transitions';
import { DomainError } from '../../common/errors/domain-error';
import { Ctx, RequestContext } from '../../common/request-context';
import { ListHotspotsDto } from '../../hotspots/dto/hotspot.dto';
import { HotspotsService } from '../../hotspots/hotspots.service';
import { StaffService } from '../../staff/staff.service';
import { ConsoleContext, ConsoleCtx } from '../shell/console-context';
import { sendPage } from '../shell/render';
import { localizedProblems, validateDto } from './form-dto';
import { HotspotListPage, HotspotPage } from './hotspots.page';

const WORKERS = ['officer', 'unit_lead', 'supervisor'] as const;
/** How many of a hotspot's cases its page lists (the queue, filtered by the hotspot, has them all). */
const CASES_SHOWN = 50;

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** /console/hotspots and /console/hotspots/:id, through HotspotsService (scoped like the API: another unit's hotspot is the 404 page). */
@ApiExcludeController()
@Controller('console/hotspots')
export class HotspotsPagesController {
  constructor(
    private readonly hotspots: HotspotsService,
    private readonly queues: CaseQueueService,
    private readonly staff: StaffService,
  ) {}

  @Get()
  @Roles(...WORKERS)
  async list(@ConsoleContext() ctx: ConsoleCtx, @Query() raw: Record<string, unknown>, @Res() reply: FastifyReply) {
    const status = str(raw.status);
    const locality = str(raw.locality);
    const cursor = str(raw.cursor);
    const base = { items: [], nextCursor: null, paged: !!cursor, status, locality };
    try {
      const q = await validateDto(ListHotspotsDto, { ...(status ? { status } : {}), ...(locality ? { locality } : {}), ...(cursor ? { cursor } : {}) });
      const page = await this.hotspots.list(ctx.user, { status: q.status, localityCode: q.locality, cursor: q.cursor });
      return sendPage(reply, <HotspotListPage ctx={ctx} data={{ ...base, items: page.items, nextCursor: page.nextCursor }} />);
    } catch (e) {
      if (!(e instanceof DomainError) || e.code !== 'validation_failed') throw e;
      return sendPage(reply, <HotspotListPage ctx={ctx} data={{ ...base, problems: localizedProblems(e, ctx.lang) }} />, 400);
    }
  }

  @Get(':id')
  @Roles(...WORKERS)
  async page(@ConsoleContext() ctx: ConsoleCtx, @Ctx() rc: RequestContext, @Param('id') id: string, @Res() reply: FastifyReply) {
    const h = await this.hotspots.get(ctx.user, rc, id);
    const cases = await this.queues.queue(ctx.user, { hotspotId: h.id, statuses: [...CASE_STATUSES], sort: 'age', limit: CASES_SHOWN });
    const names = await this.staff.displayNames(h.history.map((x) => x.actorId).filter((x): x is string => !!x));
    return sendPage(
      reply,
      <HotspotPage ctx={ctx} data={{ hotspot: h, history: h.history, names: Object.fromEntries(names), cases: cases.items, moreCases: cases.nextCursor !== null }} />,
    );
  }
}
