import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { checkpointHash } from '../../src/audit/audit-canonical';
import { verifyCaseProof, CaseProof } from '../../src/audit/audit-case-proof';
import { AuditCheckpointService } from '../../src/audit/audit-checkpoint.service';
import { AuditVerifyService } from '../../src/audit/audit-verify.service';
import { AuditRepository } from '../../src/audit/audit.repository';
import { AuditWitnesses } from '../../src/audit/audit-witnesses.service';
import { AuditService } from '../../src/audit/audit.service';
import { AuditCheckpointsCommand } from '../../src/cli/commands/audit-checkpoints.command';
import { AuditVerifyCommand } from '../../src/cli/commands/audit-verify.command';
import { systemContext } from '../../src/common/request-context';
import { ensureUnit, loginAs } from '../utils/staff';
import { createTestApp, TestApp } from '../utils/test-app';
import { testKey } from './audit-fixtures';

const CASE_A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const CASE_B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

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

describe('audit trail (whole app)', () => {
  let t: TestApp;
  let ds: DataSource;
  let tamper: Client;
  let headers: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    tamper = new Client({ connectionString: t.db.url });
    await tamper.connect();
    // an administrator with superuser rights can switch triggers off: exactly what tamper evidence is for
    await tamper.query(`SET session_replication_role = replica`);
    await ensureUnit(t, 'AUDIT-TEST');
    headers = { authorization: `Bearer ${(await loginAs(t, 'auditor', 'AUDIT-TEST')).token}` };
    const audit = t.app.get(AuditService);
    for (let i = 0; i < 30; i++) {
      await ds.transaction((m) =>
        audit.record(m, { requestId: `r${i}`, actor: { type: 'tipster' } }, {
          action: 'case.viewed',
          targetType: 'case',
          targetId: i % 3 === 0 ? CASE_A : CASE_B,
          change: { i },
        }),
      );
      if (i === 9 || i === 19) await t.app.get(AuditCheckpointService).checkpoint();
    }
  });
  afterAll(async () => {
    await tamper?.end();
    await t?.close();
  });

  const verify = () => t.app.get(AuditVerifyService).verify();
  const baseline = async () => Number((await ds.query('SELECT max(seq)::int AS n FROM audit_events'))[0].n);

  it('makes a checkpoint only when the head moved, and one per interval when periodic', async () => {
    const cps = t.app.get(AuditCheckpointService);
    const made = await cps.checkpoint();
    expect(made).toMatchObject({ made: true, checkpoint: { seq: String(await baseline()) } });
    expect(await cps.checkpoint()).toMatchObject({ made: false, reason: 'unchanged' });
    await t.app.get(AuditService).recordStandalone(systemContext(), { action: 'unit.created', targetType: 'unit', targetId: 'u1' });
    expect(await cps.checkpoint({ minIntervalMs: 60_000 })).toMatchObject({ made: false, reason: 'too_soon' });
  });

  it('verifies through the service, the HTTP route and the CLI command', async () => {
    const r = await verify();
    expect(r).toMatchObject({ ok: true, events: String(await baseline()), checkpoints: 3 });
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, events: String(await baseline()) });
    const cli = await capture(() => new AuditVerifyCommand(t.app.get(AuditVerifyService)).run([], {}));
    expect(cli.exitCode).toBe(0);
    expect(cli.out).toMatch(new RegExp(`^valid: ${await baseline()} events, 3 checkpoint\\(s\\) verified, last checkpoint 3 \\(event \\d+\\)`));
    expect(cli.out).toMatch(/UNCOVERED: 1 event\(s\) from \d+ on/);
  });

  it('names a changed field, a deleted event and a cut tail, and the CLI exits non-zero', async () => {
    const original = (await tamper.query(`SELECT request_id FROM audit_events WHERE seq = 5`)).rows[0].request_id as string;
    await tamper.query(`UPDATE audit_events SET request_id = 'forged' WHERE seq = 5`);
    expect(await verify()).toMatchObject({ ok: false, kind: 'hash', position: '5', validUpTo: '4' });
    const cli = await capture(() => new AuditVerifyCommand(t.app.get(AuditVerifyService)).run([], {}));
    expect(cli.exitCode).not.toBe(0);
    expect(cli.out).toContain('TAMPERED at event 5 (hash)');
    expect(cli.exitCode).toBe(2);
    await tamper.query(`UPDATE audit_events SET request_id = $1 WHERE seq = 5`, [original]);
    expect(await verify()).toMatchObject({ ok: true });

    const row = (await tamper.query(`SELECT * FROM audit_events WHERE seq = 12`)).rows[0];
    await tamper.query(`DELETE FROM audit_events WHERE seq = 12`);
    expect(await verify()).toMatchObject({ ok: false, kind: 'seq_gap', position: '12' });
    const cols = Object.keys(row);
    await tamper.query(`INSERT INTO audit_events (${cols.join(',')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(',')})`, cols.map((c) => row[c]));
    expect(await verify()).toMatchObject({ ok: true });

    const n = await baseline();
    const cut = (await tamper.query(`SELECT * FROM audit_events WHERE seq > 25 ORDER BY seq`)).rows;
    await tamper.query(`DELETE FROM audit_events WHERE seq > 25`);
    // the latest checkpoint covered more events than remain
    expect(await verify()).toMatchObject({ ok: false, kind: 'tail_cut', position: '26' });
    for (const r of cut) {
      await tamper.query(`INSERT INTO audit_events (${cols.join(',')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(',')})`, cols.map((c) => r[c]));
    }
    expect(await verify()).toMatchObject({ ok: true, events: String(n) });
  });

  it('verifies against checkpoints an outsider exported, and catches a re-signed history with an untrusted key', async () => {
    const exported = await capture(() => new AuditCheckpointsCommand(t.app.get(AuditCheckpointService)).run([], { since: new Date('2000-01-01') }));
    const lines = exported.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(Object.keys(lines[0]).sort()).toEqual(['at', 'headHash', 'id', 'keyId', 'prevHash', 'publicKey', 'seq', 'signature']);
    const keyId = t.app.get(AuditCheckpointService).signingKeyId;
    expect(await t.app.get(AuditVerifyService).verify({ trustedKeyIds: new Set([keyId]) })).toMatchObject({ ok: true });
    expect(await t.app.get(AuditVerifyService).verify({ trustedKeyIds: new Set(['0000000000000000']) })).toMatchObject({
      ok: false,
      kind: 'checkpoint_key',
    });
    const future = await capture(() => new AuditCheckpointsCommand(t.app.get(AuditCheckpointService)).run([], { since: new Date('2999-01-01') }));
    expect(future.out).toBe('');
  });

  it('by default refuses checkpoints re-signed with a key other than the configured ones', async () => {
    const { checkpoint } = await t.app.get(AuditCheckpointService).checkpoint();
    const head = checkpoint ?? (await ds.query(`SELECT seq::text AS seq FROM audit_checkpoints ORDER BY id DESC LIMIT 1`))[0];
    const { hash } = (await tamper.query(`SELECT hash FROM audit_events WHERE seq = $1`, [head.seq])).rows[0];
    // an intruder with database access signs the (possibly rewritten) head with a key of their own
    const intruder = testKey();
    const latest = (await t.app.get(AuditRepository).latestCheckpoint())!;
    // chained properly after the latest real checkpoint: only the key gives it away
    const fields = { seq: String(head.seq), headHash: hash as string, at: new Date().toISOString(), keyId: intruder.keyId, prevHash: checkpointHash(latest) };
    await tamper.query(
      `INSERT INTO audit_checkpoints (seq, head_hash, at, key_id, public_key, signature, prev_hash) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [fields.seq, fields.headHash, fields.at, fields.keyId, intruder.publicKeyBase64, intruder.sign(fields), fields.prevHash],
    );
    expect(await verify()).toMatchObject({ ok: false, kind: 'checkpoint_key', position: String(head.seq) });
    // an outsider who trusts that key id explicitly sees a consistent log
    expect(await t.app.get(AuditVerifyService).verify({ trustedKeyIds: new Set([intruder.keyId, t.app.get(AuditCheckpointService).signingKeyId]) })).toMatchObject({ ok: true });
    // an earlier key listed in AUDIT_TRUSTED_KEY_IDS is accepted by default
    const v = new AuditVerifyService(t.app.get(AuditRepository), { keyId: t.app.get(AuditCheckpointService).signingKeyId }, { AUDIT_TRUSTED_KEY_IDS: ` ${intruder.keyId} ,`, AUDIT_CHECKPOINT_INTERVAL_MINUTES: 1 }, t.app.get(AuditWitnesses));
    expect(await v.verify()).toMatchObject({ ok: true });
    await tamper.query(`DELETE FROM audit_checkpoints WHERE key_id = $1`, [intruder.keyId]);
  });

  it('lets only auditors reach the audit routes', async () => {
    const officer = { authorization: `Bearer ${(await loginAs(t, 'officer', 'AUDIT-TEST')).token}` };
    for (const url of ['/api/v1/audit/verify', `/api/v1/audit/cases/${CASE_A}/proof`]) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
      expect((await t.app.inject({ method: 'GET', url, headers: officer })).statusCode).toBe(403);
    }
  });

  it("proves one case's events against signed checkpoints without revealing the other case", async () => {
    await t.app.get(AuditCheckpointService).checkpoint();
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/audit/cases/${CASE_A}/proof`, headers });
    expect(res.statusCode).toBe(200);
    const proof = res.json() as CaseProof;
    expect(JSON.stringify(proof)).not.toContain(CASE_B);
    const checked = verifyCaseProof(proof, { trustedKeyIds: new Set([t.app.get(AuditCheckpointService).signingKeyId]) });
    expect(checked).toMatchObject({ ok: true, complete: true, unanchored: 0 });
    const own = await ds.query(`SELECT seq::int AS seq FROM audit_events WHERE target_type = 'case' AND target_id = $1 ORDER BY audit_events.seq`, [CASE_A]);
    expect(own).toHaveLength(10);
    if (checked.ok) expect(checked.events.map((e) => Number(e.seq))).toEqual(own.map((r: { seq: number }) => r.seq));
    expect(proof.segments.length).toBeGreaterThan(1);

    // a changed event, or an event swapped for a digest of another case's, fails the proof
    const changed = JSON.parse(res.body) as CaseProof;
    const item = changed.segments[0].items[0] as { event: { requestId: string } };
    item.event.requestId = 'other';
    expect(verifyCaseProof(changed)).toMatchObject({ ok: false });
    expect(verifyCaseProof(proof, { trustedKeyIds: new Set(['0000000000000000']) })).toMatchObject({ ok: false });

    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/audit/cases/not-a-uuid/proof', headers });
    expect(bad.statusCode).toBe(400);
  });
});
