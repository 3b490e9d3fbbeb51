import { readFileSync, statSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuditCheckpointService } from '../../src/audit/audit-checkpoint.service';
import { AuditVerifyService } from '../../src/audit/audit-verify.service';
import { AuditService } from '../../src/audit/audit.service';
import { systemContext } from '../../src/common/request-context';
import { ensureUnit, loginAs } from '../utils/staff';
import { startTestSmtp, TestSmtp } from '../utils/smtp';
import { createTestApp, TestApp } from '../utils/test-app';

/** The checkpoint job never signs over a chain that does not verify from the last witnessed checkpoint. */
describe('no blind signing: audit incidents', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let ds: DataSource;
  let auditorHeaders: Record<string, string>;
  let endpoint: Server;
  const posted: { type: string; id?: string; incidentId?: string }[] = [];

  const record = (n: number) =>
    (async () => {
      for (let i = 0; i < n; i++) await t.app.get(AuditService).recordStandalone(systemContext('incident-test'), { action: 'unit.viewed', targetType: 'unit', targetId: `u${i}` });
    })();
  const witnessLines = () =>
    readFileSync(path.join(t.config.AUDIT_WITNESS_DIR!, 'checkpoints.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; incidentId?: string });
  const countCheckpoints = async () => Number((await ds.query('SELECT count(*)::int AS n FROM audit_checkpoints'))[0].n);

  beforeAll(async () => {
    smtp = await startTestSmtp();
    // an HTTP witness: a real server that keeps what it is sent
    endpoint = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        posted.push(JSON.parse(body));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/witness`;
    t = await createTestApp({ env: { SMTP_URL: smtp.url, AUDIT_WITNESS_EMAILS: 'auditor@police.test, second@police.test', AUDIT_WITNESS_URL: url } });
    ds = t.app.get(DataSource);
    await ensureUnit(t, 'AUDIT-INC');
    auditorHeaders = { authorization: `Bearer ${(await loginAs(t, 'auditor', 'AUDIT-INC')).token}` };
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    await new Promise<void>((resolve) => (endpoint ? endpoint.close(() => resolve()) : resolve()));
  });

  it('signs and witnesses a verified head: file mode 0600, a chained checkpoint, a mail to the auditors', async () => {
    await record(3);
    const first = await t.app.get(AuditCheckpointService).checkpoint();
    expect(first).toMatchObject({ made: true });
    await record(2);
    const second = await t.app.get(AuditCheckpointService).checkpoint();
    expect(second).toMatchObject({ made: true });
    const file = path.join(t.config.AUDIT_WITNESS_DIR!, 'checkpoints.jsonl');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(witnessLines().map((l) => l.type)).toEqual(['checkpoint', 'checkpoint']);
    const mails = await smtp.waitFor(2);
    expect(mails[0].to.sort()).toEqual(['auditor@police.test', 'second@police.test']);
    expect(mails[0].subject).toMatch(/^tipline audit checkpoint \d+: \d+ events$/);
    expect(posted.map((p) => p.type)).toEqual(['checkpoint', 'checkpoint']);
    expect(posted[1].id).toBe(second.checkpoint!.id);
  });

  it('refuses to sign over a broken chain, raises the alarm, and keeps refusing until an auditor acknowledges', async () => {
    await record(3);
    const su = new Client({ connectionString: t.db.url });
    await su.connect();
    try {
      await su.query('SET session_replication_role = replica');
      // an event after the last witnessed checkpoint, rewritten in place
      await su.query(`UPDATE audit_events SET target_id = 'forged' WHERE seq = (SELECT max(seq) - 1 FROM audit_events)`);
    } finally {
      await su.end();
    }
    const before = await countCheckpoints();
    const mailsBefore = smtp.mails.length;
    const refused = await t.app.get(AuditCheckpointService).checkpoint();
    expect(refused).toMatchObject({ made: false, reason: 'incident', incident: { kind: 'hash' } });
    const incidentId = refused.incident!.id;
    expect(await countCheckpoints()).toBe(before);
    // the alarm: witness line, incident record (not in the chain), metric, log line, e-mail
    expect(witnessLines().at(-1)).toMatchObject({ type: 'incident', incidentId });
    const incidents = await t.app.inject({ method: 'GET', url: '/api/v1/audit/incidents', headers: auditorHeaders });
    expect(incidents.json().items[0]).toMatchObject({ id: incidentId, kind: 'hash', acknowledgedAt: null });
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/^audit_incidents_total 1$/m);
    expect(metrics.body).toMatch(/^audit_checkpoints_blocked 1$/m);
    expect(t.logs.text).toContain('audit checkpoint NOT signed');
    const mails = await smtp.waitFor(mailsBefore + 1);
    expect(mails.some((m) => m.subject.includes(`AUDIT INCIDENT ${incidentId}`))).toBe(true);
    expect(posted.at(-1)).toMatchObject({ type: 'incident', incidentId });

    // new events do not help: still refused, same incident, nothing signed
    await record(2);
    expect(await t.app.get(AuditCheckpointService).checkpoint()).toMatchObject({ made: false, reason: 'incident', incident: { id: incidentId } });
    expect(await countCheckpoints()).toBe(before);

    // the auditor acts, with a reason
    const noReason = await t.app.inject({ method: 'POST', url: `/api/v1/audit/incidents/${incidentId}/acknowledge`, headers: auditorHeaders, payload: { reason: 'ok' } });
    expect(noReason.statusCode).toBe(400);
    const ack = await t.app.inject({
      method: 'POST',
      url: `/api/v1/audit/incidents/${incidentId}/acknowledge`,
      headers: auditorHeaders,
      payload: { reason: 'Event rewritten by a DBA test; reported to the inspectorate, case 2026-17' },
    });
    expect(ack.statusCode).toBe(200);
    expect(ack.json()).toMatchObject({ id: incidentId, acknowledgedBy: expect.stringMatching(/^staff:auditor-/) });
    expect(witnessLines().at(-1)).toMatchObject({ type: 'acknowledgement', incidentId });
    expect(await t.app.get(AuditCheckpointService).checkpoint()).toMatchObject({ made: true });
    // the damage stays visible: an acknowledgement repairs nothing
    expect(await t.app.get(AuditVerifyService).verify()).toMatchObject({ ok: false, kind: 'hash' });
  });
});
