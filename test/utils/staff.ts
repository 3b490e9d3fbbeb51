import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Role, StaffPrincipal } from '../../src/auth/auth.decorators';
import { systemContext } from '../../src/common/request-context';
import { StaffService } from '../../src/staff/staff.service';
import { generateTotpSecret, totpCode } from '../../src/staff/totp';
import { TestApp } from './test-app';

export interface LoggedIn {
  token: string;
  principal: StaffPrincipal;
  username: string;
  password: string;
  totpSecret: string;
  /** Send with cookie-authenticated writes (x-csrf-token). */
  csrfToken: string;
  expiresAt: string;
}

export interface LoginAsOptions {
  username?: string;
  displayName?: string;
  password?: string;
  /** Leave the account with a first-login session (may only change its password). */
  mustChangePassword?: boolean;
}

/** Bearer authorization header for `t.app.inject({ headers })`. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * Creates a staff account of `role` in the unit with `unitCode` (through StaffService, with a known
 * TOTP secret) and logs it in through POST /api/v1/auth/login. The unit must exist (reference data,
 * or `ensureUnit`). Each call makes a new account, so TOTP single use never gets in the way.
 */
export async function loginAs(t: TestApp, role: Role, unitCode: string, opts: LoginAsOptions = {}): Promise<LoggedIn> {
  const username = opts.username ?? `${role.replace('_', '')}-${randomBytes(4).toString('hex')}`;
  const password = opts.password ?? `pw-${randomBytes(12).toString('base64url')}`;
  const totpSecret = generateTotpSecret();
  await t.app.get(StaffService).create(systemContext('test'), {
    username,
    displayName: opts.displayName,
    role,
    unitCode,
    password,
    totpSecret,
    mustChangePassword: opts.mustChangePassword ?? false,
  });
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password, totp: totpCode(totpSecret) },
  });
  if (res.statusCode !== 200) throw new Error(`loginAs ${role}@${unitCode} failed: ${res.statusCode} ${res.body}`);
  const body = res.json() as { token: string; csrfToken: string; expiresAt: string };
  const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(body.token) });
  const view = me.json() as { id: string; username: string; role: Role; unitId: string };
  return {
    token: body.token,
    csrfToken: body.csrfToken,
    expiresAt: body.expiresAt,
    principal: { id: view.id, username: view.username, role: view.role, unitId: view.unitId, sessionId: '' },
    username,
    password,
    totpSecret,
  };
}

/**
 * Makes sure a unit with this code exists (inserting a minimal one, under `parentCode` if given)
 * and returns its id: for tests that must not depend on the reference data's unit codes.
 */
export async function ensureUnit(t: TestApp, code: string, opts: { parentCode?: string; kind?: string } = {}): Promise<string> {
  const ds = t.app.get(DataSource);
  const found: { id: string }[] = await ds.query('SELECT id FROM units WHERE code = $1', [code]);
  if (found.length) return found[0].id;
  const parentId = opts.parentCode ? await ensureUnit(t, opts.parentCode) : null;
  const rows: { id: string }[] = await ds.query(
    `INSERT INTO units (code, name, kind, parent_id, valid_from) VALUES ($1, $2, $3, $4, '2000-01-01') RETURNING id`,
    [code, `Test unit ${code}`, opts.kind ?? 'commune_police', parentId],
  );
  return rows[0].id;
}
