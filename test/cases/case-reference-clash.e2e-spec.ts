import { DataSource } from 'typeorm';
import * as references from '../../src/cases/case-reference';
import { createTestApp, TestApp } from '../utils/test-app';
import { FAST_PROOF_ENV, validTip } from '../intake/intake-helpers';

/**
 * A case is inserted without a look-up first (ON CONFLICT DO NOTHING on the unique reference):
 * a reference that is already taken is skipped and another drawn, inside the same transaction.
 */
describe('a new case whose drawn reference is already taken', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: FAST_PROOF_ENV });
  });
  afterAll(() => t.close());

  it('gets another reference, and the tip and its case are stored once', async () => {
    const ds = t.app.get(DataSource);
    const first = await t.app.inject({ method: 'POST', url: '/api/v1/tips', remoteAddress: '192.0.2.10', payload: await validTip(t) });
    expect(first.statusCode).toBe(201);
    const taken: string = first.json().reference;
    const draw = jest.spyOn(references, 'newCaseReference').mockReturnValueOnce(taken).mockReturnValueOnce(taken);
    try {
      const second = await t.app.inject({ method: 'POST', url: '/api/v1/tips', remoteAddress: '192.0.2.11', payload: await validTip(t) });
      expect(second.statusCode).toBe(201);
      const fresh: string = second.json().reference;
      expect(fresh).not.toBe(taken);
      expect(fresh).toMatch(references.CASE_REFERENCE_PATTERN);
      expect(draw).toHaveBeenCalledTimes(3);
      const rows: { reference: string; tips: number }[] = await ds.query(
        `SELECT c.reference, (SELECT count(*)::int FROM tips WHERE case_id = c.id) AS tips FROM cases c WHERE c.reference = ANY($1::text[]) ORDER BY c.reference`,
        [[taken, fresh]],
      );
      expect(rows.map((r) => r.tips)).toEqual([1, 1]);
      expect(rows.map((r) => r.reference).sort()).toEqual([taken, fresh].sort());
    } finally {
      draw.mockRestore();
    }
  });
});
