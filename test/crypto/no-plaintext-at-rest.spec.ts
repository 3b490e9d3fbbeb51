import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../../src/audit/audit.service';
import { systemContext } from '../../src/common/request-context';
import { createTestDatabase, TestDatabase } from '../utils/test-database';
import { cryptoHarness, CryptoHarness, newMasterKey } from './crypto-harness';

/**
 * Every row of every table as text (bytea shows as hex), like a logical dump. pg_dump itself is
 * not used: the embedded server (17) is newer than the pg_dump usually installed.
 */
async function dumpEverything(ds: DataSource): Promise<string> {
  const tables: { schema: string; name: string }[] = await ds.query(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
  );
  const parts: string[] = [];
  for (const t of tables) {
    const rows: { r: string }[] = await ds.query(`SELECT t::text AS r FROM "${t.schema}"."${t.name}" t`);
    parts.push(`-- ${t.schema}.${t.name}`, ...rows.map((x) => x.r));
  }
  return parts.join('\n');
}

/** The marker as plain text, as bytea hex, and in base64: any of them in the dump is a leak. */
function leaks(dump: string, marker: string): string[] {
  const forms = [marker, Buffer.from(marker).toString('hex'), Buffer.from(marker).toString('base64').slice(0, 24)];
  return forms.filter((f) => dump.toLowerCase().includes(f.toLowerCase()));
}

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
