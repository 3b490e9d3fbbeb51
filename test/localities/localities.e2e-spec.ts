import { DataSource } from 'typeorm';
import { LocalitiesService } from '../../src/localities/localities.service';
import { createTestApp, TestApp } from '../utils/test-app';

describe('GET /api/v1/localities (public place picker)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (query: string) => t.app.inject({ method: 'GET', url: `/api/v1/localities?${query}` });
  const names = (body: { items: { fullName: string }[] }) => body.items.map((i) => i.fullName);

  it('finds "Bắc Giang" by "bac giang", ignoring diacritics and case, among the localities in force that day', async () => {
    const after = await get('q=bac%20giang&at=2025-08-01');
    expect(after.statusCode).toBe(200);
    expect(names(after.json())).toEqual(['Phường Bắc Giang']);
    const before = await get(`q=${encodeURIComponent('BẮC GIANG')}&at=2025-01-01`);
    expect(names(before.json())).toEqual(expect.arrayContaining(['Tỉnh Bắc Giang', 'Thành phố Bắc Giang']));
    expect(names(before.json())).not.toContain('Phường Bắc Giang');
    const dd = await get(`q=${encodeURIComponent('dong nai')}&level=province&at=2025-08-01`);
    expect(names(dd.json())).toEqual(['Tỉnh Đồng Nai']);
    const later = await get(`q=${encodeURIComponent('đồng nai')}&level=province&at=2026-05-01`);
    expect(names(later.json())).toEqual(['Thành phố Đồng Nai']);
  });

  it('matches the search text literally and finds a code', async () => {
    expect((await get('q=%25&at=2025-08-01')).json().items).toEqual([]);
    expect((await get('q=_&at=2025-08-01')).json().items).toEqual([]);
    expect(names((await get('q=07210&at=2025-08-01')).json())).toEqual(['Phường Bắc Giang']);
  });

  it('lists the children of a parent page by page with a cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await get(`parent=24&level=commune&at=2025-08-01&limit=40${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: { code: string; parentCode: string }[]; nextCursor: string | null };
      for (const i of body.items) expect(i.parentCode).toBe('24');
      seen.push(...body.items.map((i) => i.code));
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(99);
  });

  it('defaults to today and needs no session', async () => {
    const res = await get('level=province');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toHaveLength(20);
    const all = await get('level=province&limit=100');
    expect(all.json().items).toHaveLength(34);
  });

  it.each([
    ['level=village', 'level'],
    ['at=2025-02-30', 'at'],
    ['at=yesterday', 'at'],
    ['limit=0', 'limit'],
    ['cursor=%25%25', 'cursor'],
    ['cursor=abc', 'cursor'],
    ['parent=abc', 'parent'],
    ['color=red', 'color'],
  ])('rejects %s with 400 naming the field', async (query, field) => {
    const res = await get(query);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(JSON.stringify(res.json().error.details)).toContain(field);
  });

  it.each([
    [`q=${'a'.repeat(101)}`, 'q'],
    [`q=${'ắ'.repeat(5000)}`, 'q'],
    ['at=0000-01-01', 'at'],
    ['q=a&q=b', 'q'],
  ])('rejects odd input %# with 400 naming the field, never 500', async (query, field) => {
    const res = await get(query);
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().error.details)).toContain(field);
  });

  it.each([
    ['q=%00'],
    [`q=${encodeURIComponent('bắc\u0000giang')}`],
    [`cursor=${Buffer.from(JSON.stringify(['\u0000', 'x'])).toString('base64url')}`],
    ['parent=99999&at=2025-08-01'],
    ['q=%F0%9F%92%8A&at=9999-12-31'],
    ['q=%E2%80%8B'],
  ])('answers odd but harmless input %s with 200 or 400, never 500', async (query) => {
    const res = await get(query);
    expect([200, 400]).toContain(res.statusCode);
    if (res.statusCode === 200) expect(res.json().items).toEqual([]);
  });

  it('resolves a code on a date, with successors after it ended', async () => {
    const svc = t.app.get(LocalitiesService);
    const now = await svc.resolve('07210', new Date('2025-07-15T10:00:00+07:00'));
    expect(now).toMatchObject({ status: 'in_force', locality: { fullName: 'Phường Bắc Giang', validFrom: '2025-07-01' } });
    const old = await svc.resolve('07210', new Date('2025-06-30T23:00:00+07:00'));
    expect(old).toMatchObject({ status: 'in_force', locality: { fullName: 'Phường Hoàng Văn Thụ' } });
    // a legacy Bắc Giang commune whose code the 2025 list did not reuse
    const ds = t.app.get(DataSource);
    const [legacy] = await ds.query(
      `SELECT l.code FROM localities l JOIN localities d ON d.code = l.parent_code AND d.level = 'district'
       WHERE l.level = 'commune' AND d.parent_code = '24' AND l.valid_to = '2025-06-30'
         AND NOT EXISTS (SELECT 1 FROM localities n WHERE n.code = l.code AND n.valid_from = '2025-07-01') ORDER BY l.code LIMIT 1`,
    );
    const ended = await svc.resolve(legacy.code, new Date('2025-09-01T00:00:00+07:00'));
    expect(ended.status).toBe('ended');
    expect(ended.successors.length).toBeGreaterThan(0);
    for (const s of ended.successors) expect(s.locality.parentCode).toBe('24');
    expect((await svc.resolve('99999', new Date())).status).toBe('unknown');
  });
});
