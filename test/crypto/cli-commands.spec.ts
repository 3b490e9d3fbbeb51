import { randomUUID } from 'node:crypto';
import { KeysRotateCommand } from '../../src/cli/commands/keys-rotate.command';
import { KeyRotationService } from '../../src/crypto/key-rotation.service';
import { RetentionHoldCommand } from '../../src/retention/retention-hold.command';
import { RetentionRunCommand } from '../../src/cli/commands/retention-run.command';
import { RetentionModule } from '../../src/retention/retention.module';
import { RetentionService } from '../../src/retention/retention.service';
import { createTestDatabase, TestDatabase } from '../utils/test-database';
import { cryptoHarness, CryptoHarness, newMasterKey } from './crypto-harness';

/** The CLI commands `keys:rotate` and `retention:run` as the CLI runs them (output, exit code, audit). */
describe('keys:rotate and retention:run commands', () => {
  const keyA = newMasterKey('cli-a');
  const keyB = newMasterKey('cli-b');
  let db: TestDatabase;
  let h: CryptoHarness;

  async function capture(fn: () => Promise<void>): Promise<{ out: string; exitCode: number | undefined }> {
    let out = '';
    const o = jest.spyOn(process.stdout, 'write').mockImplementation((c) => ((out += String(c)), true));
    const e = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const before = process.exitCode;
    process.exitCode = undefined;
    try {
      await fn();
      return { out, exitCode: process.exitCode as number | undefined };
    } finally {
      o.mockRestore();
      e.mockRestore();
      process.exitCode = before;
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    const old = await cryptoHarness(db.url, { MASTER_KEYS: keyA });
    try {
      await old.ds.transaction(async (m) => {
        for (let i = 0; i < 7; i++) await old.crypto.createDataKey(m);
      });
    } finally {
      await old.close();
    }
    h = await cryptoHarness(db.url, { MASTER_KEYS: `${keyA},${keyB}` }, { imports: [RetentionModule] });
  });
  afterAll(async () => {
    await h?.close();
    await db.drop();
  });

  it('keys:rotate re-wraps every data key under the newest master key, says so, and audits start and end', async () => {
    const cmd = new KeysRotateCommand(h.ctx.get(KeyRotationService));
    expect(() => cmd.parseBatchSize('0')).toThrow('--batch-size');
    expect(() => cmd.parseBatchSize('many')).toThrow('--batch-size');
    const first = await capture(() => cmd.run([], { batchSize: cmd.parseBatchSize('3') }));
    expect(first.exitCode).toBeUndefined();
    expect(first.out).toContain('data keys re-wrapped under master key cli-b: 7');
    const byKey = await h.ds.query('SELECT master_key_id AS id, count(*)::int AS n FROM data_keys GROUP BY 1');
    expect(byKey).toEqual([{ id: 'cli-b', n: 7 }]);
    const again = await capture(() => cmd.run([], {}));
    expect(again.out).toContain('data keys re-wrapped under master key cli-b: 0');
    const audit = await h.ds.query(`SELECT action, actor_id FROM audit_events WHERE action LIKE 'keys.rotation_%' ORDER BY seq`);
    expect(audit).toEqual([
      { action: 'keys.rotation_started', actor_id: 'cli:keys:rotate' },
      { action: 'keys.rotation_finished', actor_id: 'cli:keys:rotate' },
      { action: 'keys.rotation_started', actor_id: 'cli:keys:rotate' },
      { action: 'keys.rotation_finished', actor_id: 'cli:keys:rotate' },
    ]);
  });

  it('retention:hold keeps an expired case; retention:run destroys it once released and reports it; a run while another holds the lock exits 2', async () => {
    const unitId = randomUUID();
    await h.ds.query(`INSERT INTO units (id, code, name, kind, valid_from) VALUES ($1, 'CLI-RET', 'Công an xã thử', 'commune_police', '2020-01-01')`, [unitId]);
    const caseId = randomUUID();
    const keyId = await h.ds.transaction(async (m) => {
      const k = await h.crypto.createDataKey(m);
      await m.query(
        `INSERT INTO cases (id, reference, unit_id, status, outcome, priority, priority_rank, category, channel, observed_at,
                            routing_reason, data_key_id, closed_at, stage_started_at)
         VALUES ($1, 'TL-CLI-1', $2, 'closed', 'spam', 'normal', 2, 'dealing_point', 'web', now() - interval '90 days', '{}', $3,
                 now() - interval '40 days', now() - interval '40 days')`,
        [caseId, unitId, k],
      );
      return k;
    });
    const cmd = new RetentionRunCommand(h.ctx.get(RetentionService));
    const hold = new RetentionHoldCommand(h.ctx.get(RetentionService));

    // on legal hold, the expired case is kept; released, the next run destroys it
    expect((await capture(() => hold.run(['TL-CLI-1'], {}))).out).toContain('case TL-CLI-1 is on legal hold');
    expect((await capture(() => hold.run(['TL-CLI-1'], {}))).out).toContain('(unchanged)');
    expect((await capture(() => cmd.run())).out).toContain('destroyed the content of 0');
    expect((await capture(() => hold.run(['TL-CLI-1'], { release: hold.parseRelease() }))).out).toContain('is no longer on legal hold');
    const unknown = await capture(() => hold.run(['TL-NOPE'], {}));
    expect(unknown.exitCode).toBe(1);
    const timeline = await h.ds.query(`SELECT type, actor_id FROM case_events WHERE case_id = $1 ORDER BY at, type DESC`, [caseId]);
    expect(timeline).toEqual([
      { type: 'legal_hold_set', actor_id: 'cli:retention:hold' },
      { type: 'legal_hold_released', actor_id: 'cli:retention:hold' },
    ]);
    const holdAudit = await h.ds.query(`SELECT action FROM audit_events WHERE target_id = $1 ORDER BY seq`, [caseId]);
    expect(holdAudit.map((a: { action: string }) => a.action)).toEqual(['case.legal_hold_set', 'case.legal_hold_released']);

    const lock = await h.ds.createQueryRunner();
    await lock.connect();
    try {
      await lock.query(`SELECT pg_advisory_lock(hashtext('tipline:retention'))`);
      const busy = await capture(() => cmd.run());
      expect(busy.exitCode).toBe(2);
      expect(busy.out).toContain('another instance is running retention');
      await lock.query(`SELECT pg_advisory_unlock(hashtext('tipline:retention'))`);
    } finally {
      await lock.release();
    }

    const run = await capture(() => cmd.run());
    expect(run.exitCode).toBeUndefined();
    expect(run.out).toContain('examined 1 closed case(s), destroyed the content of 1');
    const [key] = await h.ds.query('SELECT wrapped_key FROM data_keys WHERE id = $1', [keyId]);
    expect(key.wrapped_key).toBeNull();
    const [event] = await h.ds.query(`SELECT actor_id FROM audit_events WHERE action = 'case.purged' AND target_id = $1`, [caseId]);
    expect(event.actor_id).toBe('cli:retention:run');
    const last = await h.ds.query(`SELECT type FROM case_events WHERE case_id = $1 ORDER BY at DESC LIMIT 1`, [caseId]);
    expect(last).toEqual([{ type: 'purged' }]);
  });
});
