import { AbuseService } from '../../src/intake/abuse.service';
import { UnitOfWork } from '../../src/common/unit-of-work';
import { solveForTest } from '../../src/intake/proof-of-work';
import { createTestApp, TestApp } from '../utils/test-app';

describe('GET /api/v1/intake/challenge', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { INTAKE_POW_DIFFICULTY: '500', INTAKE_FORM_MIN_AGE_SECONDS: '0' } });
  });
  afterAll(() => t.close());

  it('hands out a signed, expiring challenge that is not cached', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/intake/challenge' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const c = res.json();
    expect(c.parameters).toMatchObject({ algorithm: 'SHA-256', cost: 1 });
    expect(c.parameters.expiresAt).toBeGreaterThan(Date.now() / 1000 + 3000);
    expect(typeof c.signature).toBe('string');
  });

  it('a solved challenge can be spent once only, and a rolled-back spend leaves it unspent', async () => {
    const abuse = t.app.get(AbuseService);
    const repo = t.app.get(UnitOfWork);
    const proof = await solveForTest((await t.app.inject({ method: 'GET', url: '/api/v1/intake/challenge' })).json());
    const checked = await abuse.checkProof(proof, 'en');
    await expect(
      repo.run(async (m) => {
        await abuse.spendProof(m, checked, 'en');
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await repo.run((m) => abuse.spendProof(m, checked, 'en'));
    await expect(repo.run((m) => abuse.spendProof(m, checked, 'vi'))).rejects.toMatchObject({
      details: [{ field: 'proof', reason: 'proof_used', message: expect.stringContaining('đã được gửi') }],
    });
  });
});
