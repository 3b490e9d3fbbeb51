import { Injectable } from '@nestjs/common';
import type { StaffPrincipal } from '../../auth/auth.decorators';
import { DomainError, FieldProblem } from '../../common/errors/domain-error';
import type { RequestContext } from '../../common/request-context';
import { ReportResult, ReportsService } from '../../reports/reports.service';
import type { FormProblem } from '../shell/forms';
import { readBacklog, readHotspots, readResponseTimes } from './dashboard-data';
import { backlogQuery, DashboardForm, groupByOf, hotspotsQuery, responseTimesQuery } from './dashboard-filters';
import type { DashboardData } from './dashboard-page';
import { SUPERVISOR_TEXTS as T } from './texts';

/** What a dashboard request gives: the figures, or the problems to show next to the filters. */
export type DashboardResult = { data: DashboardData } | { problems: FormProblem[]; status: 400 | 404 };

/**
 * The report filters answer "vi (en)" in one message (report-filters.ts); the page shows the part
 * in its language, or the whole message when it is not of that form.
 */
export function problemText(message: string, lang: 'vi' | 'en'): string {
  const m = /^(.+) \(([^()]+)\)$/s.exec(message);
  if (!m) return message;
  return lang === 'vi' ? m[1] : m[2].charAt(0).toUpperCase() + m[2].slice(1);
}

/**
 * Gathers the dashboard's figures through the reports' public service (format json): response
 * times for the chosen grouping and per month, hotspots year on year, backlog with the at-risk
 * list. Scope, validation and the audit record (`report.requested`, one per report read) are the
 * reports' own. A bad filter of any report becomes a problem next to its field, all at once.
 */
@Injectable()
export class DashboardService {
  constructor(private readonly reports: ReportsService) {}

  async load(principal: StaffPrincipal, ctx: RequestContext, form: DashboardForm, lang: 'vi' | 'en'): Promise<DashboardResult> {
    const problems: FormProblem[] = [];
    let status: 400 | 404 = 400;
    const groupBy = groupByOf(form);
    if (groupBy === null) problems.push({ field: 'groupBy', message: T.badGroupBy[lang] });
    const body = async (run: () => Promise<ReportResult>): Promise<unknown> => {
      try {
        const r = await run();
        if (r.kind !== 'json') throw new Error('a report asked for JSON answered with a file');
        return r.body;
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        if (e.code === 'validation_failed' && Array.isArray(e.details)) {
          for (const p of e.details as FieldProblem[]) {
            if (!problems.some((q) => q.field === p.field)) problems.push({ field: p.field, message: problemText(p.message, lang) });
          }
          return null;
        }
        // The only thing the dashboard names that can be missing is the unit filter (out of scope looks the same).
        if (e.code === 'not_found' && form.unit !== '') {
          if (!problems.some((q) => q.field === 'unit')) problems.push({ field: 'unit', message: T.unitNotFound[lang] });
          status = 404;
          return null;
        }
        throw e;
      }
    };
    const group = groupBy ?? 'unit';
    const main = await body(() => this.reports.responseTimes(principal, ctx, responseTimesQuery(form, group)));
    const months = group === 'month' || main === null ? main : await body(() => this.reports.responseTimes(principal, ctx, responseTimesQuery(form, 'month')));
    const hotspots = await body(() => this.reports.hotspots(principal, ctx, hotspotsQuery(form)));
    const backlog = await body(() => this.reports.backlog(principal, ctx, backlogQuery(form)));
    if (problems.length > 0 || main === null || months === null || hotspots === null || backlog === null) return { problems, status };
    return {
      data: { groupBy: group, main: readResponseTimes(main), months: readResponseTimes(months), hotspots: readHotspots(hotspots), backlog: readBacklog(backlog) },
    };
  }
}
