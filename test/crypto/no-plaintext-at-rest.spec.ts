import { randomBytes, randomUUID } from 'node:crypto';
import { AuditService } from '../../src/audit/audit.service';
import { systemContext } from '../../src/common/request-context';
import { createTestDatabase, TestDatabase } from '../utils/test-database';
import { cryptoHarness, CryptoHarness, newMasterKey } from './crypto-harness';
import { dumpEverything, leaks } from './dump';

describe('a full database dump', () => {
  let db: TestDatabase;
  let h: CryptoHarness;
  beforeAll(async () => {
    db = await createTestDatabase();
    h = await cryptoHarness(db.url, { MASTER_KEYS: newMasterKey('dump') });
    await h.ds.query('CREATE TABLE probe_tips (id uuid PRIMARY KEY, data_key_id uuid REFERENCES data_keys(id), narrative bytea, control text)');
  });
  afterAll(async () => {
    await h.close();
    await db.drop();
  });

  it('finds a marker stored in plain text (the check can fail)', async () => {
    const marker = `CANARY-${randomBytes(8).toString('hex')}`;
    await h.ds.query('INSERT INTO probe_tips (id, control) VALUES ($1, $2)', [randomUUID(), marker]);
    expect(leaks(await dumpEverything(h.ds), marker)).not.toEqual([]);
    await h.ds.query('DELETE FROM probe_tips');
  });

  it('holds no plaintext of an encrypted narrative or of its audit event', async () => {
    const marker = `CANARY-${randomBytes(8).toString('hex')} bán ma túy ở hẻm 7`;
    const audit = h.ctx.get(AuditService);
    let dataKey: string | undefined;
    await h.ds.transaction(async (m) => {
      const id = randomUUID();
      const keyId = await h.crypto.createDataKey(m);
      const ct = await h.crypto.encrypt(m, keyId, { table: 'probe_tips', column: 'narrative', rowId: id }, marker);
      await m.query('INSERT INTO probe_tips (id, data_key_id, narrative) VALUES ($1, $2, $3)', [id, keyId, ct]);
      await audit.record(m, systemContext('test'), { action: 'tip.submitted', targetType: 'tip', targetId: id, change: { narrative: marker } });
      dataKey = keyId;
    });
    const dump = await dumpEverything(h.ds);
    expect(dump).toContain('probe_tips');
    expect(dump).toContain(dataKey);
    expect(leaks(dump, marker)).toEqual([]);
    // And it is really there, encrypted: the service reads it back.
    const [row] = await h.ds.query('SELECT id, data_key_id, narrative FROM probe_tips');
    const pt = await h.crypto.decrypt(h.ds.manager, row.data_key_id, { table: 'probe_tips', column: 'narrative', rowId: row.id }, row.narrative);
    expect(pt?.toString()).toBe(marker);
  });
});
