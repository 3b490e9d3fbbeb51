import { DataSource } from 'typeorm';
import { QUEUE_SORTS } from '../../src/cases/case-queue';
import { openTestCase } from '../utils/cases';
import { bearer, ensureUnit, loginAs, LoggedIn } from '../utils/staff';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * Keyset paging both ways: walking the queue forward with `cursor=<nextCursor>` and then back
 * with `before=<prevCursor>` gives the same pages, for every sort. The unit's cases include ties
 * (same deadline, same created_at, same priority) and cases with no deadline, so the id
 * tie-break and the deadline sort's COALESCE(…, 'infinity') are both on the path.
 */
describe('queue paging forward and back', () => {
  let t: TestApp;
  let officer: LoggedIn;
  const ids: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    const unitId = await ensureUnit(t, 'TEST-QP-A');
    officer = await loginAs(t, 'officer', 'TEST-QP-A');
    const priorities = ['urgent', 'high', 'normal', 'low'] as const;
    for (let i = 0; i < 9; i++) ids.push((await openTestCase(t, unitId, { priority: priorities[i % 4] })).caseId);
    const ds = t.app.get(DataSource);
    // Ties: three cases share a deadline and a creation time; two have no deadline at all.
    await ds.query(`UPDATE cases SET next_deadline_at = '2030-01-01T00:00:00Z', created_at = '2026-01-01T00:00:00Z' WHERE id = ANY($1::uuid[])`, [ids.slice(0, 3)]);
    await ds.query(`UPDATE cases SET next_deadline_at = NULL WHERE id = ANY($1::uuid[])`, [ids.slice(3, 5)]);
  });
  afterAll(async () => {
    await t.close();
  });

  const page = async (url: string) => {
    const res = await t.app.inject({ method: 'GET', url, headers: bearer(officer.token) });
    expect(res.statusCode).toBe(200);
    return res.json() as { items: { id: string }[]; nextCursor: string | null; prevCursor: string | null };
  };

  it.each(QUEUE_SORTS)('sort=%s: the pages walked back with before=prevCursor are the pages walked forward', async (sort) => {
    const base = `/api/v1/cases?sort=${sort}&limit=2`;
    const forward: string[][] = [];
    let body = await page(base);
    expect(body.prevCursor).toBeNull();
    forward.push(body.items.map((i) => i.id));
    while (body.nextCursor) {
      body = await page(`${base}&cursor=${body.nextCursor}`);
      forward.push(body.items.map((i) => i.id));
    }
    expect(forward.flat().sort()).toEqual([...ids].sort());
    expect(forward.length).toBe(5);

    const backward: string[][] = [forward[forward.length - 1]];
    while (body.prevCursor) {
      body = await page(`${base}&before=${body.prevCursor}`);
      backward.unshift(body.items.map((i) => i.id));
    }
    expect(backward).toEqual(forward);
    // The first page, reached backwards, says there is nothing before it but a page after it.
    expect(body.prevCursor).toBeNull();
    expect(body.nextCursor).not.toBeNull();
  });
});
