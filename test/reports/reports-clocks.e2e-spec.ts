/**
 * The clock part of the reports (met / breached / attainment / running, extensions, suspensions,
 * paused time excluded from the times) on h15's clock tables (CONTRACT-clocks.md). Intake starts
 * real clocks on every case; the fixture drops them and inserts the clock rows each case needs,
 * so every expected figure below is computed by hand from those rows.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { refreshCaseFigures } from '../utils/case-figures';
import { openTestCase } from '../utils/cases';
import { clearClocks, FixtureClock, insertClock } from '../utils/clocks';
import { bearer, ensureUnit, loginAs, LoggedIn } from '../utils/staff';
import { createTestApp, TestApp } from '../utils/test-app';

const H = 3_600_000;

describe('reports on the deadline clocks', () => {
  let t: TestApp;
  let ds: DataSource;
  let unitD: string;
  let supervisor: LoggedIn;

  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: bearer(supervisor.token) });

  async function caseAt(createdAt: string, events: Record<string, number>, closeAfter?: number): Promise<{ id: string; at: (h: number) => Date }> {
    const { caseId } = await openTestCase(t, unitD, { localityCode: '00004' });
    await clearClocks(ds, caseId);
    const t0 = Date.parse(createdAt);
    const at = (h: number) => new Date(t0 + h * H);
    await ds.query(`UPDATE cases SET created_at = $2, status = $3, outcome = $4, closed_at = $5, next_deadline_at = $6 WHERE id = $1`, [
      caseId, at(0), closeAfter !== undefined ? 'closed' : 'acknowledged', closeAfter !== undefined ? 'unsubstantiated' : null,
      closeAfter !== undefined ? at(closeAfter) : null, closeAfter !== undefined ? null : at(1000),
    ]);
    for (const [type, h] of Object.entries(events)) {
      await ds.query(`INSERT INTO case_events (id, case_id, type, actor_type, at, metadata) VALUES ($1, $2, $3, 'system', $4, '{}')`, [randomUUID(), caseId, type, at(h)]);
    }
    if (closeAfter !== undefined) {
      await ds.query(`INSERT INTO case_events (id, case_id, type, actor_type, at, metadata) VALUES ($1, $2, 'closed', 'system', $3, '{}')`, [randomUUID(), caseId, at(closeAfter)]);
    }
    await refreshCaseFigures(t, [caseId]);
    return { id: caseId, at };
  }

  async function clock(caseId: string, kind: string, c: FixtureClock, events: [string, Date][] = []): Promise<void> {
    await insertClock(ds, caseId, kind, c, events);
    // Written around the app: the case's report figures follow as the app would keep them.
    await refreshCaseFigures(t, [caseId]);
  }

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    await ensureUnit(t, 'TEST-RC-PROV', { kind: 'provincial_drug_police' });
    unitD = await ensureUnit(t, 'TEST-RC-D', { parentCode: 'TEST-RC-PROV' });
    supervisor = await loginAs(t, 'supervisor', 'TEST-RC-PROV');

    // D1: acknowledged after 10 h, its acknowledge clock met; its first-action clock cancelled (not counted).
    const d1 = await caseAt('2026-04-01T00:00:00Z', { acknowledged: 10 });
    await clock(d1.id, 'acknowledge', { status: 'met', startedAt: d1.at(0), dueAt: d1.at(24), metAt: d1.at(10) });
    await clock(d1.id, 'first_action', { status: 'cancelled', startedAt: d1.at(0), dueAt: d1.at(72) });
    // D2: suspended from +5 h to +25 h (two clocks paused at once: 20 h counted once), one clock paused
    // again from +40 h to +45 h (5 h); acknowledged at +30 h (late: its clock breached at +24 h, met at +30 h),
    // verification started at +35 h, closed at +60 h.
    const d2 = await caseAt('2026-04-02T00:00:00Z', { acknowledged: 30, verification_started: 35 }, 60);
    await clock(d2.id, 'acknowledge', { status: 'met', startedAt: d2.at(0), dueAt: d2.at(24), breachedAt: d2.at(24), metAt: d2.at(30) });
    await clock(d2.id, 'first_action', { status: 'met', startedAt: d2.at(0), dueAt: d2.at(92), metAt: d2.at(35) }, [['paused', d2.at(5)], ['resumed', d2.at(25)]]);
    await clock(d2.id, 'legal_verify', { status: 'running', startedAt: d2.at(0), dueAt: new Date('2099-01-01T00:00:00Z') }, [
      ['paused', d2.at(5)], ['resumed', d2.at(25)], ['paused', d2.at(40)], ['resumed', d2.at(45)],
    ]);
    // D3: never acknowledged; its acknowledge clock is overdue but the sweep has not flagged it yet
    // (still counts as breached); its legal clock was extended once and runs.
    const d3 = await caseAt('2026-04-03T00:00:00Z', {});
    await ds.query(`UPDATE cases SET status = 'new' WHERE id = $1`, [d3.id]);
    await refreshCaseFigures(t, [d3.id]);
    await clock(d3.id, 'acknowledge', { status: 'running', startedAt: d3.at(0), dueAt: d3.at(24) });
    await clock(d3.id, 'legal_verify', { status: 'running', startedAt: d3.at(0), dueAt: new Date('2099-01-01T00:00:00Z'), extensions: 1 }, [['extended', d3.at(50)]]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('counts met, breached (late or overdue), attainment and running per clock kind, and excludes paused time from the times', async () => {
    const res = await get('/api/v1/reports/response-times?from=2026-04-01&to=2026-04-30&groupBy=unit');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.clocks.available).toBe(true);
    expect(body.rows).toHaveLength(1);
    const r = body.rows[0];
    expect(r).toMatchObject({
      cases: 3,
      // acknowledge: D1 met; D2 met late = breached; D3 overdue = breached → 1 / (1 + 2)
      acknowledge_met: 1, acknowledge_breached: 2, acknowledge_running: 0,
      // first action: D2 met (D1's cancelled clock is left out)
      first_action_met: 1, first_action_breached: 0, first_action_attainment: 1, first_action_running: 0,
      legal_verify_met: 0, legal_verify_breached: 0, legal_verify_attainment: null, legal_verify_running: 2,
      // D3's extension; D2's two suspensions (the first paused two clocks at the same instant: one suspension)
      extensions: 1, suspensions: 2,
      cases_paused: 1,
    });
    expect(r.acknowledge_attainment).toBeCloseTo(1 / 3, 12);
    // paused: 20 h (merged) + 5 h
    expect(r.paused_hours).toBeCloseTo(25, 9);
    // acknowledge: D1 10 h; D2 30 h − 20 h paused before it = 10 h → p50 = p90 = 10
    expect(r.ack_p50).toBeCloseTo(10, 9);
    expect(r.ack_p90).toBeCloseTo(10, 9);
    // first action: D2 35 h − 20 h = 15 h; close: D2 60 h − 25 h = 35 h
    expect(r.first_action_p50).toBeCloseTo(15, 9);
    expect(r.close_p50).toBeCloseTo(35, 9);
    const cases = (await get('/api/v1/reports/response-times?from=2026-04-01&to=2026-04-30&groupBy=case')).json();
    const d2 = cases.rows.find((x: { close_h: number | null }) => x.close_h !== null);
    expect(d2).toMatchObject({ ack_h: 10, first_action_h: 15, close_h: 35, paused_h: 25 });
  });

  it('takes the backlog clock state from the clocks', async () => {
    const body = (await get('/api/v1/reports/backlog?unit=TEST-RC-D')).json();
    expect(body.clocks.available).toBe(true);
    expect(body.rows.map((x: { clock_state: string; cases: number }) => [x.clock_state, x.cases]).sort()).toEqual([
      ['breached', 1],
      ['none', 1],
    ]);
    expect(body.atRisk.items).toEqual([expect.objectContaining({ clock_state: 'breached', clock_kind: 'acknowledge' })]);
  });

  it("uses h15's CLOCK_AT_RISK_HOURS for the at-risk window", async () => {
    const unitW = await ensureUnit(t, 'TEST-RC-W', { parentCode: 'TEST-RC-PROV' });
    const { caseId } = await openTestCase(t, unitW, { localityCode: '00004' });
    await clearClocks(ds, caseId);
    const now = Date.now();
    await clock(caseId, 'acknowledge', { status: 'running', startedAt: new Date(now - H), dueAt: new Date(now + 48 * H) });
    const states = (body: { rows: { clock_state: string; cases: number }[] }) => body.rows.map((x) => [x.clock_state, x.cases]);
    // Default 24 h: due in 48 h is on time.
    const dflt = (await get('/api/v1/reports/backlog?unit=TEST-RC-W')).json();
    expect(dflt.atRiskHours).toBe(24);
    expect(states(dflt)).toEqual([['on_time', 1]]);
    // The same database read by an instance configured with a 72 h window: at risk.
    const wide = await createTestApp({ db: t.db, env: { CLOCK_AT_RISK_HOURS: '72' } });
    try {
      const body = (await wide.app.inject({ method: 'GET', url: '/api/v1/reports/backlog?unit=TEST-RC-W', headers: bearer(supervisor.token) })).json();
      expect(body.atRiskHours).toBe(72);
      expect(states(body)).toEqual([['at_risk', 1]]);
      expect(body.atRisk.items).toEqual([expect.objectContaining({ clock_state: 'at_risk', clock_kind: 'acknowledge' })]);
    } finally {
      await wide.close();
    }
  });
});
