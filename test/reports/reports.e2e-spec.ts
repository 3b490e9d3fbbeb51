/**
 * The supervisor reports on a small fixed dataset whose figures are worked out by hand below.
 * Cases, events and hotspots get fixed times by writing them straight into the tables (intake
 * and case actions stamp `now()`, so the fixture refreshes each case's report figures itself); the
 * reports read them through the HTTP API.
 */
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { CategoryCode } from '../../src/categories/category-codes';
import { refreshCaseFigures } from '../utils/case-figures';
import { openTestCase } from '../utils/cases';
import { clearClocks, insertClock } from '../utils/clocks';
import { bearer, ensureUnit, loginAs, LoggedIn } from '../utils/staff';
import { createTestApp, TestApp } from '../utils/test-app';

const H = 3_600_000;

describe('supervisor reports', () => {
  let t: TestApp;
  let ds: DataSource;
  const units: Record<string, string> = {};
  let supervisor: LoggedIn;
  let officerA: LoggedIn;
  let officerX: LoggedIn;
  let auditor: LoggedIn;
  let admin: LoggedIn;

  const get = (who: LoggedIn, url: string) => t.app.inject({ method: 'GET', url, headers: bearer(who.token) });

  /** A case of `unit` opened at `createdAt`, with timeline events `hours` after opening. */
  async function caseAt(
    unit: string,
    createdAt: string,
    events: Partial<Record<'acknowledged' | 'verification_started' | 'actioned' | 'closed', number>>,
    opts: { category?: CategoryCode; locality?: string; nextDeadlineAt?: Date | null; hotspotId?: string } = {},
  ): Promise<string> {
    const { caseId } = await openTestCase(t, units[unit], { category: opts.category ?? 'dealing_point', localityCode: opts.locality ?? '00004' });
    const t0 = Date.parse(createdAt);
    const at = (h: number) => new Date(t0 + h * H);
    const closed = events.closed !== undefined;
    const status = closed ? 'closed' : events.actioned !== undefined ? 'actioned' : events.verification_started !== undefined ? 'verifying' : events.acknowledged !== undefined ? 'acknowledged' : 'new';
    await ds.query(
      `UPDATE cases SET created_at = $2, status = $3, outcome = $4, closed_at = $5, next_deadline_at = $6, stage_started_at = $2, hotspot_id = $7 WHERE id = $1`,
      [caseId, new Date(t0), status, closed ? 'unsubstantiated' : null, closed ? at(events.closed!) : null, closed ? null : (opts.nextDeadlineAt ?? new Date(t0 + 1000 * H)), opts.hotspotId ?? null],
    );
    await ds.query(`UPDATE case_events SET at = $2 WHERE case_id = $1 AND type = 'opened'`, [caseId, new Date(t0)]);
    // Intake started real clocks due from the moment the test ran; the fixture sets the clock state
    // itself: an open case gets one running clock due at its deadline (acknowledge while new, first
    // action after), so the backlog's on_time / at_risk / breached follow from `nextDeadlineAt`.
    await clearClocks(ds, caseId);
    if (!closed) {
      const dueAt = opts.nextDeadlineAt ?? new Date(t0 + 1000 * H);
      await insertClock(ds, caseId, status === 'new' ? 'acknowledge' : 'first_action', { status: 'running', startedAt: new Date(t0), dueAt });
    }
    for (const [type, h] of Object.entries(events)) {
      await ds.query(`INSERT INTO case_events (id, case_id, type, actor_type, at, metadata) VALUES ($1, $2, $3, 'system', $4, '{}')`, [randomUUID(), caseId, type, at(h!)]);
    }
    // Written around the app: the case's report figures follow the rows as the app would keep them.
    await refreshCaseFigures(t, [caseId]);
    return caseId;
  }

  async function hotspotAt(unit: string, locality: string, changes: [string | null, string, string][]): Promise<string> {
    const id = randomUUID();
    const last = changes[changes.length - 1];
    await ds.query(
      `INSERT INTO hotspots (id, unit_id, locality_code, description, status, created_at, status_changed_at) VALUES ($1, $2, $3, 'test place', $4, $5, $6)`,
      [id, units[unit], locality, last[1], changes[0][2], last[2]],
    );
    for (const [from, to, at] of changes) {
      await ds.query(`INSERT INTO hotspot_status_changes (id, hotspot_id, from_status, to_status, at) VALUES ($1, $2, $3, $4, $5)`, [randomUUID(), id, from, to, at]);
    }
    return id;
  }

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    units.PROV = await ensureUnit(t, 'TEST-RP-PROV', { kind: 'provincial_drug_police' });
    units.A = await ensureUnit(t, 'TEST-RP-A', { parentCode: 'TEST-RP-PROV' });
    units.B = await ensureUnit(t, 'TEST-RP-B', { parentCode: 'TEST-RP-PROV' });
    units.C = await ensureUnit(t, 'TEST-RP-C', { parentCode: 'TEST-RP-PROV' });
    units.X = await ensureUnit(t, 'TEST-RP-X');
    supervisor = await loginAs(t, 'supervisor', 'TEST-RP-PROV');
    officerA = await loginAs(t, 'officer', 'TEST-RP-A');
    officerX = await loginAs(t, 'officer', 'TEST-RP-X');
    auditor = await loginAs(t, 'auditor', 'TEST-RP-PROV');
    admin = await loginAs(t, 'admin', 'TEST-RP-PROV');

    // March 2026 (Vietnamese days). Unit A: five cases.
    await caseAt('A', '2026-03-02T00:00:00Z', { acknowledged: 2, verification_started: 10, closed: 50 });
    await caseAt('A', '2026-03-03T00:00:00Z', { acknowledged: 4, verification_started: 20 });
    await caseAt('A', '2026-03-04T00:00:00Z', { acknowledged: 6, verification_started: 30, actioned: 40, closed: 100 }, { category: 'trafficking' });
    await caseAt('A', '2026-03-05T00:00:00Z', { acknowledged: 10 });
    await caseAt('A', '2026-03-06T00:00:00Z', {});
    // Unit B: one acknowledged in an hour; one opened at 23:59:59 on 31 March in Vietnam (inside the period).
    await caseAt('B', '2026-03-10T00:00:00Z', { acknowledged: 1 });
    await caseAt('B', '2026-03-31T16:59:59Z', {});
    // Outside the period: 28 February, and 00:00 on 1 April in Vietnam (17:00Z on 31 March).
    await caseAt('A', '2026-02-27T00:00:00Z', { acknowledged: 100 });
    await caseAt('A', '2026-03-31T17:00:00Z', { acknowledged: 100 });
    // Unit X (outside the supervisor's subtree).
    await caseAt('X', '2026-03-15T00:00:00Z', { acknowledged: 30 });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('response times', () => {
    const url = (q: string) => `/api/v1/reports/response-times?from=2026-03-01&to=2026-03-31&${q}`;

    it('gives exact percentiles per unit, hand-computed', async () => {
      const res = await get(supervisor, url('groupBy=unit'));
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.period).toEqual({ from: '2026-03-01', to: '2026-03-31' });
      const byUnit = Object.fromEntries(body.rows.map((r: { group_key: string }) => [r.group_key, r]));
      expect(Object.keys(byUnit).sort()).toEqual([units.A, units.B].sort()); // X is not in the subtree
      const a = byUnit[units.A];
      expect(a).toMatchObject({ cases: 5, acknowledged: 4, first_actioned: 3, closed: 2 });
      // acknowledge hours 2, 4, 6, 10: p50 = (4 + 6) / 2 = 5; p90 at rank 0.9 × 3 = 2.7: 6 + 0.7 × (10 − 6) = 8.8
      expect(a.ack_p50).toBeCloseTo(5, 9);
      expect(a.ack_p90).toBeCloseTo(8.8, 9);
      // first action (first verification_started / actioned / closed) 10, 20, 30: p50 20; p90 at 1.8: 20 + 0.8 × 10 = 28
      expect(a.first_action_p50).toBeCloseTo(20, 9);
      expect(a.first_action_p90).toBeCloseTo(28, 9);
      // close 50, 100: p50 75; p90 at 0.9: 50 + 0.9 × 50 = 95
      expect(a.close_p50).toBeCloseTo(75, 9);
      expect(a.close_p90).toBeCloseTo(95, 9);
      const b = byUnit[units.B];
      expect(b).toMatchObject({ cases: 2, acknowledged: 1, closed: 0, ack_p50: 1, ack_p90: 1, close_p50: null });
      expect(b.group_label).toContain('TEST-RP-B');
    });

    it('groups by category and by month, and filters by category and unit', async () => {
      const cat = (await get(supervisor, url('groupBy=category'))).json();
      expect(cat.rows.map((r: { group_key: string; cases: number }) => [r.group_key, r.cases])).toEqual([
        ['dealing_point', 6],
        ['trafficking', 1],
      ]);
      const month = (await get(supervisor, url('groupBy=month'))).json();
      expect(month.rows.map((r: { group_key: string; cases: number }) => [r.group_key, r.cases])).toEqual([['2026-03', 7]]);
      const traf = (await get(supervisor, url('groupBy=unit&category=trafficking'))).json();
      expect(traf.rows).toHaveLength(1);
      expect(traf.rows[0]).toMatchObject({ cases: 1, ack_p50: 6, close_p90: 100 });
      const onlyB = (await get(supervisor, url('groupBy=unit&unit=TEST-RP-B'))).json();
      expect(onlyB.rows.map((r: { group_key: string }) => r.group_key)).toEqual([units.B]);
    });

    it('scopes: an officer sees the own unit, an auditor everything, a unit outside the scope is an audited 404', async () => {
      const own = (await get(officerA, url('groupBy=unit'))).json();
      expect(own.rows.map((r: { group_key: string }) => r.group_key)).toEqual([units.A]);
      const all = (await get(auditor, url('groupBy=unit'))).json();
      expect(all.rows.map((r: { group_key: string }) => r.group_key)).toEqual(expect.arrayContaining([units.A, units.B, units.X]));
      const denied = await get(supervisor, url('unit=TEST-RP-X'));
      expect(denied.statusCode).toBe(404);
      expect((await get(officerA, url('unit=TEST-RP-B'))).statusCode).toBe(404);
      expect((await get(officerX, url('unit=NO-SUCH-UNIT'))).statusCode).toBe(404);
      expect((await get(admin, url('groupBy=unit'))).statusCode).toBe(403);
      const audit: { action: string; actor_id: string }[] = await ds.query(
        `SELECT action, actor_id FROM audit_events WHERE actor_id = $1 AND action IN ('report.requested', 'access.denied') ORDER BY seq`,
        [supervisor.principal.id],
      );
      expect(audit.filter((e) => e.action === 'access.denied')).toHaveLength(1);
      expect(audit.filter((e) => e.action === 'report.requested').length).toBeGreaterThanOrEqual(1);
      const requested: { target_id: string; unit_id: string }[] = await ds.query(
        `SELECT target_id, unit_id FROM audit_events WHERE actor_id = $1 AND action = 'report.requested' ORDER BY seq`,
        [officerA.principal.id],
      );
      expect(requested[0]).toEqual({ target_id: 'response-times?from=2026-03-01&to=2026-03-31&groupBy=unit&format=json&lang=vi', unit_id: units.A });
    });

    it('says the clock figures are missing while the clock tables are not installed, and never returns tip content', async () => {
      const body = (await get(supervisor, url('groupBy=unit'))).json();
      const present: { p: boolean }[] = await ds.query(`SELECT to_regclass('public.case_clocks') IS NOT NULL AS p`);
      expect(body.clocks.available).toBe(present[0].p);
      if (!present[0].p) expect(body.rows[0].acknowledge_met).toBeNull();
      expect(JSON.stringify(body)).not.toMatch(/narrative|Karaoke/i);
    });

    it('refuses bad filters with a clear 400 naming the field', async () => {
      const bad = async (q: string, field: string, reason: string) => {
        const res = await get(supervisor, `/api/v1/reports/response-times?${q}`);
        expect(res.statusCode).toBe(400);
        expect(res.json().error.code).toBe('validation_failed');
        expect(res.json().error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, reason })]));
      };
      await bad('from=2026-03-10&to=2026-03-01', 'from', 'afterTo');
      await bad('groupBy=week', 'groupBy', 'isIn');
      await bad('from=2020-01-01&to=2025-01-02', 'to', 'rangeTooLong');
      await bad('from=2026-02-30', 'from', 'isDate');
      await bad('from=yesterday', 'from', 'isDate');
      await bad('format=pdf', 'format', 'isIn');
      await bad('category=cocaine', 'category', 'isIn');
      await bad('colour=red', 'colour', 'unknown');
      // exactly 5 years is allowed
      expect((await get(supervisor, '/api/v1/reports/response-times?from=2021-01-01&to=2025-12-31')).statusCode).toBe(200);
    });

    it('exports CSV with a BOM, Vietnamese headers by default, English with lang=en, and a file name with the period', async () => {
      const res = await get(supervisor, url('groupBy=unit&format=csv'));
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toBe('attachment; filename="bao-cao-thoi-gian-xu-ly_2026-03-01_2026-03-31.csv"');
      const raw = res.rawPayload;
      expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = raw.subarray(3).toString('utf8').trim().split('\r\n');
      expect(lines[0].split(',')[2]).toBe('Số vụ việc');
      const a = lines.find((l) => l.startsWith(units.A))!.split(',');
      expect(a[2]).toBe('5');
      expect(a[6]).toBe('5.00'); // ack p50, hours
      expect(a[7]).toBe('8.80');
      const en = await get(supervisor, url('groupBy=unit&format=csv&lang=en'));
      expect(en.rawPayload.subarray(3).toString('utf8').split('\r\n')[0].split(',')[2]).toBe('Cases');
      expect(en.headers['content-disposition']).toContain('response-times_2026-03-01_2026-03-31.csv');
    });

    it('exports XLSX: bold frozen header, numbers as numbers, hours', async () => {
      const res = await get(supervisor, url('groupBy=unit&format=xlsx'));
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toContain('.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      expect(ws.getRow(1).getCell(3).value).toBe('Số vụ việc');
      expect(ws.getRow(1).getCell(3).font?.bold).toBe(true);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      const rowA = [2, 3].map((i) => ws.getRow(i)).find((r) => r.getCell(1).value === units.A)!;
      expect(rowA.getCell(3).value).toBe(5);
      expect(rowA.getCell(8).value).toBeCloseTo(8.8, 9);
      expect(rowA.getCell(8).numFmt).toBe('0.00');
    });

    it('streams one row per case (groupBy=case) as JSON, CSV or XLSX', async () => {
      const json = (await get(supervisor, url('groupBy=case'))).json();
      expect(json.rows).toHaveLength(7);
      expect(json.rows.find((r: { ack_h: number | null }) => r.ack_h === 10)).toMatchObject({ unit_code: 'TEST-RP-A', close_h: null });
      const csv = (await get(supervisor, url('groupBy=case&format=csv&lang=en'))).rawPayload.subarray(3).toString('utf8').trim().split('\r\n');
      expect(csv).toHaveLength(8);
      expect(csv[0]).toContain('To acknowledge (hours)');
      expect(csv.some((l) => l.includes('2026-03-02T07:00:00+07:00') && l.includes(',2.00,10.00,50.00,'))).toBe(true);
    });
  });

  describe('hotspots year on year across the July 2025 reform', () => {
    let placedCaseHotspot: string;
    beforeAll(async () => {
      // H1: legacy Phúc Xá (00001), merged whole into Hồng Hà (00097).
      await hotspotAt('A', '00001', [[null, 'suspected', '2024-03-01T03:00:00Z'], ['suspected', 'verified', '2024-05-01T03:00:00Z'], ['verified', 'dismantled', '2025-02-01T03:00:00Z']]);
      // H2: legacy Cống Vị (00007), split into Ngọc Hà (00008) and Giảng Võ (00025); no later place: equal shares.
      await hotspotAt('A', '00007', [[null, 'suspected', '2024-06-01T03:00:00Z'], ['suspected', 'dismantled', '2024-09-01T03:00:00Z']]);
      // H3: also Cống Vị, but a case linked to it was recorded in Giảng Võ after the reform: all of it there.
      placedCaseHotspot = await hotspotAt('A', '00007', [[null, 'suspected', '2024-07-01T03:00:00Z'], ['suspected', 'dismantled', '2024-08-01T03:00:00Z'], ['dismantled', 're_emerged', '2025-09-01T03:00:00Z']]);
      await caseAt('A', '2025-08-01T03:00:00Z', {}, { locality: '00025', hotspotId: placedCaseHotspot });
      // H4: recorded after the reform in Giảng Võ (00025 of 2025).
      await hotspotAt('B', '00025', [[null, 'suspected', '2025-08-01T03:00:00Z'], ['suspected', 'verified', '2025-10-01T03:00:00Z']]);
      // H5: legacy Trúc Bạch, code 00004, in March 2025: the code now names Ba Đình (00004 of 2025), its successor.
      await hotspotAt('A', '00004', [[null, 'suspected', '2025-03-01T03:00:00Z']]);
      // H6: another unit's, in Hồng Hà.
      await hotspotAt('X', '00097', [[null, 'suspected', '2025-08-15T03:00:00Z']]);
    });

    it('carries 2024 figures onto the 2025 communes and says which rows were mapped and how splits were apportioned', async () => {
      const res = await get(supervisor, '/api/v1/reports/hotspots?year=2025&province=01');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.placesAsOf).toBe('2025-12-31');
      const rows = Object.fromEntries(body.rows.map((r: { locality_code: string }) => [r.locality_code, r]));
      expect(Object.keys(rows).sort()).toEqual(['00004', '00008', '00025', '00097']);
      // Hồng Hà: H1 found and verified in 2024, dismantled in 2025; H6 is another unit's.
      expect(rows['00097']).toMatchObject({ found: 0, found_prev: 1, found_change: -1, found_direction: 'down', verified_prev: 1, dismantled: 1, dismantled_prev: 0, dismantled_direction: 'up', mapped: true, mapped_from: '00001', apportioned: null });
      // Ngọc Hà: half of H2 (equal shares of a split).
      expect(rows['00008']).toMatchObject({ found: 0, found_prev: 0.5, dismantled_prev: 0.5, found_change: -0.5, mapped: true, mapped_from: '00007', apportioned: 'equal_share' });
      // Giảng Võ: half of H2, all of H3 (its case's place), H4: found 1 vs 1.5, dismantled 0 vs 1.5, re-emerged 1 vs 0, verified 1 vs 0.
      expect(rows['00025']).toMatchObject({ found: 1, found_prev: 1.5, found_change: -0.5, found_direction: 'down', dismantled: 0, dismantled_prev: 1.5, re_emerged: 1, re_emerged_prev: 0, re_emerged_direction: 'up', verified: 1, verified_prev: 0, mapped: true, mapped_from: '00007', apportioned: 'case_place, equal_share' });
      // Ba Đình: H5 recorded on the legacy Trúc Bạch (same code, earlier version) before the reform.
      expect(rows['00004']).toMatchObject({ found: 1, found_prev: 0, found_direction: 'up', mapped: true, mapped_from: '00004' });
      expect(rows['00004'].locality_name).toBe('Phường Ba Đình');
    });

    it('counts every unit for an auditor, and exports as CSV', async () => {
      const body = (await get(auditor, '/api/v1/reports/hotspots?year=2025&province=01')).json();
      expect(body.rows.find((r: { locality_code: string }) => r.locality_code === '00097')).toMatchObject({ found: 1, found_prev: 1, found_direction: 'same' });
      const csv = await get(supervisor, '/api/v1/reports/hotspots?year=2025&province=01&format=csv');
      expect(csv.headers['content-disposition']).toBe('attachment; filename="bao-cao-tu-diem_2025_01.csv"');
      const line = csv.rawPayload.subarray(3).toString('utf8').split('\r\n').find((l) => l.startsWith('01,00008'))!;
      expect(line).toContain(',0.5,');
      expect(line).toContain('giảm');
      expect(line).toContain('chia đều cho các xã kế thừa');
    });

    it('refuses a malformed year or province', async () => {
      expect((await get(supervisor, '/api/v1/reports/hotspots?year=25')).statusCode).toBe(400);
      expect((await get(supervisor, '/api/v1/reports/hotspots?year=2099')).statusCode).toBe(400);
      expect((await get(supervisor, '/api/v1/reports/hotspots?province=Hanoi')).statusCode).toBe(400);
    });
  });

  describe('backlog', () => {
    beforeAll(async () => {
      const now = Date.now();
      const ago = (h: number) => new Date(now - h * H).toISOString();
      // Unit C: ages 12 h, 2 d, 5 d, 10 d, 40 d; deadlines passed, within 24 h, or later.
      await caseAt('C', ago(12), {}, { nextDeadlineAt: new Date(now + 48 * H) });
      await caseAt('C', ago(48), { acknowledged: 1 }, { nextDeadlineAt: new Date(now + 5 * H) });
      await caseAt('C', ago(120), { acknowledged: 1 }, { nextDeadlineAt: new Date(now - 1 * H) });
      await caseAt('C', ago(240), { acknowledged: 1, verification_started: 2 }, { nextDeadlineAt: new Date(now - 30 * H) });
      await caseAt('C', ago(960), { acknowledged: 1, verification_started: 2 }, { nextDeadlineAt: new Date(now + 300 * H) });
      await caseAt('C', ago(100), { acknowledged: 1, closed: 3 });
    });

    it('counts open cases by unit, age bucket and clock state, and lists the at-risk ones soonest first', async () => {
      const body = (await get(supervisor, '/api/v1/reports/backlog?unit=TEST-RP-C')).json();
      expect(body.open).toBe(5);
      expect(body.rows.map((r: { age_bucket: string; clock_state: string; cases: number }) => [r.age_bucket, r.clock_state, r.cases])).toEqual([
        ['1_3d', 'at_risk', 1],
        ['3_7d', 'breached', 1],
        ['7_30d', 'breached', 1],
        ['gt_30d', 'on_time', 1],
        ['lt_1d', 'on_time', 1],
      ]);
      expect(body.atRisk).toMatchObject({ breached: 2, atRisk: 1 });
      expect(body.atRisk.items.map((i: { clock_state: string; hours_left: number }) => [i.clock_state, Math.round(i.hours_left)])).toEqual([
        ['breached', -30],
        ['breached', -1],
        ['at_risk', 5],
      ]);
    });

    it('exports the at-risk list as CSV and the backlog as a two-sheet workbook', async () => {
      const csv = await get(supervisor, '/api/v1/reports/backlog?unit=TEST-RP-C&list=at-risk&format=csv&lang=en');
      expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="at-risk_\d{4}-\d\d-\d\d\.csv"$/);
      expect(csv.rawPayload.subarray(3).toString('utf8').trim().split('\r\n')).toHaveLength(4);
      const xlsx = await get(supervisor, '/api/v1/reports/backlog?unit=TEST-RP-C&format=xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['Tồn đọng', 'Sắp quá hạn']);
      expect(wb.worksheets[1].rowCount).toBe(4);
      expect(wb.worksheets[0].getRow(2).getCell(5).value).toBe(1);
    });
  });
});
