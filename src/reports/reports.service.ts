import { Inject, Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { AuditService } from '../audit/audit.service';
import type { StaffPrincipal } from '../auth/auth.decorators';
import { DomainError, NotFound } from '../common/errors/domain-error';
import { vietnamDate } from '../common/iso-date';
import type { RequestContext } from '../common/request-context';
import { APP_CONFIG, AppConfig } from '../config/env';
import { AccessService } from '../access/access.service';
import { AT_RISK_COLUMNS, BACKLOG_COLUMNS, Column, HOTSPOT_COLUMNS, RESPONSE_TIMES_CASE_COLUMNS, responseTimesColumns } from './report-columns';
import { CONTENT_TYPES, contentDisposition, csvStream, exportFileName, Sheet, xlsxStream } from './report-export';
import { BacklogFilters, CaseFilters, HotspotsFilters, parseBacklog, parseHotspots, parseResponseTimes, RawQuery, ReportLang, ResponseTimesFilters, yearEnd } from './report-filters';
import {
  buildAtRiskQuery,
  buildBacklogQuery,
  buildHotspotsQuery,
  buildResponseTimesQuery,
  FIRST_ACTION_EVENTS,
  ReportsRepository,
} from './reports.repository';

/** At-risk cases listed in the JSON backlog report (the export lists them all). */
export const AT_RISK_JSON_LIMIT = 200;

/** What a report request answers: a JSON body, or a file streamed with its headers. */
export type ReportResult = { kind: 'json'; body: unknown } | { kind: 'file'; contentType: string; disposition: string; stream: Readable };

const DEFINITIONS = {
  timesIn: 'hours',
  percentiles: 'exact (percentile_cont) over the cases that reached the step',
  toAcknowledge: 'from the case being opened to its first `acknowledged` event, less paused time before it',
  toFirstAction: `from the case being opened to its first ${FIRST_ACTION_EVENTS.join(' / ')} event, less paused time before it`,
  toClose: 'from the case being opened to its closing, for cases closed now, less paused time before it',
  pausedTime: 'time any clock of the case was paused (suspensions), merged per case; shown separately and excluded from the times',
  attainment: 'met ÷ (met + breached); a clock met late counts as breached',
  period: 'cases opened on these Vietnamese calendar days (inclusive)',
};

/**
 * The supervisor reports. Scope: a supervisor reads the own unit's subtree, an officer or unit
 * lead the own unit, an auditor everything; a unit filter outside it is a 404 and an audited
 * denial. Each request is an audit event (`report.requested`: which report, which filters, which
 * format). Figures only: no tip, message or reason is ever read.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly repo: ReportsRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.atRiskHours = config.CLOCK_AT_RISK_HOURS;
  }

  /** Open clocks due within this many hours are "at risk": h15's CLOCK_AT_RISK_HOURS, as on the case view and the clocks' at-risk list. */
  private readonly atRiskHours: number;

  /** The units whose figures the caller may see, narrowed by the unit filter; null = every unit (auditors). */
  private async unitIds(principal: StaffPrincipal, ctx: RequestContext, unitCode: string | null): Promise<string[] | null> {
    // The access kernel's scope (own unit, or the subtree in force today); auditors read every unit's figures.
    const scope = principal.role === 'auditor' ? null : (await this.access.scopeFor(principal)).unitIds;
    if (unitCode === null) return scope === null ? null : [...scope];
    const subtree = await this.repo.unitSubtree(unitCode);
    const visible = subtree === null ? [] : scope === null ? subtree : subtree.filter((id) => scope.includes(id));
    if (visible.length === 0) {
      await this.audit.recordStandalone(ctx, { action: 'access.denied', targetType: 'unit', targetId: null, unitId: null, change: { code: 'not_found', unit: unitCode } });
      throw new NotFound('Unit');
    }
    return visible;
  }

  /**
   * `report.requested`, its target the report and its filters as a query string of codes and
   * dates (readable in the trail: the change itself is only digested), e.g.
   * `response-times?from=2026-03-01&to=2026-03-31&groupBy=unit&format=csv&lang=vi`.
   */
  private async record(ctx: RequestContext, report: string, filters: Record<string, unknown>): Promise<void> {
    const query = Object.entries(filters)
      .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
      .join('&');
    await this.audit.recordStandalone(ctx, {
      action: 'report.requested',
      targetType: 'report',
      targetId: `${report}?${query}`.slice(0, 200),
      change: { report, filters },
    });
  }

  async responseTimes(principal: StaffPrincipal, ctx: RequestContext, query: RawQuery, now = new Date()): Promise<ReportResult> {
    const f = parseResponseTimes(query, now);
    const unitIds = await this.unitIds(principal, ctx, f.unitCode);
    await this.record(ctx, 'response-times', describe(f));
    const q = buildResponseTimesQuery(unitIds, f, now);
    const columns = f.groupBy === 'case' ? RESPONSE_TIMES_CASE_COLUMNS : responseTimesColumns(f.groupBy);
    const head = {
      report: 'response-times',
      period: { from: f.period.from, to: f.period.to },
      groupBy: f.groupBy,
      filters: { unit: f.unitCode, locality: f.localityCode, category: f.category },
      generatedAt: now.toISOString(),
      clocks: { available: true },
      definitions: DEFINITIONS,
    };
    const period = `${f.period.from}_${f.period.to}`;
    if (f.groupBy === 'case') {
      // One row per case: always streamed from a cursor, whatever the format.
      const rows = await this.repo.stream(q);
      if (f.format === 'json') return { kind: 'file', contentType: 'application/json; charset=utf-8', disposition: '', stream: jsonStream(head, columns, rows) };
      return this.file('response-times', period, f, [{ name: sheetName('response-times', f.lang), columns, rows }]);
    }
    const rows = await this.repo.rows(q);
    if (f.format === 'json') return { kind: 'json', body: { ...head, rows: rows.map((r) => typed(columns, r)) } };
    return this.file('response-times', period, f, [{ name: sheetName('response-times', f.lang), columns, rows }]);
  }

  async hotspots(principal: StaffPrincipal, ctx: RequestContext, query: RawQuery, now = new Date()): Promise<ReportResult> {
    const f = parseHotspots(query, now);
    const unitIds = await this.unitIds(principal, ctx, null);
    await this.record(ctx, 'hotspots', describe(f));
    const structureAt = yearEnd(f.year, now);
    const rows = await this.repo.rows(buildHotspotsQuery(unitIds, f, now, structureAt));
    if (f.format === 'json') {
      return {
        kind: 'json',
        body: {
          report: 'hotspots',
          year: f.year,
          previousYear: f.year - 1,
          province: f.provinceCode,
          generatedAt: now.toISOString(),
          placesAsOf: structureAt,
          mapping:
            'Figures follow each hotspot from the commune version in force when it was recorded, through the successor mapping, to the commune in force on placesAsOf. ' +
            'A split commune is apportioned by the place of the latest case linked to the hotspot in one of its successors (case_place), otherwise in equal shares (equal_share). ' +
            'Rows with carried figures have mapped: true and list the earlier codes in mappedFrom.',
          rows: rows.map((r) => typed(HOTSPOT_COLUMNS, r)),
        },
      };
    }
    return this.file('hotspots', `${f.year}${f.provinceCode ? `_${f.provinceCode}` : ''}`, f, [{ name: sheetName('hotspots', f.lang), columns: HOTSPOT_COLUMNS, rows }]);
  }

  async backlog(principal: StaffPrincipal, ctx: RequestContext, query: RawQuery, now = new Date()): Promise<ReportResult> {
    const f = parseBacklog(query);
    const unitIds = await this.unitIds(principal, ctx, f.unitCode);
    await this.record(ctx, 'backlog', describe(f));
    const day = vietnamDate(now);
    if (f.format === 'json') {
      const buckets = await this.repo.rows(buildBacklogQuery(unitIds, f, now, this.atRiskHours));
      const atRisk = await this.repo.rows(buildAtRiskQuery(unitIds, f, now, this.atRiskHours, f.list === 'at-risk' ? null : AT_RISK_JSON_LIMIT));
      const total = (pred: (r: Record<string, unknown>) => boolean) => buckets.filter(pred).reduce((s, r) => s + Number(r.cases), 0);
      return {
        kind: 'json',
        body: {
          report: 'backlog',
          asOf: now.toISOString(),
          filters: { unit: f.unitCode, locality: f.localityCode, category: f.category },
          clocks: { available: true },
          atRiskHours: this.atRiskHours,
          open: total(() => true),
          rows: buckets.map((r) => typed(BACKLOG_COLUMNS, r)),
          atRisk: {
            breached: total((r) => r.clock_state === 'breached'),
            atRisk: total((r) => r.clock_state === 'at_risk'),
            items: atRisk.map((r) => typed(AT_RISK_COLUMNS, r)),
            truncated: f.list !== 'at-risk' && atRisk.length === AT_RISK_JSON_LIMIT,
          },
        },
      };
    }
    const atRiskSheet = async (): Promise<Sheet> => ({ name: sheetName('at-risk', f.lang), columns: AT_RISK_COLUMNS, rows: await this.repo.stream(buildAtRiskQuery(unitIds, f, now, this.atRiskHours, null)) });
    if (f.list === 'at-risk') return this.file('at-risk', day, f, [await atRiskSheet()]);
    const summary: Sheet = { name: sheetName('backlog', f.lang), columns: BACKLOG_COLUMNS, rows: await this.repo.rows(buildBacklogQuery(unitIds, f, now, this.atRiskHours)) };
    // The workbook carries the at-risk list as a second sheet; a CSV file holds one table.
    return this.file('backlog', day, f, f.format === 'xlsx' ? [summary, await atRiskSheet()] : [summary]);
  }

  private file(report: 'response-times' | 'hotspots' | 'backlog' | 'at-risk', period: string, f: { format: 'json' | 'csv' | 'xlsx'; lang: ReportLang }, sheets: Sheet[]): ReportResult {
    if (f.format === 'json') throw new DomainError('internal_error', 'json is not a file format');
    const stream = f.format === 'csv' ? csvStream(sheets[0], f.lang) : xlsxStream(sheets, f.lang);
    return { kind: 'file', contentType: CONTENT_TYPES[f.format], disposition: contentDisposition(exportFileName(report, period, f.format, f.lang)), stream };
  }
}

