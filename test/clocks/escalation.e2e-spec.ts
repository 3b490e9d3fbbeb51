import { spawn } from 'node:child_process';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { ClocksRepository } from '../../src/clocks/clocks.repository';
import { ClocksService } from '../../src/clocks/clocks.service';
import { openTestCase, withCaseVersion } from '../utils/cases';
import { startTestSmtp, TestSmtp } from '../utils/smtp';
import { bearer, ensureUnit, loginAs, LoggedIn } from '../utils/staff';
import { createTestApp, TestApp } from '../utils/test-app';
import { createTestDatabase, TestDatabase } from '../utils/test-database';

const HOUR = 3_600_000;
const CASES = 10;
const CLOCKS = CASES * 2; // category "other": acknowledge and first_action, no legal clocks

/**
 * Two application instances on one database and a third that dies in the middle of a sweep:
 * every breach escalates once, every notice exists once and is e-mailed once (to a real SMTP
 * server), and the ladder's second step reaches the supervising unit once, after the delay.
 */
describe('breach detection and escalation, exactly once', () => {
  let db: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  let smtp: TestSmtp;
  let ds: DataSource;
  let leads: LoggedIn[];
  let supervisor: LoggedIn;
  let officer: LoggedIn;
  let caseIds: string[] = [];
  let references: string[] = [];
  const breachAt = new Date(Date.now() + 4 * 24 * HOUR);
  const escalateAt = new Date(breachAt.getTime() + 61 * 60_000);

  beforeAll(async () => {
    smtp = await startTestSmtp();
    db = await createTestDatabase();
    const env = { SMTP_URL: smtp.url, CLOCK_ESCALATION_DELAY_MINUTES: '60' };
    a = await createTestApp({ db, env });
    b = await createTestApp({ db, env });
    ds = a.app.get(DataSource);
    await ensureUnit(a, 'TEST-ESC-P', { kind: 'provincial_drug_police' });
    const unitA = await ensureUnit(a, 'TEST-ESC-A', { parentCode: 'TEST-ESC-P', kind: 'commune_police' });
    leads = [await loginAs(a, 'unit_lead', 'TEST-ESC-A'), await loginAs(a, 'unit_lead', 'TEST-ESC-A')];
    officer = await loginAs(a, 'officer', 'TEST-ESC-A');
    supervisor = await loginAs(a, 'supervisor', 'TEST-ESC-P');
    const admin = await loginAs(a, 'admin', 'TEST-ESC-P');
    for (const [i, who] of [...leads, supervisor].entries()) {
      const r = await a.app.inject({ method: 'PUT', url: `/api/v1/admin/staff/${who.principal.id}/notification-email`, headers: bearer(admin.token), payload: { email: `staff${i}@example.test` } });
      expect(r.statusCode).toBe(200);
    }
    const bad = await a.app.inject({ method: 'PUT', url: `/api/v1/admin/staff/${officer.principal.id}/notification-email`, headers: bearer(admin.token), payload: { email: 'not-an-address' } });
    expect(bad.statusCode).toBe(400);
    for (let i = 0; i < CASES; i++) {
      const c = await openTestCase(a, unitA, { category: 'other' });
      caseIds.push(c.caseId);
      references.push(c.reference);
    }
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.drop();
    await smtp?.close();
  });

  it('nothing is due yet: a sweep changes nothing', async () => {
    expect(await a.app.get(ClocksService).sweep(new Date())).toEqual({ breached: 0, escalated: 0, emailed: 0 });
  });

  it('an instance killed mid-sweep, then two instances sweeping at once: each breach escalates once, each notice is mailed once', async () => {
    // The third instance claims a batch and is killed before it commits.
    const child = spawn(process.execPath, [path.join(__dirname, 'killed-sweeper.js')], {
      env: { ...process.env, DB_URL: db.url, CLAIM_SQL: ClocksRepository.CLAIM_BREACHES_SQL, NOW: breachAt.toISOString(), ESCALATE_AT: escalateAt.toISOString(), LIMIT: '8' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const claimed = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => resolve(d.toString()));
      child.on('exit', (code) => reject(new Error(`killed-sweeper exited early (${code})`)));
    });
    expect(claimed.trim()).toBe('claimed 8');
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    // Wait until PostgreSQL has noticed the dead connection and rolled its transaction back.
    for (let i = 0; i < 100; i++) {
      const left: unknown[] = await ds.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'tipline-killed-sweeper'`);
      if (left.length === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }

    const [ra, rb] = await Promise.all([a.app.get(ClocksService).sweep(breachAt, 3), b.app.get(ClocksService).sweep(breachAt, 3)]);
    expect(ra.breached + rb.breached).toBe(CLOCKS);

    const perClock: { type: string; n: number }[] = await ds.query(
      `SELECT type, count(*)::int AS n FROM clock_events WHERE case_id = ANY($1::uuid[]) AND type IN ('breached', 'escalated') GROUP BY clock_id, type ORDER BY 1`,
      [caseIds],
    );
    expect(perClock.filter((r) => r.type === 'breached')).toHaveLength(CLOCKS);
    expect(perClock.filter((r) => r.type === 'escalated')).toHaveLength(CLOCKS);
    expect(perClock.every((r) => r.n === 1)).toBe(true);
    const audit: { n: number }[] = await ds.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'clock.breached'`);
    expect(audit[0].n).toBe(CLOCKS);
    const flagged: { n: number }[] = await ds.query(`SELECT count(*)::int AS n FROM cases WHERE id = ANY($1::uuid[]) AND breach_flagged`, [caseIds]);
    expect(flagged[0].n).toBe(CASES);
    const notices: { recipient_id: string; n: number }[] = await ds.query(`SELECT recipient_id, count(*)::int AS n FROM notifications GROUP BY 1 ORDER BY 1`);
    expect(notices.map((r) => r.n)).toEqual([CLOCKS, CLOCKS]);
    expect(notices.map((r) => r.recipient_id).sort()).toEqual(leads.map((l) => l.principal.id).sort());

    // Each notice e-mailed once, whichever instance sent it; sweeping again sends nothing more.
    await smtp.waitFor(2 * CLOCKS);
    await Promise.all([a.app.get(ClocksService).sweep(breachAt), b.app.get(ClocksService).sweep(breachAt)]);
    expect(smtp.mails).toHaveLength(2 * CLOCKS);
    expect(new Set(smtp.mails.map((m) => m.messageId)).size).toBe(2 * CLOCKS);
    for (const m of smtp.mails) {
      const ref = references.find((r) => m.subject.includes(r));
      expect(ref).toBeDefined();
      expect(m.text).toContain(ref!);
      expect(m.text).toMatch(/acknowledge|first_action/);
    }
  });

  it('shows a lead their own notices; marking read is theirs only', async () => {
    const list = await a.app.inject({ method: 'GET', url: '/api/v1/notifications?limit=200', headers: bearer(leads[0].token) });
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: string; kind: string; caseReference: string; readAt: string | null }[];
    expect(items).toHaveLength(CLOCKS);
    expect(items.every((n) => n.kind === 'clock_breached' && references.includes(n.caseReference) && n.readAt === null)).toBe(true);
    expect((await a.app.inject({ method: 'POST', url: `/api/v1/notifications/${items[0].id}/read`, headers: bearer(leads[1].token) })).statusCode).toBe(404);
    expect((await b.app.inject({ method: 'POST', url: `/api/v1/notifications/${items[0].id}/read`, headers: bearer(leads[0].token) })).statusCode).toBe(200);
    const unread = await a.app.inject({ method: 'GET', url: '/api/v1/notifications?unread=true&limit=200', headers: bearer(leads[0].token) });
    expect(unread.json().items).toHaveLength(CLOCKS - 1);
  });

  it('the case view and the queue say "breached"; a clock met late stops the ladder', async () => {
    const view = (await a.app.inject({ method: 'GET', url: `/api/v1/cases/${caseIds[0]}`, headers: bearer(officer.token) })).json();
    expect(view.breachFlagged).toBe(true);
    expect(view.clocks.map((k: { status: string; state: string }) => [k.status, k.state])).toEqual([
      ['breached', 'breached'],
      ['breached', 'breached'],
    ]);
    // Acknowledging meets the acknowledge clock late (still counted as breached: breached_at stays).
    expect((await a.app.inject({ method: 'POST', url: `/api/v1/cases/${caseIds[0]}/acknowledge`, headers: bearer(officer.token), payload: await withCaseVersion(a, `/api/v1/cases/${caseIds[0]}/acknowledge`, {}) })).statusCode).toBe(200);
    const row: { status: string; breached_at: Date | null; met_at: Date | null; escalate_at: Date | null }[] = await ds.query(
      `SELECT status, breached_at, met_at, escalate_at FROM case_clocks WHERE case_id = $1 AND kind = 'acknowledge'`,
      [caseIds[0]],
    );
    expect(row[0]).toMatchObject({ status: 'met', escalate_at: null });
    expect(row[0].breached_at).not.toBeNull();
    expect(row[0].met_at).not.toBeNull();
  });

  it('after the delay the supervising unit is told once per clock still open', async () => {
    const before = smtp.mails.length;
    const [ra, rb] = await Promise.all([a.app.get(ClocksService).sweep(escalateAt, 4), b.app.get(ClocksService).sweep(escalateAt, 4)]);
    expect(ra.escalated + rb.escalated).toBe(CLOCKS - 1);
    const again = await a.app.get(ClocksService).sweep(escalateAt);
    expect(again.escalated).toBe(0);
    const notices: { n: number }[] = await ds.query(`SELECT count(*)::int AS n FROM notifications WHERE recipient_id = $1 AND kind = 'clock_escalated'`, [supervisor.principal.id]);
    expect(notices[0].n).toBe(CLOCKS - 1);
    const audit: { n: number }[] = await ds.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'clock.escalated'`);
    expect(audit[0].n).toBe(CLOCKS - 1);
    await smtp.waitFor(before + CLOCKS - 1);
    expect(smtp.mails.slice(before).every((m) => m.to.includes('staff2@example.test'))).toBe(true);
    expect(smtp.mails).toHaveLength(before + CLOCKS - 1);
  });
});
