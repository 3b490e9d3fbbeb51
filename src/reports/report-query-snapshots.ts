/**
 * Every report query rendered with fixed parameters, for the committed snapshots in
 * `src/reports/query-snapshots/` (checked by report-query-snapshots.spec.ts), with the statement
 * that keeps the per-case figures they read. A change to a report's SQL changes a snapshot, so it
 * shows up in review. Update them with `npm run reports:snapshots`.
 */
import { refreshCaseFiguresSql } from '../case-figures/case-figures.repository';
import { parseBacklog, parseHotspots, parseResponseTimes } from './report-filters';
import { buildAtRiskQuery, buildBacklogQuery, buildHotspotsQuery, buildResponseTimesQuery, BuiltQuery, reportSettingsSql } from './reports.repository';

const NOW = new Date('2026-06-15T03:00:00Z');
const UNITS = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'];

function render(name: string, q: BuiltQuery, inReportTransaction = true): { name: string; text: string } {
  const params = q.params.map((v) => (v instanceof Date ? v.toISOString() : v));
  return { name, text: `-- ${name}\n-- parameters: ${JSON.stringify(params)}\n${inReportTransaction ? `-- in a read-only transaction after: ${reportSettingsSql(q)}\n` : ''}${q.sql}\n` };
}

export function reportQuerySnapshots(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const groupBy of ['unit', 'locality', 'category', 'month', 'case']) {
    const f = parseResponseTimes({ from: '2026-01-01', to: '2026-03-31', groupBy, category: 'trafficking', locality: '24' }, NOW);
    out.push(render(`response-times.${groupBy}`, buildResponseTimesQuery(UNITS, f, NOW)));
  }
  const b = parseBacklog({ category: 'dealing_point' });
  out.push(render('backlog', buildBacklogQuery(UNITS, b, NOW, 24)));
  out.push(render('at-risk', buildAtRiskQuery(UNITS, b, NOW, 24, 200)));
  out.push(render('response-times.unit.all-units', buildResponseTimesQuery(null, parseResponseTimes({ from: '2026-01-01', to: '2026-03-31' }, NOW), NOW)));
  // The whole country by month or category: counts and percentiles aggregated apart.
  out.push(render('response-times.month.all-units', buildResponseTimesQuery(null, parseResponseTimes({ from: '2026-01-01', to: '2026-03-31', groupBy: 'month' }, NOW), NOW)));
  out.push(render('hotspots', buildHotspotsQuery(UNITS, parseHotspots({ year: '2025', province: '24' }, NOW), NOW, '2025-12-31')));
  out.push(render('hotspots.all-units', buildHotspotsQuery(null, parseHotspots({ year: '2026' }, NOW), NOW, '2026-06-15')));
  // What the reports aggregate: the per-case figures, as every writer refreshes them.
  out.push(render('case-figures.refresh', { sql: refreshCaseFiguresSql('ids'), params: [UNITS] }, false));
  return out;
}