const SHEETS: Record<string, { vi: string; en: string }> = {
  'response-times': { vi: 'Thời gian xử lý', en: 'Response times' },
  hotspots: { vi: 'Tụ điểm', en: 'Hotspots' },
  backlog: { vi: 'Tồn đọng', en: 'Backlog' },
  'at-risk': { vi: 'Sắp quá hạn', en: 'At risk' },
};
function sheetName(report: string, lang: ReportLang): string {
  return SHEETS[report][lang];
}

/** The filters as recorded in the audit trail (codes and dates only). */
function describe(f: Partial<ResponseTimesFilters & HotspotsFilters & BacklogFilters & CaseFilters>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (f.period) Object.assign(out, { from: f.period.from, to: f.period.to });
  const names = { groupBy: 'groupBy', unitCode: 'unit', localityCode: 'locality', category: 'category', year: 'year', provinceCode: 'province', list: 'list', format: 'format', lang: 'lang' } as const;
  for (const [k, name] of Object.entries(names) as [keyof typeof names, string][]) {
    if (f[k] !== undefined && f[k] !== null) out[name] = f[k];
  }
  return out;
}

/** A row with numbers as numbers (PostgreSQL sends numeric sums as text) and times as ISO strings. */
export function typed(columns: Column[], row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const col of columns) {
    const v = row[col.key];
    if (v === null || v === undefined) out[col.key] = null;
    else if (col.type === 'int' || col.type === 'number' || col.type === 'hours' || col.type === 'ratio') out[col.key] = Number(v);
    else if (col.type === 'datetime') out[col.key] = (v instanceof Date ? v : new Date(String(v))).toISOString();
    else if (col.type === 'bool') out[col.key] = v === true;
    else out[col.key] = v;
  }
  return out;
}

/** `{ ...head, "rows": [ ... ] }` written row by row from a cursor. */
function jsonStream(head: object, columns: Column[], rows: AsyncIterable<Record<string, unknown>>): Readable {
  return Readable.from(
    (async function* () {
      yield `${JSON.stringify(head).slice(0, -1)},"rows":[`;
      let first = true;
      for await (const r of rows) {
        yield `${first ? '' : ','}${JSON.stringify(typed(columns, r))}`;
        first = false;
      }
      yield ']}';
    })(),
  );
}
