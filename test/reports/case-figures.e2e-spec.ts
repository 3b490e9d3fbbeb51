/**
 * The per-case figures (case_figures) against the queries they replaced: after every step of a
 * case's life through the app itself (intake, claim, acknowledge, extend, suspend, resume, verify,
 * transfer, close, reopen, the breach sweep), each report computed from the figures must equal,
 * row for row, what the old queries compute from the timelines and the clocks
 * (legacy-report-queries.ts), at the same `asOf`: now, and ten days later (running clocks past
 * their due time, a pause still running).
 */
import { DataSource } from 'typeorm';
import { ClocksService } from '../../src/clocks/clocks.service';
import { vietnamDate } from '../../src/common/iso-date';
import { systemContext } from '../../src/common/request-context';
import { IntakeService } from '../../src/intake/intake.service';
import { parseBacklog, parseResponseTimes } from '../../src/reports/report-filters';
import * as current from '../../src/reports/reports.repository';
import type { CategoryCode } from '../../src/categories/category-codes';
import { refreshCaseFigures } from '../utils/case-figures';
import { openTestCase, withCaseVersion } from '../utils/cases';
import { bearer, ensureUnit, loginAs, LoggedIn } from '../utils/staff';
import { createTestApp, TestApp } from '../utils/test-app';
import * as legacy from './legacy-report-queries';

const DAY = 86_400_000;

/** A row as JSON would carry it: numbers (PostgreSQL sends numerics as text) and ISO times. */
function norm(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v]),
    ),
  );
}

