import { DataSource } from 'typeorm';
import { MetricsService } from '../../src/metrics/metrics.service';
import { systemContext } from '../../src/common/request-context';
import { StaffService } from '../../src/staff/staff.service';
import { totpCode } from '../../src/staff/totp';
import { ensureUnit } from '../utils/staff';
import { createTestApp, TestApp } from '../utils/test-app';

describe('login throttling', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await ensureUnit(t, 'T-A');
  });
  afterAll(() => t.close());

  const login = (payload: Record<string, unknown>, remoteAddress: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload, remoteAddress });

  it('delays an account after 5 failures, from any address, whether or not it exists', async () => {
    const real = await t.app.get(StaffService).create(systemContext('test'), { username: 'throttled-user', role: 'officer', unitCode: 'T-A', mustChangePassword: false });
    for (const username of ['ghost-user', 'throttled-user']) {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        statuses.push((await login({ username, password: 'wrong-password-123', totp: '000000' }, `10.0.${username.length}.${i + 1}`)).statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429]);
    }
    // while delayed, even the right credentials are refused
    const right = await login({ username: 'throttled-user', password: real.password, totp: totpCode(real.totpSecret) }, '10.1.1.1');
    expect(right.statusCode).toBe(429);
    expect(right.json().error.code).toBe('rate_limited');
    expect(right.json().error.details.retryAfterSeconds).toBeGreaterThan(0);
    // every throttled attempt is counted in metrics (3: one for the unknown name, two for the
    // real account) and writes no audit row (one client could otherwise fill the chained trail)
    expect(await t.app.get(MetricsService).counterValue('tipline_login_throttled_total', { by: 'account' })).toBe(3);
    const throttled = await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'staff.login_throttled'`);
    expect(throttled).toEqual([{ n: 0 }]);
  });

  it('concurrent guesses cannot outrun the counter: of 12 at once for one account, at most 5 are verified', async () => {
    await t.app.get(StaffService).create(systemContext('test'), { username: 'burst-user', role: 'officer', unitCode: 'T-A', mustChangePassword: false });
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => login({ username: 'burst-user', password: `wrong-password-${i}`, totp: '000000' }, `10.9.0.${i + 1}`)),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });

  it('delays a client address after 20 failures across usernames; the address is never stored or logged', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      expect((await login({ username: `someone-${i}`, password: 'wrong-password-123', totp: '000000' }, '198.51.100.77')).statusCode).toBe(401);
    }
    for (let i = 20; i < 22; i++) {
      statuses.push((await login({ username: `someone-${i}`, password: 'wrong-password-123', totp: '000000' }, '198.51.100.77')).statusCode);
    }
    expect(statuses).toEqual([401, 429]);
    expect((await login({ username: 'someone-new', password: 'wrong-password-123', totp: '000000' }, '198.51.100.78')).statusCode).toBe(401);
    expect(t.logs.text).not.toContain('198.51.100');
    const ds = t.app.get(DataSource);
    for (const table of ['audit_events', 'staff_accounts', 'staff_sessions']) {
      const rows = await ds.query(`SELECT count(*)::int AS n FROM ${table} x WHERE x::text LIKE '%198.51.100%'`);
      expect(rows[0].n).toBe(0);
    }
  });

  it('LOGIN_CLIENT_FREE_FAILURES=0 turns the per-address counter off (behind a reverse proxy); the per-username one stays', async () => {
    const proxied = await createTestApp({ env: { LOGIN_CLIENT_FREE_FAILURES: '0' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 25; i++) {
        const r = await proxied.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: `proxied-${i}`, password: 'wrong-password-123', totp: '000000' }, remoteAddress: '192.0.2.10' });
        statuses.push(r.statusCode);
      }
      expect(statuses.every((s) => s === 401)).toBe(true);
      const same: number[] = [];
      for (let i = 0; i < 7; i++) {
        const r = await proxied.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'proxied-same', password: 'wrong-password-123', totp: '000000' }, remoteAddress: '192.0.2.10' });
        same.push(r.statusCode);
      }
      expect(same).toEqual([401, 401, 401, 401, 401, 401, 429]);
    } finally {
      await proxied.close();
    }
  });
});
