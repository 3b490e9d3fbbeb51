import { Controller, Get, Header, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiStaffErrors } from '../common/errors/api-errors';
import { CurrentStaff, Roles, StaffPrincipal } from '../auth/auth.decorators';
import { ValidationFailed } from '../common/errors/domain-error';
import { Ctx, RequestContext } from '../common/request-context';
import { CaseQueueService } from './case-queue.service';
import { CaseViewService } from './case-view.service';
import { CaseViewDto, FiledTodayPageDto, QueuePageDto } from './dto/case-responses.dto';
import { QueueQueryDto } from './dto/queue-query.dto';
import { UuidPipe } from '../common/uuid.pipe';

const WORKERS = ['officer', 'unit_lead', 'supervisor'] as const;

/** A date-time PostgreSQL can compare with (years 1 to 9999); anything else is the client's mistake. */
function parseDeadlineBefore(v: string): Date {
  const d = new Date(v);
  const year = d.getUTCFullYear();
  if (Number.isNaN(d.getTime()) || year < 1 || year > 9999) {
    throw new ValidationFailed([{ field: 'deadlineBefore', reason: 'isDate', message: 'deadlineBefore must be an ISO date-time between the years 1 and 9999' }]);
  }
  return d;
}

/** Staff reads of cases (queue, case view, photos). Actions are CaseActionsController's. Other units' cases are 404. */
@ApiTags('cases')
@ApiBearerAuth()
@ApiStaffErrors()
@Controller('api/v1/cases')
export class CasesController {
  constructor(
    private readonly queues: CaseQueueService,
    private readonly views: CaseViewService,
  ) {}

  @Get()
  @Roles(...WORKERS)
  @ApiOperation({ summary: 'The queue of the caller’s units (open cases by next deadline unless filtered); never tip content.' })
  @ApiOkResponse({ type: QueuePageDto })
  @ApiErrors(400)
  queue(@CurrentStaff() staff: StaffPrincipal, @Query() q: QueueQueryDto) {
    return this.queues.queue(staff, {
      statuses: q.status, categories: q.category, localityCode: q.locality, priorities: q.priority,
      deadlineBefore: q.deadlineBefore === undefined ? undefined : parseDeadlineBefore(q.deadlineBefore),
      assignedToMe: q.assignedToMe, unassigned: q.unassigned, hotspotId: q.hotspot, possiblyRelated: q.possiblyRelated,
      sort: q.sort, cursor: q.cursor, before: q.before, limit: q.limit,
    });
  }

  /** A hotline operator's tips filed today (by them, since midnight in Vietnam): references to read back, no content. */
  @Get('filed-today')
  @Roles('hotline_operator')
  @ApiOperation({ summary: 'What the calling hotline operator filed since midnight in Vietnam (references only).' })
  @ApiOkResponse({ type: FiledTodayPageDto })
  @ApiErrors(429)
  filedToday(@CurrentStaff() staff: StaffPrincipal, @Ctx() ctx: RequestContext) {
    return this.queues.filedToday(staff, ctx);
  }

  @Get(':id')
  @Roles(...WORKERS)
  @ApiOperation({ summary: 'The case with its tips, timeline and messages (decrypted); audited as case.viewed.' })
  @ApiOkResponse({ type: CaseViewDto })
  @ApiErrors(400, 404)
  view(@CurrentStaff() staff: StaffPrincipal, @Ctx() ctx: RequestContext, @Param('id', new UuidPipe()) id: string) {
    return this.views.view(staff, ctx, id);
  }

  /** A tip photo of the case (metadata already stripped at intake); audited as `case.photo_viewed`. */
  @Get(':id/photos/:photoId')
  @Roles(...WORKERS)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'One photo of one of the case’s tips (metadata stripped at intake).' })
  @ApiProduces('image/jpeg', 'image/png', 'image/webp')
  @ApiOkResponse({ description: 'The photo’s bytes.', schema: { type: 'string', format: 'binary', example: '(JPEG, PNG or WebP bytes)' } })
  @ApiErrors(400, 404)
  async photo(@CurrentStaff() staff: StaffPrincipal, @Ctx() ctx: RequestContext, @Param('id', new UuidPipe()) id: string, @Param('photoId', new UuidPipe()) photoId: string, @Res() reply: FastifyReply) {
    const p = await this.views.photo(staff, ctx, id, photoId);
    void reply.header('content-type', p.mime).header('x-content-type-options', 'nosniff').send(p.content);
  }
}
