import { DataSource } from 'typeorm';
import { MetricsService } from '../../src/metrics/metrics.service';
import { StaffService } from '../../src/staff/staff.service';
import { StaffRepository } from '../../src/staff/staff.repository';
import { UnitOfWork } from '../../src/common/unit-of-work';
import { hashSessionToken, newSessionToken } from '../../src/staff/session-token';
import * as argon2 from 'argon2';
import * as hasher from '../../src/staff/password-hasher';
import { parseArgon2Hash, ARGON2_FLOOR, ARGON2_PARAMS } from '../../src/staff/password-hasher';
import { totpCode } from '../../src/staff/totp';
import { systemContext } from '../../src/common/request-context';
import { bearer, ensureUnit, loginAs } from '../utils/staff';
import { createTestApp, TestApp } from '../utils/test-app';

describe('staff login and sessions', () => {
  let t: TestApp;
  let ds: DataSource;
  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    await ensureUnit(t, 'T-A');
    await ensureUnit(t, 'T-B');
  });
  afterAll(() => t.close());

  async function account(opts: { mustChangePassword?: boolean } = {}) {
    const username = `u${Math.random().toString(36).slice(2, 10)}`;
    const created = await t.app.get(StaffService).create(systemContext('test'), {
      username,
      role: 'officer',
      unitCode: 'T-A',
      mustChangePassword: opts.mustChangePassword ?? false,
    });
    return { username, password: created.password, secret: created.totpSecret, id: created.account.id };
  }
  const login = (payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload });
  const auditCount = async (action: string) =>
    Number((await ds.query('SELECT count(*)::int AS n FROM audit_events WHERE action = $1', [action]))[0].n);

  it('stores an argon2id hash at or above the floor, and no TOTP secret in the clear', async () => {
    const a = await account();
    const [row] = await ds.query('SELECT password_hash, totp_secret FROM staff_accounts WHERE id = $1', [a.id]);
    const p = parseArgon2Hash(row.password_hash);
    expect(p?.algorithm).toBe('argon2id');
    expect(p!.memoryCost).toBeGreaterThanOrEqual(ARGON2_FLOOR.memoryCost);
    expect(p!.timeCost).toBeGreaterThanOrEqual(ARGON2_FLOOR.timeCost);
    expect(Buffer.isBuffer(row.totp_secret)).toBe(true);
    expect(row.totp_secret.toString('latin1')).not.toContain(a.secret);
  });

  it('a password alone does not log in; password + TOTP does, with a Secure HttpOnly SameSite=Strict cookie', async () => {
    const a = await account();
    const alone = await login({ username: a.username, password: a.password });
    expect(alone.statusCode).toBe(401);
    expect(alone.json().error.code).toBe('invalid_credentials');
    const wrongCode = await login({ username: a.username, password: a.password, totp: '000000' });
    expect(wrongCode.statusCode).toBe(401);
    const ok = await login({ username: a.username, password: a.password, totp: totpCode(a.secret) });
    expect(ok.statusCode).toBe(200);
    const body = ok.json();
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 11 * 3600_000);
    const cookies = ([] as string[]).concat(ok.headers['set-cookie'] as string[]);
    const session = cookies.find((c) => c.startsWith('__Host-tipline_session='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/Secure/i);
    expect(session).toMatch(/SameSite=Strict/i);
    const [stored] = await ds.query('SELECT token_hash FROM staff_sessions WHERE staff_id = $1', [a.id]);
    expect(stored.token_hash).not.toBe(body.token);
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(body.token) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: a.username, role: 'officer' });
    expect(JSON.stringify(me.json())).not.toMatch(/argon2|password_hash|totp_secret/);
  });

  it('refuses a TOTP code reused within its window', async () => {
    const a = await account();
    const code = totpCode(a.secret);
    expect((await login({ username: a.username, password: a.password, totp: code })).statusCode).toBe(200);
    const again = await login({ username: a.username, password: a.password, totp: code });
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe('invalid_credentials');
  });

  it('gives the same error for an unknown user, a wrong password and a disabled account, and audits each failure', async () => {
    const a = await account();
    const before = await auditCount('staff.login_failed');
    const unknown = await login({ username: 'nobody-here', password: 'whatever-password-1', totp: '123456' });
    const wrong = await login({ username: a.username, password: 'not-the-password-1', totp: totpCode(a.secret) });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().error.message).toBe(wrong.json().error.message);
    expect(unknown.json().error.code).toBe(wrong.json().error.code);
    expect(await auditCount('staff.login_failed')).toBe(before + 2);
  });

  it('logout ends the session; the bearer token then gets 401 session_invalid', async () => {
    const s = await loginAs(t, 'officer', 'T-A');
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(s.token) });
    expect(out.statusCode).toBe(204);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(s.token) });
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe('session_invalid');
  });

  it('a disabled account stops working at once; role/unit changes end sessions too', async () => {
    const admin = await loginAs(t, 'admin', 'T-A');
    const victim = await loginAs(t, 'officer', 'T-A');
    const other = await loginAs(t, 'officer', 'T-A');
    const unitB = await ensureUnit(t, 'T-B');
    const disable = await t.app.inject({ method: 'POST', url: `/api/v1/admin/staff/${victim.principal.id}/disable`, headers: bearer(admin.token) });
    expect(disable.statusCode).toBe(200);
    expect(disable.json().active).toBe(false);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(victim.token) });
    expect(me.statusCode).toBe(401);
    const relogin = await login({ username: victim.username, password: victim.password, totp: totpCode(victim.totpSecret, Date.now() + 30_000) });
    expect(relogin.statusCode).toBe(401);

    const move = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/staff/${other.principal.id}`,
      headers: bearer(admin.token),
      payload: { unitId: unitB },
    });
    expect(move.statusCode).toBe(200);
    expect(move.json().unitId).toBe(unitB);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(other.token) })).statusCode).toBe(401);
    expect(await auditCount('staff.disabled')).toBeGreaterThanOrEqual(1);
    expect(await auditCount('staff.role_unit_changed')).toBeGreaterThanOrEqual(1);
  });

  it('admin API refuses unknown roles and units with 400, and non-admins with 403', async () => {
    const admin = await loginAs(t, 'admin', 'T-A');
    const officer = await loginAs(t, 'officer', 'T-A');
    const badUnit = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/staff',
      headers: bearer(admin.token),
      payload: { username: 'new-person', role: 'officer', unitId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(badUnit.statusCode).toBe(400);
    expect(badUnit.json().error.details[0]).toMatchObject({ field: 'unitId', reason: 'unknown_unit' });
    const badRole = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/staff/${officer.principal.id}`,
      headers: bearer(admin.token),
      payload: { role: 'king' },
    });
    expect(badRole.statusCode).toBe(400);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/staff',
      headers: bearer(admin.token),
      payload: { username: 'new-person', role: 'officer', unitId: officer.principal.unitId },
    });
    expect(created.statusCode).toBe(201);
    // an invitation: the admin sees a one-time code, never a password or a TOTP secret
    expect(created.json().invitation.code).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(created.json()).not.toHaveProperty('password');
    expect(created.json()).not.toHaveProperty('totpSecret');
    const denied = await t.app.inject({ method: 'GET', url: '/api/v1/admin/staff', headers: bearer(officer.token) });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('forbidden');
  });

  it('a first login must change the password before anything else; the change ends every session', async () => {
    const a = await account({ mustChangePassword: true });
    const first = await login({ username: a.username, password: a.password, totp: totpCode(a.secret) });
    expect(first.statusCode).toBe(200);
    expect(first.json().passwordChangeRequired).toBe(true);
    const token = first.json().token;
    const blocked = await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp/enrolment', headers: bearer(token), payload: { password: a.password } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('password_change_required');
    const common = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: bearer(token), payload: { currentPassword: a.password, newPassword: 'qwerty123456' } });
    expect(common.statusCode).toBe(400);
    expect(common.json().error.details[0].reason).toBe('common');
    const short = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: bearer(token), payload: { currentPassword: a.password, newPassword: 'short' } });
    expect(short.json().error.details[0].reason).toBe('too_short');
    const changed = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: bearer(token), payload: { currentPassword: a.password, newPassword: 'a much better passphrase' } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().passwordChangeRequired).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) })).statusCode).toBe(401);
    const fresh = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(changed.json().token) });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json().mustChangePassword).toBe(false);
  });

  it('a stolen session cannot guess the password online: re-asked passwords share the login throttle', async () => {
    const s = await loginAs(t, 'officer', 'T-A');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp/enrolment', headers: bearer(s.token), payload: { password: `guess-number-${i}` } });
      statuses.push(r.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429]);
    // and the same counter guards the password change
    const change = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: bearer(s.token), payload: { currentPassword: s.password, newPassword: 'another fine passphrase' } });
    expect(change.statusCode).toBe(429);
    expect(change.json().error.code).toBe('rate_limited');
  });

  it('malformed and missing tokens, tampered cookies → 401 with stable codes, counted in metrics and not audited', async () => {
    const s = await loginAs(t, 'officer', 'T-A');
    const before = await auditCount('access.denied');
    const metrics = t.app.get(MetricsService);
    const counted = async () =>
      (await metrics.counterValue('tipline_unauthenticated_denials_total', { code: 'unauthenticated' })) +
      (await metrics.counterValue('tipline_unauthenticated_denials_total', { code: 'session_invalid' }));
    const countedBefore = await counted();
    const cases: [Record<string, string>, string][] = [
      [{}, 'unauthenticated'],
      [{ authorization: 'Bearer' }, 'session_invalid'],
      [{ authorization: 'Basic dXNlcjpwdw==' }, 'session_invalid'],
      [{ authorization: 'Bearer not-a-token' }, 'session_invalid'],
      [{ authorization: `Bearer ${s.token.slice(0, -1)}${s.token.endsWith('A') ? 'B' : 'A'}` }, 'session_invalid'],
      [{ cookie: `__Host-tipline_session=${s.token.slice(0, -2)}xx` }, 'session_invalid'],
      [{ cookie: '__Host-tipline_session=%00%ff;;==' }, 'session_invalid'],
    ];
    for (const [headers, code] of cases) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
      expect({ status: res.statusCode, code: res.json().error?.code }).toEqual({ status: 401, code });
    }
    // nobody authenticated, so nobody to audit: one client cannot fill the chained trail
    expect(await auditCount('access.denied')).toBe(before);
    expect(await counted()).toBe(countedBefore + cases.length);
    // a refused AUTHENTICATED request stays audited, as the staff member
    const forbidden = await t.app.inject({ method: 'GET', url: '/api/v1/admin/staff', headers: { authorization: `Bearer ${s.token}` } });
    expect(forbidden.statusCode).toBe(403);
    const [row] = await ds.query(`SELECT actor_type, actor_id FROM audit_events WHERE action = 'access.denied' ORDER BY seq DESC LIMIT 1`);
    expect(row).toEqual({ actor_type: 'staff', actor_id: s.principal.id });
  });

  it('login refuses cross-site form posts (login CSRF) and takes JSON from its own pages', async () => {
    const a = await account();
    const body = JSON.stringify({ username: a.username, password: a.password, totp: totpCode(a.secret) });
    const post = (headers: Record<string, string>, payload = body) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers, payload });
    const refused: [Record<string, string>, string, number, string][] = [
      [{ 'content-type': 'text/plain' }, body, 403, 'csrf_failed'],
      [{ 'content-type': 'application/x-www-form-urlencoded' }, `username=${a.username}`, 403, 'csrf_failed'],
      [{ 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }, body, 403, 'csrf_failed'],
      [{ 'content-type': 'application/json', origin: 'https://evil.example' }, body, 403, 'csrf_failed'],
    ];
    for (const [headers, payload, status, code] of refused) {
      const res = await post(headers, payload);
      expect({ headers, status: res.statusCode, code: res.json().error?.code, cookie: res.headers['set-cookie'] }).toEqual({ headers, status, code, cookie: undefined });
    }
    const ok = await post({ 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', origin: 'https://tipline.example', host: 'tipline.example' });
    expect(ok.statusCode).toBe(200);
  });

  it('cookie-authenticated writes need the CSRF header; bearer writes do not', async () => {
    const s = await loginAs(t, 'officer', 'T-A');
    const cookie = `__Host-tipline_session=${s.token}`;
    const read = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(read.statusCode).toBe(200);
    const noCsrf = await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp/enrolment', headers: { cookie }, payload: { password: s.password } });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('csrf_failed');
    const withCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/enrolment',
      headers: { cookie, 'x-csrf-token': s.csrfToken },
      payload: { password: s.password },
    });
    expect(withCsrf.statusCode).toBe(200);
    const withBearer = await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp/enrolment', headers: bearer(s.token), payload: { password: s.password } });
    expect(withBearer.statusCode).toBe(200);
  });

  it('TOTP enrolment renders a QR code server-side, needs a code from the new secret, and yields 10 one-time recovery codes', async () => {
    const s = await loginAs(t, 'supervisor', 'T-A');
    const begin = await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp/enrolment', headers: bearer(s.token), payload: { password: s.password } });
    expect(begin.statusCode).toBe(200);
    const { secret, qrCode, otpauthUrl } = begin.json();
    expect(qrCode).toMatch(/^data:image\/png;base64,/);
    expect(otpauthUrl).toContain(`secret=${secret}`);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp/enrolment/confirm', headers: bearer(s.token), payload: { totp: totpCode(s.totpSecret, Date.now() + 30_000) } });
    expect(wrong.statusCode).toBe(401);
    const confirm = await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp/enrolment/confirm', headers: bearer(s.token), payload: { totp: totpCode(secret, Date.now() + 30_000) } });
    expect(confirm.statusCode).toBe(200);
    const codes: string[] = confirm.json().recoveryCodes;
    expect(new Set(codes).size).toBe(10);
    const rows = await ds.query('SELECT code_hash FROM staff_recovery_codes WHERE staff_id = $1', [s.principal.id]);
    expect(rows).toHaveLength(10);
    expect(rows.map((r: { code_hash: string }) => r.code_hash)).not.toContain(codes[0]);
    const viaRecovery = await login({ username: s.username, password: s.password, recoveryCode: codes[0] });
    expect(viaRecovery.statusCode).toBe(200);
    const reused = await login({ username: s.username, password: s.password, recoveryCode: codes[0] });
    expect(reused.statusCode).toBe(401);
  });

  it('confirming a TOTP re-enrolment ends the account\'s other sessions and keeps the caller\'s', async () => {
    const s = await loginAs(t, 'officer', 'T-A');
    // another session of the same account (a device the new second factor should lock out)
    const other = newSessionToken();
    await ds.query(
      `INSERT INTO staff_sessions (token_hash, staff_id, purpose, expires_at) VALUES ($1, $2, 'full', now() + interval '1 hour')`,
      [hashSessionToken(other), s.principal.id],
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(other) })).statusCode).toBe(200);
    const begin = await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp/enrolment', headers: bearer(s.token), payload: { password: s.password } });
    const confirm = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/enrolment/confirm',
      headers: bearer(s.token),
      payload: { totp: totpCode(begin.json().secret, Date.now() + 30_000) },
    });
    expect(confirm.statusCode).toBe(200);
    const ended = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(other) });
    expect(ended.statusCode).toBe(401);
    expect(ended.json().error.code).toBe('session_invalid');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(s.token) })).statusCode).toBe(200);
  });

  it('two creations of one username at once: the second is a 409 conflict, not a 500', async () => {
    const a = await account();
    // the race, made deterministic: the second creation's existence check ran before the first committed
    jest.spyOn(t.app.get(StaffRepository), 'findByUsername').mockResolvedValueOnce(null);
    const again = t.app.get(StaffService).create(systemContext('test'), { username: a.username, role: 'officer', unitCode: 'T-A' });
    await expect(again).rejects.toMatchObject({ code: 'conflict', details: [{ field: 'username', reason: 'taken' }] });
  });

  it('a login whose password was checked just before a password change (or a disable) committed gets no session', async () => {
    const uow = t.app.get(UnitOfWork);
    for (const change of ['password', 'disable'] as const) {
      const a = await account();
      const original = uow.run.bind(uow);
      // The race, made deterministic: the password is verified, then another request changes the
      // password (or disables the account) and commits before the login's transaction begins.
      jest.spyOn(uow, 'run').mockImplementationOnce(async (work) => {
        if (change === 'password') {
          const other = await argon2.hash('another-long-password-42', { type: argon2.argon2id });
          await ds.query('UPDATE staff_accounts SET password_hash = $2 WHERE id = $1', [a.id, other]);
        } else {
          await ds.query('UPDATE staff_accounts SET active = false WHERE id = $1', [a.id]);
        }
        await ds.query('UPDATE staff_sessions SET revoked_at = now() WHERE staff_id = $1 AND revoked_at IS NULL', [a.id]);
        return original(work);
      });
      const res = await login({ username: a.username, password: a.password, totp: totpCode(a.secret) });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('invalid_credentials');
      const [open] = await ds.query('SELECT count(*)::int AS n FROM staff_sessions WHERE staff_id = $1 AND revoked_at IS NULL', [a.id]);
      expect(open.n).toBe(0);
    }
  });

  it('rehashes a password stored with other argon2 parameters at the next login', async () => {
    const a = await account();
    const weak = await argon2.hash(a.password, { type: argon2.argon2id, memoryCost: 8192, timeCost: 2, parallelism: 1 });
    await ds.query('UPDATE staff_accounts SET password_hash = $2 WHERE id = $1', [a.id, weak]);
    expect((await login({ username: a.username, password: a.password, totp: totpCode(a.secret) })).statusCode).toBe(200);
    const [row] = await ds.query('SELECT password_hash FROM staff_accounts WHERE id = $1', [a.id]);
    expect(parseArgon2Hash(row.password_hash)).toMatchObject({ algorithm: 'argon2id', memoryCost: ARGON2_PARAMS.memoryCost, timeCost: ARGON2_PARAMS.timeCost });
  });

  it('runs the same argon2id verification for an unknown username as for a wrong password (timing: bench/login-timing.ts)', async () => {
    const a = await account();
    const verify = jest.spyOn(hasher, 'verifyPassword');
    try {
      const hashesVerifiedBy = async (username: string) => {
        verify.mockClear();
        const res = await login({ username, password: 'wrong-password-123', totp: '000000' });
        expect(res.statusCode).toBe(401);
        return verify.mock.calls.map(([hash]) => {
          const p = parseArgon2Hash(hash as string);
          return { algorithm: p?.algorithm, memoryCost: p?.memoryCost, timeCost: p?.timeCost };
        });
      };
      const expected = [{ algorithm: 'argon2id', memoryCost: ARGON2_PARAMS.memoryCost, timeCost: ARGON2_PARAMS.timeCost }];
      expect(await hashesVerifiedBy(a.username)).toEqual(expected);
      expect(await hashesVerifiedBy(`nobody-${a.username}`)).toEqual(expected);
    } finally {
      verify.mockRestore();
    }
  });
});
