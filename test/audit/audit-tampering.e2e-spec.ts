import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuditCheckpointService } from '../../src/audit/audit-checkpoint.service';
import { AUDIT_SIGNING_KEY } from '../../src/audit/audit-keys';
import type { AuditSigningKey } from '../../src/audit/audit-signing-key';
import { AuditVerifyService, VerifyReport } from '../../src/audit/audit-verify.service';
import { AuditWitnesses } from '../../src/audit/audit-witnesses.service';
import { AuditRepository } from '../../src/audit/audit.repository';
import { AuditService } from '../../src/audit/audit.service';
import { AuditVerifyCommand } from '../../src/cli/commands/audit-verify.command';
import { dataSourceOptions } from '../../src/database/data-source';
import { withDatabase } from '../utils/database-urls';
import { createTestApp } from '../utils/test-app';
import { adminQuery, createTestDatabase, TestDatabase } from '../utils/test-database';

/**
 * A database superuser tampers with a copy of a real trail (40 events recorded by the app,
 * checkpoints signed and witnessed after events 10, 20 and 30; events 31–40 not yet covered).
 * Each tampering runs on its own copy of the database with a copy of the witness folder, and
 * `audit:verify` with no arguments must name it at the right place.
 */

async function capture(fn: () => Promise<void>): Promise<{ out: string; exitCode: number }> {
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const errWrite = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((c: string) => chunks.push(String(c)) > 0) as typeof process.stdout.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  const before = process.exitCode;
  process.exitCode = 0;
  try {
    await fn();
    return { out: chunks.join(''), exitCode: Number(process.exitCode ?? 0) };
  } finally {
    process.stdout.write = write;
    process.stderr.write = errWrite;
    process.exitCode = before;
  }
}

