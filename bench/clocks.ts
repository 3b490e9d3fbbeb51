/**
 * `npm run bench:clocks`: the deadline sweep at scale. A database of its own (bench/scratch-database.ts:
 * on DATABASE_URL's server, or a temporary embedded PostgreSQL), migrated with the reference data
 * (units); 1,000,000 cases (BENCH_CLOCK_CASES) loaded with COPY, 10% open; every case has a clock:
 * 100,000 running (due in the future), the rest met. Then:
 *   1. a sweep with nothing due: the probe's EXPLAIN (ANALYZE) p95 over 50 runs and its plan (the
 *      two partial indexes, not a scan), and the wall time of ClocksService.sweep() end to end;
 *   2. 10,000 of the running clocks made due: one ClocksService.sweep() call breaches and
 *      escalates them all (clock events, case flags, notices to each unit's lead, an audit event
 *      per breach): its wall time, and a check that each got exactly one breach.
 * The figures are from a shared machine: other processes compete for its two CPUs.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { AuditService } from '../src/audit/audit.service';
import { CalendarRepository } from '../src/calendar/calendar.repository';
import { CalendarService } from '../src/calendar/calendar.service';
import { CaseFiguresRepository } from '../src/case-figures/case-figures.repository';
import { ClocksRepository } from '../src/clocks/clocks.repository';
import { ClocksService } from '../src/clocks/clocks.service';
import { UnitOfWork } from '../src/common/unit-of-work';
import { AppConfig, loadConfig } from '../src/config/env';
import { MailService } from '../src/mail/mail.service';
import { NotificationsRepository } from '../src/notifications/notifications.repository';
import { NotificationsService } from '../src/notifications/notifications.service';
import { scratchDatabase } from './scratch-database';

const TOTAL = Number(process.env.BENCH_CLOCK_CASES ?? 1_000_000);
const OPEN_EVERY = 10; // 1 case in 10 is open: 100,000 running clocks at 1M
const BREACHES = Number(process.env.BENCH_CLOCK_BREACHES ?? 10_000);
const RUNS = 50;
const ACK_POLICY = '00000000-0000-4000-8000-150000000000'; // the seeded acknowledge policy
const MIN = 60_000;

function* caseRows(units: string[], dataKey: string, now: number): Generator<string> {
  let buf: string[] = [];
  for (let g = 0; g < TOTAL; g++) {
    const open = g % OPEN_EVERY === 0;
    const created = new Date(now - (g % 400) * 86_400_000).toISOString();
    const due = open ? new Date(now + (60 + (g % 100_000)) * MIN).toISOString() : '\\N';
    const id = `00000000-0000-4000-8000-${g.toString(16).padStart(12, '0')}`;
    buf.push([id, `TL-B${g.toString(36).padStart(8, '0')}`, units[g % units.length], open ? 'new' : 'closed', open ? '\\N' : 'unsubstantiated', 'normal', 2, 'other', 'web', created, '{}', dataKey, created, created, due, open ? '\\N' : created].join('\t'));
    if (buf.length === 10_000) {
      yield `${buf.join('\n')}\n`;
      buf = [];
    }
  }
  if (buf.length) yield `${buf.join('\n')}\n`;
}

function* clockRows(now: number): Generator<string> {
  let buf: string[] = [];
  for (let g = 0; g < TOTAL; g++) {
    const open = g % OPEN_EVERY === 0;
    const caseId = `00000000-0000-4000-8000-${g.toString(16).padStart(12, '0')}`;
    const started = new Date(now - (g % 400) * 86_400_000).toISOString();
    const due = open ? new Date(now + (60 + (g % 100_000)) * MIN).toISOString() : started;
    buf.push([randomUUID(), caseId, 'acknowledge', 'false', ACK_POLICY, started, due, open ? 'running' : 'met', open ? '\\N' : started, 24, 'hours'].join('\t'));
    if (buf.length === 10_000) {
      yield `${buf.join('\n')}\n`;
      buf = [];
    }
  }
  if (buf.length) yield `${buf.join('\n')}\n`;
}

async function p95(c: Client, sql: string, params: unknown[]): Promise<{ p95: number; plan: string }> {
  const times: number[] = [];
  let plan = '';
  for (let i = 0; i < RUNS; i++) {
    const r = await c.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    const lines = r.rows.map((x: Record<string, string>) => x['QUERY PLAN']);
    times.push(Number(/Execution Time: ([\d.]+) ms/.exec(lines.join('\n'))?.[1]));
    plan = lines.join('\n');
  }
  times.sort((a, b) => a - b);
  return { p95: times[Math.ceil(RUNS * 0.95) - 1], plan };
}

async function main(): Promise<void> {
  const db = await scratchDatabase('clocks', { prepare: 'reference-data' });
  const c = new Client({ connectionString: db.url });
  c.on('error', () => undefined);
  await c.connect();
  try {
    const now = Date.now();
    const units: string[] = (await c.query(`SELECT id FROM units ORDER BY code`)).rows.map((r: { id: string }) => r.id);
    // One unit lead per unit: each breach notifies one person.
    await c.query(
      `INSERT INTO staff_accounts (id, username, display_name, unit_id, role, password_hash)
       SELECT gen_random_uuid(), 'lead-' || u.code, 'Lead ' || u.code, u.id, 'unit_lead', 'x' FROM units u`,
    );
    const dataKey: string = (await c.query(`INSERT INTO data_keys (id, wrapped_key, master_key_id, wrap_version) VALUES (gen_random_uuid(), NULL, 'bench', 1) RETURNING id`)).rows[0].id;
    let t0 = Date.now();
    await pipeline(
      Readable.from(caseRows(units, dataKey, now)),
      c.query(copyFrom(`COPY cases (id, reference, unit_id, status, outcome, priority, priority_rank, category, channel, observed_at, routing_reason, data_key_id, created_at, stage_started_at, next_deadline_at, closed_at) FROM STDIN`)),
    );
    await pipeline(
      Readable.from(clockRows(now)),
      c.query(copyFrom(`COPY case_clocks (id, case_id, kind, legal, policy_id, started_at, due_at, status, met_at, duration_value, duration_unit) FROM STDIN`)),
    );
    await c.query('ANALYZE cases; ANALYZE case_clocks');
    const counts = (await c.query(`SELECT count(*) FILTER (WHERE status = 'running')::int AS running, count(*)::int AS total FROM case_clocks`)).rows[0];
    process.stdout.write(`${TOTAL.toLocaleString('en')} cases and ${counts.total.toLocaleString('en')} clocks (${counts.running.toLocaleString('en')} running) COPYed in ${((Date.now() - t0) / 1000).toFixed(1)} s over ${units.length} units\n`);

    const config: AppConfig = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn' }), DATABASE_URL: db.url };
    const ds = await db.dataSource(4);
    const audit = AuditService.forDataSource(ds);
    const uow = new UnitOfWork(ds);
    const clocks = new ClocksService(
      new ClocksRepository(ds),
      new CalendarService(new CalendarRepository(ds), audit, uow),
      new NotificationsService(new NotificationsRepository(ds), new MailService(config), audit, uow),
      audit,
      config,
      uow,
      new CaseFiguresRepository(),
    );

    // 1. Nothing due.
    const probe = await p95(c, ClocksRepository.PROBE_SQL, [new Date()]);
    const walls: number[] = [];
    for (let i = 0; i < 20; i++) {
      t0 = performance.now();
      const r = await clocks.sweep(new Date());
      walls.push(performance.now() - t0);
      if (r.breached || r.escalated) throw new Error('nothing should be due');
    }
    walls.sort((a, b) => a - b);
    process.stdout.write(`\n== sweep with nothing due (target ≤ 50 ms)\nprobe at the database p95 ${probe.p95.toFixed(3)} ms; sweep() wall time p95 ${walls[Math.ceil(walls.length * 0.95) - 1].toFixed(2)} ms (median ${walls[walls.length >> 1].toFixed(2)} ms)\n-- plan\n${probe.plan}\n`);

    // 2. BREACHES clocks due.
    await c.query(
      `UPDATE case_clocks SET due_at = now() - interval '1 minute' WHERE id IN (SELECT id FROM case_clocks WHERE status = 'running' ORDER BY due_at LIMIT $1)`,
      [BREACHES],
    );
    await c.query('ANALYZE case_clocks');
    t0 = performance.now();
    const r = await clocks.sweep(new Date());
    const wall = (performance.now() - t0) / 1000;
    const check = (await c.query(`SELECT count(*)::int AS events, count(DISTINCT clock_id)::int AS clocks FROM clock_events WHERE type = 'breached'`)).rows[0];
    const notices = (await c.query(`SELECT count(*)::int AS n FROM notifications`)).rows[0].n;
    const audited = (await c.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'clock.breached'`)).rows[0].n;
    process.stdout.write(
      `\n== sweep finding ${BREACHES.toLocaleString('en')} breaches (target ≤ 30 s)\n` +
        `sweep() ${wall.toFixed(2)} s: ${r.breached} breached (${check.events} breach events over ${check.clocks} clocks), ${notices} notices, ${audited} audit events\n` +
        `\nfigures measured on a shared 2-CPU machine with other work running (under contention)\n`,
    );
    if (r.breached !== BREACHES || check.events !== BREACHES || check.clocks !== BREACHES) throw new Error('each breach must be escalated exactly once');
  } finally {
    await c.end();
    await db.drop();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
