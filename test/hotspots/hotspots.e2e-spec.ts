import { DataSource } from 'typeorm';
import { CasesService } from '../../src/cases/cases.service';
import type { CategoryCode } from '../../src/categories/category-codes';
import { openTestCase, withCaseVersion } from '../utils/cases';
import { createTestApp, TestApp } from '../utils/test-app';
import { bearer, ensureUnit, loginAs, LoggedIn } from '../utils/staff';

describe('hotspots and the wider case rules', () => {
  let t: TestApp;
  let unitA: string;
  let unitB: string;
  let officer: LoggedIn;
  let officer2: LoggedIn;
  let lead: LoggedIn;
  let otherOfficer: LoggedIn;
  let supervisor: LoggedIn;
  let auditor: LoggedIn;

  const post = async (who: LoggedIn, url: string, payload: object = {}) =>
    t.app.inject({ method: 'POST', url, headers: bearer(who.token), payload: await withCaseVersion(t, url, payload) });
  const get = (who: LoggedIn, url: string) => t.app.inject({ method: 'GET', url, headers: bearer(who.token) });
  const openCase = (unitId: string, localityCode: string, category: CategoryCode = 'use_hotspot') => openTestCase(t, unitId, { localityCode, category });
  const related = async (caseId: string): Promise<boolean> =>
    (await t.app.get(DataSource).query('SELECT possibly_related FROM cases WHERE id = $1', [caseId]))[0].possibly_related;

  beforeAll(async () => {
    t = await createTestApp();
    await ensureUnit(t, 'TEST-HS-PROV', { kind: 'provincial_drug_police' });
    unitA = await ensureUnit(t, 'TEST-HS-A', { parentCode: 'TEST-HS-PROV' });
    unitB = await ensureUnit(t, 'TEST-HS-B');
    officer = await loginAs(t, 'officer', 'TEST-HS-A');
    officer2 = await loginAs(t, 'officer', 'TEST-HS-A');
    lead = await loginAs(t, 'unit_lead', 'TEST-HS-A');
    otherOfficer = await loginAs(t, 'officer', 'TEST-HS-B');
    supervisor = await loginAs(t, 'supervisor', 'TEST-HS-PROV');
    auditor = await loginAs(t, 'auditor', 'TEST-HS-PROV');
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps a dated, audited hotspot registry scoped to the unit', async () => {
    const created = await post(officer, '/api/v1/hotspots', { localityCode: '00004', description: 'Karaoke bar by the market, back entrance' });
    expect(created.statusCode).toBe(201);
    const h = created.json();
    expect(h).toMatchObject({ status: 'suspected', unitId: unitA, version: 1 });
    expect((await post(officer, `/api/v1/hotspots/${h.id}/status`, { status: 're_emerged' })).json().error.details.allowed).toEqual(['verified', 'dismantled']);
    expect((await post(officer, `/api/v1/hotspots/${h.id}/status`, { status: 'verified', version: 1 })).json()).toMatchObject({ status: 'verified', version: 2 });
    expect((await post(officer, `/api/v1/hotspots/${h.id}/status`, { status: 'dismantled', version: 1 })).statusCode).toBe(409);
    const dismantled = (await post(officer, `/api/v1/hotspots/${h.id}/status`, { status: 'dismantled', version: 2 })).json();
    expect(dismantled.dismantledAt).not.toBeNull();
    const one = (await get(officer, `/api/v1/hotspots/${h.id}`)).json();
    expect(one.history.map((x: { to: string }) => x.to)).toEqual(['suspected', 'verified', 'dismantled']);
    expect((await get(otherOfficer, `/api/v1/hotspots/${h.id}`)).statusCode).toBe(404);
    expect((await post(otherOfficer, `/api/v1/hotspots/${h.id}/status`, { status: 're_emerged' })).statusCode).toBe(404);
    expect((await get(otherOfficer, '/api/v1/hotspots')).json().items.map((x: { id: string }) => x.id)).not.toContain(h.id);
    expect((await get(supervisor, '/api/v1/hotspots')).json().items.map((x: { id: string }) => x.id)).toContain(h.id);
    expect((await post(officer, '/api/v1/hotspots', { localityCode: '', description: 'x' })).statusCode).toBe(400);
    const audit: { action: string }[] = await t.app.get(DataSource).query('SELECT action FROM audit_events WHERE target_id = $1 ORDER BY seq', [h.id]);
    // the other unit's two attempts are audited denials, like cross-unit case reads
    expect(audit.map((a) => a.action)).toEqual(['hotspot.created', 'hotspot.status_changed', 'hotspot.status_changed', 'access.denied', 'access.denied']);
  });

  it('marks a tip near an active hotspot as possibly related, and links cases to hotspots of the own unit only', async () => {
    const hs = (await post(officer, '/api/v1/hotspots', { localityCode: '00008', description: 'Alley behind the school' })).json();
    const otherHs = (await post(otherOfficer, '/api/v1/hotspots', { localityCode: '00025', description: 'Riverside shed' })).json();
    const { caseId } = await openCase(unitA, '00008');
    expect(await related(caseId)).toBe(true);
    expect(await related((await openCase(unitA, '77999')).caseId)).toBe(false);
    expect((await post(officer, `/api/v1/cases/${caseId}/link`, { hotspotId: otherHs.id })).statusCode).toBe(404);
    expect((await post(officer, `/api/v1/cases/${caseId}/link`, { hotspotId: hs.id })).json().hotspotId).toBe(hs.id);
    const q = (await get(officer, `/api/v1/cases?hotspot=${hs.id}`)).json();
    expect(q.items.map((i: { id: string }) => i.id)).toEqual([caseId]);
    // Actioning the linked case as "hotspot dismantled" dismantles the hotspot, dated and tied to the case.
    await post(officer, `/api/v1/cases/${caseId}/acknowledge`);
    await post(officer, `/api/v1/cases/${caseId}/verify`);
    expect((await post(officer, `/api/v1/cases/${caseId}/action`, { actionTaken: 'hotspot_dismantled' })).statusCode).toBe(200);
    const after = (await get(officer, `/api/v1/hotspots/${hs.id}`)).json();
    expect(after.status).toBe('dismantled');
    expect(after.history[after.history.length - 1]).toMatchObject({ from: 'suspected', to: 'dismantled', caseId });
  });

  it('refuses odd input with 400 (never 500) and a status change naming a case outside the scope', async () => {
    for (const body of [{ localityCode: '\u0000', description: 'x' }, { localityCode: 'zzzz', description: 'x' }, { localityCode: '99999', description: 'well-formed, no such place' }, { localityCode: '00070', description: 'a\u0000b' }, { localityCode: '00070', description: '   ' }]) {
      expect((await post(officer, '/api/v1/hotspots', body)).statusCode).toBe(400);
    }
    for (const q of ['locality=%00', 'category=%00', 'locality=abc', 'category=bogus']) {
      expect((await get(officer, `/api/v1/${q.startsWith('locality') ? 'hotspots' : 'cases'}?${q}`)).statusCode).toBe(400);
    }
    expect((await get(officer, '/api/v1/cases?locality=%00')).statusCode).toBe(400);
    for (const at of ['0000-01-01T00:00:00Z', '2026-02-30T00:00:00Z']) {
      const cursor = Buffer.from(JSON.stringify([at, '00000000-0000-4000-8000-000000000000'])).toString('base64url');
      expect((await get(officer, `/api/v1/hotspots?cursor=${cursor}`)).statusCode).toBe(400);
    }
    const hs = (await post(officer, '/api/v1/hotspots', { localityCode: '00070', description: 'Garage' })).json();
    const other = await openCase(unitB, '00070');
    expect((await post(officer, `/api/v1/hotspots/${hs.id}/status`, { status: 'verified', caseId: other.caseId })).statusCode).toBe(404);
    const own = await openCase(unitA, '00070');
    const ok = await post(officer, `/api/v1/hotspots/${hs.id}/status`, { status: 'verified', caseId: own.caseId });
    expect(ok.statusCode).toBe(200);
    expect((await get(officer, `/api/v1/hotspots/${hs.id}`)).json().history.map((x: { caseId: string | null }) => x.caseId)).toEqual([null, own.caseId]);
  });

  it('lets exactly one of two concurrent actions win; the other gets 409 and nothing is doubled', async () => {
    const { caseId } = await openCase(unitA, '77004');
    const [a, b] = await Promise.all([post(officer, `/api/v1/cases/${caseId}/acknowledge`), post(officer2, `/api/v1/cases/${caseId}/acknowledge`)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const events: unknown[] = await t.app.get(DataSource).query(`SELECT 1 FROM case_events WHERE case_id = $1 AND type = 'acknowledged'`, [caseId]);
    expect(events).toHaveLength(1);
  });

  it('assigns only officers of the case’s unit; a supervisor sees the subtree; an auditor reads no cases', async () => {
    const { caseId } = await openCase(unitA, '77005');
    expect((await post(lead, `/api/v1/cases/${caseId}/assign`, { assigneeId: otherOfficer.principal.id })).statusCode).toBe(400);
    const assigned = (await post(lead, `/api/v1/cases/${caseId}/assign`, { assigneeId: officer.principal.id })).json();
    expect(assigned.assigneeId).toBe(officer.principal.id);
    // Assigning does not claim the case for the lead: the assignee can start at once.
    expect(assigned.claimedBy).toBeNull();
    expect((await post(officer, `/api/v1/cases/${caseId}/acknowledge`)).statusCode).toBe(200);
    const mine = (await get(officer, '/api/v1/cases?assignedToMe=true')).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([caseId]);
    expect(mine.items[0].assignee).toMatchObject({ id: officer.principal.id });
    expect((await get(supervisor, `/api/v1/cases/${caseId}`)).statusCode).toBe(200);
    expect((await get(auditor, '/api/v1/cases')).statusCode).toBe(403);
    expect((await get(officer, '/api/v1/cases?status=bogus')).statusCode).toBe(400);
  });

  it('shows the tipster public updates only: no assignment, claim, note or transfer detail', async () => {
    const { caseId } = await openCase(unitA, '77006');
    await post(officer, `/api/v1/cases/${caseId}/claim`);
    await post(officer, `/api/v1/cases/${caseId}/acknowledge`);
    await post(officer, `/api/v1/cases/${caseId}/messages`, { body: 'internal only', visibility: 'internal' });
    await post(officer, `/api/v1/cases/${caseId}/release`);
    await post(lead, `/api/v1/cases/${caseId}/transfer`, { unitId: unitB, reason: 'TEST-HS-B covers that street' });
    const tv = await t.app.get(CasesService).tipsterView(caseId, 'en');
    expect(tv.updates.map((u) => u.code)).toEqual(['opened', 'acknowledged', 'transferred']);
    expect(tv.status).toBe('received');
    expect(JSON.stringify(tv)).not.toMatch(/internal only|TEST-HS-B|claim/);
  });
});
