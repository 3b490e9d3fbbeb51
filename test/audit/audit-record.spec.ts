import { DataSource } from 'typeorm';
import { Client } from 'pg';
import { GENESIS_HASH, eventDigest, linkHash } from '../../src/audit/audit-canonical';
import { AuditOutsideTransaction } from '../../src/audit/audit-recorder';
import { AuditRepository } from '../../src/audit/audit.repository';
import { AuditService } from '../../src/audit/audit.service';
import { systemContext } from '../../src/common/request-context';
import { dataSourceOptions } from '../../src/database/data-source';
import { createTestDatabase, TestDatabase } from '../utils/test-database';

/** record(): same transaction, gap-free chain, append-only tables. Real PostgreSQL. */
describe('AuditService.record', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let audit: AuditService;
  let repo: AuditRepository;
  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions(db.url, 4)).initialize();
    repo = new AuditRepository(ds);
    audit = new AuditService(repo, ds);
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  const all = () => repo.eventsAfter('0', 1_000_000);
  const staff = { requestId: 'req-1', actor: { type: 'staff' as const, id: '11111111-1111-4111-8111-111111111111', unitId: '22222222-2222-4222-8222-222222222222', role: 'officer' } };

  it('starts the chain at genesis with the reference data loaded into the fresh database', async () => {
    const events = await all();
    expect(events.map((e) => [e.seq, e.action, e.actorType, e.actorId, e.targetType, e.targetId])).toEqual([
      ['1', 'reference_data.imported', 'system', 'reference-data', 'reference_data', 'localities:vn-admin-units'],
      ['2', 'reference_data.imported', 'system', 'reference-data', 'reference_data', 'units:seed'],
    ]);
    expect(events[0].prevHash).toBe(GENESIS_HASH);
    expect(events[0].hash).toBe(linkHash('1', GENESIS_HASH, eventDigest(events[0])));
    expect(events[1].hash).toBe(linkHash('2', events[0].hash, eventDigest(events[1])));
  });

  it('writes the event when the transaction commits, linked to the previous one', async () => {
    const head = (await repo.head())!;
    const at = Number(head.seq);
    await ds.transaction(async (m) => {
      await audit.record(m, staff, { action: 'case.acknowledged', targetType: 'case', targetId: 'c-1', change: { status: 'acknowledged' } });
      await audit.record(m, { requestId: 'req-2', actor: { type: 'tipster' } }, { action: 'tip.submitted', targetType: 'tip', targetId: 't-1' });
    });
    const events = await repo.eventsAfter(head.seq, 1_000_000);
    expect(events.map((e) => [e.seq, e.action, e.actorType, e.actorId, e.unitId])).toEqual([
      [String(at + 1), 'case.acknowledged', 'staff', staff.actor.id, staff.actor.unitId],
      [String(at + 2), 'tip.submitted', 'tipster', null, null],
    ]);
    expect(events[0].prevHash).toBe(head.hash);
    expect(events[0].hash).toBe(linkHash(String(at + 1), head.hash, eventDigest(events[0])));
    expect(events[1].prevHash).toBe(events[0].hash);
    expect(events[1].hash).toBe(linkHash(String(at + 2), events[0].hash, eventDigest(events[1])));
    expect(events[0].changeDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(events[1].changeDigest).toBeNull();
  });

  it('writes nothing when the transaction rolls back, and keeps the chain gap-free', async () => {
    const before = (await all()).length;
    await expect(
      ds.transaction(async (m) => {
        await audit.record(m, staff, { action: 'case.closed', targetType: 'case', targetId: 'c-1' });
        throw new Error('business failure');
      }),
    ).rejects.toThrow('business failure');
    await audit.recordStandalone(systemContext(), { action: 'audit.checkpoint_made', targetType: 'audit', targetId: null });
    const events = await all();
    expect(events).toHaveLength(before + 1);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => String(i + 1)));
  });

  it('refuses to record outside a transaction (no silent transaction of its own) and writes nothing', async () => {
    const before = (await all()).length;
    await expect(audit.record(ds.manager, systemContext(), { action: 'audit.checkpoint_made', targetType: 'audit', targetId: null })).rejects.toThrow(AuditOutsideTransaction);
    expect(await all()).toHaveLength(before);
  });

  it('drops events of a rolled-back savepoint but keeps those of the enclosing transaction', async () => {
    const before = (await all()).length;
    await ds.transaction(async (m) => {
      await audit.record(m, staff, { action: 'case.viewed', targetType: 'case', targetId: 'outer' });
      await m.transaction(async (inner) => {
        await audit.record(inner, staff, { action: 'case.viewed', targetType: 'case', targetId: 'kept-savepoint' });
      });
      await m
        .transaction(async (inner) => {
          await audit.record(inner, staff, { action: 'case.viewed', targetType: 'case', targetId: 'rolled-back' });
          throw new Error('inner failure');
        })
        .catch(() => undefined);
    });
    const events = (await all()).slice(before);
    expect(events.map((e) => e.targetId)).toEqual(['outer', 'kept-savepoint']);
  });

  it('fails the business change when the audit write fails', async () => {
    await ds.query('CREATE TABLE IF NOT EXISTS audit_probe (id int)');
    // a unit id that is not a uuid is rejected at once, before anything is written
    await expect(
      ds.transaction(async (m) => {
        await m.query('INSERT INTO audit_probe VALUES (1)');
        await audit.record(m, staff, { action: 'case.viewed', targetType: 'case', targetId: 'x', unitId: 'not-a-uuid' });
      }),
    ).rejects.toThrow('unitId');
    // a failure while linking (here: the chain lock cannot be had in time) fails the commit
    const holder = new Client({ connectionString: db.url });
    await holder.connect();
    try {
      await holder.query(`SELECT pg_advisory_lock(hashtext('tipline:audit-chain'))`);
      await expect(
        ds.transaction(async (m) => {
          await m.query(`SET LOCAL lock_timeout = '50ms'`);
          await m.query('INSERT INTO audit_probe VALUES (2)');
          await audit.record(m, staff, { action: 'case.viewed', targetType: 'case', targetId: 'y' });
        }),
      ).rejects.toThrow(/lock timeout/);
    } finally {
      await holder.end();
    }
    expect(await ds.query('SELECT id FROM audit_probe')).toEqual([]);
  });

  /** A pending event as the recorder hands it to the database (audit_pending.events is an array of these). */
  const pendingJson = (targetId: string) =>
    JSON.stringify([{ at: new Date().toISOString(), actorType: 'system', actorId: 'test', action: 'case.viewed', targetType: 'case',
      targetId, unitId: null, requestId: `req-${targetId}`, changeDigest: null }]);
  const seqOf = async (targetId: string) =>
    (await ds.query('SELECT seq::int AS seq FROM audit_events WHERE target_id = $1', [targetId])).map((r: { seq: number }) => r.seq);
  const chainIsLinked = async () => {
    const events = await all();
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => String(i + 1)));
    for (let i = 1; i < events.length; i++) {
      expect(events[i].prevHash).toBe(events[i - 1].hash);
      expect(events[i].hash).toBe(linkHash(events[i].seq, events[i - 1].hash, eventDigest(events[i])));
    }
  };
  /** Waits until `pid` waits for the chain's advisory lock. */
  const waitingForChainLock = async (pid: number) => {
    for (let i = 0; i < 500; i++) {
      const rows = await ds.query(`SELECT 1 FROM pg_locks WHERE pid = $1 AND locktype = 'advisory' AND NOT granted`, [pid]);
      if (rows.length > 0) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`backend ${pid} never waited for the chain lock`);
  };

  it('links a transaction\'s events at its COMMIT: the chain lock is not held while it waits for the COMMIT', async () => {
    const waiting = new Client({ connectionString: db.url });
    await waiting.connect();
    try {
      // the events are handed over, but the COMMIT has not come yet (a slow client, a busy event loop)
      await waiting.query('BEGIN');
      await waiting.query('INSERT INTO audit_pending (events) VALUES ($1::jsonb)', [pendingJson('handed-over')]);
      // another writer links and commits meanwhile: it would time out if the chain lock were held
      await ds.transaction(async (m) => {
        await m.query(`SET LOCAL lock_timeout = '2s'`);
        await audit.record(m, staff, { action: 'case.viewed', targetType: 'case', targetId: 'overtaker' });
      });
      expect(await seqOf('handed-over')).toEqual([]);
      await waiting.query('COMMIT');
    } finally {
      await waiting.end();
    }
    const [overtaker] = await seqOf('overtaker');
    expect(await seqOf('handed-over')).toEqual([overtaker + 1]);
    await chainIsLinked();
    expect(await ds.query('SELECT id FROM audit_pending')).toEqual([]);
  });

  it('reads the head at COMMIT after the lock is granted, so it follows a link committed while it waited', async () => {
    const holder = new Client({ connectionString: db.url });
    const committer = new Client({ connectionString: db.url });
    await holder.connect();
    await committer.connect();
    try {
      await committer.query('BEGIN');
      await committer.query('INSERT INTO audit_pending (events) VALUES ($1::jsonb)', [pendingJson('waited')]);
      // the holder takes the chain lock and links an event, not yet committed
      await holder.query('BEGIN');
      await holder.query('SELECT audit_append($1::jsonb)', [pendingJson('held')]);
      const pid = (await committer.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
      const commit = committer.query('COMMIT');
      await waitingForChainLock(pid);
      await holder.query('COMMIT');
      await commit;
    } finally {
      await holder.end();
      await committer.end();
    }
    const [held] = await seqOf('held');
    expect(await seqOf('waited')).toEqual([held + 1]);
    await chainIsLinked();
  });

  it('leaves nothing pending when linking fails at COMMIT', async () => {
    await expect(
      ds.transaction('REPEATABLE READ', (m) => audit.record(m, staff, { action: 'case.viewed', targetType: 'case', targetId: 'rr-pending' })),
    ).rejects.toThrow('READ COMMITTED');
    expect(await ds.query('SELECT id FROM audit_pending')).toEqual([]);
    expect(await seqOf('rr-pending')).toEqual([]);
    // a row lives only inside its transaction: nothing to keep through a crash, no WAL
    expect(await ds.query(`SELECT relpersistence AS p FROM pg_class WHERE relname = 'audit_pending'`)).toEqual([{ p: 'u' }]);
  });

  it('refuses to link under a snapshot isolation that could miss a concurrent link', async () => {
    await expect(
      ds.transaction('REPEATABLE READ', (m) => audit.record(m, staff, { action: 'case.viewed', targetType: 'case', targetId: 'rr' })),
    ).rejects.toThrow('audit events must be recorded in READ COMMITTED transactions (this one is repeatable read)');
  });

  it('rejects UPDATE, DELETE and TRUNCATE on the audit tables with the database error', async () => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO audit_checkpoints (seq, head_hash, at, key_id, public_key, signature) VALUES (1, 'h', now(), 'k', 'p', 's')`,
      );
      for (const table of ['audit_events', 'audit_checkpoints']) {
        await expect(client.query(`UPDATE ${table} SET at = now()`)).rejects.toMatchObject({
          code: '42501',
          message: `audit table ${table} is append-only: UPDATE is not allowed`,
        });
        await expect(client.query(`DELETE FROM ${table}`)).rejects.toMatchObject({
          code: '42501',
          message: `audit table ${table} is append-only: DELETE is not allowed`,
        });
        await expect(client.query(`TRUNCATE ${table}`)).rejects.toMatchObject({
          code: '42501',
          message: `audit table ${table} is append-only: TRUNCATE is not allowed`,
        });
      }
      expect(Number((await client.query('SELECT count(*) FROM audit_events')).rows[0].count)).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });

  it('lets a role granted only INSERT and SELECT append but not change (the README grants)', async () => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const role = `tipline_app_${Date.now().toString(36)}`;
    try {
      // CREATE ROLE is transactional: the role disappears with the rollback
      await client.query('BEGIN');
      await client.query(`CREATE ROLE ${role} NOLOGIN`);
      await client.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
      await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`);
      await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
      await client.query(`REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_events, audit_checkpoints FROM ${role}`);
      await client.query(`GRANT SELECT, INSERT ON audit_events, audit_checkpoints TO ${role}`);
      await client.query(`GRANT SELECT, INSERT, DELETE ON audit_pending TO ${role}`);
      await client.query(`GRANT USAGE ON SEQUENCE audit_pending_id_seq TO ${role}`);
      await client.query(`SET LOCAL ROLE ${role}`);
      // the app's path: events handed to audit_pending, linked by its trigger (fired here at once, not at COMMIT)
      await client.query('SET CONSTRAINTS "audit_pending_link" IMMEDIATE');
      await client.query('INSERT INTO audit_pending (events) VALUES ($1::jsonb)', [pendingJson('granted')]);
      expect((await client.query(`SELECT count(*)::int AS n FROM audit_events WHERE target_id = 'granted'`)).rows[0].n).toBe(1);
      const head = (await client.query(`SELECT seq::int AS seq FROM audit_events ORDER BY seq DESC LIMIT 1`)).rows[0].seq as number;
      await client.query(
        `INSERT INTO audit_events (seq, at, actor_type, action, target_type, request_id, prev_hash, hash) VALUES ($1, now(), 'system', 'x.y', 'x', 'r', $2, $2)`,
        [head + 1, GENESIS_HASH],
      );
      await client.query('SAVEPOINT s');
      await expect(client.query('UPDATE audit_events SET request_id = $1', ['x'])).rejects.toMatchObject({
        code: '42501',
        message: 'permission denied for table audit_events',
      });
      await client.query('ROLLBACK TO SAVEPOINT s');
      await expect(client.query('TRUNCATE audit_checkpoints')).rejects.toMatchObject({ code: '42501', message: 'permission denied for table audit_checkpoints' });
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      await client.end();
    }
  });

  it('never stores an identifier for a tipster (the database refuses one too)', async () => {
    await expect(
      ds.query(
        `INSERT INTO audit_events (seq, at, actor_type, actor_id, action, target_type, request_id, prev_hash, hash)
         VALUES ((SELECT coalesce(max(seq), 0) + 1 FROM audit_events), now(), 'tipster', 'someone', 'x.y', 'x', 'r', $1, $1)`,
        [GENESIS_HASH],
      ),
    ).rejects.toThrow(/audit_events_tipster_anonymous/);
  });
});
