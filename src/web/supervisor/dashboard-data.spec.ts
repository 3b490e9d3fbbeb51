import { backlogGrid, readBacklog, readHotspots, readResponseTimes, topHotspotRows } from './dashboard-data';
import { backlogQuery, dashboardForm, exportHref, groupByOf, hotspotsQuery, responseTimesQuery } from './dashboard-filters';
import { count, hours, percent, signed, vietnamTime } from './format';

describe('reading the reports', () => {
  it('reads a response-times body: numbers as numbers, breaches summed over the clocks', () => {
    const r = readResponseTimes({
      period: { from: '2026-03-01', to: '2026-03-31' },
      groupBy: 'unit',
      clocks: { available: true },
      rows: [{ group_key: 'u1', group_label: 'U1 – One', cases: 5, acknowledged: 4, first_actioned: '3', closed: 2, ack_p50: 5, ack_p90: null, acknowledge_breached: 2, first_action_breached: 1, legal_verify_breached: null, acknowledge_attainment: 0.5 }],
    });
    expect(r).toMatchObject({ from: '2026-03-01', to: '2026-03-31', clocksAvailable: true });
    expect(r.rows[0]).toMatchObject({ key: 'u1', label: 'U1 – One', cases: 5, firstActioned: 3, ackP50: 5, ackP90: null, breached: 3 });
    expect(r.rows[0].clocks.acknowledge).toEqual({ met: null, breached: 2, attainment: 0.5, running: null });
  });

  it('has no breach figure without the clock tables', () => {
    const r = readResponseTimes({ clocks: { available: false, note: 'absent' }, rows: [{ group_key: 'x', cases: 1 }] });
    expect(r.rows[0].breached).toBeNull();
    expect(r.clocksNote).toBe('absent');
  });

  it('reads hotspots with their mapped rows, and orders the chart by the larger year', () => {
    const h = readHotspots({
      year: 2026,
      previousYear: 2025,
      placesAsOf: '2026-12-02',
      rows: [
        { locality_code: '001', locality_name: 'A', found: 1, found_prev: 0, found_change: 1, found_direction: 'up', mapped: false },
        { locality_code: '002', locality_name: 'B', found: 0, found_prev: 4, found_change: -4, found_direction: 'down', mapped: true, mapped_from: '009, 010', apportioned: 'equal_share' },
      ],
    });
    expect(h.rows[1]).toMatchObject({ mapped: true, mappedFrom: '009, 010', apportioned: 'equal_share' });
    expect(h.rows[1].measures.found).toEqual({ now: 0, prev: 4, change: -4, direction: 'down' });
    expect(topHotspotRows(h.rows, 1).map((r) => r.localityCode)).toEqual(['002']);
  });

  it('reads the backlog and sums it into an age × clock-state grid', () => {
    const b = readBacklog({
      asOf: '2026-12-02T04:00:00.000Z',
      open: 6,
      atRiskHours: 4,
      rows: [
        { unit_code: 'A', age_bucket: 'lt_1d', clock_state: 'on_time', cases: 2 },
        { unit_code: 'B', age_bucket: 'lt_1d', clock_state: 'on_time', cases: 1 },
        { unit_code: 'A', age_bucket: 'gt_30d', clock_state: 'breached', cases: 3 },
      ],
      atRisk: { breached: 3, atRisk: 0, items: [{ reference: 'TL-1', clock_state: 'breached', hours_left: -2.5 }], truncated: false },
    });
    expect(b).toMatchObject({ open: 6, breached: 3, atRisk: 0, truncated: false });
    expect(b.items[0]).toMatchObject({ reference: 'TL-1', hoursLeft: -2.5 });
    const g = backlogGrid(b.cells);
    expect(g.states).toEqual(['breached', 'on_time']);
    expect(g.count('lt_1d', 'on_time')).toBe(3);
    expect(g.bucketTotal('gt_30d')).toBe(3);
    expect(g.bucketTotal('3_7d')).toBe(0);
    expect(g.buckets).toEqual(['lt_1d', '1_3d', '3_7d', '7_30d', 'gt_30d']);
  });

  it('survives a body of the wrong shape (no figures rather than a crash)', () => {
    expect(readResponseTimes(null).rows).toEqual([]);
    expect(readBacklog('x').cells).toEqual([]);
  });
});

describe('the dashboard form', () => {
  it('keeps single text values, drops repeated keys and foreign ones', () => {
    const f = dashboardForm({ from: ' 2026-03-01 ', unit: ['a', 'b'], lang: 'en', groupBy: 'month' });
    expect(f).toMatchObject({ from: '2026-03-01', unit: '', groupBy: 'month', to: '' });
    expect(groupByOf(f)).toBe('month');
    expect(groupByOf({ ...f, groupBy: '' })).toBe('unit');
    expect(groupByOf({ ...f, groupBy: 'case' })).toBeNull();
  });

  it('gives each report only its own filters, and links the exports with the same ones', () => {
    const f = dashboardForm({ from: '2026-03-01', to: '2026-03-31', unit: 'CA-24', category: 'trafficking', year: '2025', province: '24' });
    expect(responseTimesQuery(f, 'unit')).toEqual({ from: '2026-03-01', to: '2026-03-31', unit: 'CA-24', category: 'trafficking', groupBy: 'unit' });
    expect(hotspotsQuery(f)).toEqual({ year: '2025', province: '24' });
    expect(backlogQuery(f, 'at-risk')).toEqual({ unit: 'CA-24', category: 'trafficking', list: 'at-risk' });
    expect(exportHref('backlog', backlogQuery(f), 'xlsx', 'en')).toBe('/api/v1/reports/backlog?unit=CA-24&category=trafficking&format=xlsx&lang=en');
  });
});

describe('formats', () => {
  it('writes numbers in the page language', () => {
    expect(hours(12.25, 'en')).toBe('12.3');
    expect(hours(12.25, 'vi')).toBe('12,3');
    expect(count(1234, 'en')).toBe('1,234');
    expect(percent(0.875, 'vi')).toBe('87,5%');
    expect(percent(1, 'en')).toBe('100%');
    expect(signed(-2, 'en')).toBe('−2');
    expect(signed(3, 'en')).toBe('+3');
  });

  it('writes instants in Vietnam time', () => {
    expect(vietnamTime('2026-03-31T17:00:00.000Z')).toBe('2026-04-01 00:00');
    expect(vietnamTime(null)).toBe('');
  });
});
