import { randomUUID } from 'node:crypto';
import { systemContext } from '../../src/common/request-context';
import { KeyRotationService } from '../../src/crypto/key-rotation.service';
import { createTestDatabase, TestDatabase } from '../utils/test-database';
import { cryptoHarness, CryptoHarness, newMasterKey } from './crypto-harness';

/**
 * Rotation from master key "a" to "b" while records keep being read, interrupted midway and
 * resumed. Readers run with the data key cache off, so every read unwraps from the database.
 */
describe('keys:rotate', () => {
  const keyA = newMasterKey('a');
  const keyB = newMasterKey('b');
  const N = 240;
  let db: TestDatabase;
  let old: CryptoHarness;
  const records: { keyId: string; rowId: string; ct: Buffer; text: string }[] = [];
  const place = (rowId: string) => ({ table: 'tips', column: 'narrative', rowId });

  beforeAll(async () => {
    db = await createTestDatabase();
    old = await cryptoHarness(db.url, { MASTER_KEYS: keyA });
    await old.ds.transaction(async (m) => {
      for (let i = 0; i < N; i++) {
        const keyId = await old.crypto.createDataKey(m);
        const rowId = randomUUID();
        const text = `tip number ${i}`;
        records.push({ keyId, rowId, text, ct: await old.crypto.encrypt(m, keyId, place(rowId), text) });
      }
    });
  });
  afterAll(async () => {
    await old.close();
    await db.drop();
  });

  async function readAll(h: CryptoHarness): Promise<void> {
    for (const r of records) {
      expect((await h.crypto.decrypt(h.ds.manager, r.keyId, place(r.rowId), r.ct))?.toString()).toBe(r.text);
    }
  }
  const masterKeyIds = async (h: CryptoHarness) =>
    Object.fromEntries((await h.ds.query('SELECT master_key_id AS id, count(*)::int AS n FROM data_keys GROUP BY 1')).map((r: { id: string; n: number }) => [r.id, r.n]));

  it('resumes after an interruption and leaves every record readable, while reads go on', async () => {
    const rotator = await cryptoHarness(db.url, { MASTER_KEYS: `${keyA},${keyB}`, DATA_KEY_CACHE_SIZE: '0' });
    const reader = await cryptoHarness(db.url, { MASTER_KEYS: `${keyA},${keyB}`, DATA_KEY_CACHE_SIZE: '0' });
    try {
      const rotation = rotator.ctx.get(KeyRotationService);

      // First run: killed after three batches (the callback throws mid-run, like a crash).
      let batches = 0;
      await expect(
        rotation.rotate(systemContext('test'), {
          batchSize: 20,
          onBatch: () => {
            if (++batches === 3) throw new Error('interrupted');
          },
        }),
      ).rejects.toThrow('interrupted');
      expect(await masterKeyIds(rotator)).toEqual({ a: N - 60, b: 60 });
      await readAll(reader);

      // Second run, with a reader hammering the table at the same time.
      let reading = true;
      let reads = 0;
      const readLoop = (async () => {
        while (reading) {
          const r = records[reads % N];
          expect((await reader.crypto.decrypt(reader.ds.manager, r.keyId, place(r.rowId), r.ct))?.toString()).toBe(r.text);
          reads++;
        }
      })();
      let progressed = 0;
      const result = await rotation.rotate(systemContext('test'), { batchSize: 10, onBatch: (n) => (progressed += n) });
      reading = false;
      await readLoop;
      expect(reads).toBeGreaterThan(0);
      expect(result).toEqual({ masterKeyId: 'b', rewrapped: N - 60, remaining: 0 });
      expect(progressed).toBe(N - 60);
      expect(await masterKeyIds(rotator)).toEqual({ b: N });

      // Once rotated, the old master key can go: "b" alone reads everything.
      const onlyB = await cryptoHarness(db.url, { MASTER_KEYS: keyB, DATA_KEY_CACHE_SIZE: '0' });
      try {
        await readAll(onlyB);
      } finally {
        await onlyB.close();
      }

      // A third run has nothing to do.
      expect(await rotation.rotate(systemContext('test'))).toEqual({ masterKeyId: 'b', rewrapped: 0, remaining: 0 });

      const events = await rotator.ds.query(`SELECT action, target_id FROM audit_events WHERE action LIKE 'keys.%' ORDER BY seq`);
      expect(events.map((e: { action: string }) => e.action)).toEqual([
        'keys.rotation_started',
        'keys.rotation_started',
        'keys.rotation_finished',
        'keys.rotation_started',
        'keys.rotation_finished',
      ]);
      expect(events.every((e: { target_id: string }) => e.target_id === 'b')).toBe(true);
    } finally {
      await rotator.close();
      await reader.close();
    }
  });

  it('never re-wraps a destroyed key', async () => {
    const h = await cryptoHarness(db.url, { MASTER_KEYS: `${keyB},${newMasterKey('c')}` });
    try {
      await h.crypto.destroyDataKey(h.ds.manager, records[0].keyId);
      const result = await h.ctx.get(KeyRotationService).rotate(systemContext('test'), { batchSize: 100 });
      expect(result.rewrapped).toBe(N - 1);
      const [row] = await h.ds.query('SELECT wrapped_key, master_key_id FROM data_keys WHERE id = $1', [records[0].keyId]);
      expect(row).toEqual({ wrapped_key: null, master_key_id: 'b' });
    } finally {
      await h.close();
    }
  });
});