describe('case_figures equal the timeline queries they replace', () => {
  let t: TestApp;
  let ds: DataSource;
  let unitA: string;
  let unitB: string;
  let officerA: LoggedIn;
  let leadA: LoggedIn;
  let officerB: LoggedIn;
  let leadB: LoggedIn;

  const post = async (who: LoggedIn, caseId: string, action: string, payload: object = {}) => {
    const url = `/api/v1/cases/${caseId}/${action}`;
    const res = await t.app.inject({ method: 'POST', url, headers: bearer(who.token), payload: await withCaseVersion(t, url, payload) });
    expect([action, res.statusCode, res.statusCode < 300 ? '' : res.body]).toEqual([action, 200, '']);
  };
  const clockOf = async (caseId: string, kind: string): Promise<string> => {
    const rows: { id: string }[] = await ds.query(`SELECT id FROM case_clocks WHERE case_id = $1 AND kind = $2 AND status <> 'cancelled' ORDER BY started_at DESC LIMIT 1`, [caseId, kind]);
    return rows[0].id;
  };
  const reason = { reason: 'Chờ kết quả giám định', legalReference: 'BLTTHS 2015, Điều 148' };

  /** Every report (all units, the last 30 days) from the figures and from the old queries, at `asOf`. */
  async function expectSameReports(asOf: Date): Promise<number> {
    const period = { from: vietnamDate(new Date(asOf.getTime() - 30 * DAY)), to: vietnamDate(asOf) };
    let compared = 0;
    const same = async (label: string, a: { sql: string; params: unknown[] }, b: { sql: string; params: unknown[] }) => {
      const [now, old] = [norm(await ds.query(a.sql, a.params)), norm(await ds.query(b.sql, b.params))];
      expect({ label, rows: now }).toEqual({ label, rows: old });
      compared += old.length;
    };
    for (const groupBy of ['unit', 'locality', 'category', 'month', 'case']) {
      const f = parseResponseTimes({ ...period, groupBy }, new Date(Math.max(asOf.getTime(), Date.now())));
      await same(`response-times by ${groupBy}`, current.buildResponseTimesQuery(null, f, asOf), legacy.buildResponseTimesQuery(null, f, true, asOf));
    }
    const b = parseBacklog({});
    await same('backlog', current.buildBacklogQuery(null, b, asOf, 24), legacy.buildBacklogQuery(null, b, true, asOf, 24));
    await same('at-risk', current.buildAtRiskQuery(null, b, asOf, 24, null), legacy.buildAtRiskQuery(null, b, true, asOf, 24, null));
    return compared;
  }
  const figuresOf = async (caseId: string) => (await ds.query(`SELECT * FROM case_figures WHERE case_id = $1`, [caseId]))[0];

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    await ensureUnit(t, 'TEST-CF-P', { kind: 'provincial_drug_police' });
    unitA = await ensureUnit(t, 'TEST-CF-A', { parentCode: 'TEST-CF-P', kind: 'commune_police' });
    unitB = await ensureUnit(t, 'TEST-CF-B', { parentCode: 'TEST-CF-P', kind: 'commune_police' });
    officerA = await loginAs(t, 'officer', 'TEST-CF-A');
    leadA = await loginAs(t, 'unit_lead', 'TEST-CF-A');
    officerB = await loginAs(t, 'officer', 'TEST-CF-B');
    leadB = await loginAs(t, 'unit_lead', 'TEST-CF-B');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('intake writes a new case’s figures in the tip’s transaction', async () => {
    const accepted = await t.app.get(IntakeService).submit(systemContext('test'), {
      channel: 'web', channelClientId: null, idempotencyKey: null, filedBy: null, lang: 'vi', category: 'trafficking',
      content: 'Có người bán ma túy ở đầu ngõ vào buổi tối.', place: { locality: '00004' }, observedAt: new Date(Date.now() - DAY).toISOString(), photos: [],
    });
    const f = await figuresOf(accepted.caseId);
    expect(f).toMatchObject({ status: 'new', category: 'trafficking', acknowledged_at: null, extensions: 0 });
    // Its clocks started with it: the acknowledge target runs.
    expect(f.acknowledge_due).toBeInstanceOf(Date);
    // Written by insertOpened from what the opening wrote: the full statement makes the same row.
    await refreshCaseFigures(t, [accepted.caseId]);
    expect(norm([await figuresOf(accepted.caseId)])).toEqual(norm([f]));
    expect(await expectSameReports(new Date())).toBeGreaterThan(0);
  });

  it('follows claim, acknowledge, extend, suspend, resume, verify, release, transfer, close, reopen and the breach sweep', async () => {
    // Opened as intake opens them, routed straight to the units (openTestCase skips IntakeService,
    // whose figures write the test above checks): their figures are written as intake writes them.
    const open = async (unitId: string, category: CategoryCode) => {
      const { caseId } = await openTestCase(t, unitId, { category, localityCode: '00004' });
      await refreshCaseFigures(t, [caseId]);
      return caseId;
    };
    const one = await open(unitA, 'trafficking');
    const two = await open(unitA, 'production');
    await open(unitB, 'dealing_point');
    const steps: [string, () => Promise<void>][] = [
      ['claim', () => post(officerA, one, 'claim')],
      ['acknowledge', () => post(officerA, one, 'acknowledge')],
      ['extend', async () => post(leadA, one, 'extend', { clockId: await clockOf(one, 'legal_verify'), value: 2, unit: 'days', ...reason })],
      ['suspend', async () => post(leadA, one, 'suspend', { clockId: await clockOf(one, 'legal_verify'), ...reason })],
      ['suspend another clock', async () => post(leadA, one, 'suspend', { clockId: await clockOf(one, 'first_action'), ...reason })],
      ['resume', async () => post(leadA, one, 'resume', { clockId: await clockOf(one, 'legal_verify') })],
      ['acknowledge two', () => post(officerA, two, 'acknowledge')],
      ['suspend two (left paused)', async () => post(leadA, two, 'suspend', { clockId: await clockOf(two, 'first_action'), ...reason })],
      ['verify', () => post(officerA, one, 'verify')],
      ['release', () => post(officerA, one, 'release')],
      ['transfer', () => post(leadA, one, 'transfer', { unitId: unitB, reason: 'Thuộc địa bàn khác' })],
      ['close', () => post(officerB, one, 'close', { outcome: 'unsubstantiated' })],
      ['reopen', () => post(leadB, one, 'reopen', { reason: 'Có tin mới về cùng địa điểm' })],
      ['close again', () => post(leadB, one, 'close', { outcome: 'unsubstantiated' })],
      ['the sweep, 40 days on', async () => void (await t.app.get(ClocksService).sweep(new Date(Date.now() + 40 * DAY)))],
    ];
    for (const [name, step] of steps) {
      await step();
      const n = await expectSameReports(new Date());
      expect([name, n > 0]).toEqual([name, true]);
      // Ten days on: running clocks past their due time count as breached, the running pause grows.
      await expectSameReports(new Date(Date.now() + 10 * DAY));
    }
    // The figures are not trivially equal: the sequence left its marks.
    expect(await figuresOf(one)).toMatchObject({ status: 'closed', unit_id: unitB, extensions: 1, suspensions: 2, paused_since: null });
    expect(Number((await figuresOf(one)).paused_closed_seconds)).toBeGreaterThan(0);
    expect((await figuresOf(one)).close_hours).not.toBeNull();
    expect((await figuresOf(two)).paused_since).toBeInstanceOf(Date);
    const swept: { n: number }[] = await ds.query(`SELECT count(*)::int AS n FROM case_figures WHERE acknowledge_breached + first_action_breached + legal_verify_breached + legal_notify_breached + legal_transfer_breached > 0`);
    expect(swept[0].n).toBeGreaterThan(0);
  });
});
