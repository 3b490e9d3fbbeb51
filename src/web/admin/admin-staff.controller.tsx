import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/auth.decorators';
import { httpStatusFor } from '../../common/errors/error-codes';
import { Ctx, RequestContext } from '../../common/request-context';
import { CreateStaffDto } from '../../staff/dto/create-staff.dto';
import type { StaffView } from '../../staff/staff-principal';
import { StaffService } from '../../staff/staff.service';
import { ConsoleContext, ConsoleCtx } from '../shell/console-context';
import { redirect, sendPage } from '../shell/render';
import { queryText } from './admin-http';
import { checkWith, formProblems, FormBody, FormProblem, isFormError, optional, refill, text } from './form-input';
import { StaffAccountPage, StaffCodePage, StaffConfirmPage, StaffListPage, StaffNewPage, STAFF_FORM_FIELDS } from './staff-pages';

/**
 * Staff accounts in the console: the same StaffService calls as the admin API
 * (src/staff/staff-admin.controller.ts), so the invitation/approval rules of issue #13 and the
 * audit events are the same. One-time codes are shown in the POST's own answer, never stored.
 */
@ApiExcludeController()
@Roles('admin')
@Controller('console/admin')
export class AdminStaffController {
  constructor(private readonly staff: StaffService) {}

  @Get('staff')
  async list(@ConsoleContext() ctx: ConsoleCtx, @Query('unit') unitQ: unknown, @Query('done') done: unknown, @Res() reply: FastifyReply) {
    const unit = queryText(unitQ);
    let accounts: StaffView[] = [];
    let problems: FormProblem[] = [];
    try {
      accounts = await this.staff.listViews(unit);
    } catch (e) {
      if (!isFormError(e)) throw e;
      problems = formProblems(e, ctx.lang, ['unit']);
    }
    const pending = await this.staff.roleChanges('pending');
    // the pending list names accounts outside a filtered list too
    const known = unit && pending.length ? await this.staff.listViews() : accounts;
    const page = <StaffListPage ctx={ctx} data={{ accounts, known, pending, unit, done: queryText(done), problems }} />;
    return sendPage(reply, page, problems.length ? 400 : 200);
  }

  @Get('staff/new')
  newForm(@ConsoleContext() ctx: ConsoleCtx, @Res() reply: FastifyReply) {
    return sendPage(reply, <StaffNewPage ctx={ctx} />);
  }

  /** Creates the invitation and answers with its one-time code (200: this page is the only place it appears). */
  @Post('staff')
  async create(@ConsoleContext() ctx: ConsoleCtx, @Ctx() rc: RequestContext, @Body() body: FormBody, @Res() reply: FastifyReply) {
    const input = { username: text(body, 'username'), displayName: optional(body, 'displayName'), role: text(body, 'role'), unitCode: text(body, 'unitCode') };
    const again = (problems: FormProblem[], status: number) =>
      sendPage(reply, <StaffNewPage ctx={ctx} values={refill(body, STAFF_FORM_FIELDS)} problems={problems} />, status);
    const invalid = await checkWith(CreateStaffDto, input);
    if (!input.unitCode) invalid.push({ field: 'unitCode', reason: 'required', message: 'Give the unit code.' });
    if (invalid.length) return again(formProblems(invalid, ctx.lang, STAFF_FORM_FIELDS), 400);
    try {
      const r = await this.staff.invite(rc, ctx.user, input as CreateStaffDto);
      const account = await this.staff.view(r.account);
      return sendPage(reply, <StaffCodePage ctx={ctx} account={account} invitation={r.invitation} kind="invite" pendingApproval={r.pendingApproval !== null} />);
    } catch (e) {
      if (!isFormError(e)) throw e;
      return again(formProblems(e, ctx.lang, STAFF_FORM_FIELDS, { unitId: 'unitCode' }), httpStatusFor(e.code));
    }
  }

  @Get('staff/:id')
  async account(@ConsoleContext() ctx: ConsoleCtx, @Param('id') id: string, @Query('done') done: unknown, @Res() reply: FastifyReply) {
    const account = await this.staff.view(await this.staff.get(id));
    return sendPage(reply, <StaffAccountPage ctx={ctx} account={account} done={queryText(done)} />);
  }

  @Get('staff/:id/disable')
  async confirmDisable(@ConsoleContext() ctx: ConsoleCtx, @Param('id') id: string, @Res() reply: FastifyReply) {
    const account = await this.staff.view(await this.staff.get(id));
    return sendPage(reply, <StaffConfirmPage ctx={ctx} account={account} action="disable" />);
  }

  @Post('staff/:id/disable')
  async disable(@Ctx() rc: RequestContext, @Param('id') id: string, @Res() reply: FastifyReply) {
    const account = await this.staff.disable(rc, id);
    return redirect(reply, `/console/admin/staff/${account.id}?done=disabled`);
  }

  @Get('staff/:id/totp-reset')
  async confirmTotpReset(@ConsoleContext() ctx: ConsoleCtx, @Param('id') id: string, @Res() reply: FastifyReply) {
    const account = await this.staff.view(await this.staff.get(id));
    return sendPage(reply, <StaffConfirmPage ctx={ctx} account={account} action="totp-reset" />);
  }

  /** Resets another user's TOTP and answers with the one-time re-enrolment code (shown only here). */
  @Post('staff/:id/totp-reset')
  async resetTotp(@ConsoleContext() ctx: ConsoleCtx, @Ctx() rc: RequestContext, @Param('id') id: string, @Res() reply: FastifyReply) {
    const invitation = await this.staff.resetTotp(rc, ctx.user, id);
    const account = await this.staff.view(await this.staff.get(id));
    return sendPage(reply, <StaffCodePage ctx={ctx} account={account} invitation={invitation} kind="totp_reset" />);
  }

  @Post('staff-changes/:id/approve')
  async approve(@ConsoleContext() ctx: ConsoleCtx, @Ctx() rc: RequestContext, @Param('id') id: string, @Res() reply: FastifyReply) {
    await this.staff.decideRoleChange(rc, ctx.user, id, 'approved');
    return redirect(reply, '/console/admin/staff?done=approved');
  }

  @Post('staff-changes/:id/refuse')
  async refuse(@ConsoleContext() ctx: ConsoleCtx, @Ctx() rc: RequestContext, @Param('id') id: string, @Res() reply: FastifyReply) {
    await this.staff.decideRoleChange(rc, ctx.user, id, 'refused');
    return redirect(reply, '/console/admin/staff?done=refused');
  }
}