describe('tampering by a database superuser, detected by audit:verify against the witness', () => {
  let original: TestDatabase;
  let witnessDir: string;
  let key: AuditSigningKey;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    original = await createTestDatabase();
    const t = await createTestApp({ db: original });
    try {
      const audit = t.app.get(AuditService);
      const ds = t.app.get(DataSource);
      // the migrated template may already hold a few events (reference data): fill up to 40
      const head = async () => Number((await ds.query('SELECT coalesce(max(seq), 0)::int AS n FROM audit_events'))[0].n);
      expect(await head()).toBeLessThan(10);
      for (let i = await head() + 1; i <= 40; i++) {
        await ds.transaction((m) =>
          audit.record(m, { requestId: `req-${i}`, actor: { type: 'system', id: 'tamper-test' } }, { action: 'case.viewed', targetType: 'case', targetId: `c-${i % 3}`, change: { i } }),
        );
        expect(await head()).toBe(i);
        if (i % 10 === 0 && i <= 30) expect(await t.app.get(AuditCheckpointService).checkpoint()).toMatchObject({ made: true });
      }
      key = t.app.get(AUDIT_SIGNING_KEY);
      witnessDir = t.config.AUDIT_WITNESS_DIR!;
    } finally {
      await t.close();
    }
  });
  afterAll(async () => {
    for (const c of cleanups.splice(0)) await c();
    await original?.drop();
  });

  /** A copy of the trail (database and witness folder), tampered with by `sql` as a superuser, then verified. */
  async function tamperedCopy(sql: string[], opts: { witness?: boolean; intervalMinutes?: number } = {}) {
    const name = `${original.name}_c${Math.random().toString(16).slice(2, 8)}`;
    await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${original.name} STRATEGY FILE_COPY`);
    const url = withDatabase(original.url, name);
    const witness = mkdtempSync(path.join(tmpdir(), 'tamper-witness-'));
    if (opts.witness !== false) cpSync(witnessDir, witness, { recursive: true });
    const ds = await new DataSource(dataSourceOptions(url, 2)).initialize();
    cleanups.push(async () => {
      await ds.destroy();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      rmSync(witness, { recursive: true, force: true });
    });
    const su = new Client({ connectionString: url });
    await su.connect();
    try {
      // a superuser can switch the append-only triggers off: what tamper evidence is for
      await su.query('SET session_replication_role = replica');
      for (const q of sql) await su.query(q);
    } finally {
      await su.end();
    }
    const verifier = new AuditVerifyService(
      new AuditRepository(ds),
      key,
      { AUDIT_TRUSTED_KEY_IDS: '', AUDIT_CHECKPOINT_INTERVAL_MINUTES: opts.intervalMinutes ?? 1 },
      new AuditWitnesses({ AUDIT_WITNESS_DIR: witness, EMBEDDED_PG_DIR: '.', AUDIT_WITNESS_EMAILS: '' }),
    );
    const report: VerifyReport = await verifier.verify();
    const cli = await capture(() => new AuditVerifyCommand(verifier).run([], {}));
    return { report, cli };
  }

  /** Recomputes links from `from` on, as a forger who knows the formula (the database's own function). */
  const relinkFrom = (from: number) => `DO $$ DECLARE r record; BEGIN
      FOR r IN SELECT seq FROM audit_events WHERE seq >= ${from} ORDER BY seq LOOP
        UPDATE audit_events e SET prev_hash = p.hash,
          hash = audit_event_hash(e.seq, p.hash, e.at, e.actor_type, e.actor_id, e.action, e.target_type, e.target_id, e.unit_id, e.request_id, e.change_digest)
          FROM audit_events p WHERE e.seq = r.seq AND p.seq = r.seq - 1;
      END LOOP; END $$`;

  it('reports the untouched trail as valid, with events 31–40 uncovered (exit 0; exit 3 once the tail is stale)', async () => {
    const { report, cli } = await tamperedCopy([]);
    expect(report).toMatchObject({ ok: true, events: '40', covered: '30', uncovered: { events: '10', oldestSeq: '31' }, witness: { present: true } });
    expect(cli.exitCode).toBe(0);
    expect(cli.out).toContain('UNCOVERED: 10 event(s) from 31 on');
    // two "intervals" of 0.6 ms have long passed: the same trail is valid but stale
    const stale = await tamperedCopy([], { intervalMinutes: 0.00001 });
    expect(stale.report).toMatchObject({ ok: true, stale: true });
    expect(stale.cli.exitCode).toBe(3);
  });

  it('edit: a changed field', async () => {
    const { report, cli } = await tamperedCopy([`UPDATE audit_events SET request_id = 'forged' WHERE seq = 15`]);
    expect(report).toMatchObject({ ok: false, kind: 'hash', position: '15', firstBad: '15', lastGood: '14' });
    expect(cli.exitCode).toBe(2);
    expect(cli.out).toContain('TAMPERED at event 15 (hash)');
  });

  it('a timestamp changed by one microsecond', async () => {
    const { report } = await tamperedCopy([`UPDATE audit_events SET at = at + interval '1 microsecond' WHERE seq = 17`]);
    expect(report).toMatchObject({ ok: false, kind: 'hash', position: '17', firstBad: '17' });
  });

  it('delete: an event removed', async () => {
    const { report, cli } = await tamperedCopy([`DELETE FROM audit_events WHERE seq = 15`]);
    expect(report).toMatchObject({ ok: false, kind: 'seq_gap', position: '15', lastGood: '14' });
    expect(cli.exitCode).toBe(2);
  });

  it('insert: a well-linked forged event, the later ones renumbered', async () => {
    const { report } = await tamperedCopy([
      `UPDATE audit_events SET seq = seq + 1000000 WHERE seq >= 15`,
      `UPDATE audit_events SET seq = seq - 1000000 + 1 WHERE seq > 1000000`,
      `INSERT INTO audit_events (seq, at, actor_type, actor_id, action, target_type, target_id, request_id, prev_hash, hash, hash_version)
        SELECT 15, p.at, 'system', 'forger', 'case.closed', 'case', 'c-1', 'forged', p.hash,
          audit_event_hash(15, p.hash, p.at, 'system', 'forger', 'case.closed', 'case', 'c-1', NULL, 'forged', NULL), 2
        FROM audit_events p WHERE p.seq = 14`,
    ]);
    expect(report).toMatchObject({ ok: false, kind: 'prev_hash', position: '16', firstBad: '15', lastGood: '14' });
  });

  it('swap: two events exchanged', async () => {
    const { report } = await tamperedCopy([
      `UPDATE audit_events SET seq = 1000015 WHERE seq = 15`,
      `UPDATE audit_events SET seq = 15 WHERE seq = 16`,
      `UPDATE audit_events SET seq = 16 WHERE seq = 1000015`,
    ]);
    expect(report).toMatchObject({ ok: false, kind: 'prev_hash', position: '15', firstBad: '15', lastGood: '14' });
  });

  it('truncation before the last checkpoint (with or without deleting that checkpoint)', async () => {
    const kept = await tamperedCopy([`DELETE FROM audit_events WHERE seq > 25`]);
    expect(kept.report).toMatchObject({ ok: false, kind: 'tail_cut', position: '26' });
    const both = await tamperedCopy([`DELETE FROM audit_events WHERE seq > 25`, `DELETE FROM audit_checkpoints WHERE seq > 25`]);
    expect(both.report).toMatchObject({ ok: false, kind: 'tail_cut', position: '26', lastGood: '25' });
    expect(both.report.ok === false && both.report.reason).toContain('events 26–30 were removed');
    expect(both.cli.exitCode).toBe(2);
  });

  it('a consistent rewrite with every later link recomputed and the later checkpoints deleted', async () => {
    const { report, cli } = await tamperedCopy([
      `UPDATE audit_events SET request_id = 'forged' WHERE seq = 15`,
      relinkFrom(15),
      `DELETE FROM audit_checkpoints WHERE seq >= 15`,
    ]);
    // the witness still holds checkpoint 2 (event 20): the rewrite lies between events 11 and 20
    expect(report).toMatchObject({ ok: false, kind: 'checkpoint_hash', position: '20', firstBad: '11', lastGood: '10' });
    expect(report.ok === false && report.reason).toContain('events 11–20 were rewritten');
    expect(cli.out).toContain('first bad event: 11; last good event: 10');
    expect(cli.exitCode).toBe(2);
  });

  it('an emptied trail', async () => {
    const { report, cli } = await tamperedCopy([`DELETE FROM audit_events`, `DELETE FROM audit_checkpoints`]);
    expect(report).toMatchObject({ ok: false, kind: 'tail_cut', position: '1', lastGood: '0' });
    expect(report.ok === false && report.reason).toContain('the log is empty');
    expect(cli.exitCode).toBe(2);
  });

  it('a middle checkpoint deleted: named by the witness, and by the next checkpoint without one', async () => {
    const sql = [`DELETE FROM audit_checkpoints WHERE seq = 20`];
    const { report } = await tamperedCopy(sql);
    expect(report).toMatchObject({ ok: false, kind: 'checkpoint_missing', position: '20' });
    const blind = await tamperedCopy(sql, { witness: false });
    expect(blind.report).toMatchObject({ ok: false, kind: 'checkpoint_chain', position: '30', witness: { present: false } });
  });

  it('truncation after the last checkpoint: reported as an uncovered tail, never as fully covered', async () => {
    const { report, cli } = await tamperedCopy([`DELETE FROM audit_events WHERE seq > 35`]);
    expect(report).toMatchObject({ ok: true, events: '35', covered: '30', uncovered: { events: '5', oldestSeq: '31' } });
    expect(cli.out).toContain('UNCOVERED: 5 event(s) from 31 on');
  });

  it('a changed checkpoint row is named against the witness copy', async () => {
    const { report } = await tamperedCopy([`UPDATE audit_checkpoints SET at = at + interval '1 second' WHERE seq = 10`]);
    // the database copy no longer matches its signature; the witness copy still verifies the events
    expect(report).toMatchObject({ ok: false, kind: 'checkpoint_mismatch', position: '10' });
  });
});

describe('the database computes every link', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('ignores a link passed by the inserter and refuses an event that does not follow the head', async () => {
    const c = new Client({ connectionString: db.url });
    await c.connect();
    try {
      const before = (await c.query(`SELECT coalesce(max(seq), 0)::int AS n, coalesce((SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1), repeat('0', 64)) AS h FROM audit_events`)).rows[0];
      const next = before.n + 1;
      await c.query(
        `INSERT INTO audit_events (seq, at, actor_type, actor_id, action, target_type, request_id, prev_hash, hash)
         VALUES ($2, now(), 'system', 's', 'x.y', 'x', 'r', $1, $1)`,
        ['f'.repeat(64), next],
      );
      const row = (await c.query(`SELECT prev_hash, hash, hash_version FROM audit_events WHERE seq = $1`, [next])).rows[0];
      expect(row.prev_hash).toBe(before.h);
      expect(row.hash).not.toBe('f'.repeat(64));
      expect(row.hash_version).toBe(2);
      await expect(
        c.query(`INSERT INTO audit_events (seq, at, actor_type, action, target_type, request_id, prev_hash, hash) VALUES ($2, now(), 'system', 'x.y', 'x', 'r', $1, $1)`, [
          'f'.repeat(64),
          next + 5,
        ]),
      ).rejects.toThrow('does not follow the chain head');
    } finally {
      await c.end();
    }
  });
});
