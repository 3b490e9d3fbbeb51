import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/auth.decorators';
import { Ctx, RequestContext } from '../../common/request-context';
import { ConsoleContext, ConsoleCtx } from '../shell/console-context';
import { sendPage } from '../shell/render';
import { dashboardForm } from './dashboard-filters';
import { DashboardPage } from './dashboard-page';
import { DashboardService } from './dashboard.service';

/** The roles that open the dashboard: the supervisors, unit leads and auditors the reports serve (the shell's NAV shows it to them). */
export const DASHBOARD_ROLES = ['unit_lead', 'supervisor', 'auditor'] as const;

/** /console/dashboard: the supervisor reports as a page; its filters are a GET form (the URL is the view). */
@ApiExcludeController()
@Controller('console/dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @Roles(...DASHBOARD_ROLES)
  async show(@ConsoleContext() ctx: ConsoleCtx, @Ctx() rc: RequestContext, @Query() query: Record<string, unknown>, @Res() reply: FastifyReply) {
    const form = dashboardForm(query);
    const result = await this.dashboard.load(ctx.user, rc, form, ctx.lang);
    if ('problems' in result) return sendPage(reply, <DashboardPage ctx={ctx} form={form} problems={result.problems} data={null} />, result.status);
    return sendPage(reply, <DashboardPage ctx={ctx} form={form} data={result.data} />);
  }
}
