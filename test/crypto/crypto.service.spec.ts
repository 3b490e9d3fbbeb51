import { randomUUID } from 'node:crypto';
import { CiphertextIntegrityError } from '../../src/crypto/crypto.service';
import { createTestDatabase, TestDatabase } from '../utils/test-database';
import { cryptoHarness, CryptoHarness, newMasterKey } from './crypto-harness';

describe('CryptoService on PostgreSQL', () => {
  let db: TestDatabase;
  let h: CryptoHarness;
  const keyA = newMasterKey('a');

  beforeAll(async () => {
    db = await createTestDatabase();
    h = await cryptoHarness(db.url, { MASTER_KEYS: keyA });
  });
  afterAll(async () => {
    await h.close();
    await db.drop();
  });

  const place = (rowId: string, column = 'narrative') => ({ table: 'tips', column, rowId });

  it('encrypts and decrypts with a data key created in a transaction', async () => {
    const rowId = randomUUID();
    const { id, ct } = await h.ds.transaction(async (m) => {
      const id = await h.crypto.createDataKey(m);
      return { id, ct: await h.crypto.encrypt(m, id, place(rowId), 'Bán ma túy ở chợ') };
    });
    expect(ct.includes(Buffer.from('ma túy'))).toBe(false);
    const pt = await h.crypto.decrypt(h.ds.manager, id, place(rowId), ct);
    expect(pt?.toString('utf8')).toBe('Bán ma túy ở chợ');
    const [row] = await h.ds.query('SELECT master_key_id, wrap_version, destroyed_at, octet_length(wrapped_key) AS n FROM data_keys WHERE id = $1', [id]);
    expect(row).toMatchObject({ master_key_id: 'a', wrap_version: 1, destroyed_at: null, n: 2 + 1 + 12 + 32 + 16 });
  });

  it('refuses a ciphertext moved to another row or column', async () => {
    const id = await h.crypto.createDataKey(h.ds.manager);
    const rowId = randomUUID();
    const ct = await h.crypto.encrypt(h.ds.manager, id, place(rowId), 'secret');
    await expect(h.crypto.decrypt(h.ds.manager, id, place(randomUUID()), ct)).rejects.toBeInstanceOf(CiphertextIntegrityError);
    await expect(h.crypto.decrypt(h.ds.manager, id, place(rowId, 'details'), ct)).rejects.toBeInstanceOf(CiphertextIntegrityError);
    const other = await h.crypto.createDataKey(h.ds.manager);
    await expect(h.crypto.decrypt(h.ds.manager, other, place(rowId), ct)).rejects.toBeInstanceOf(CiphertextIntegrityError);
  });

  it('rolls the data key back with the transaction', async () => {
    let id = '';
    await expect(
      h.ds.transaction(async (m) => {
        id = await h.crypto.createDataKey(m);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows = await h.ds.query('SELECT 1 FROM data_keys WHERE id = $1', [id]);
    expect(rows).toHaveLength(0);
  });

  it('makes content unrecoverable once the key is destroyed, even for a fresh process with the master key', async () => {
    const id = await h.crypto.createDataKey(h.ds.manager);
    const rowId = randomUUID();
    const ct = await h.crypto.encrypt(h.ds.manager, id, place(rowId), 'to be shredded');
    await h.crypto.destroyDataKey(h.ds.manager, id);
    expect(await h.crypto.decrypt(h.ds.manager, id, place(rowId), ct)).toBeNull();
    // A second "instance" with the same master key and a cold cache.
    const fresh = await cryptoHarness(db.url, { MASTER_KEYS: keyA });
    try {
      expect(await fresh.crypto.decrypt(fresh.ds.manager, id, place(rowId), ct)).toBeNull();
    } finally {
      await fresh.close();
    }
    const [row] = await h.ds.query('SELECT wrapped_key, destroyed_at FROM data_keys WHERE id = $1', [id]);
    expect(row.wrapped_key).toBeNull();
    expect(row.destroyed_at).toBeInstanceOf(Date);
    await expect(h.ds.query("UPDATE data_keys SET wrapped_key = '\\x00' WHERE id = $1", [id])).rejects.toThrow(/cannot be restored/);
    await expect(h.crypto.encrypt(h.ds.manager, id, place(rowId), 'x')).rejects.toMatchObject({ code: 'conflict' });
  });

  it('says not found for an unknown data key', async () => {
    await expect(h.crypto.encrypt(h.ds.manager, randomUUID(), place(randomUUID()), 'x')).rejects.toMatchObject({ code: 'not_found' });
    await expect(h.crypto.destroyDataKey(h.ds.manager, randomUUID())).rejects.toMatchObject({ code: 'not_found' });
  });

  it('reads keys wrapped by an older master key once a newer one is configured', async () => {
    const id = await h.crypto.createDataKey(h.ds.manager);
    const rowId = randomUUID();
    const ct = await h.crypto.encrypt(h.ds.manager, id, place(rowId), 'old master');
    const newer = await cryptoHarness(db.url, { MASTER_KEYS: `${keyA},${newMasterKey('b')}` });
    try {
      expect((await newer.crypto.decrypt(newer.ds.manager, id, place(rowId), ct))?.toString()).toBe('old master');
      expect(newer.crypto.currentMasterKeyId).toBe('b');
    } finally {
      await newer.close();
    }
  });
});
