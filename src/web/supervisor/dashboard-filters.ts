/**
 * The dashboard's GET form: the query string as the user typed it (kept as text, to put back in
 * the form), the queries handed to the report service, and the export links with the same
 * filters. The values themselves are checked by the reports (src/reports/report-filters.ts), whose
 * field problems the page shows next to the fields; only what the page adds is checked here.
 */
export const DASHBOARD_GROUP_BYS = ['unit', 'locality', 'category', 'month'] as const;
export type DashboardGroupBy = (typeof DASHBOARD_GROUP_BYS)[number];

/** The form's fields, in the order of the form. */
export const DASHBOARD_FIELDS = ['from', 'to', 'unit', 'locality', 'category', 'groupBy', 'year', 'province'] as const;
export type DashboardField = (typeof DASHBOARD_FIELDS)[number];

export type DashboardForm = Record<DashboardField, string>;

/** The form's values: each a single trimmed string ('' when absent, repeated or not text). Unknown keys are ignored (`lang` is the shell's). */
export function dashboardForm(query: Record<string, unknown> | null | undefined): DashboardForm {
  const out = {} as DashboardForm;
  for (const k of DASHBOARD_FIELDS) {
    const v = query?.[k];
    out[k] = typeof v === 'string' ? v.trim().slice(0, 100) : '';
  }
  return out;
}

/** The grouping of the main table; the form offers the four groupings (one row per case is an export only). */
export function groupByOf(form: DashboardForm): DashboardGroupBy | null {
  if (form.groupBy === '') return 'unit';
  return (DASHBOARD_GROUP_BYS as readonly string[]).includes(form.groupBy) ? (form.groupBy as DashboardGroupBy) : null;
}

type Query = Record<string, string>;

function pick(form: DashboardForm, keys: readonly DashboardField[]): Query {
  const q: Query = {};
  for (const k of keys) if (form[k] !== '') q[k] = form[k];
  return q;
}

const CASE_FILTERS = ['unit', 'locality', 'category'] as const;

/** The response-times query (JSON) for one grouping. */
export function responseTimesQuery(form: DashboardForm, groupBy: DashboardGroupBy | 'case'): Query {
  return { ...pick(form, ['from', 'to', ...CASE_FILTERS]), groupBy };
}

/** The hotspots query: the year (and province) of the form. */
export function hotspotsQuery(form: DashboardForm): Query {
  return pick(form, ['year', 'province']);
}

/** The backlog query: the case filters (the backlog is "now": no period). */
export function backlogQuery(form: DashboardForm, list: 'summary' | 'at-risk' = 'summary'): Query {
  return { ...pick(form, CASE_FILTERS), ...(list === 'at-risk' ? { list } : {}) };
}

export type ExportReport = 'response-times' | 'hotspots' | 'backlog';

/** A download link of the reports API (`/api/v1/reports/<report>?…&format=&lang=`), same session. */
export function exportHref(report: ExportReport, query: Query, format: 'csv' | 'xlsx', lang: 'vi' | 'en'): string {
  const params = new URLSearchParams({ ...query, format, lang });
  return `/api/v1/reports/${report}?${params.toString()}`;
}
