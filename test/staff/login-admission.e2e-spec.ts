import { systemContext } from '../../src/common/request-context';
import { AuthService } from '../../src/staff/auth.service';
import * as hasher from '../../src/staff/password-hasher';
import { StaffService } from '../../src/staff/staff.service';
import { totpCode } from '../../src/staff/totp';
import { ensureUnit } from '../utils/staff';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * Staff login's argon2 verification goes through the hash admission gate tipsters' receipt
 * look-ups use: one client's flood of logins cannot queue password hashes in front of others.
 * Deterministic: the flood's verification is held on a promise until the rest has been answered.
 */
describe('staff login under the hash admission gate', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { HASH_CONCURRENCY_PER_CLIENT: '1', HASH_POOL_CONCURRENCY: '2', HASH_POOL_QUEUE: '2' } });
    await ensureUnit(t, 'T-A');
  });
  afterAll(() => t.close());

  const login = (payload: Record<string, unknown>, remoteAddress: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload, remoteAddress });

  it('refuses a client with a verification in flight at once (429 + Retry-After) while another client logs in', async () => {
    const officer = await t.app.get(StaffService).create(systemContext('test'), { username: 'gate-officer', role: 'officer', unitCode: 'T-A', mustChangePassword: false });
    const real = hasher.verifyPassword;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let heldCalls = 0;
    let reached!: () => void;
    const heldReached = new Promise<void>((resolve) => (reached = resolve));
    const verify = jest.spyOn(hasher, 'verifyPassword').mockImplementation(async (hash: string, password: string) => {
      if (password.startsWith('flood-')) {
        heldCalls += 1;
        reached();
        await held;
      }
      return real(hash, password);
    });
    try {
      const FLOOD = 10;
      let answered = 0;
      let allButOne!: () => void;
      const refusedAll = new Promise<void>((resolve) => (allButOne = resolve));
      const flood = Array.from({ length: FLOOD }, (_, i) =>
        login({ username: i % 2 ? 'gate-officer' : `nobody-${i}`, password: `flood-${i}-password`, totp: '000000' }, '203.0.113.50').then((r) => {
          answered += 1;
          if (answered === FLOOD - 1) allButOne();
          return r;
        }),
      );
      // Every request but the one whose verification is held is answered without waiting for it.
      await Promise.all([refusedAll, heldReached]);
      expect(heldCalls).toBe(1);
      // Meanwhile another client's login goes through (its verification is not queued behind the flood).
      const other = await login({ username: 'gate-officer', password: officer.password, totp: totpCode(officer.totpSecret) }, '203.0.113.51');
      expect(other.statusCode).toBe(200);
      expect(answered).toBe(FLOOD - 1);
      release();
      const answers = await Promise.all(flood);
      const refused = answers.filter((r) => r.statusCode === 429);
      expect(refused).toHaveLength(FLOOD - 1);
      for (const r of refused) {
        expect(r.json().error.code).toBe('rate_limited');
        expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      }
      expect(answers.filter((r) => r.statusCode === 401)).toHaveLength(1);
      expect(t.app.get(AuthService)['limits'].hashGate.stats()).toEqual({ running: 0, waiting: 0, clients: 0 });
    } finally {
      release();
      verify.mockRestore();
    }
  });
});
