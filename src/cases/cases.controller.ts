import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, Roles, StaffPrincipal } from '../auth/auth.decorators';
import { ValidationFailed } from '../common/errors/domain-error';
import { Ctx, RequestContext } from '../common/request-context';
import { ScopeService } from '../staff/scope.service';
import { CaseAction, CaseWorkService } from './case-work.service';
import { ActionCaseDto, AddMessageDto, AssignCaseDto, CloseCaseDto, LinkCaseDto, QueueQueryDto, ReasonDto, TransferCaseDto, VersionedDto } from './dto/case-action.dto';

const WORKERS = ['officer', 'unit_lead', 'supervisor'] as const;

/** Staff case work. Every route is scoped to the caller's units; other units' cases are 404. */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases')
export class CasesController {
  constructor(
    private readonly work: CaseWorkService,
    private readonly scopes: ScopeService,
  ) {}

  @Get()
  @Roles(...WORKERS)
  async queue(@CurrentStaff() staff: StaffPrincipal, @Query() q: QueueQueryDto) {
    let deadlineBefore: Date | undefined;
    if (q.deadlineBefore !== undefined) {
      deadlineBefore = new Date(q.deadlineBefore);
      if (Number.isNaN(deadlineBefore.getTime())) throw new ValidationFailed([{ field: 'deadlineBefore', reason: 'isDate', message: 'deadlineBefore must be an ISO date-time' }]);
    }
    return this.work.queue(await this.scopes.forStaff(staff), staff, {
      statuses: q.status, categories: q.category, localityCode: q.locality, priorities: q.priority, deadlineBefore,
      assignedToMe: q.assignedToMe, unassigned: q.unassigned, hotspotId: q.hotspot, possiblyRelated: q.possiblyRelated,
      sort: q.sort, cursor: q.cursor, limit: q.limit,
    });
  }

  /** A hotline operator's tips filed today (by them, since midnight in Vietnam): references to read back, no content. */
  @Get('filed-today')
  @Roles('hotline_operator')
  filedToday(@CurrentStaff() staff: StaffPrincipal, @Ctx() ctx: RequestContext) {
    return this.work.filedToday(staff, ctx);
  }

  @Get(':id')
  @Roles(...WORKERS)
  async view(@CurrentStaff() staff: StaffPrincipal, @Ctx() ctx: RequestContext, @Param('id') id: string) {
    return this.work.view(await this.scopes.forStaff(staff), ctx, id);
  }

  /** A tip photo of the case (metadata already stripped at intake); audited as `case.photo_viewed`. */
  @Get(':id/photos/:photoId')
  @Roles(...WORKERS)
  @Header('Cache-Control', 'no-store')
  async photo(@CurrentStaff() staff: StaffPrincipal, @Ctx() ctx: RequestContext, @Param('id') id: string, @Param('photoId') photoId: string, @Res() reply: FastifyReply) {
    const p = await this.work.photo(await this.scopes.forStaff(staff), ctx, id, photoId);
    void reply.header('content-type', p.mime).header('x-content-type-options', 'nosniff').send(p.content);
  }

  private async act(staff: StaffPrincipal, ctx: RequestContext, id: string, action: CaseAction, version?: number) {
    return this.work.act(await this.scopes.forStaff(staff), staff, ctx, id, action, version);
  }

  @Post(':id/claim') @HttpCode(200) @Roles('officer', 'unit_lead')
  claim(@CurrentStaff() s: StaffPrincipal, @Ctx() c: RequestContext, @Param('id') id: string, @Body() b: VersionedDto) {
    return this.act(s, c, id, { type: 'claim' }, b?.version);
  }

  @Post(':id/release') @HttpCode(200) @Roles('officer', 'unit_lead')
  release(@CurrentStaff() s: StaffPrincipal, @Ctx() c: RequestContext, @Param('id') id: string, @Body() b: VersionedDto) {
    return this.act(s, c, id, { type: 'release' }, b?.version);
  }

  @Post(':id/break-lock') @HttpCode(200) @Roles('unit_lead')
  breakLock(@CurrentStaff() s: StaffPrincipal, @Ctx() c: RequestContext, @Param('id') id: string, @Body() b: VersionedDto) {
    return this.act(s, c, id, { type: 'break_lock' }, b?.version);
  }

  @Post(':id/acknowledge') @HttpCode(200) @Roles('officer', 'unit_lead')
  acknowledge(@CurrentStaff() s: StaffPrincipal, @Ctx() c: RequestContext, @Param('id') id: string, @Body() b: VersionedDto) {
    return this.act(s, c, id, { type: 'acknowledge' }, b?.version);
  }

  @Post(':id/verify') @HttpCode(200) @Roles('officer', 'unit_lead')
  verify(@CurrentStaff() s: StaffPrincipal, @Ctx() c: RequestContext, @Param('id') id: string, @Body() b: VersionedDto) {
    return this.act(s, c, id, { type: 'verify' }, b?.version);
  }

  @Post(':id/action') @HttpCode(200) @Roles('officer', 'unit_lead')
  action(@CurrentStaff() s: StaffPrincipal, @Ctx() c: RequestContext, @Param('id') id: string, @Body() b: ActionCaseDto) {
    return this.act(s, c, id, { type: 'action', actionTaken: b.actionTaken }, b.version);
  }

  @Post(':id/close') @HttpCode(200) @Roles('officer', 'unit_lead')
  close(@CurrentStaff() s: StaffPrincipal, @Ctx() c: RequestContext, @Param('id') id: string, @Body() b: CloseCaseDto) {
    return this.act(s, c, id, { type: 'close', outcome: b.outcome }, b.version);
  }

  @Post(':id/reopen') @HttpCode(200) @Roles('officer', 'unit_lead')
  reopen(@CurrentStaff() s: StaffPrincipal, @Ctx() c: RequestContext, @Param('id') id: string, @Body() b: ReasonDto) {
    return this.act(s, c, id, { type: 'reopen', reason: b.reason }, b.version);
  }

  @Post(':id/transfer') @HttpCode(200) @Roles('unit_lead')
  transfer(@CurrentStaff() s: StaffPrincipal, @Ctx() c: RequestContext, @Param('id') id: string, @Body() b: TransferCaseDto) {
    return this.act(s, c, id, { type: 'transfer', toUnitId: b.unitId, reason: b.reason }, b.version);
  }

  @Post(':id/assign') @HttpCode(200) @Roles('unit_lead')
  assign(@CurrentStaff() s: StaffPrincipal, @Ctx() c: RequestContext, @Param('id') id: string, @Body() b: AssignCaseDto) {
    return this.act(s, c, id, { type: 'assign', assigneeId: b.assigneeId ?? null }, b.version);
  }

  @Post(':id/link') @HttpCode(200) @Roles('officer', 'unit_lead')
  link(@CurrentStaff() s: StaffPrincipal, @Ctx() c: RequestContext, @Param('id') id: string, @Body() b: LinkCaseDto) {
    return this.act(s, c, id, { type: 'link', duplicateOf: b.duplicateOf, hotspotId: b.hotspotId }, b.version);
  }

  @Post(':id/messages') @HttpCode(201) @Roles('officer', 'unit_lead')
  async message(@CurrentStaff() s: StaffPrincipal, @Ctx() c: RequestContext, @Param('id') id: string, @Body() b: AddMessageDto) {
    return this.work.addMessage(await this.scopes.forStaff(s), s, c, id, b.body, b.visibility);
  }
}
