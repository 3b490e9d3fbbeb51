import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { systemContext } from '../../src/common/request-context';
import { RetentionModule } from '../../src/retention/retention.module';
import { RetentionService } from '../../src/retention/retention.service';
import { cryptoHarness, CryptoHarness, newMasterKey } from '../crypto/crypto-harness';
import { createTestDatabase, TestDatabase } from '../utils/test-database';

const DAY = 86_400_000;

describe('retention by crypto-shredding', () => {
  let db: TestDatabase;
  let h: CryptoHarness;
  let retention: RetentionService;
  let unitId: string;
  const now = new Date('2026-11-28T12:00:00Z');
  const masterKey = newMasterKey('r');
  const place = (caseId: string) => ({ table: 'case_messages', column: 'body', rowId: caseId });

  async function makeCase(c: { status: string; outcome: string | null; closedDaysAgo: number | null; legalHold?: boolean; category?: string }) {
    const id = randomUUID();
    return h.ds.transaction(async (m) => {
      const keyId = await h.crypto.createDataKey(m);
      const closedAt = c.closedDaysAgo === null ? null : new Date(now.getTime() - c.closedDaysAgo * DAY);
      await m.query(
        `INSERT INTO cases (id, reference, unit_id, status, outcome, priority, priority_rank, category, channel, observed_at,
                            routing_reason, data_key_id, legal_hold, closed_at, stage_started_at, next_deadline_at)
         VALUES ($1, $2, $3, $4, $5, 'normal', 2, $6, 'web', $7, '{}', $8, $9, $10, $7, $11)`,
        [id, `TL-${id.slice(0, 8)}`, unitId, c.status, c.outcome, c.category ?? 'dealing_point', new Date(now.getTime() - 900 * DAY), keyId,
          c.legalHold ?? false, closedAt, c.status === 'closed' ? null : now],
      );
      const ct = await h.crypto.encrypt(m, keyId, place(id), `content of ${id}`);
      return { id, keyId, ct };
    });
  }
  const read = async (c: { id: string; keyId: string; ct: Buffer }) => (await h.crypto.decrypt(h.ds.manager, c.keyId, place(c.id), c.ct))?.toString() ?? null;

  beforeAll(async () => {
    db = await createTestDatabase();
    h = await cryptoHarness(db.url, { MASTER_KEYS: masterKey }, { imports: [RetentionModule] });
    retention = h.ctx.get(RetentionService);
    unitId = randomUUID();
    await h.ds.query(`INSERT INTO units (id, code, name, kind, valid_from) VALUES ($1, $2, 'Công an xã thử', 'commune_police', '2020-01-01')`, [unitId, `RET-${unitId.slice(0, 8)}`]);
  });
  afterAll(async () => {
    await h.close();
    await db.drop();
  });

  it('destroys the content of expired closed cases only, keeps their statistics, audits each purge', async () => {
    const spamOld = await makeCase({ status: 'closed', outcome: 'spam', closedDaysAgo: 31 });
    const spamRecent = await makeCase({ status: 'closed', outcome: 'spam', closedDaysAgo: 29 });
    const unsubOld = await makeCase({ status: 'closed', outcome: 'unsubstantiated', closedDaysAgo: 366, category: 'trafficking' });
    const onHold = await makeCase({ status: 'closed', outcome: 'spam', closedDaysAgo: 400, legalHold: true });
    const substantiated = await makeCase({ status: 'closed', outcome: 'substantiated', closedDaysAgo: 3000 });
    const open = await makeCase({ status: 'actioned', outcome: null, closedDaysAgo: null });

    const result = await retention.run(systemContext('test'), now);
    expect(result).toMatchObject({ ran: true, purged: 2 });

    expect(await read(spamOld)).toBeNull();
    expect(await read(unsubOld)).toBeNull();
    for (const kept of [spamRecent, onHold, substantiated, open]) expect(await read(kept)).toBe(`content of ${kept.id}`);

    const rows = await h.ds.query('SELECT id, status, outcome, category, closed_at FROM cases WHERE id = ANY($1) ORDER BY category', [[spamOld.id, unsubOld.id]]);
    expect(rows).toEqual([
      expect.objectContaining({ id: spamOld.id, status: 'closed', outcome: 'spam', category: 'dealing_point', closed_at: expect.any(Date) }),
      expect.objectContaining({ id: unsubOld.id, status: 'closed', outcome: 'unsubstantiated', category: 'trafficking' }),
    ]);
    const events = await h.ds.query(`SELECT target_id, target_type, unit_id, actor_id FROM audit_events WHERE action = 'case.purged' ORDER BY target_id`);
    expect(events).toEqual(
      [spamOld.id, unsubOld.id].sort().map((id) => ({ target_id: id, target_type: 'case', unit_id: unitId, actor_id: 'test' })),
    );

    // A second pass finds nothing more to do.
    expect(await retention.run(systemContext('test'), now)).toMatchObject({ ran: true, purged: 0 });
  });

  it('is unrecoverable even with the master key: the wrapped key is gone from the table', async () => {
    const c = await makeCase({ status: 'closed', outcome: 'spam', closedDaysAgo: 45 });
    const [before] = await h.ds.query('SELECT wrapped_key FROM data_keys WHERE id = $1', [c.keyId]);
    await retention.run(systemContext('test'), now);
    const [after] = await h.ds.query('SELECT wrapped_key, destroyed_at FROM data_keys WHERE id = $1', [c.keyId]);
    expect(before.wrapped_key).toBeInstanceOf(Buffer);
    expect(after.wrapped_key).toBeNull();
    expect(await read(c)).toBeNull();
    // Another process holding the same master key, with a cold cache, cannot read it either.
    const fresh = await cryptoHarness(db.url, { MASTER_KEYS: masterKey });
    try {
      expect(await fresh.crypto.decrypt(fresh.ds.manager, c.keyId, place(c.id), c.ct)).toBeNull();
    } finally {
      await fresh.close();
    }
  });

  it('does nothing while another instance holds the retention lock', async () => {
    const c = await makeCase({ status: 'closed', outcome: 'spam', closedDaysAgo: 60 });
    const other = new Client({ connectionString: db.url });
    await other.connect();
    try {
      await other.query(`SELECT pg_advisory_lock(hashtext('tipline:retention'))`);
      expect(await retention.run(systemContext('test'), now)).toEqual({ ran: false, examined: 0, purged: 0 });
      expect(await read(c)).toBe(`content of ${c.id}`);
    } finally {
      await other.end();
    }
    expect(await retention.run(systemContext('test'), now)).toMatchObject({ ran: true, purged: 1 });
  });
});
