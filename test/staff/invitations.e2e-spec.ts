import { DataSource } from 'typeorm';
import { totpCode } from '../../src/staff/totp';
import { bearer, ensureUnit, loginAs, LoggedIn } from '../utils/staff';
import { createTestApp, TestApp } from '../utils/test-app';

/** No admin path to tip content: invitations, no self-elevation, a second admin for wide roles. */
describe('staff invitations and the limits of an administrator', () => {
  let t: TestApp;
  let ds: DataSource;
  let adminA: LoggedIn;
  let adminB: LoggedIn;
  let provinceId: string;

  const login = (payload: Record<string, string>) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload });
  const auditCount = async (action: string, targetId: string) =>
    Number((await ds.query('SELECT count(*)::int AS n FROM audit_events WHERE action = $1 AND target_id = $2', [action, targetId]))[0].n);
  const invite = (by: LoggedIn, payload: Record<string, string>) => t.app.inject({ method: 'POST', url: '/api/v1/admin/staff', headers: bearer(by.token), payload });

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    provinceId = await ensureUnit(t, 'INV-PROV', { kind: 'provincial_drug_police' });
    await ensureUnit(t, 'INV-COMMUNE', { parentCode: 'INV-PROV', kind: 'commune_police' });
    adminA = await loginAs(t, 'admin', 'INV-PROV');
    adminB = await loginAs(t, 'admin', 'INV-PROV');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('invites a new officer end to end: the admin sees only a one-time code; the user sets the password and enrols TOTP, gets recovery codes', async () => {
    const res = await invite(adminA, { username: 'new-officer', role: 'officer', unitCode: 'INV-COMMUNE' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.account).toMatchObject({ username: 'new-officer', unitCode: 'INV-COMMUNE', totpEnrolled: false });
    expect(body.pendingApproval).toBeNull();
    const code: string = body.invitation.code;
    expect(Object.keys(body).sort()).toEqual(['account', 'invitation', 'pendingApproval']);
    expect(Object.keys(body.invitation).sort()).toEqual(['code', 'expiresAt']);

    // nothing the admin has lets them sign in as the new user
    expect((await login({ username: 'new-officer', password: code, totp: '000000' })).statusCode).toBe(401);

    const opened = await t.app.inject({ method: 'POST', url: '/api/v1/auth/invitation', payload: { code } });
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({ username: 'new-officer', purpose: 'invite' });
    const secret: string = opened.json().secret;
    expect(opened.json().qrCode).toMatch(/^data:image\/png;base64,/);

    const weak = await t.app.inject({ method: 'POST', url: '/api/v1/auth/invitation/complete', payload: { code, password: 'short', totp: totpCode(secret) } });
    expect(weak.statusCode).toBe(400);
    const password = 'a long passphrase of my own 42';
    const done = await t.app.inject({ method: 'POST', url: '/api/v1/auth/invitation/complete', payload: { code, password, totp: totpCode(secret) } });
    expect(done.statusCode).toBe(200);
    expect(new Set(done.json().recoveryCodes).size).toBe(10);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(done.json().token) });
    expect(me.json()).toMatchObject({ username: 'new-officer', role: 'officer', totpEnrolled: true, unitCode: 'INV-COMMUNE' });

    // one-time: the code is used up
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/auth/invitation', payload: { code } });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('invitation_invalid');
    // the user signs in with what only they know (a later TOTP step: codes are single use)
    expect((await login({ username: 'new-officer', password, totp: totpCode(secret, Date.now() + 30_000) })).statusCode).toBe(200);
    expect((await login({ username: 'new-officer', password, recoveryCode: done.json().recoveryCodes[0] })).statusCode).toBe(200);
    const id = me.json().id as string;
    expect(await auditCount('staff.invited', id)).toBe(1);
    expect(await auditCount('staff.invitation_completed', id)).toBe(1);
  });

  it('an invitation expires', async () => {
    const res = await invite(adminA, { username: 'late-officer', role: 'officer', unitCode: 'INV-COMMUNE' });
    await ds.query(`UPDATE staff_invitations SET expires_at = now() - interval '1 minute' WHERE staff_id = $1`, [res.json().account.id]);
    const opened = await t.app.inject({ method: 'POST', url: '/api/v1/auth/invitation', payload: { code: res.json().invitation.code } });
    expect(opened.statusCode).toBe(400);
    expect(opened.json().error.code).toBe('invitation_invalid');
  });

  it('nobody changes their own role, unit or status', async () => {
    const selfRole = await t.app.inject({ method: 'PATCH', url: `/api/v1/admin/staff/${adminA.principal.id}`, headers: bearer(adminA.token), payload: { role: 'supervisor' } });
    expect(selfRole.statusCode).toBe(403);
    expect(selfRole.json().error.code).toBe('self_change_forbidden');
    const selfUnit = await t.app.inject({ method: 'PATCH', url: `/api/v1/admin/staff/${adminA.principal.id}`, headers: bearer(adminA.token), payload: { unitCode: 'INV-COMMUNE' } });
    expect(selfUnit.statusCode).toBe(403);
    const selfDisable = await t.app.inject({ method: 'POST', url: `/api/v1/admin/staff/${adminA.principal.id}/disable`, headers: bearer(adminA.token) });
    expect(selfDisable.statusCode).toBe(403);
    const row = (await ds.query('SELECT role, unit_id, active FROM staff_accounts WHERE id = $1', [adminA.principal.id]))[0];
    expect(row).toEqual({ role: 'admin', unit_id: adminA.principal.unitId, active: true });
  });

  it('a supervisor grant at provincial level waits for a second admin; the asker cannot approve it', async () => {
    const officer = await loginAs(t, 'officer', 'INV-COMMUNE');
    const asked = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/staff/${officer.principal.id}`,
      headers: bearer(adminA.token),
      payload: { role: 'supervisor', unitCode: 'INV-PROV' },
    });
    expect(asked.statusCode).toBe(202);
    const change = asked.json().pendingChange;
    expect(change).toMatchObject({ status: 'pending', role: 'supervisor', unitId: provinceId, requestedBy: adminA.principal.id });
    expect((await ds.query('SELECT role FROM staff_accounts WHERE id = $1', [officer.principal.id]))[0].role).toBe('officer');

    const own = await t.app.inject({ method: 'POST', url: `/api/v1/admin/staff-changes/${change.id}/approve`, headers: bearer(adminA.token) });
    expect(own.statusCode).toBe(403);
    const listed = await t.app.inject({ method: 'GET', url: '/api/v1/admin/staff-changes?status=pending', headers: bearer(adminB.token) });
    expect(listed.json().items.map((c: { id: string }) => c.id)).toContain(change.id);
    const approved = await t.app.inject({ method: 'POST', url: `/api/v1/admin/staff-changes/${change.id}/approve`, headers: bearer(adminB.token) });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', decidedBy: adminB.principal.id });
    expect((await ds.query('SELECT role, unit_id FROM staff_accounts WHERE id = $1', [officer.principal.id]))[0]).toEqual({ role: 'supervisor', unit_id: provinceId });
    const twice = await t.app.inject({ method: 'POST', url: `/api/v1/admin/staff-changes/${change.id}/refuse`, headers: bearer(adminB.token) });
    expect(twice.statusCode).toBe(409);

    // a refused one changes nothing; both decisions are on the record
    const second = await t.app.inject({ method: 'PATCH', url: `/api/v1/admin/staff/${officer.principal.id}`, headers: bearer(adminA.token), payload: { role: 'auditor' } });
    expect(second.statusCode).toBe(202);
    const refused = await t.app.inject({ method: 'POST', url: `/api/v1/admin/staff-changes/${second.json().pendingChange.id}/refuse`, headers: bearer(adminB.token) });
    expect(refused.json()).toMatchObject({ status: 'refused' });
    expect((await ds.query('SELECT role FROM staff_accounts WHERE id = $1', [officer.principal.id]))[0].role).toBe('supervisor');
    expect(await auditCount('staff.role_change_requested', officer.principal.id)).toBe(2);
    expect(await auditCount('staff.role_change_approved', officer.principal.id)).toBe(1);
    expect(await auditCount('staff.role_change_refused', officer.principal.id)).toBe(1);

    // a local grant needs no second admin
    const local = await loginAs(t, 'officer', 'INV-COMMUNE');
    const lead = await t.app.inject({ method: 'PATCH', url: `/api/v1/admin/staff/${local.principal.id}`, headers: bearer(adminA.token), payload: { role: 'unit_lead' } });
    expect(lead.statusCode).toBe(200);
    expect(lead.json()).toMatchObject({ role: 'unit_lead', unitCode: 'INV-COMMUNE' });
  });

  it('an invited auditor at provincial level cannot enrol before a second admin approves', async () => {
    const res = await invite(adminA, { username: 'new-auditor', role: 'auditor', unitCode: 'INV-PROV' });
    expect(res.statusCode).toBe(201);
    expect(res.json().pendingApproval).toMatchObject({ kind: 'create', status: 'pending' });
    const code = res.json().invitation.code;
    const early = await t.app.inject({ method: 'POST', url: '/api/v1/auth/invitation', payload: { code } });
    expect(early.statusCode).toBe(409);
    await t.app.inject({ method: 'POST', url: `/api/v1/admin/staff-changes/${res.json().pendingApproval.id}/approve`, headers: bearer(adminB.token) });
    const opened = await t.app.inject({ method: 'POST', url: '/api/v1/auth/invitation', payload: { code } });
    expect(opened.statusCode).toBe(200);
  });

  it("resetting another user's TOTP ends their sessions and only they can enrol again, with their password", async () => {
    const user = await loginAs(t, 'officer', 'INV-COMMUNE');
    const reset = await t.app.inject({ method: 'POST', url: `/api/v1/admin/staff/${user.principal.id}/totp-reset`, headers: bearer(adminA.token) });
    expect(reset.statusCode).toBe(200);
    expect(Object.keys(reset.json().invitation).sort()).toEqual(['code', 'expiresAt']);
    const code = reset.json().invitation.code;
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(user.token) })).statusCode).toBe(401);
    expect((await login({ username: user.username, password: user.password, totp: totpCode(user.totpSecret, Date.now() + 30_000) })).statusCode).toBe(401);

    const opened = await t.app.inject({ method: 'POST', url: '/api/v1/auth/invitation', payload: { code } });
    expect(opened.json()).toMatchObject({ purpose: 'totp_reset' });
    const secret = opened.json().secret;
    // the admin holds the code but not the password
    const byAdmin = await t.app.inject({ method: 'POST', url: '/api/v1/auth/invitation/complete', payload: { code, password: 'a guessed password 123', totp: totpCode(secret) } });
    expect(byAdmin.statusCode).toBe(401);
    const done = await t.app.inject({ method: 'POST', url: '/api/v1/auth/invitation/complete', payload: { code, password: user.password, totp: totpCode(secret) } });
    expect(done.statusCode).toBe(200);
    expect(done.json().recoveryCodes).toHaveLength(10);
    expect((await login({ username: user.username, password: user.password, totp: totpCode(secret, Date.now() + 30_000) })).statusCode).toBe(200);
    expect(await auditCount('staff.totp_reset', user.principal.id)).toBe(1);
    const self = await t.app.inject({ method: 'POST', url: `/api/v1/admin/staff/${adminA.principal.id}/totp-reset`, headers: bearer(adminA.token) });
    expect(self.statusCode).toBe(403);
  });

  it('names units by code in accounts and filters', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/admin/staff?unit=INV-COMMUNE', headers: bearer(adminA.token) });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { unitCode: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items.map((i) => i.unitCode))).toEqual(new Set(['INV-COMMUNE']));
    const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/admin/staff?unit=NO-SUCH', headers: bearer(adminA.token) });
    expect(unknown.statusCode).toBe(400);
  });

  it('confirms a TOTP re-enrolment within the same 30-second step as the sign-in', async () => {
    const s = await loginAs(t, 'officer', 'INV-COMMUNE');
    const begin = await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp/enrolment', headers: bearer(s.token), payload: { password: s.password } });
    const now = Date.now();
    const confirm = await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp/enrolment/confirm', headers: bearer(s.token), payload: { totp: totpCode(begin.json().secret, now) } });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.json().recoveryCodes).toHaveLength(10);
  });
});
