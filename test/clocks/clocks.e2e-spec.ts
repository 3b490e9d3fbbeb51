import { DataSource } from 'typeorm';
import { ClocksService } from '../../src/clocks/clocks.service';
import { createTestApp, TestApp } from '../utils/test-app';
import { bearer, ensureUnit, loginAs, LoggedIn } from '../utils/staff';
import { openTestCase, withCaseVersion } from '../utils/cases';

interface ClockView {
  id: string;
  kind: string;
  legal: boolean;
  status: string;
  state: string;
  dueAt: string | null;
  startedAt: string;
  extensions: number;
  events: { type: string; reason: string | null; legalReference: string | null; details: Record<string, unknown> }[];
}

describe('clocks through the API', () => {
  let t: TestApp;
  let ds: DataSource;
  let unitA: string;
  let officer: LoggedIn;
  let lead: LoggedIn;
  let otherLead: LoggedIn;
  let admin: LoggedIn;

  const post = async (who: LoggedIn, url: string, payload: object = {}) => t.app.inject({ method: 'POST', url, headers: bearer(who.token), payload: await withCaseVersion(t, url, payload) });
  const put = (who: LoggedIn, url: string, payload: object = {}) => t.app.inject({ method: 'PUT', url, headers: bearer(who.token), payload });
  const del = (who: LoggedIn, url: string) => t.app.inject({ method: 'DELETE', url, headers: bearer(who.token) });
  const get = (who: LoggedIn, url: string) => t.app.inject({ method: 'GET', url, headers: bearer(who.token) });
  const clocksOf = async (caseId: string): Promise<ClockView[]> => (await get(lead, `/api/v1/cases/${caseId}`)).json().clocks;
  const clockOf = async (caseId: string, kind: string) => (await clocksOf(caseId)).find((k) => k.kind === kind)!;
  /** What a refused request must leave as it was: the clock rows, their events and the case version. */
  const snapshot = async (caseId: string) =>
    ds.query(
      `SELECT (SELECT json_agg(k ORDER BY k.id) FROM case_clocks k WHERE k.case_id = $1) AS clocks,
              (SELECT count(*)::int FROM clock_events WHERE case_id = $1) AS events,
              (SELECT version FROM cases WHERE id = $1) AS version,
              (SELECT count(*)::int FROM case_events WHERE case_id = $1) AS timeline`,
      [caseId],
    );

  beforeAll(async () => {
    // The acknowledge target is 24 h: a 4-hour at-risk window keeps a fresh case "on time".
    t = await createTestApp({ env: { CLOCK_AT_RISK_HOURS: '4' } });
    ds = t.app.get(DataSource);
    await ensureUnit(t, 'TEST-CL-P', { kind: 'provincial_drug_police' });
    unitA = await ensureUnit(t, 'TEST-CL-A', { parentCode: 'TEST-CL-P', kind: 'commune_police' });
    await ensureUnit(t, 'TEST-CL-B', { kind: 'commune_police' });
    officer = await loginAs(t, 'officer', 'TEST-CL-A');
    lead = await loginAs(t, 'unit_lead', 'TEST-CL-A');
    otherLead = await loginAs(t, 'unit_lead', 'TEST-CL-B');
    admin = await loginAs(t, 'admin', 'TEST-CL-P');
  });
  afterAll(async () => {
    await t.close();
  });

  it('starts the policy’s clocks at intake, shows them on the case and the queue, and case actions meet them', async () => {
    const { caseId } = await openTestCase(t, unitA, { category: 'trafficking' });
    const clocks = await clocksOf(caseId);
    // A crime category at a commune police unit: both internal targets and the three legal clocks.
    expect(clocks.map((k) => [k.kind, k.legal, k.status, k.state])).toEqual([
      ['acknowledge', false, 'running', 'on_time'],
      ['first_action', false, 'running', 'on_time'],
      ['legal_notify', true, 'running', 'on_time'],
      ['legal_transfer', true, 'running', 'on_time'],
      ['legal_verify', true, 'running', 'on_time'],
    ]);
    const ack = clocks.find((k) => k.kind === 'acknowledge')!;
    expect(Date.parse(ack.dueAt!) - Date.parse(ack.startedAt)).toBe(24 * 3600_000);
    expect(ack.events.map((e) => e.type)).toEqual(['started']);

    // Treatment referrals start no legal clock (policy data).
    const referral = await openTestCase(t, unitA, { category: 'treatment_referral' });
    expect((await clocksOf(referral.caseId)).map((k) => k.kind)).toEqual(['acknowledge', 'first_action']);

    // The queue sorts on the earliest open due time and shows the state.
    const row = (await get(officer, '/api/v1/cases?category=trafficking&limit=200')).json().items.find((i: { id: string }) => i.id === caseId);
    const earliest = Math.min(...clocks.map((k) => Date.parse(k.dueAt!)));
    expect(Date.parse(row.nextDeadlineAt)).toBe(earliest);
    expect(row.deadlineState).toBe('on_time');

    expect((await post(officer, `/api/v1/cases/${caseId}/acknowledge`)).statusCode).toBe(200);
    const after = await clocksOf(caseId);
    expect(after.find((k) => k.kind === 'acknowledge')).toMatchObject({ status: 'met', state: 'met' });
    expect(after.find((k) => k.kind === 'first_action')!.status).toBe('running');
    // A message to the tipster meets the legal notification clock.
    expect((await post(officer, `/api/v1/cases/${caseId}/messages`, { body: 'Cảm ơn bạn.', visibility: 'tipster' })).statusCode).toBe(201);
    expect((await clockOf(caseId, 'legal_notify')).status).toBe('met');
  });

  it('clocks a reopening starts after every clock finished are met by the next action; claim and release leave them be', async () => {
    const { caseId } = await openTestCase(t, unitA, { category: 'treatment_referral' });
    expect((await post(officer, `/api/v1/cases/${caseId}/acknowledge`)).statusCode).toBe(200);
    expect((await post(officer, `/api/v1/cases/${caseId}/close`, { outcome: 'unsubstantiated' })).statusCode).toBe(200);
    expect((await clocksOf(caseId)).map((k) => [k.kind, k.status])).toEqual([['acknowledge', 'met'], ['first_action', 'met']]); // closing meets first_action (its policy names it)

    // Reopening (another versioned action) starts the internal targets afresh.
    expect((await post(officer, `/api/v1/cases/${caseId}/reopen`, { reason: 'Tin báo mới về cùng địa điểm.' })).statusCode).toBe(200);
    const restarted = (await clocksOf(caseId)).filter((k) => k.status === 'running');
    expect(restarted.map((k) => k.kind).sort()).toEqual(['acknowledge', 'first_action']);

    // A claim and a release meet none of them and move no deadline.
    const before = await snapshot(caseId);
    const deadline = (await ds.query('SELECT next_deadline_at FROM cases WHERE id = $1', [caseId]))[0].next_deadline_at;
    expect((await post(officer, `/api/v1/cases/${caseId}/claim`)).statusCode).toBe(200);
    expect((await post(officer, `/api/v1/cases/${caseId}/release`)).statusCode).toBe(200);
    const after = await snapshot(caseId);
    expect(after[0].clocks).toEqual(before[0].clocks);
    expect(after[0].events).toBe(before[0].events);
    expect((await ds.query('SELECT next_deadline_at FROM cases WHERE id = $1', [caseId]))[0].next_deadline_at).toEqual(deadline);

    // Starting verification meets the new acknowledgement target (its policy names the event).
    const verified = await post(officer, `/api/v1/cases/${caseId}/verify`);
    expect(verified.statusCode).toBe(200);
    const ack = (await clocksOf(caseId)).filter((k) => k.kind === 'acknowledge');
    expect(ack.map((k) => k.status).sort()).toEqual(['met', 'met']);
    expect(ack.find((k) => k.id === restarted.find((r) => r.kind === 'acknowledge')!.id)!.events.map((e) => e.type)).toEqual(['started', 'met']);
  });

  it('a transfer that cancels the internal targets with no internal policy in force any more takes their due time off the case', async () => {
    const { caseId } = await openTestCase(t, unitA, { category: 'treatment_referral' }); // internal targets only
    const unitB = (await ds.query(`SELECT id FROM units WHERE code = 'TEST-CL-B'`))[0].id;
    const retired: string[] = (await ds.query(`SELECT id FROM clock_policies WHERE NOT legal AND valid_to IS NULL`)).map((r: { id: string }) => r.id);
    await ds.query(`UPDATE clock_policies SET valid_to = now() WHERE id = ANY($1::uuid[])`, [retired]);
    try {
      expect(retired.length).toBeGreaterThan(0);
      expect((await ds.query('SELECT next_deadline_at FROM cases WHERE id = $1', [caseId]))[0].next_deadline_at).not.toBeNull();
      expect((await post(lead, `/api/v1/cases/${caseId}/transfer`, { unitId: unitB, reason: 'wrong commune' })).statusCode).toBe(200);
      const clocks = await ds.query(`SELECT kind, status FROM case_clocks WHERE case_id = $1 ORDER BY kind`, [caseId]);
      expect(clocks).toEqual([{ kind: 'acknowledge', status: 'cancelled' }, { kind: 'first_action', status: 'cancelled' }]);
      expect((await ds.query('SELECT next_deadline_at FROM cases WHERE id = $1', [caseId]))[0].next_deadline_at).toBeNull();
    } finally {
      await ds.query(`UPDATE clock_policies SET valid_to = NULL WHERE id = ANY($1::uuid[])`, [retired]);
    }
  });

  it('extends, suspends and resumes with a reason and a legal reference: audited and on the timeline', async () => {
    const { caseId } = await openTestCase(t, unitA, { category: 'production' });
    const verify = await clockOf(caseId, 'legal_verify');
    const base = `/api/v1/cases/${caseId}`;
    const clockId = verify.id;
    expect((await post(officer, `${base}/extend`, { clockId, value: 2, unit: 'months', reason: 'complex case', legalReference: 'BLTTHS 2015 Điều 147' })).statusCode).toBe(403);

    const ext = await post(lead, `${base}/extend`, { clockId, value: 2, unit: 'months', reason: 'Vụ việc phức tạp', legalReference: 'BLTTHS 2015, Điều 147 khoản 2' });
    expect(ext.statusCode).toBe(200);
    const extended = await clockOf(caseId, 'legal_verify');
    expect(extended.extensions).toBe(1);
    // Two calendar months more: at least 59 days later than before.
    expect(Date.parse(extended.dueAt!) - Date.parse(verify.dueAt!)).toBeGreaterThanOrEqual(59 * 86_400_000);
    expect(extended.events.at(-1)).toMatchObject({ type: 'extended', reason: 'Vụ việc phức tạp', legalReference: 'BLTTHS 2015, Điều 147 khoản 2' });

    const sus = await post(lead, `${base}/suspend`, { clockId, reason: 'Chờ kết quả giám định', legalReference: 'BLTTHS 2015, Điều 148 khoản 1' });
    expect(sus.statusCode).toBe(200);
    expect(await clockOf(caseId, 'legal_verify')).toMatchObject({ status: 'paused', state: 'paused', dueAt: null });
    const res = await post(lead, `${base}/resume`, { clockId });
    expect(res.statusCode).toBe(200);
    const resumed = await clockOf(caseId, 'legal_verify');
    expect(resumed.status).toBe('running');
    // Resumed the same day: the same days are left.
    expect(resumed.dueAt).toBe(extended.dueAt);

    const view = (await get(lead, `/api/v1/cases/${caseId}`)).json();
    const timeline = view.timeline.filter((e: { type: string }) => e.type.startsWith('clock_'));
    expect(timeline.map((e: { type: string }) => e.type)).toEqual(['clock_extended', 'clock_suspended', 'clock_resumed']);
    expect(timeline[0].reason).toBe('Vụ việc phức tạp');
    expect(timeline[1].metadata.legalReference).toBe('BLTTHS 2015, Điều 148 khoản 1');
    const audit: { action: string }[] = await ds.query(`SELECT action FROM audit_events WHERE target_id = $1 AND action LIKE 'case.clock_%' ORDER BY seq`, [caseId]);
    expect(audit.map((a) => a.action)).toEqual(['case.clock_extended', 'case.clock_suspended', 'case.clock_resumed']);
  });

  it('refuses bad input with a clear 400/404/409 and changes nothing', async () => {
    const { caseId } = await openTestCase(t, unitA, { category: 'dealing_point' });
    const verify = await clockOf(caseId, 'legal_verify');
    const notify = await clockOf(caseId, 'legal_notify');
    const before = await snapshot(caseId);
    const url = (_clockId: string, action: string) => `/api/v1/cases/${caseId}/${action}`;

    const noReason = await post(lead, url(verify.id, 'extend'), { clockId: verify.id, value: 10, unit: 'days', legalReference: 'BLTTHS 2015 Điều 147' });
    expect(noReason.statusCode).toBe(400);
    expect(JSON.stringify(noReason.json().error)).toContain('reason');
    const negative = await post(lead, url(verify.id, 'extend'), { clockId: verify.id, value: -3, unit: 'days', reason: 'x'.repeat(10), legalReference: 'BLTTHS 2015 Điều 147' });
    expect(negative.statusCode).toBe(400);
    const tooLong = await post(lead, url(verify.id, 'extend'), { clockId: verify.id, value: 5, unit: 'months', reason: 'x'.repeat(10), legalReference: 'BLTTHS 2015 Điều 147' });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.fields?.[0]?.field ?? JSON.stringify(tooLong.json())).toContain('value');
    const noLimit = await post(lead, url(notify.id, 'extend'), { clockId: notify.id, value: 1, unit: 'working_days', reason: 'x'.repeat(10), legalReference: 'TTLT 01/2017' });
    expect(noLimit.statusCode).toBe(409);
    expect(noLimit.json().error.code).toBe('clock_extension_limit');
    const resumeRunning = await post(lead, url(verify.id, 'resume'), { clockId: verify.id });
    expect(resumeRunning.statusCode).toBe(409);
    expect(resumeRunning.json().error.code).toBe('invalid_transition');
    expect((await post(lead, url('', 'suspend'), { clockId: '00000000-0000-4000-8000-000000000001', reason: 'some reason', legalReference: 'Điều 148' })).statusCode).toBe(404);
    expect((await post(otherLead, url(verify.id, 'suspend'), { clockId: verify.id, reason: 'some reason', legalReference: 'Điều 148' })).statusCode).toBe(404);
    expect(await snapshot(caseId)).toEqual(before);

    // A closed case's clocks do not move.
    expect((await post(officer, `/api/v1/cases/${caseId}/acknowledge`)).statusCode).toBe(200);
    expect((await post(officer, `/api/v1/cases/${caseId}/close`, { outcome: 'unsubstantiated' })).statusCode).toBe(200);
    const closed = await snapshot(caseId);
    const suspendClosed = await post(lead, url(verify.id, 'suspend'), { clockId: verify.id, reason: 'Chờ giám định', legalReference: 'BLTTHS 2015, Điều 148' });
    expect(suspendClosed.statusCode).toBe(409);
    expect(suspendClosed.json().error.code).toBe('invalid_transition');
    expect(await snapshot(caseId)).toEqual(closed);
    // Closing met or cancelled every clock; the case has no deadline any more.
    expect((await clocksOf(caseId)).every((k) => k.status === 'met' || k.status === 'cancelled')).toBe(true);
  });

  it('answers working days with the days skipped; the admin’s exceptions change the answer and are audited', async () => {
    const r = await get(officer, '/api/v1/calendar/working-days?from=2027-02-04&days=3');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ from: '2027-02-04', days: 3, due: '2027-02-16', timeZone: 'Asia/Ho_Chi_Minh' });
    expect(r.json().skipped.map((s: { date: string }) => s.date)).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-13', '2027-02-14']);
    const negative = await get(officer, '/api/v1/calendar/working-days?from=2027-02-04&days=-1');
    expect(negative.statusCode).toBe(400);
    expect(JSON.stringify(negative.json().error)).toContain('days');
    expect((await get(officer, '/api/v1/calendar/working-days?from=2027-02-30&days=1')).statusCode).toBe(400);

    expect((await put(officer, '/api/v1/admin/calendar/exceptions/2027-02-12', { kind: 'day_off', note: 'nghỉ bù' })).statusCode).toBe(403);
    expect((await put(admin, '/api/v1/admin/calendar/exceptions/2027-02-12', { kind: 'holiday', note: 'nghỉ bù' })).statusCode).toBe(400);
    expect((await put(admin, '/api/v1/admin/calendar/exceptions/2027-02-12', { kind: 'day_off', note: 'Nghỉ bù theo quyết định' })).statusCode).toBe(200);
    expect((await get(officer, '/api/v1/calendar/working-days?from=2027-02-04&days=3')).json().due).toBe('2027-02-17');
    expect((await del(admin, '/api/v1/admin/calendar/exceptions/2027-02-12')).statusCode).toBe(200);
    expect((await get(officer, '/api/v1/calendar/working-days?from=2027-02-04&days=3')).json().due).toBe('2027-02-16');
    const audit: { action: string }[] = await ds.query(`SELECT action FROM audit_events WHERE action LIKE 'calendar.%' ORDER BY seq`);
    expect(audit.map((a) => a.action)).toEqual(['calendar.exception_set', 'calendar.exception_removed']);
  });

  it('lists the clocks at risk in the caller’s scope only', async () => {
    const { caseId } = await openTestCase(t, unitA, { category: 'crime_group' });
    const mine = (await get(lead, '/api/v1/clocks/at-risk?hours=48')).json().items;
    expect(mine.some((i: { caseId: string; kind: string }) => i.caseId === caseId && i.kind === 'acknowledge')).toBe(true);
    expect(mine.every((i: { unitId: string }) => i.unitId === unitA)).toBe(true);
    const theirs = (await get(otherLead, '/api/v1/clocks/at-risk?hours=48')).json().items;
    expect(theirs.some((i: { caseId: string }) => i.caseId === caseId)).toBe(false);
    expect((await get(lead, '/api/v1/clocks/at-risk?hours=0')).statusCode).toBe(400);
  });

  // Last: it changes the policy every case of this database uses.
  it('a policy change recomputes the open clocks it governs and records it (a clock crossing the change)', async () => {
    const { caseId } = await openTestCase(t, unitA, { category: 'precursors' });
    const before = await clockOf(caseId, 'acknowledge');
    const policy = { kind: 'acknowledge', legal: false, durationValue: 12, durationUnit: 'hours', metBy: ['acknowledged', 'verification_started', 'actioned', 'closed'], maxExtensions: 1 };
    expect((await post(lead, '/api/v1/admin/clock-policies', policy)).statusCode).toBe(403);
    expect((await post(admin, '/api/v1/admin/clock-policies', { ...policy, durationValue: 0 })).statusCode).toBe(400);
    const created = await post(admin, '/api/v1/admin/clock-policies', policy);
    expect(created.statusCode).toBe(201);
    expect(created.json().recomputed).toBeGreaterThanOrEqual(1);

    const after = await clockOf(caseId, 'acknowledge');
    expect(Date.parse(after.dueAt!)).toBe(Date.parse(before.startedAt) + 12 * 3600_000);
    const recomputed = after.events.find((e) => e.type === 'recomputed')!;
    expect(recomputed.details).toMatchObject({ previousDueAt: before.dueAt, dueAt: after.dueAt, toPolicyId: created.json().policy.id });
    // The queue's sort key follows.
    const row: { next_deadline_at: Date }[] = await ds.query('SELECT next_deadline_at FROM cases WHERE id = $1', [caseId]);
    expect(row[0].next_deadline_at.toISOString()).toBe(after.dueAt);
    // Met clocks keep their history; a new case starts on the new policy.
    const fresh = await openTestCase(t, unitA, { category: 'other' });
    const ack = await clockOf(fresh.caseId, 'acknowledge');
    expect(Date.parse(ack.dueAt!) - Date.parse(ack.startedAt)).toBe(12 * 3600_000);
    const audit: { action: string }[] = await ds.query(`SELECT action FROM audit_events WHERE action LIKE 'clock_policy.%' ORDER BY seq`);
    expect(audit.map((a) => a.action)).toEqual(['clock_policy.created', 'clock_policy.recomputed']);

    // A change dated in the future recomputes nothing yet; the sweep applies it once it is in force.
    const first = await clockOf(caseId, 'first_action');
    const later = new Date(Date.now() + 3600_000);
    const future = await post(admin, '/api/v1/admin/clock-policies', { kind: 'first_action', legal: false, durationValue: 96, durationUnit: 'hours', metBy: ['actioned', 'closed'], validFrom: later.toISOString() });
    expect(future.statusCode).toBe(201);
    expect(future.json().recomputed).toBe(0);
    expect((await clockOf(caseId, 'first_action')).dueAt).toBe(first.dueAt);
    await t.app.get(ClocksService).sweep(new Date(later.getTime() + 60_000));
    const moved = await clockOf(caseId, 'first_action');
    expect(Date.parse(moved.dueAt!)).toBe(Date.parse(first.startedAt) + 96 * 3600_000);
    expect(moved.events.filter((e) => e.type === 'recomputed')).toHaveLength(1);
    await t.app.get(ClocksService).sweep(new Date(later.getTime() + 120_000));
    expect((await clockOf(caseId, 'first_action')).events.filter((e) => e.type === 'recomputed')).toHaveLength(1);
  });
});
