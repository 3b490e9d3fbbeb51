import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Role, ROLES } from '../../src/auth/auth.decorators';
import { registeredRoutes } from '../../src/staff/route-registry';
import { bearer, ensureUnit, loginAs, LoggedIn } from '../utils/staff';
import { openTestCaseIn } from '../utils/cases';
import { CryptoService } from '../../src/crypto/crypto.service';
import { TipEntity } from '../../src/tips/tip.entity';
import { TipPhotoEntity } from '../../src/tips/tip-photo.entity';
import { photoAad, tipAad, TipsRepository } from '../../src/tips/tips.repository';
import { createTestApp, TestApp } from '../utils/test-app';
import { MatrixIds, ROUTE_ACCESS, RouteAccess } from './route-access';

/**
 * Every registered route × {each role in its own unit, each role in another unit (case- and
 * hotspot-scoped routes get a case or hotspot of unit A), no session,
 * idle-expired session, absolutely-expired session}. Expected access comes from route-access.ts;
 * a route without an entry fails the first test.
 */
describe('authorization matrix', () => {
  let t: TestApp;
  let routes: { method: string; url: string; key: string; access: RouteAccess | undefined }[];
  const inA = new Map<Role, LoggedIn>();
  const inB = new Map<Role, LoggedIn>();
  let caseA: { caseId: string; reference: string };
  let ids: MatrixIds;
  let unitBId: string;
  let hotspotA: string;
  let idleExpired: LoggedIn;
  let absoluteExpired: LoggedIn;

  beforeAll(async () => {
    t = await createTestApp();
    await ensureUnit(t, 'MX-P', { kind: 'provincial_police' });
    const unitA = await ensureUnit(t, 'MX-A', { parentCode: 'MX-P' });
    unitBId = await ensureUnit(t, 'MX-B', { parentCode: 'MX-P' });
    for (const role of ROLES) {
      inA.set(role, await loginAs(t, role, 'MX-A'));
      inB.set(role, await loginAs(t, role, 'MX-B'));
    }
    const ds = t.app.get(DataSource);
    // unit A's case with a tip and a photo: the child routes are tried with these real ids
    const crypto = t.app.get(CryptoService);
    const tips = t.app.get(TipsRepository);
    let photoId = '';
    caseA = await ds.transaction(async (m) => {
      const opened = await openTestCaseIn(t, m, unitA);
      const tip = Object.assign(new TipEntity(), {
        id: randomUUID(), caseId: opened.caseId, channel: 'web', category: 'dealing_point', localityCode: '00001', observedAt: new Date(),
        details: null, placeDescription: null, coordinates: null, localPoliceInvolved: false, receiptHash: null, createdAt: new Date(),
      });
      tip.narrative = await crypto.encrypt(m, opened.dataKeyId, tipAad(tip.id, 'narrative'), 'matrix tip');
      await tips.insertTip(opened.scoped, m, tip);
      const photo = Object.assign(new TipPhotoEntity(), { id: randomUUID(), tipId: tip.id, mime: 'image/png', width: 1, height: 1, bytes: 3 });
      photo.content = await crypto.encrypt(m, opened.dataKeyId, photoAad(photo.id), Buffer.from([1, 2, 3]));
      await tips.insertPhoto(opened.scoped, m, photo);
      photoId = photo.id;
      return opened;
    });
    const hs = await t.app.inject({
      method: 'POST',
      url: '/api/v1/hotspots',
      headers: bearer(inA.get('officer')!.token),
      payload: { localityCode: '00001', description: 'Matrix hotspot' },
    });
    expect(hs.statusCode).toBe(201);
    hotspotA = hs.json().id;
    ids = { caseId: caseA.caseId, caseVersion: 1, hotspotId: hotspotA, photoId, officerId: inA.get('officer')!.principal.id };
    idleExpired = await loginAs(t, 'officer', 'MX-A');
    absoluteExpired = await loginAs(t, 'officer', 'MX-A');
    await ds.query(`UPDATE staff_sessions s SET last_seen_at = now() - interval '31 minutes' FROM staff_accounts a WHERE a.id = s.staff_id AND a.username = $1`, [idleExpired.username]);
    await ds.query(`UPDATE staff_sessions s SET expires_at = now() - interval '1 second' FROM staff_accounts a WHERE a.id = s.staff_id AND a.username = $1`, [absoluteExpired.username]);

    routes = registeredRoutes(t.app.getHttpAdapter().getInstance())
      .map((r) => ({ ...r, key: `${r.method} ${r.url}`, access: ROUTE_ACCESS[`${r.method} ${r.url}`] }))
      // logout ends the caller's session: check it last
      .sort((a, b) => Number(!!(a.access && 'endsSession' in a.access && a.access.endsSession)) - Number(!!(b.access && 'endsSession' in b.access && b.access.endsSession)));
  }, 240_000);

  afterAll(() => t.close());

  function urlFor(url: string, access: RouteAccess | undefined): string {
    const scope = access && !access.public ? access.scope : undefined;
    return url
      .replace(/:(id|caseId)\b/g, () => (scope === 'hotspot' ? hotspotA : scope === 'case' || url.includes(':caseId') ? caseA.caseId : randomUUID()))
      .replace(/:photoId\b/g, ids.photoId)
      .replace(/:code\b/g, 'NO-SUCH-CODE')
      .replace(/:[A-Za-z]+/g, () => randomUUID())
      .replace(/\*/g, 'x');
  }
  function send(method: string, url: string, headers: Record<string, string> = {}, access?: RouteAccess) {
    const hasBody = !['GET', 'HEAD', 'OPTIONS', 'DELETE'].includes(method);
    const payload = access && !access.public && access.body ? access.body(ids) : {};
    return t.app.inject({ method: method as 'GET', url, headers, ...(hasBody ? { payload } : {}) });
  }
  type Res = { statusCode: number; body: string; headers: Record<string, unknown> };
  /**
   * The status and error code of an answer. The staff console (/console) answers with pages, not
   * the JSON body: a missing or ended session is a 303 to its sign-in page (reason=required for
   * no session, expired/ended for a dead one), a first-login session a 303 to the password change,
   * other refusals an HTML page with the status.
   */
  function outcome(res: Res): { status: number; code: string | undefined } {
    const type = String(res.headers['content-type'] ?? '');
    if (type.startsWith('application/json')) return { status: res.statusCode, code: (JSON.parse(res.body) as { error?: { code?: string } }).error?.code };
    const location = String(res.headers.location ?? '');
    if (res.statusCode === 303 && location.startsWith('/console/sign-in')) {
      return { status: 401, code: /[?&]reason=required\b/.test(location) ? 'unauthenticated' : 'session_invalid' };
    }
    if (res.statusCode === 303 && location.startsWith('/console/password')) return { status: 403, code: 'password_change_required' };
    if (type.startsWith('text/html') && res.statusCode === 403) return { status: 403, code: 'forbidden' };
    if (type.startsWith('text/html') && res.statusCode === 404) return { status: 404, code: 'not_found' };
    return { status: res.statusCode, code: undefined };
  }
  /** A denial says who may not, and nothing else: no data, no ids, no case reference. */
  function expectBareDenial(res: Res, statuses: number[], what: string) {
    const status = outcome(res).status;
    expect({ what, status: statuses.includes(status) ? 'expected' : status }).toEqual({ what, status: 'expected' });
    if (String(res.headers['content-type'] ?? '').startsWith('application/json')) {
      const body = JSON.parse(res.body) as Record<string, unknown>;
      expect(Object.keys(body)).toEqual(['error']);
      expect(Object.keys(body.error as object).sort()).toEqual(expect.arrayContaining(['code', 'message']));
    }
    expect(res.body).not.toContain(caseA.caseId);
    expect(res.body).not.toContain(caseA.reference);
    expect(res.body).not.toContain(hotspotA);
  }

  it('has an access entry for every registered route, and no entry for a route that does not exist', () => {
    expect(routes.length).toBeGreaterThan(20);
    const missing = routes.filter((r) => !r.access).map((r) => r.key);
    expect(missing).toEqual([]);
    const registered = new Set(routes.map((r) => r.key));
    expect(Object.keys(ROUTE_ACCESS).filter((k) => !registered.has(k))).toEqual([]);
  });

  it('public routes answer anonymous callers without 401/403/500', async () => {
    for (const r of routes.filter((x) => x.access?.public && !('signed' in x.access && x.access.signed))) {
      const res = await send(r.method, urlFor(r.url, r.access));
      expect({ route: r.key, refused: [401, 403, 500].includes(outcome(res).status) ? res.statusCode : false }).toEqual({ route: r.key, refused: false });
    }
  });

  it('signed channel routes refuse an unsigned call with a bare 401 and a channel code, session or not', async () => {
    const signed = routes.filter((x) => x.access?.public && 'signed' in x.access && x.access.signed);
    expect(signed.length).toBeGreaterThan(0);
    for (const r of signed) {
      for (const headers of [{}, bearer(inA.get('hotline_operator')!.token), bearer(inA.get('admin')!.token)]) {
        const res = await send(r.method, urlFor(r.url, r.access), headers);
        expect({ route: r.key, code: JSON.parse(res.body).error?.code }).toEqual({ route: r.key, code: expect.stringMatching(/^(channel_auth_failed|signature_invalid)$/) });
        expectBareDenial(res, [401], r.key);
      }
    }
  });

  it('staff routes refuse a missing, malformed, idle-expired or absolutely-expired session with 401', async () => {
    for (const r of routes.filter((x) => x.access && !x.access.public)) {
      const url = urlFor(r.url, r.access);
      const none = await send(r.method, url);
      expect({ route: r.key, code: outcome(none).code }).toEqual({ route: r.key, code: 'unauthenticated' });
      expectBareDenial(none, [401], r.key);
      for (const [label, headers] of [
        ['malformed', { authorization: 'Bearer x' }],
        ['idle', bearer(idleExpired.token)],
        ['absolute', bearer(absoluteExpired.token)],
      ] as const) {
        const res = await send(r.method, url, headers);
        expect({ route: r.key, label, code: outcome(res).code }).toEqual({ route: r.key, label, code: 'session_invalid' });
        expectBareDenial(res, [401], `${r.key} ${label}`);
      }
    }
  });

  it('each role gets exactly its routes; unit-scoped routes refuse the same role from another unit', async () => {
    const outcomes: string[] = [];
    for (const r of routes.filter((x) => x.access && !x.access.public)) {
      const access = r.access as Exclude<RouteAccess, { public: true }>;
      for (const role of ROLES) {
        const allowed = access.roles.includes(role);
        // another unit first: the own-unit call may change the case (close, transfer...)
        if (access.scope) {
          const other = await send(r.method, urlFor(r.url, access), bearer(inB.get(role)!.token), access);
          if (allowed) {
            // real ids of unit A's case (its photo, its hotspot) and a valid body: refused by scope alone, 404 like a missing case
            expectBareDenial(other, r.method === 'GET' || access.body ? [404] : [400, 403, 404], `${r.key} as ${role} of another unit`);
          } else {
            expect({ route: r.key, role, code: outcome(other).code }).toEqual({ route: r.key, role, code: 'forbidden' });
          }
        }
        if (access.endsSession) continue; // checked below, once per role
        const own = await send(r.method, urlFor(r.url, access), bearer(inA.get(role)!.token), access);
        outcomes.push(`${r.key} ${role} ${own.statusCode}`);
        if (allowed) {
          expect({ route: r.key, role, status: own.statusCode, body: [401, 403, 500].includes(outcome(own).status) ? own.body : '' }).toEqual({
            route: r.key,
            role,
            status: own.statusCode,
            body: '',
          });
        } else {
          expect({ route: r.key, role, code: outcome(own).code }).toEqual({ route: r.key, role, code: 'forbidden' });
          expectBareDenial(own, [403], `${r.key} as ${role}`);
        }
      }
    }
    expect(outcomes.length).toBeGreaterThan(0);
    // about 700 requests, many of them real audited writes: minutes on a loaded shared machine
  }, 300_000);

  it('a cross-unit read of a case by id is refused for every role, and audited', async () => {
    const ds = t.app.get(DataSource);
    for (const role of ROLES) {
      const res = await send('GET', `/api/v1/cases/${caseA.caseId}`, bearer(inB.get(role)!.token));
      expectBareDenial(res, [403, 404], `GET case as ${role} of another unit`);
    }
    const denied = await ds.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'access.denied'`);
    expect(denied[0].n).toBeGreaterThan(0);
    // the scoped 404s (the repository found no case in the caller's units) are denials too
    const scoped404 = await ds.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'access.denied' AND target_type = 'case' AND target_id = $1 AND actor_id = $2`,
      [caseA.caseId, inB.get('officer')!.principal.id],
    );
    expect(scoped404[0].n).toBeGreaterThan(0);
    // the case's own unit can read it
    const own = await send('GET', `/api/v1/cases/${caseA.caseId}`, bearer(inA.get('officer')!.token));
    expect(own.statusCode).toBe(200);
    // a supervisor of the parent unit reads its subtree; an auditor or admin reads no case content
    const sup = await loginAs(t, 'supervisor', 'MX-P');
    expect((await send('GET', `/api/v1/cases/${caseA.caseId}`, bearer(sup.token))).statusCode).toBe(200);
    expect((await send('GET', `/api/v1/cases/${caseA.caseId}`, bearer(inA.get('auditor')!.token))).statusCode).toBe(403);
    expect((await send('GET', `/api/v1/cases/${caseA.caseId}`, bearer(inA.get('admin')!.token))).statusCode).toBe(403);
  });

  it('every child of another unit’s case, reached with its real ids, is a 404 and an audited denial', async () => {
    const ds = t.app.get(DataSource);
    const b = inB.get('officer')!;
    const caseB = await ds.transaction((m) => openTestCaseIn(t, m, unitBId));
    const hsB = (await t.app.inject({ method: 'POST', url: '/api/v1/hotspots', headers: bearer(b.token), payload: { localityCode: '00001', description: 'B hotspot' } })).json().id;
    const before = (await ds.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'access.denied' AND target_id = $1`, [caseA.caseId]))[0].n;
    const messagesBefore = (await ds.query(`SELECT count(*)::int AS n FROM case_messages WHERE case_id = $1`, [caseA.caseId]))[0].n;
    const tries: [string, string, string, object | undefined][] = [
      ['the case view (tips, timeline, messages)', 'GET', `/api/v1/cases/${caseA.caseId}`, undefined],
      ['a photo of its tip', 'GET', `/api/v1/cases/${caseA.caseId}/photos/${ids.photoId}`, undefined],
      ['a message to its tipster', 'POST', `/api/v1/cases/${caseA.caseId}/messages`, { body: 'x', visibility: 'tipster' }],
      ['a note', 'POST', `/api/v1/cases/${caseA.caseId}/messages`, { body: 'x', visibility: 'internal' }],
      ['an action on it', 'POST', `/api/v1/cases/${caseA.caseId}/acknowledge`, { version: 1 }],
      ['a link of it to its hotspot', 'POST', `/api/v1/cases/${caseA.caseId}/link`, { version: 1, hotspotId: hotspotA }],
      ['its hotspot', 'GET', `/api/v1/hotspots/${hotspotA}`, undefined],
      ['its hotspot’s status', 'POST', `/api/v1/hotspots/${hotspotA}/status`, { status: 'verified' }],
      ['a link of an own case to its hotspot', 'POST', `/api/v1/cases/${caseB.caseId}/link`, { version: 1, hotspotId: hotspotA }],
      ['a link of an own case to it as the original', 'POST', `/api/v1/cases/${caseB.caseId}/link`, { version: 1, duplicateOf: caseA.caseId }],
      ['an own hotspot’s status naming it', 'POST', `/api/v1/hotspots/${hsB}/status`, { status: 'verified', caseId: caseA.caseId }],
    ];
    for (const [what, method, url, payload] of tries) {
      const res = await t.app.inject({ method: method as 'GET', url, headers: bearer(b.token), ...(payload ? { payload } : {}) });
      expectBareDenial(res, [404], what);
    }
    // the reads and writes on the case itself (view, photo, messages, action, link) are audited denials naming it
    const after = (await ds.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'access.denied' AND target_id = $1`, [caseA.caseId]))[0].n;
    expect(after - before).toBe(6);
    // and nothing was written to it
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM case_messages WHERE case_id = $1`, [caseA.caseId]);
    expect(n).toBe(messagesBefore);
  });

  it('logout works for every role (and ends only that session)', async () => {
    const logout = routes.find((r) => r.key === 'POST /api/v1/auth/logout');
    expect(logout).toBeDefined();
    for (const role of ROLES) {
      const s = inB.get(role)!;
      expect((await send('POST', '/api/v1/auth/logout', bearer(s.token))).statusCode).toBe(204);
      expect((await send('GET', '/api/v1/auth/me', bearer(s.token))).statusCode).toBe(401);
      expect((await send('GET', '/api/v1/auth/me', bearer(inA.get(role)!.token))).statusCode).toBe(200);
    }
  });
});
