import { generateKeyPairSync } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditCheckpointService } from '../../src/audit/audit-checkpoint.service';
import { AuditVerifyService } from '../../src/audit/audit-verify.service';
import { AuditRepository } from '../../src/audit/audit.repository';
import { AuditService } from '../../src/audit/audit.service';
import { dataSourceOptions } from '../../src/database/data-source';
import { createTestApp, TestApp } from '../utils/test-app';
import { createTestDatabase, TestDatabase } from '../utils/test-database';

/** Writers on many connections and two app instances on one database leave one gap-free, valid chain. */
describe('audit trail under concurrent writers', () => {
  let db: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  let extra: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    // instances of one deployment share the signing key
    const key = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    a = await createTestApp({ db, env: { AUDIT_SIGNING_KEY: key } });
    b = await createTestApp({ db, env: { AUDIT_SIGNING_KEY: key } });
    extra = await new DataSource(dataSourceOptions(db.url, 6)).initialize();
    await extra.query('CREATE TABLE business (id serial primary key, writer text)');
  });
  afterAll(async () => {
    await extra?.destroy();
    await a?.close();
    await b?.close();
    await db?.drop();
  });

  it('assigns every event one seq, links them all, and commits each with its business row', async () => {
    const instances: { ds: DataSource; audit: AuditService; name: string }[] = [
      { ds: a.app.get(DataSource), audit: a.app.get(AuditService), name: 'app-a' },
      { ds: b.app.get(DataSource), audit: b.app.get(AuditService), name: 'app-b' },
      { ds: extra, audit: new AuditService(new AuditRepository(extra), extra), name: 'plain' },
    ];
    const perWriter = 15;
    const writers = instances.flatMap((inst) =>
      Array.from({ length: 4 }, (_, w) => async () => {
        for (let i = 0; i < perWriter; i++) {
          await inst.ds.transaction(async (m) => {
            await m.query('INSERT INTO business (writer) VALUES ($1)', [`${inst.name}-${w}`]);
            await inst.audit.record(m, { requestId: `${inst.name}-${w}-${i}`, actor: { type: 'system', id: inst.name } }, {
              action: 'bench.write',
              targetType: 'business',
              targetId: `${inst.name}-${w}-${i}`,
            });
            // some transactions fail after recording: their events must vanish without a gap
            if (i % 5 === 4) throw new Error('rolled back');
          }).catch((e: Error) => {
            if (e.message !== 'rolled back') throw e;
          });
        }
      }),
    );
    const checkpointsMade = Promise.all(
      Array.from({ length: 6 }, (_, k) => (k % 2 ? a : b).app.get(AuditCheckpointService).checkpoint()),
    );
    await Promise.all(writers.map((w) => w()));
    await checkpointsMade;

    const committed = 12 * perWriter - 12 * (perWriter / 5);
    const [{ n, max, distinct }] = await extra.query(
      `SELECT count(*)::int AS n, max(seq)::int AS max, count(DISTINCT request_id)::int AS distinct FROM audit_events WHERE action = 'bench.write'`,
    );
    expect(n).toBe(committed);
    expect(distinct).toBe(committed);
    const [{ total, top }] = await extra.query('SELECT count(*)::int AS total, max(seq)::int AS top FROM audit_events');
    expect(top).toBe(total);
    expect(max).toBeLessThanOrEqual(total);
    expect(Number((await extra.query('SELECT count(*)::int AS c FROM business'))[0].c)).toBe(committed);

    await a.app.get(AuditCheckpointService).checkpoint();
    expect(await b.app.get(AuditVerifyService).verify()).toMatchObject({ ok: true, events: String(total) });
  });

  it('makes one periodic checkpoint per interval when both instances tick at once', async () => {
    await a.app.get(AuditService).recordStandalone({ requestId: 'tick', actor: { type: 'system' } }, {
      action: 'unit.created',
      targetType: 'unit',
      targetId: 'u',
    });
    const before = Number((await extra.query('SELECT count(*)::int AS c FROM audit_checkpoints'))[0].c);
    const ticks = await Promise.all(
      [a, b, a, b].map((t) => t.app.get(AuditCheckpointService).checkpoint({ minIntervalMs: 1 })),
    );
    expect(ticks.filter((r) => r.made)).toHaveLength(1);
    expect(Number((await extra.query('SELECT count(*)::int AS c FROM audit_checkpoints'))[0].c)).toBe(before + 1);
  });
});
