import { DataSource } from 'typeorm';
import { bearer, ensureUnit, loginAs, LoggedIn } from '../utils/staff';
import { createTestApp, TestApp } from '../utils/test-app';
import { FAST_PROOF_ENV, validTip } from '../intake/intake-helpers';

/**
 * A hotline operator files tips (POST /api/v1/tips with their session) and sees only what they
 * filed today; another staff member using the public form with a session stays anonymous.
 */
describe('hotline operator', () => {
  let t: TestApp;
  let op: LoggedIn;
  let otherOp: LoggedIn;
  let officer: LoggedIn;

  beforeAll(async () => {
    t = await createTestApp({ env: FAST_PROOF_ENV });
    await ensureUnit(t, 'HL-A');
    op = await loginAs(t, 'hotline_operator', 'HL-A');
    otherOp = await loginAs(t, 'hotline_operator', 'HL-A');
    officer = await loginAs(t, 'officer', 'HL-A');
  });
  afterAll(() => t.close());

  const file = async (headers: Record<string, string>) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/tips', payload: await validTip(t), headers });
    expect(res.statusCode).toBe(201);
    return res.json().reference as string;
  };
  const filedToday = (who: LoggedIn) => t.app.inject({ method: 'GET', url: '/api/v1/cases/filed-today', headers: bearer(who.token) });

  it('lists the references the operator filed today, and nobody else’s', async () => {
    const mine = [await file(bearer(op.token)), await file(bearer(op.token))];
    const theirs = await file(bearer(otherOp.token));
    const anonymous = await file({});

    const res = await filedToday(op);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { reference: string; category: string; filedAt: string }[];
    expect(items.map((i) => i.reference).sort()).toEqual([...mine].sort());
    expect(res.body).not.toContain(theirs);
    expect(res.body).not.toContain(anonymous);
    expect(res.body).not.toContain('ma túy'); // never the narrative
    expect(Object.keys(items[0]).sort()).toEqual(['category', 'filedAt', 'localityCode', 'reference']);
    expect((await filedToday(otherOp)).json().items.map((i: { reference: string }) => i.reference)).toEqual([theirs]);

    // the operator is the actor of the filing in the audit trail
    const ds = t.app.get(DataSource);
    const [ev] = await ds.query(
      `SELECT a.actor_type, a.actor_id FROM audit_events a JOIN cases c ON c.id::text = a.target_id WHERE a.action = 'case.opened' AND c.reference = $1`,
      [mine[0]],
    );
    expect(ev).toEqual({ actor_type: 'staff', actor_id: op.principal.id });
  });

  it('yesterday’s filings are not listed', async () => {
    const ref = await file(bearer(op.token));
    const ds = t.app.get(DataSource);
    await ds.query(`UPDATE case_events e SET at = now() - interval '2 days' FROM cases c WHERE c.id = e.case_id AND c.reference = $1`, [ref]);
    expect((await filedToday(op)).body).not.toContain(ref);
  });

  it('an officer using the public form with a session stays anonymous', async () => {
    const ref = await file(bearer(officer.token));
    const ds = t.app.get(DataSource);
    const rows: { actor_type: string; actor_id: string | null }[] = await ds.query(
      `SELECT a.actor_type, a.actor_id FROM audit_events a WHERE a.action IN ('case.opened', 'tip.submitted')
          AND a.target_id IN (SELECT c.id::text FROM cases c WHERE c.reference = $1 UNION SELECT t.id::text FROM tips t JOIN cases c ON c.id = t.case_id WHERE c.reference = $1)`,
      [ref],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r).toEqual({ actor_type: 'tipster', actor_id: null });
    const events = await ds.query(`SELECT e.actor_id FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.reference = $1`, [ref]);
    expect(events).toEqual([{ actor_id: null }]);
  });

  const actorsOf = async (ref: string) =>
    t.app.get(DataSource).query(
      `SELECT a.actor_type, a.actor_id FROM audit_events a JOIN cases c ON c.id::text = a.target_id WHERE a.action = 'case.opened' AND c.reference = $1`,
      [ref],
    );

  it('a session cookie counts on a public route only with the CSRF proof (no cross-site filing in an operator’s name)', async () => {
    const cookie = `__Host-tipline_session=${op.token}`;
    // a cross-site form post carries the cookie but cannot carry the header: filed anonymously
    const crossSite = await file({ cookie });
    expect(await actorsOf(crossSite)).toEqual([{ actor_type: 'tipster', actor_id: null }]);
    expect((await filedToday(op)).body).not.toContain(crossSite);
    // the console's own request echoes the CSRF token: filed as the operator
    const own = await file({ cookie, 'x-csrf-token': op.csrfToken });
    expect(await actorsOf(own)).toEqual([{ actor_type: 'staff', actor_id: op.principal.id }]);
    // a wrong proof is no proof
    const forged = await file({ cookie, 'x-csrf-token': 'x'.repeat(op.csrfToken.length) });
    expect(await actorsOf(forged)).toEqual([{ actor_type: 'tipster', actor_id: null }]);
  });

  it('a session that cannot be read on a public route is a 503, never an anonymous tip', async () => {
    const ds = t.app.get(DataSource);
    const count = async () => (await ds.query(`SELECT count(*)::int AS n FROM cases`))[0].n as number;
    const before = await count();
    const payload = await validTip(t);
    await ds.query('ALTER TABLE staff_sessions RENAME TO staff_sessions_unreadable');
    let res;
    try {
      res = await t.app.inject({ method: 'POST', url: '/api/v1/tips', payload, headers: bearer(op.token) });
    } finally {
      await ds.query('ALTER TABLE staff_sessions_unreadable RENAME TO staff_sessions');
    }
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('service_unavailable');
    expect(await count()).toBe(before);
    // without any session the same tip is simply anonymous
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/tips', payload: await validTip(t) })).statusCode).toBe(201);
  });

  it('an operator reads no unit’s cases and other roles may not list filings', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: bearer(op.token) })).statusCode).toBe(403);
    expect((await filedToday(officer)).statusCode).toBe(403);
  });
});
