import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiStaffErrors } from '../common/errors/api-errors';
import { InvitedStaffDto, PendingChangeDto, RoleChangeDto, RoleChangePageDto, StaffPageDto, StaffViewDto, TotpResetDto } from './dto/staff-responses.dto';
import type { FastifyReply } from 'fastify';
import { CurrentStaff, Roles, StaffPrincipal } from '../auth/auth.decorators';
import { ValidationFailed } from '../common/errors/domain-error';
import { UuidPipe } from '../common/uuid.pipe';
import { Ctx, RequestContext } from '../common/request-context';
import { CreateStaffDto } from './dto/create-staff.dto';
import { UpdateStaffDto } from './dto/update-staff.dto';
import { StaffService } from './staff.service';

@ApiTags('admin')
@ApiBearerAuth()
@ApiStaffErrors()
@Roles('admin')
@Controller('api/v1/admin')
export class StaffAdminController {
  constructor(private readonly staff: StaffService) {}

  @Get('staff')
  @ApiOkResponse({ type: StaffPageDto })
  @ApiErrors(400, 404)
  @ApiQuery({ name: 'unit', required: false, description: 'only accounts of this unit (its code, e.g. PC04-24, or its id)' })
  async list(@Query('unit') unit?: string) {
    return { items: await this.staff.listViews(unit), nextCursor: null };
  }

  @Post('staff')
  @ApiCreatedResponse({ type: InvitedStaffDto })
  @ApiErrors(400, 409, 422)
  @ApiOperation({
    summary:
      'Invite a new staff member: returns a one-time code (valid STAFF_INVITATION_TTL_HOURS) with which they set their password and enrol TOTP. No secret is ever shown to the admin. Supervisor/auditor at provincial level or above, and admin, wait for a second admin (pendingApproval).',
  })
  async create(@Ctx() ctx: RequestContext, @CurrentStaff() admin: StaffPrincipal, @Body() body: CreateStaffDto) {
    if (!body.unitId && !body.unitCode) throw new ValidationFailed([{ field: 'unitCode', reason: 'required', message: 'Give the unit by its code (unitCode) or id (unitId).' }]);
    const r = await this.staff.invite(ctx, admin, body);
    return { account: await this.staff.view(r.account), invitation: r.invitation, pendingApproval: r.pendingApproval };
  }

  @Patch('staff/:id')
  @ApiOkResponse({ type: StaffViewDto })
  @ApiAcceptedResponse({ type: PendingChangeDto, description: 'A second admin must approve the grant.' })
  @ApiErrors(400, 404, 422)
  @ApiOperation({ summary: 'Change role and/or unit of another account (sessions end); 202 with a pending change when a second admin must approve' })
  async update(@Ctx() ctx: RequestContext, @Param('id', new UuidPipe()) id: string, @Body() body: UpdateStaffDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const r = await this.staff.changeRoleOrUnit(ctx, id, body);
    if ('pending' in r) {
      reply.status(202);
      return { pendingChange: r.pending };
    }
    return this.staff.view(r);
  }

  @Post('staff/:id/disable')
  @HttpCode(200)
  @ApiOkResponse({ type: StaffViewDto })
  @ApiErrors(400, 404)
  @ApiOperation({ summary: 'Disable another account (its sessions stop working at once)' })
  async disable(@Ctx() ctx: RequestContext, @Param('id', new UuidPipe()) id: string) {
    return this.staff.view(await this.staff.disable(ctx, id));
  }

  @Post('staff/:id/totp-reset')
  @HttpCode(200)
  @ApiOkResponse({ type: TotpResetDto })
  @ApiErrors(400, 404)
  @ApiOperation({ summary: "Reset another user's second factor: sessions end; only that user can enrol again, with their password and the returned one-time code" })
  async resetTotp(@Ctx() ctx: RequestContext, @CurrentStaff() admin: StaffPrincipal, @Param('id', new UuidPipe()) id: string) {
    return { invitation: await this.staff.resetTotp(ctx, admin, id) };
  }

  @Get('staff-changes')
  @ApiOkResponse({ type: RoleChangePageDto })
  @ApiErrors(400)
  @ApiQuery({ name: 'status', required: false, enum: ['pending', 'approved', 'refused'] })
  @ApiOperation({ summary: 'Role grants that need a second admin' })
  async changes(@Query('status') status?: string) {
    return { items: await this.staff.roleChanges(status), nextCursor: null };
  }

  @Post('staff-changes/:id/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: RoleChangeDto })
  @ApiErrors(400, 404, 409)
  @ApiOperation({ summary: 'Approve a pending grant (not the admin who asked, not the account concerned)' })
  approve(@Ctx() ctx: RequestContext, @CurrentStaff() admin: StaffPrincipal, @Param('id', new UuidPipe()) id: string) {
    return this.staff.decideRoleChange(ctx, admin, id, 'approved');
  }

  @Post('staff-changes/:id/refuse')
  @HttpCode(200)
  @ApiOkResponse({ type: RoleChangeDto })
  @ApiErrors(400, 404, 409)
  @ApiOperation({ summary: 'Refuse a pending grant (a refused invitation disables the account)' })
  refuse(@Ctx() ctx: RequestContext, @CurrentStaff() admin: StaffPrincipal, @Param('id', new UuidPipe()) id: string) {
    return this.staff.decideRoleChange(ctx, admin, id, 'refused');
  }
}
