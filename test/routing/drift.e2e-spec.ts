import { DataSource } from 'typeorm';
import { CasesService } from '../../src/cases/cases.service';
import { systemContext } from '../../src/common/request-context';
import { CryptoService } from '../../src/crypto/crypto.service';
import { RouteRequest, RoutingService } from '../../src/routing/routing.service';
import { createTestApp, TestApp } from '../utils/test-app';

/** routing:drift lists open cases whose route differs under today's configuration; it moves nothing. */
describe('routing drift', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  async function openCase(req: RouteRequest): Promise<string> {
    const routing = await t.app.get(RoutingService).route(req);
    const ds = t.app.get(DataSource);
    return ds.transaction(async (m) => {
      const dataKeyId = await t.app.get(CryptoService).createDataKey(m);
      const { caseId } = await t.app.get(CasesService).openForTip(m, systemContext('test'), {
        category: req.category, localityCode: req.localityCode, observedAt: req.observedAt, channel: 'web', routing, dataKeyId,
      });
      return caseId;
    });
  }

  it('lists a case routed to a legacy unit that no longer exists, and not one that still routes the same', async () => {
    const legacy = await openCase({ category: 'use_hotspot', localityCode: '07210', observedAt: new Date('2025-05-01T10:00:00+07:00'), localPoliceInvolved: false });
    const current = await openCase({ category: 'trafficking', localityCode: '07210', observedAt: new Date('2025-09-01T10:00:00+07:00'), localPoliceInvolved: false });
    const ds = t.app.get(DataSource);
    const before = await ds.query(`SELECT id, unit_id FROM cases ORDER BY id`);
    const rows = [];
    for await (const r of t.app.get(RoutingService).drift(new Date('2026-01-15T00:00:00Z'))) rows.push(r);
    const ids = rows.map((r) => r.caseId);
    expect(ids).toContain(legacy);
    expect(ids).not.toContain(current);
    const row = rows.find((r) => r.caseId === legacy)!;
    expect(row.currentUnit.code).toBe('CA-L24-07210');
    expect(row.proposedUnit?.code).toBe('CA-24-07210');
    expect(await ds.query(`SELECT id, unit_id FROM cases ORDER BY id`)).toEqual(before);
  });
});
