import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentStaff, Roles, StaffPrincipal } from '../auth/auth.decorators';
import { Ctx, RequestContext } from '../common/request-context';
import type { RawQuery } from './report-filters';
import { ReportResult, ReportsService } from './reports.service';

const READERS = ['officer', 'unit_lead', 'supervisor', 'auditor'] as const;

/**
 * Supervisor reports (figures only). `format=json|csv|xlsx`, `lang=vi|en`. The query is checked by
 * report-filters.ts (a plain object here: unknown keys and bad values become a 400 there).
 */
@ApiTags('reports')
@ApiBearerAuth()
@ApiProduces('application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('response-times')
  @Roles(...READERS)
  async responseTimes(@CurrentStaff() s: StaffPrincipal, @Ctx() c: RequestContext, @Query() q: RawQuery, @Res() reply: FastifyReply) {
    send(reply, await this.reports.responseTimes(s, c, q));
  }

  @Get('hotspots')
  @Roles(...READERS)
  async hotspots(@CurrentStaff() s: StaffPrincipal, @Ctx() c: RequestContext, @Query() q: RawQuery, @Res() reply: FastifyReply) {
    send(reply, await this.reports.hotspots(s, c, q));
  }

  @Get('backlog')
  @Roles(...READERS)
  async backlog(@CurrentStaff() s: StaffPrincipal, @Ctx() c: RequestContext, @Query() q: RawQuery, @Res() reply: FastifyReply) {
    send(reply, await this.reports.backlog(s, c, q));
  }
}

function send(reply: FastifyReply, r: ReportResult): void {
  void reply.header('cache-control', 'no-store');
  if (r.kind === 'json') {
    void reply.send(r.body);
    return;
  }
  void reply.header('content-type', r.contentType);
  if (r.disposition) void reply.header('content-disposition', r.disposition);
  void reply.send(r.stream);
}
