import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/errors/api-errors';
import { ReportDto } from './dto/report-responses.dto';
import type { FastifyReply } from 'fastify';
import { CurrentStaff, Roles, StaffPrincipal } from '../auth/auth.decorators';
import { Ctx, RequestContext } from '../common/request-context';
import type { RawQuery } from './report-filters';
import { ReportResult, ReportsService } from './reports.service';

const READERS = ['officer', 'unit_lead', 'supervisor', 'auditor'] as const;

const q = (name: string, description: string, e?: readonly string[]) => ApiQuery({ name, required: false, description, ...(e ? { enum: [...e] } : {}) });
const OUTPUT = [q('format', 'json (default), csv (UTF-8 with BOM) or xlsx', ['json', 'csv', 'xlsx']), q('lang', 'headers and labels: vi (default) or en', ['vi', 'en'])];
const CASE_FILTERS = [q('unit', 'unit code: that unit and its subtree (404 outside your scope)'), q('locality', 'place code (2–5 digits) and everything under it'), q('category', 'category code')];
const apply = (...ds: MethodDecorator[]): MethodDecorator => (t, k, d) => {
  for (const x of ds) x(t, k, d);
};

/**
 * Supervisor reports (figures only). `format=json|csv|xlsx`, `lang=vi|en`. The query is checked by
 * report-filters.ts (a plain object here: unknown keys and bad values become a 400 there).
 */
@ApiTags('reports')
@ApiBearerAuth()
@ApiProduces('application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
@ApiErrors(400, 401, 403, 404)
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('response-times')
  @ApiOkResponse({ type: ReportDto, description: 'JSON (format=json); csv and xlsx stream the same rows as a file.' })
  @Roles(...READERS)
  @apply(q('from', 'first day YYYY-MM-DD (Vietnam; default 29 days before to)'), q('to', 'last day YYYY-MM-DD (default today)'), q('groupBy', 'default unit', ['unit', 'locality', 'category', 'month', 'case']), ...CASE_FILTERS, ...OUTPUT)
  async responseTimes(@CurrentStaff() s: StaffPrincipal, @Ctx() c: RequestContext, @Query() q: RawQuery, @Res() reply: FastifyReply) {
    send(reply, await this.reports.responseTimes(s, c, q));
  }

  @Get('hotspots')
  @ApiOkResponse({ type: ReportDto, description: 'JSON (format=json); csv and xlsx stream the same rows as a file.' })
  @Roles(...READERS)
  @apply(q('year', 'year (default this year), compared with the year before'), q('province', '2-digit province code (structure in force at the end of the year)'), ...OUTPUT)
  async hotspots(@CurrentStaff() s: StaffPrincipal, @Ctx() c: RequestContext, @Query() q: RawQuery, @Res() reply: FastifyReply) {
    send(reply, await this.reports.hotspots(s, c, q));
  }

  @Get('backlog')
  @ApiOkResponse({ type: ReportDto, description: 'JSON (format=json); csv and xlsx stream the same rows as a file.' })
  @Roles(...READERS)
  @apply(...CASE_FILTERS, q('list', 'summary (default) or at-risk (the whole at-risk list)', ['summary', 'at-risk']), ...OUTPUT)
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
