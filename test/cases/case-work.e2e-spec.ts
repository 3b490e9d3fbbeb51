import { DataSource } from 'typeorm';
import { AuditService } from '../../src/audit/audit.service';
import { CasesService } from '../../src/cases/cases.service';
import { CryptoService } from '../../src/crypto/crypto.service';
import { photoAad, tipAad, TipsRepository } from '../../src/tips/tips.repository';
import { TipEntity } from '../../src/tips/tip.entity';
import { TipPhotoEntity } from '../../src/tips/tip-photo.entity';
import { randomUUID } from 'node:crypto';
import type { CategoryCode } from '../../src/categories/category-codes';
import { openTestCase, openTestCaseIn, withCaseVersion } from '../utils/cases';
import { createTestApp, TestApp } from '../utils/test-app';
import { bearer, ensureUnit, loginAs, LoggedIn } from '../utils/staff';

describe('case work through the API', () => {
  let t: TestApp;
  let unitA: string;
  let unitB: string;
  let officer: LoggedIn;
  let officer2: LoggedIn;
  let lead: LoggedIn;
  let otherOfficer: LoggedIn;

  const openCase = (unitId: string, localityCode = '00001', category: CategoryCode = 'dealing_point') => openTestCase(t, unitId, { localityCode, category });
  const post = async (who: LoggedIn, url: string, payload: object = {}) =>
    t.app.inject({ method: 'POST', url, headers: bearer(who.token), payload: await withCaseVersion(t, url, payload) });
  const get = (who: LoggedIn, url: string) => t.app.inject({ method: 'GET', url, headers: bearer(who.token) });

  beforeAll(async () => {
    // New cases' acknowledge target is 24 h: a 4-hour at-risk window keeps a fresh case "on time".
    t = await createTestApp({ env: { CLOCK_AT_RISK_HOURS: '4' } });
    unitA = await ensureUnit(t, 'TEST-CA-A');
    unitB = await ensureUnit(t, 'TEST-CA-B');
    officer = await loginAs(t, 'officer', 'TEST-CA-A');
    officer2 = await loginAs(t, 'officer', 'TEST-CA-A');
    lead = await loginAs(t, 'unit_lead', 'TEST-CA-A');
    otherOfficer = await loginAs(t, 'officer', 'TEST-CA-B');
  });
  afterAll(async () => {
    await t.close();
  });

  it('walks a case through the transition table, refuses illegal moves with 409, audits each step', async () => {
    const { caseId, reference } = await openCase(unitA);
    expect(reference).toMatch(/^TL-/);
    const base = `/api/v1/cases/${caseId}`;
    expect((await post(officer, `${base}/acknowledge`)).statusCode).toBe(200);
    const bad = await post(officer, `${base}/close`, { outcome: 'substantiated' });
    expect(bad.statusCode).toBe(409);
    expect(bad.json().error.code).toBe('invalid_transition');
    const illegal = await post(officer, `${base}/acknowledge`);
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json().error.details.allowed).toEqual(['verify', 'close', 'transfer', 'assign']);
    expect((await post(officer, `${base}/verify`)).statusCode).toBe(200);
    expect((await post(officer, `${base}/action`, { actionTaken: 'hotspot_dismantled' })).statusCode).toBe(200);
    const closed = await post(officer, `${base}/close`, { outcome: 'substantiated' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', outcome: 'substantiated', actionTaken: 'hotspot_dismantled', deadlineState: 'none' });
    expect((await post(officer, `${base}/reopen`, { reason: '  ' })).statusCode).toBe(400);
    expect((await post(officer, `${base}/reopen`, { reason: 'new tip about the same place' })).json().status).toBe('acknowledged');

    const view = await get(officer, base);
    expect(view.statusCode).toBe(200);
    const types = view.json().timeline.map((e: { type: string }) => e.type);
    expect(types).toEqual(['opened', 'acknowledged', 'verification_started', 'actioned', 'closed', 'reopened']);
    expect(view.json().timeline[5].reason).toBe('new tip about the same place');
    const audit: { action: string }[] = await t.app
      .get(DataSource)
      .query(`SELECT action FROM audit_events WHERE target_id = $1 ORDER BY seq`, [caseId]);
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['case.opened', 'case.acknowledged', 'case.verification_started', 'case.actioned', 'case.closed', 'case.reopened', 'case.viewed']),
    );
  });

  it('hides other units’ cases as 404 and stale versions get 409', async () => {
    const { caseId } = await openCase(unitA);
    expect((await get(otherOfficer, `/api/v1/cases/${caseId}`)).statusCode).toBe(404);
    expect((await post(otherOfficer, `/api/v1/cases/${caseId}/acknowledge`)).statusCode).toBe(404);
    expect((await get(officer, `/api/v1/cases/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
    const stale = await post(officer, `/api/v1/cases/${caseId}/acknowledge`, { version: 7 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    const queueB = await get(otherOfficer, '/api/v1/cases');
    expect(queueB.json().items.map((i: { id: string }) => i.id)).not.toContain(caseId);
  });

  it('answers many concurrent out-of-scope requests with 404 and audits each (no second connection held per request)', async () => {
    const { caseId } = await openCase(unitA);
    const denied = async () => (await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'access.denied' AND target_id = $1`, [caseId]))[0].n;
    // More requests than the pool has connections (10): each used to hold one and wait for another.
    const res = await Promise.all(Array.from({ length: 14 }, (_, i) => (i % 2 ? get(otherOfficer, `/api/v1/cases/${caseId}`) : post(otherOfficer, `/api/v1/cases/${caseId}/acknowledge`))));
    expect(res.map((r) => r.statusCode)).toEqual(Array(14).fill(404));
    expect(await denied()).toBe(14);
  }, 30_000);

  it('lets one officer claim a case; others get 409 until the lead breaks the lock', async () => {
    const { caseId } = await openCase(unitA);
    const base = `/api/v1/cases/${caseId}`;
    expect((await post(officer, `${base}/claim`)).json().claimedBy).toBe(officer.principal.id);
    const blocked = await post(officer2, `${base}/acknowledge`);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.code).toBe('case_claimed');
    expect((await post(officer2, `${base}/release`)).statusCode).toBe(409);
    expect((await post(officer, `${base}/break-lock`)).statusCode).toBe(403);
    expect((await post(lead, `${base}/break-lock`)).statusCode).toBe(200);
    expect((await post(officer2, `${base}/acknowledge`)).statusCode).toBe(200);
  });

  it('renews the writer\'s own claim when they write a message, and only theirs', async () => {
    const { caseId } = await openCase(unitA);
    const base = `/api/v1/cases/${caseId}`;
    expect((await post(officer, `${base}/claim`)).statusCode).toBe(200);
    const ds = t.app.get(DataSource);
    // the claim is about to lapse...
    await ds.query(`UPDATE cases SET claimed_until = now() + interval '1 minute' WHERE id = $1`, [caseId]);
    expect((await post(officer, `${base}/messages`, { body: 'note for the file', visibility: 'internal' })).statusCode).toBe(201);
    const [after] = await ds.query(`SELECT claimed_by, extract(epoch FROM claimed_until - now())::int AS left_s FROM cases WHERE id = $1`, [caseId]);
    // ...and writing kept it for another full claim period (15 minutes by default)
    expect(after.claimed_by).toBe(officer.principal.id);
    expect(after.left_s).toBeGreaterThan(14 * 60);
    // another officer of the unit may not write while it is held
    expect((await post(officer2, `${base}/messages`, { body: 'me too', visibility: 'internal' })).statusCode).toBe(409);
  });

  it('links a duplicate to its original, never to itself or to another duplicate (no cycles)', async () => {
    const a = await openCase(unitA);
    const b = await openCase(unitA);
    expect((await post(officer, `/api/v1/cases/${a.caseId}/link`, { duplicateOf: a.caseId })).statusCode).toBe(400);
    const linked = await post(officer, `/api/v1/cases/${b.caseId}/link`, { duplicateOf: a.caseId });
    expect(linked.statusCode).toBe(200);
    const back = await post(officer, `/api/v1/cases/${a.caseId}/link`, { duplicateOf: b.caseId });
    expect(back.statusCode).toBe(400);
    expect(back.json().error.details[0]).toMatchObject({ field: 'duplicateOf', reason: 'is_duplicate' });
    const [row] = await t.app.get(DataSource).query('SELECT duplicate_of FROM cases WHERE id = $1', [a.caseId]);
    expect(row.duplicate_of).toBeNull();
  });

  it('keeps internal notes from the tipster and marks tipster replies as waiting', async () => {
    const { caseId } = await openCase(unitA);
    const base = `/api/v1/cases/${caseId}`;
    expect((await post(officer, `${base}/messages`, { body: 'Which entrance?', visibility: 'tipster' })).statusCode).toBe(201);
    expect((await post(officer, `${base}/messages`, { body: 'Informant X mentioned', visibility: 'internal' })).statusCode).toBe(201);
    expect((await post(officer, `${base}/messages`, { body: '   ', visibility: 'internal' })).statusCode).toBe(400);
    const cases = t.app.get(CasesService);
    await cases.addTipsterMessage({ requestId: 'r', actor: { type: 'tipster' } }, caseId, 'The back one');
    const tv = await cases.tipsterView(caseId, 'en');
    expect(tv.messages.map((m) => m.body)).toEqual(['Which entrance?', 'The back one']);
    expect(JSON.stringify(tv)).not.toContain('Informant');
    const row = (await get(officer, base)).json();
    expect(row.replyWaiting).toBe(true);
    expect(row.messages).toHaveLength(3);
    const stored: { body: Buffer }[] = await t.app.get(DataSource).query('SELECT body FROM case_messages WHERE case_id = $1', [caseId]);
    for (const s of stored) expect(s.body.toString('latin1')).not.toContain('Informant');
  });

  it('transfers with a reason: the receiving unit sees the case, the sender loses it', async () => {
    const { caseId } = await openCase(unitA);
    const base = `/api/v1/cases/${caseId}`;
    expect((await post(officer, `${base}/transfer`, { unitId: unitB, reason: 'wrong commune' })).statusCode).toBe(403);
    expect((await post(lead, `${base}/transfer`, { unitId: unitB, reason: '' })).statusCode).toBe(400);
    // A unit that was dissolved (valid_to in the past) takes no cases.
    const gone = await ensureUnit(t, 'TEST-CA-GONE');
    await t.app.get(DataSource).query(`UPDATE units SET valid_to = '2001-01-01' WHERE id = $1`, [gone]);
    const refused = await post(lead, `${base}/transfer`, { unitId: gone, reason: 'wrong commune' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0]).toMatchObject({ field: 'unitId' });
    expect((await post(lead, `${base}/transfer`, { unitId: unitB, reason: 'wrong commune' })).statusCode).toBe(200);
    expect((await get(lead, base)).statusCode).toBe(404);
    expect((await get(otherOfficer, base)).json()).toMatchObject({ unitId: unitB, status: 'new' });
  });

  it('marks a new case about the same commune and category as possibly related', async () => {
    const first = await openCase(unitA, '99901', 'trafficking');
    const second = await openCase(unitA, '99901', 'trafficking');
    const page = (await get(officer, '/api/v1/cases?possiblyRelated=true&limit=200')).json();
    const ids = page.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(second.caseId);
    expect(ids).not.toContain(first.caseId);
    const tv = await t.app.get(CasesService).tipsterView(second.caseId);
    expect(JSON.stringify(tv)).not.toMatch(/related/i);
  });

  it('shows each queue row with its place name, age, deadline and state, sorted by the nearest deadline', async () => {
    const { caseId } = await openCase(unitA, '00004', 'production');
    const page = (await get(officer, '/api/v1/cases?category=production&limit=200')).json();
    const row = page.items.find((i: { id: string }) => i.id === caseId);
    expect(row).toMatchObject({ localityCode: '00004', place: 'Phường Ba Đình', status: 'new', deadlineState: 'on_time', assignee: null });
    expect(row.ageSeconds).toBeGreaterThanOrEqual(0);
    expect(Date.parse(row.nextDeadlineAt) - Date.now()).toBeGreaterThan(23 * 3600_000);
    const all = (await get(officer, '/api/v1/cases?limit=200')).json().items.map((i: { nextDeadlineAt: string }) => i.nextDeadlineAt);
    expect([...all].sort()).toEqual(all);
  });

  it('pages the queue with a keyset cursor, without repeats', async () => {
    for (let i = 0; i < 5; i++) await openCase(unitA);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/cases?limit=2&sort=age${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await get(officer, url);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      for (const item of body.items) {
        expect(item).not.toHaveProperty('narrative');
        seen.push(item.id);
      }
      cursor = body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect((await get(officer, '/api/v1/cases?cursor=garbage')).statusCode).toBe(400);
  });

  it('shows the decrypted tip and its photo in the case view, audits both reads, and never in the queue', async () => {
    const ds = t.app.get(DataSource);
    const crypto = t.app.get(CryptoService);
    const { caseId, photoId } = await ds.transaction(async (m) => {
      const opened = await openTestCaseIn(t, m, unitA, { localityCode: '00002', priority: 'high' });
      const { dataKeyId } = opened;
      const tip = Object.assign(new TipEntity(), {
        id: randomUUID(), caseId: opened.caseId, channel: 'web', category: 'dealing_point', localityCode: '00002', observedAt: new Date(),
        details: null, placeDescription: null, coordinates: null, localPoliceInvolved: false, receiptHash: null, createdAt: new Date(),
      });
      tip.narrative = await crypto.encrypt(m, dataKeyId, tipAad(tip.id, 'narrative'), 'CANARY-NARRATIVE sold behind the market');
      await t.app.get(TipsRepository).insertTip(opened.scoped, m, tip);
      const photo = Object.assign(new TipPhotoEntity(), { id: randomUUID(), tipId: tip.id, mime: 'image/png', width: 1, height: 1, bytes: 3 });
      photo.content = await crypto.encrypt(m, dataKeyId, photoAad(photo.id), Buffer.from([1, 2, 3]));
      await t.app.get(TipsRepository).insertPhoto(opened.scoped, m, photo);
      return { caseId: opened.caseId, photoId: photo.id };
    });
    const view = (await get(officer, `/api/v1/cases/${caseId}`)).json();
    expect(view.tips[0].narrative).toBe('CANARY-NARRATIVE sold behind the market');
    expect(view.tips[0].photos[0].id).toBe(photoId);
    const img = await get(officer, `/api/v1/cases/${caseId}/photos/${photoId}`);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect([...img.rawPayload]).toEqual([1, 2, 3]);
    expect((await get(otherOfficer, `/api/v1/cases/${caseId}/photos/${photoId}`)).statusCode).toBe(404);
    const queue = await get(officer, '/api/v1/cases?limit=200');
    expect(queue.body).not.toContain('CANARY-NARRATIVE');
    expect(t.logs.text).not.toContain('CANARY-NARRATIVE');
    const audit: { action: string }[] = await ds.query(`SELECT action FROM audit_events WHERE target_id = $1`, [caseId]);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['case.viewed', 'case.photo_viewed']));
  });

  it('writes nothing when the audit write fails', async () => {
    const { caseId } = await openCase(unitA);
    const audit = t.app.get(AuditService);
    const spy = jest.spyOn(audit, 'record').mockRejectedValueOnce(new Error('audit down'));
    try {
      expect((await post(officer, `/api/v1/cases/${caseId}/acknowledge`)).statusCode).toBe(500);
    } finally {
      spy.mockRestore();
    }
    const rows: { status: string; version: number }[] = await t.app.get(DataSource).query('SELECT status, version FROM cases WHERE id = $1', [caseId]);
    expect(rows[0]).toEqual({ status: 'new', version: 1 });
    const events: unknown[] = await t.app.get(DataSource).query(`SELECT 1 FROM case_events WHERE case_id = $1 AND type = 'acknowledged'`, [caseId]);
    expect(events).toHaveLength(0);
  });

  it('requires the version on every state-changing action: missing is a 400, stale a 409 with the current version', async () => {
    const { caseId } = await openCase(unitA);
    const base = `/api/v1/cases/${caseId}`;
    for (const [action, body] of [['claim', {}], ['acknowledge', {}], ['close', { outcome: 'spam' }], ['assign', { assigneeId: null }]] as const) {
      const who = action === 'assign' ? lead : officer;
      const missing = await t.app.inject({ method: 'POST', url: `${base}/${action}`, headers: bearer(who.token), payload: body });
      expect({ action, status: missing.statusCode, field: missing.json().error.details?.[0]?.field }).toEqual({ action, status: 400, field: 'version' });
    }
    expect((await post(officer, `${base}/acknowledge`, { version: 1 })).json().version).toBe(2);
    const stale = await post(officer, `${base}/verify`, { version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'version_conflict', details: { currentVersion: 2 } });
    const [{ status }] = await t.app.get(DataSource).query('SELECT status FROM cases WHERE id = $1', [caseId]);
    expect(status).toBe('acknowledged');
  });

  it('flags "possibly related" only from what the receiving unit may see (not another unit’s cases or hotspots in the commune)', async () => {
    const flag = async (id: string) => (await t.app.get(DataSource).query('SELECT possibly_related FROM cases WHERE id = $1', [id]))[0].possibly_related;
    await openCase(unitB, '00004', 'precursors');
    expect((await post(otherOfficer, '/api/v1/hotspots', { localityCode: '00004', description: 'unit B only' })).statusCode).toBe(201);
    const a1 = await openCase(unitA, '00004', 'precursors');
    expect(await flag(a1.caseId)).toBe(false);
    // the receiving unit's own open case of the same commune and category does count
    const a2 = await openCase(unitA, '00004', 'precursors');
    expect(await flag(a2.caseId)).toBe(true);
    // and so does its own hotspot in the commune, whatever the category
    expect((await post(officer, '/api/v1/hotspots', { localityCode: '00004', description: 'unit A' })).statusCode).toBe(201);
    const a3 = await openCase(unitA, '00004', 'treatment_referral');
    expect(await flag(a3.caseId)).toBe(true);
  });

  it('answers a deadline filter outside the years PostgreSQL compares with a 400, not a 500', async () => {
    for (const v of ['-271821-04-20T00:00:00Z', '+275760-09-13T00:00:00Z', '0000-01-01T00:00:00Z', 'tomorrow']) {
      const res = await get(officer, `/api/v1/cases?deadlineBefore=${encodeURIComponent(v)}`);
      expect({ v, status: res.statusCode, field: res.json().error?.details?.[0]?.field }).toEqual({ v, status: 400, field: 'deadlineBefore' });
    }
    expect((await get(officer, `/api/v1/cases?deadlineBefore=${encodeURIComponent('2999-01-01T00:00:00Z')}`)).statusCode).toBe(200);
  });

  it('gives a supervisor whose unit (and subtree) has ended a clear 403 on every case and hotspot route, never a 500', async () => {
    const ended = await ensureUnit(t, 'TEST-CA-ENDED');
    const sup = await loginAs(t, 'supervisor', 'TEST-CA-ENDED');
    await t.app.get(DataSource).query(`UPDATE units SET valid_to = '2020-12-31' WHERE id = $1`, [ended]);
    const { caseId } = await openCase(unitA);
    for (const url of ['/api/v1/cases', `/api/v1/cases/${caseId}`, `/api/v1/cases/${caseId}/photos/${caseId}`, '/api/v1/hotspots', `/api/v1/hotspots/${caseId}`]) {
      const res = await get(sup, url);
      expect({ url, status: res.statusCode, code: res.json().error?.code, reason: res.json().error?.details?.reason }).toEqual({ url, status: 403, code: 'forbidden', reason: 'unit_ended' });
    }
  });

  it('documents each action with its own request schema and example in /docs-json', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs-json' })).json();
    const schemas: Record<string, { properties?: Record<string, { example?: unknown }>; required?: string[] }> = doc.components.schemas;
    const seen = new Set<string>();
    for (const name of ['claim', 'release', 'break-lock', 'acknowledge', 'verify', 'action', 'close', 'reopen', 'transfer', 'assign', 'link', 'messages']) {
      const op = doc.paths[`/api/v1/cases/{id}/${name}`]?.post;
      const ref: string | undefined = op?.requestBody?.content?.['application/json']?.schema?.$ref;
      expect({ name, ref: typeof ref }).toEqual({ name, ref: 'string' });
      const schemaName = ref!.split('/').pop()!;
      seen.add(schemaName);
      const props = schemas[schemaName].properties ?? {};
      expect({ name, props: Object.keys(props).length > 0 }).toEqual({ name, props: true });
      for (const [field, p] of Object.entries(props)) expect({ name, field, example: p.example !== undefined }).toEqual({ name, field, example: true });
      if (name !== 'messages') expect({ name, required: schemas[schemaName].required }).toEqual({ name, required: expect.arrayContaining(['version']) });
    }
    expect(seen.size).toBe(12);
    // every case and hotspot operation documents its response
    const ops = Object.entries(doc.paths as Record<string, Record<string, { responses?: Record<string, { content?: unknown }> }>>)
      .filter(([path]) => path.startsWith('/api/v1/cases') || path.startsWith('/api/v1/hotspots'))
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ op: `${method.toUpperCase()} ${path}`, documented: Object.values(op.responses ?? {}).some((r) => !!r.content) })));
    expect(ops.length).toBeGreaterThanOrEqual(20);
    expect(ops.filter((o) => !o.documented)).toEqual([]);
  });
});
