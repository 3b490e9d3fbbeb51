import { DataSource } from 'typeorm';
import { CATEGORY_CODES } from '../../src/categories/category-codes';
import { RoutingService } from '../../src/routing/routing.service';
import { UnitsService } from '../../src/units/units.service';
import { createTestApp, TestApp } from '../utils/test-app';
import { bearer, loginAs } from '../utils/staff';

/** Routing through the app: the DB-loaded snapshot, the explain endpoint, the admin API. */
describe('routing (service, explain, admin)', () => {
  let t: TestApp;
  let ds: DataSource;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp({ env: { ROUTING_CACHE_CHECK_MS: '0' } });
    ds = t.app.get(DataSource);
    admin = (await loginAs(t, 'admin', 'TRIAGE-VN')).token;
  });
  afterAll(async () => {
    await t.close();
  });

  const explain = (query: string, token = admin) =>
    t.app.inject({ method: 'GET', url: `/api/v1/admin/routing/explain?${query}`, headers: bearer(token) });
  const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, payload, headers: bearer(admin) });
  const count = async (table: string) => (await ds.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

  it('routes every Bắc Ninh commune and every category through RoutingService from the database', async () => {
    const routing = t.app.get(RoutingService);
    const communes: { code: string }[] = await ds.query(`SELECT code FROM localities WHERE parent_code = '24' AND level = 'commune' AND valid_from = '2025-07-01'`);
    expect(communes).toHaveLength(99);
    for (const { code } of communes)
      for (const category of CATEGORY_CODES) {
        const d = await routing.route({ category, localityCode: code, observedAt: new Date('2025-09-01T08:00:00+07:00'), localPoliceInvolved: false });
        const want = ['use_hotspot', 'dealing_point', 'treatment_referral'].includes(category) ? `CA-24-${code}`
          : category === 'official_misconduct' ? 'TTR-24' : category === 'other' ? 'TRIAGE-24' : 'PC04-24';
        expect([code, category, d.unit.code]).toEqual([code, category, want]);
        expect(d.reason.rule).not.toBeNull();
      }
  });

  it('answers a date before the data with 422 naming `at`, not a 5xx', async () => {
    const res = await explain('category=use_hotspot&locality=07210&at=1899-12-31');
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'unit_not_in_force', field: 'at', message: 'Không có đơn vị hoặc quy tắc phân tuyến nào có hiệu lực vào ngày này.' });
  });

  it('explains a decision to admins and auditors only', async () => {
    const res = await explain('category=use_hotspot&locality=07210&at=2025-06-30');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.unit).toMatchObject({ code: 'CA-L24-07210', kind: 'commune_police' });
    expect(body.reason.place.version).toMatchObject({ code: '07210', fullName: 'Phường Hoàng Văn Thụ' });
    const coi = await explain('category=use_hotspot&locality=07210&at=2025-08-01&localPoliceInvolved=true');
    expect(coi.json().unit.code).toBe('TRIAGE-24');
    expect(coi.json().reason.conflictOfInterest.excluded).toContain('CA-24-07210');
    const auditor = await loginAs(t, 'auditor', 'TRIAGE-VN');
    expect((await explain('category=other', auditor.token)).statusCode).toBe(200);
    const officer = await loginAs(t, 'officer', 'TRIAGE-VN');
    expect((await explain('category=other', officer.token)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/routing/explain?category=other' })).statusCode).toBe(401);
  });

  it.each([
    ['category=nope', 'category'],
    ['category=other&locality=abc', 'locality'],
    ['category=other&at=2025-13-01', 'at'],
    ['category=other&localPoliceInvolved=yes', 'localPoliceInvolved'],
  ])('explain rejects %s with 400', async (q, field) => {
    const res = await explain(q);
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().error.details)).toContain(field);
  });

  it('rejects bad configuration with 422 and a reason, writing nothing', async () => {
    const before = [await count('units'), await count('unit_coverage'), await count('routing_rules'), await count('audit_events')];
    const cases: [string, object, string][] = [
      ['/api/v1/admin/units', { code: 'X-1', name: 'Unit X', kind: 'triage', parentCode: 'NOPE', validFrom: '2025-07-01' }, 'unknown_reference'],
      ['/api/v1/admin/units/CAT-24/change', { parentCode: 'PC04-24' }, 'unit_cycle'],
      ['/api/v1/admin/units/CAT-24/change', { parentCode: 'CAT-24' }, 'unit_cycle'],
      ['/api/v1/admin/units/CA-24-07210/coverage', { localityCode: '99999', validFrom: '2025-07-01' }, 'unknown_reference'],
      ['/api/v1/admin/units/TRIAGE-24/change', { validTo: '2026-12-31' }, 'unit_not_in_force'],
      ['/api/v1/admin/units/CA-24-07210/change', { validTo: '2026-12-31' }, 'unit_not_in_force'],
      ['/api/v1/admin/units/CA-24-07228/coverage', { localityCode: '07210', validFrom: '2025-08-01' }, 'overlapping_period'],
      ['/api/v1/admin/units/CA-24-07210/coverage', { localityCode: '07210', validFrom: '2025-01-01', validTo: '2025-08-01' }, 'unknown_reference'],
      ['/api/v1/admin/units/CA-L24-07210/coverage', { localityCode: '07213', validFrom: '2025-01-01', validTo: '2025-12-31' }, 'unknown_reference'],
      ['/api/v1/admin/routing/rules', { category: 'other', scopeLevel: 'province', scopeCode: '24', target: { unitCode: 'TRIAGE-L24' }, priority: 'low', validFrom: '2025-07-01' }, 'unit_not_in_force'],
      ['/api/v1/admin/routing/rules', { category: 'other', scopeLevel: 'province', scopeCode: '24', target: { unitCode: 'NOPE' }, priority: 'low', validFrom: '2025-07-01' }, 'unknown_reference'],
      ['/api/v1/admin/routing/rules', { category: 'other', scopeLevel: 'national', target: { coveringKind: 'triage' }, priority: 'low', validFrom: '2026-01-01' }, 'overlapping_period'],
      ['/api/v1/admin/routing/rules', { category: 'other', scopeLevel: 'commune', scopeCode: '77777', target: { coveringKind: 'triage' }, priority: 'low', validFrom: '2026-01-01' }, 'unknown_reference'],
    ];
    for (const [url, payload, code] of cases) {
      const res = await post(url, payload);
      expect([url, res.statusCode, res.json().error?.code]).toEqual([url, 422, code]);
      expect(res.json().error.message.length).toBeGreaterThan(10);
    }
    const bad: [string, object][] = [
      ['/api/v1/admin/units', { code: 'x', name: 'U', kind: 'nope', validFrom: '2025-07-01' }],
      ['/api/v1/admin/units', { code: 'X-2', name: 'Unit X', kind: 'triage', validFrom: '2025-07-01', validTo: '2025-06-01' }],
      ['/api/v1/admin/routing/rules', { category: 'other', scopeLevel: 'national', target: { unitCode: 'TRIAGE-VN', coveringKind: 'triage' }, priority: 'low', validFrom: '2026-01-01' }],
      ['/api/v1/admin/routing/rules', { category: 'other', scopeLevel: 'province', target: { coveringKind: 'triage' }, priority: 'low', validFrom: '2026-01-01' }],
    ];
    for (const [url, payload] of bad) expect((await post(url, payload)).statusCode).toBe(400);
    expect([await count('units'), await count('unit_coverage'), await count('routing_rules'), await count('audit_events')]).toEqual(before);
  });

  it('applies an effective-dated rule change at once, keeps history and audits it', async () => {
    const audits = await count('audit_events');
    const created = await post('/api/v1/admin/routing/rules', {
      category: 'use_hotspot', scopeLevel: 'province', scopeCode: '24', target: { unitCode: 'PC04-24' },
      notify: [{ coveringKind: 'commune_police' }], priority: 'high', validFrom: '2026-01-01', description: 'test',
    });
    expect(created.statusCode).toBe(201);
    const rule = created.json();
    expect((await explain('category=use_hotspot&locality=07210&at=2025-12-31')).json().unit.code).toBe('CA-24-07210');
    const after = (await explain('category=use_hotspot&locality=07210&at=2026-01-02')).json();
    expect(after.unit.code).toBe('PC04-24');
    expect(after.notify.map((n: { code: string }) => n.code)).toEqual(['CA-24-07210']);
    expect(after.ruleId).toBe(rule.id);

    const replaced = await post(`/api/v1/admin/routing/rules/${rule.id}/replace`, {
      category: 'use_hotspot', scopeLevel: 'province', scopeCode: '24', target: { unitCode: 'TRIAGE-24' }, priority: 'normal', validFrom: '2026-03-01',
    });
    expect(replaced.statusCode).toBe(201);
    expect(replaced.json().replacesId).toBe(rule.id);
    const [old] = await ds.query(`SELECT to_char(valid_to, 'YYYY-MM-DD') AS "validTo" FROM routing_rules WHERE id = $1`, [rule.id]);
    expect(old.validTo).toBe('2026-02-28');
    expect((await explain('category=use_hotspot&locality=07210&at=2026-02-01')).json().unit.code).toBe('PC04-24');
    expect((await explain('category=use_hotspot&locality=07210&at=2026-03-01')).json().unit.code).toBe('TRIAGE-24');
    const actions = await ds.query(`SELECT action FROM audit_events ORDER BY seq DESC LIMIT 2`);
    expect(actions.map((a: { action: string }) => a.action).sort()).toEqual(['routing_rule.changed', 'routing_rule.created']);
    expect(await count('audit_events')).toBe(audits + 2);
  });

  it('creates units and coverage, and routes to them; another instance notices through routing_state', async () => {
    const u = await post('/api/v1/admin/units', { code: 'CA-24-TEST', name: 'Công an thử', kind: 'district_police', parentCode: 'CAT-24', validFrom: '2026-06-01' });
    expect(u.statusCode).toBe(201);
    const c = await post('/api/v1/admin/units/CA-24-TEST/coverage', { localityCode: '07210', validFrom: '2026-06-01' });
    expect(c.statusCode).toBe(201);
    const units = t.app.get(UnitsService);
    const cat = await units.findByCode('CAT-24');
    const sub = await units.subtreeIds(cat!.id, new Date('2026-07-01T00:00:00Z'));
    expect(sub).toContain(u.json().id);
    expect(sub).toHaveLength(1 + 99 + 3); // CAT-24, its 99 commune police, PC04-24, TRIAGE-24, the new unit
    // a write by "another instance" (straight to the database) is seen by the next decision
    await ds.query(`UPDATE routing_rules SET priority = 'urgent' WHERE category = 'other' AND scope_level = 'national'`);
    const d = await t.app.get(RoutingService).route({ category: 'other', localityCode: '07210', observedAt: new Date('2026-08-01T00:00:00Z'), localPoliceInvolved: false });
    expect(d.priority).toBe('urgent');
  });

  it('lists units, coverage and rules page by page to admins and auditors (history included)', async () => {
    const get = (url: string, token = admin) => t.app.inject({ method: 'GET', url, headers: bearer(token) });
    async function all(url: string, token = admin): Promise<{ id: string }[]> {
      const items: { id: string }[] = [];
      let cursor: string | null = null;
      do {
        const res = await get(`${url}${url.includes('?') ? '&' : '?'}limit=500${cursor ? `&cursor=${cursor}` : ''}`, token);
        expect(res.statusCode).toBe(200);
        items.push(...res.json().items);
        cursor = res.json().nextCursor;
      } while (cursor);
      return items;
    }
    const units = await all('/api/v1/admin/units');
    expect(units.length).toBe(await count('units'));
    expect(new Set(units.map((u) => u.id)).size).toBe(units.length);
    expect(units).toContainEqual(expect.objectContaining({ code: 'PC04-24', kind: 'provincial_drug_police', validFrom: expect.any(String) }));
    const auditor = (await loginAs(t, 'auditor', 'TRIAGE-VN')).token;
    const rules = await all('/api/v1/admin/routing/rules', auditor);
    expect(rules.length).toBe(await count('routing_rules'));
    expect(rules[0]).toEqual(expect.objectContaining({ category: expect.anything(), scopeLevel: expect.any(String), target: expect.any(Object), priority: expect.any(String) }));
    const coverage = await all('/api/v1/admin/units/coverage');
    expect(coverage.length).toBe(await count('unit_coverage'));
    const one = await get('/api/v1/admin/units/coverage?unit=CA-24-07210');
    expect(one.json()).toEqual({ items: [expect.objectContaining({ localityCode: '07210', unitKind: 'commune_police' })], nextCursor: null });
    const page = await get('/api/v1/admin/units?limit=2');
    expect(page.json().items).toHaveLength(2);
    expect(page.json().nextCursor).toBe(page.json().items[1].id);

    expect((await get('/api/v1/admin/units/coverage?unit=NO-SUCH-UNIT')).statusCode).toBe(404);
    for (const [query, field] of [['limit=0', 'limit'], ['limit=501', 'limit'], ['cursor=abc', 'cursor'], ['unit=%25', 'unit']]) {
      const res = await get(`/api/v1/admin/units/coverage?${query}`);
      expect([query, res.statusCode]).toEqual([query, 400]);
      expect(JSON.stringify(res.json().error.details)).toContain(field);
    }
    const officer = (await loginAs(t, 'officer', 'TRIAGE-VN')).token;
    for (const url of ['/api/v1/admin/units', '/api/v1/admin/units/coverage', '/api/v1/admin/routing/rules']) expect((await get(url, officer)).statusCode).toBe(403);
  });
});
