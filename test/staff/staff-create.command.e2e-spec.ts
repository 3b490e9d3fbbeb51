import { StaffCreateCommand } from '../../src/staff/staff-create.command';
import { StaffService } from '../../src/staff/staff.service';
import { totpCode } from '../../src/staff/totp';
import { ensureUnit } from '../utils/staff';
import { createTestApp, TestApp } from '../utils/test-app';

describe('staff:create', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await ensureUnit(t, 'CLI-U');
  });
  afterAll(() => t.close());

  async function run(options: Record<string, unknown>): Promise<{ out: string; err: string; exitCode: number | undefined }> {
    let out = '';
    let err = '';
    const o = jest.spyOn(process.stdout, 'write').mockImplementation((c) => ((out += String(c)), true));
    const e = jest.spyOn(process.stderr, 'write').mockImplementation((c) => ((err += String(c)), true));
    const before = process.exitCode;
    try {
      await new StaffCreateCommand(t.app.get(StaffService)).run([], options);
      return { out, err, exitCode: process.exitCode as number | undefined };
    } finally {
      o.mockRestore();
      e.mockRestore();
      process.exitCode = before;
    }
  }
  const login = (payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload });

  it('--json prints exactly { username, password, totpSecret, recoveryCodes }; the password must be changed at first login', async () => {
    const { out } = await run({ username: 'First.Admin', role: 'admin', unit: 'CLI-U', json: true });
    const printed = JSON.parse(out);
    expect(Object.keys(printed)).toEqual(['username', 'password', 'totpSecret', 'recoveryCodes']);
    expect(new Set(printed.recoveryCodes).size).toBe(10);
    expect(printed.username).toBe('first.admin');
    const res = await login({ username: printed.username, password: printed.password, totp: totpCode(printed.totpSecret) });
    expect(res.statusCode).toBe(200);
    expect(res.json().passwordChangeRequired).toBe(true);
    const other = await t.app.inject({ method: 'GET', url: '/api/v1/admin/staff', headers: { authorization: `Bearer ${res.json().token}` } });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('password_change_required');
  });

  it('--no-change-required gives a full session at first login', async () => {
    const { out } = await run({ username: 'scripted', role: 'officer', unit: 'CLI-U', json: true, changeRequired: false });
    const printed = JSON.parse(out);
    const res = await login({ username: printed.username, password: printed.password, totp: totpCode(printed.totpSecret) });
    expect(res.json().passwordChangeRequired).toBe(false);
  });

  it('refuses unknown roles, unknown units and missing options with a clear message and a non-zero exit', async () => {
    const role = await run({ username: 'someone', role: 'king', unit: 'CLI-U' });
    expect(role.exitCode).toBe(1);
    expect(role.err).toContain('role');
    const unit = await run({ username: 'someone', role: 'officer', unit: 'NOPE' });
    expect(unit.exitCode).toBe(1);
    expect(unit.err).toContain('No unit has this code');
    const missing = await run({ username: 'someone' });
    expect(missing.exitCode).toBe(2);
    expect(missing.err).toContain('--role');
    expect(missing.out).toBe('');
  });
});
