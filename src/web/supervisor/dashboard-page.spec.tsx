import { HtmlValidate } from 'html-validate';
import { render } from 'preact-render-to-string';
import type { ConsoleCtx } from '../shell/console-context';
import { readBacklog, readHotspots, readResponseTimes } from './dashboard-data';
import { dashboardForm } from './dashboard-filters';
import { DashboardData, DashboardPage } from './dashboard-page';

const ctx = (lang: 'vi' | 'en'): ConsoleCtx => ({ lang, user: { id: 'u', username: 'sup', role: 'supervisor', unitId: 'unit', sessionId: 's' }, csrf: 'tok', path: '/console/dashboard' });

const row = (key: string, label: string, cases: number) => ({ group_key: key, group_label: label, cases, acknowledged: cases, first_actioned: 1, closed: 1, ack_p50: 2.5, ack_p90: 4, close_p50: null, acknowledge_met: 1, acknowledge_breached: 1, acknowledge_attainment: 0.5 });

const data: DashboardData = {
  groupBy: 'unit',
  main: readResponseTimes({ period: { from: '2026-11-03', to: '2026-12-02' }, clocks: { available: true }, rows: [row('a', 'CA-A – Unit <A>', 3), row('b', 'CA-B – Unit B', 1)] }),
  months: readResponseTimes({ period: { from: '2026-11-03', to: '2026-12-02' }, clocks: { available: true }, rows: [row('2026-11', '2026-11', 3), row('2026-12', '2026-12', 1)] }),
  hotspots: readHotspots({
    year: 2026,
    previousYear: 2025,
    placesAsOf: '2026-12-02',
    rows: [{ province_code: '24', locality_code: '07228', locality_name: 'Phường X', found: 2, found_prev: 1, found_change: 1, found_direction: 'up', mapped: true, mapped_from: '07210', apportioned: 'equal_share' }],
  }),
  backlog: readBacklog({
    asOf: '2026-12-02T03:00:00Z',
    open: 2,
    atRiskHours: 4,
    rows: [{ unit_code: 'CA-A', age_bucket: '1_3d', clock_state: 'breached', cases: 2 }],
    atRisk: { breached: 2, atRisk: 0, truncated: false, items: [{ reference: 'TL-ABCD-EFGH', unit_code: 'CA-A', category: 'trafficking', status: 'new', due_at: '2026-12-01T00:00:00Z', hours_left: -27, clock_state: 'breached' }] },
  }),
};

const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'void-style': 'off' } });
async function htmlErrors(html: string): Promise<string[]> {
  const report = await validator.validateString(html);
  return report.results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`));
}

describe('DashboardPage', () => {
  it.each(['vi', 'en'] as const)('renders valid HTML with every section (%s)', async (lang) => {
    const html = `<!DOCTYPE html>${render(<DashboardPage ctx={ctx(lang)} form={dashboardForm({ unit: 'CA-A' })} data={data} />)}`;
    expect(await htmlErrors(html)).toEqual([]);
    expect(html.match(/role="img"/g)).toHaveLength(5);
    for (const id of ['response-table', 'month-table', 'breach-table', 'hotspot-table', 'backlog-table', 'at-risk-table']) expect(html).toContain(`id="${id}"`);
    // data is escaped, never markup
    expect(html).toContain('CA-A – Unit &lt;A>');
    expect(html).not.toContain('Unit <A>');
  });

  it('marks carried hotspot rows and says how a split was apportioned', () => {
    const html = render(<DashboardPage ctx={ctx('en')} form={dashboardForm({})} data={data} />);
    expect(html).toContain('Phường X (07228) *');
    expect(html).toContain('From 07210 — equal shares over the successors');
    expect(html).toContain('Rows marked * carry figures from earlier places');
  });

  it('links the exports with the filters of the form, in the page language', () => {
    const html = render(<DashboardPage ctx={ctx('en')} form={dashboardForm({ unit: 'CA-A', from: '2026-11-01' })} data={data} />);
    const hrefs = [...html.matchAll(/href="(\/api\/v1\/reports\/[^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
    expect(hrefs).toHaveLength(12);
    expect(hrefs).toContain('/api/v1/reports/response-times?from=2026-11-01&unit=CA-A&groupBy=unit&format=csv&lang=en');
    expect(hrefs).toContain('/api/v1/reports/backlog?unit=CA-A&list=at-risk&format=xlsx&lang=en');
  });

  it('shows the filter problems next to their fields and no figures', async () => {
    const html = `<!DOCTYPE html>${render(<DashboardPage ctx={ctx('en')} form={dashboardForm({ from: 'x' })} problems={[{ field: 'from', message: 'From must be a real date' }]} data={null} />)}`;
    expect(await htmlErrors(html)).toEqual([]);
    expect(html).toContain('id="f-from-error"');
    expect(html).not.toContain('role="img"');
  });
});
