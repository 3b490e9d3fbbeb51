import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AbuseService } from '../../src/intake/abuse.service';
import { IntakeRepository } from '../../src/intake/intake.repository';
import { UnitOfWork } from '../../src/common/unit-of-work';
import { solveForTest } from '../../src/intake/proof-of-work';
import { UsedProofsScheduler } from '../../src/intake/used-proofs.scheduler';
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

  it('spent proofs are forgotten by their own scheduled job once expired, one instance at a time', async () => {
    const repo = t.app.get(IntakeRepository);
    const uow = t.app.get(UnitOfWork);
    const scheduler = t.app.get(UsedProofsScheduler);
    const now = new Date();
    const expired = Array.from({ length: 250 }, (_, i) => `expired-${i}-${now.getTime()}`);
    // 250 spends (more than the old every-200th clean-up) leave expired proofs in place: a tip's
    // transaction no longer deletes anything.
    for (const d of expired) await uow.run((m) => repo.spendProof(m, d, new Date(now.getTime() - 1000)));
    await uow.run((m) => repo.spendProof(m, `live-${now.getTime()}`, new Date(now.getTime() + 3_600_000)));
    const ds = t.app.get(DataSource);
    const count = async (prefix: string) => Number((await ds.query(`SELECT count(*) AS n FROM intake_used_proofs WHERE digest LIKE $1`, [`${prefix}%${now.getTime()}`]))[0].n);
    expect(await count('expired-')).toBe(250);

    // Another instance holds the lock: this one does nothing.
    const other = new Client({ connectionString: t.db.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(`SELECT pg_advisory_xact_lock(hashtext('tipline:used-proofs'))`);
      expect(await scheduler.runOnce(now)).toBeNull();
      expect(await count('expired-')).toBe(250);
    } finally {
      await other.query('ROLLBACK');
      await other.end();
    }

    expect(await scheduler.runOnce(now)).toBeGreaterThanOrEqual(250);
    expect(await count('expired-')).toBe(0);
    expect(await count('live-')).toBe(1);
  });
});
