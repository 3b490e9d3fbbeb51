/**
 * `npm run bench:tip-statements`: what each statement of one POST /api/v1/tips costs PostgreSQL
 * in CPU. The app runs in this process (as bench/round-trips.ts builds it) on a scratch database
 * with generated cases; the statements (text and parameters) of one tip are recorded at
 * node-postgres's Client.query (its COMMIT sent as ROLLBACK, so nothing of it stays), then replayed on one connection inside one transaction, each
 * BENCH_REPS times (default 200, in 5 rounds) between SAVEPOINT and ROLLBACK TO SAVEPOINT and then once for
 * real (so the next one sees what it saw in the tip). The figure is the backend's CPU time from
 * /proc/<pid>/schedstat (nanoseconds, parse + plan + execute + triggers), less the same loop
 * around `SELECT 1` (the least of 5 rounds of each). PostgreSQL must run on this machine. BENCH_CASES (default 2000) cases.
 */
import '../src/common/size-threadpool';
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Client } from 'pg';
import { inProcessApp } from './in-process-app';

const REPS = Number(process.env.BENCH_REPS ?? 200);
const CASES = Number(process.env.BENCH_CASES ?? 2000);

/** Nanoseconds of CPU the process has run (the scheduler's own account, not 10 ms ticks). */
const cpuNs = (pid: number) => Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);

async function main(): Promise<void> {
  const { db, app, close } = await inProcessApp('tipstatements', { cases: CASES });
  try {
    const { solveForTest } = await import('../src/intake/proof-of-work');
    const locality = process.env.BENCH_LOCALITY ?? '07228';
    let tipNo = 0;
    const tip = async () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/tips',
        remoteAddress: `10.0.0.${++tipNo}`,
        payload: {
          category: 'use_hotspot',
          locality,
          observedAt: '2026-11-20T21:30',
          narrative: 'Nhiều người tụ tập sử dụng ma túy dưới gầm cầu mỗi tối.',
          details: { people: 6, timesOfDay: ['night'] },
          proof: await solveForTest((await app.inject({ method: 'GET', url: '/api/v1/intake/challenge' })).json()),
        },
      });
    // Warm (caches, the routing snapshot), then record one tip's statements.
    for (let i = 0; i < 3; i++) await tip();
    const proto = (await import('pg')).Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
    const real = proto.query;
    const sent: { text: string; values: unknown[] }[] = [];
    proto.query = function (this: unknown, ...a: unknown[]) {
      const q = a[0] as string | { text?: string; values?: unknown[] };
      // The recorded tip must not stay: its rows would collide with the replay. It ends in ROLLBACK.
      if (typeof q === 'string' && /^\s*COMMIT\s*$/i.test(q)) {
        sent.push({ text: q, values: [] });
        return real.apply(this, ['ROLLBACK', ...a.slice(1)]);
      }
      if (typeof q === 'string') sent.push({ text: q, values: Array.isArray(a[1]) ? (a[1] as unknown[]) : [] });
      else if (q?.text) sent.push({ text: q.text, values: q.values ?? (Array.isArray(a[1]) ? (a[1] as unknown[]) : []) });
      return real.apply(this, a);
    };
    const res = await tip();
    proto.query = real;
    if (res.statusCode !== 201) throw new Error(`tip: ${res.statusCode} ${res.body}`);

    // Replay on a fresh connection; its catalog caches warm during the first reps of each statement.
    const r = new Client({ connectionString: db.url });
    await r.connect();
    const pid: number = (await r.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    const loop = async (text: string, values: unknown[], reps: number) => {
      const t0 = cpuNs(pid);
      for (let i = 0; i < reps; i++) {
        await r.query('SAVEPOINT s');
        await r.query(text, values);
        await r.query('ROLLBACK TO SAVEPOINT s');
      }
      return (cpuNs(pid) - t0) / reps / 1e6;
    };
    // Rounds of (the empty loop, the statement's loop), the least of each: other processes on the
    // machine only ever add (caches, frequency), and the empty loop costs as much as a statement.
    const ROUNDS = 5;
    const reps = Math.max(1, Math.round(REPS / ROUNDS));
    const cost = async (text: string, values: unknown[]) => {
      await loop(text, values, 5); // warm the catalog caches for it
      let base = Infinity;
      let with_ = Infinity;
      for (let i = 0; i < ROUNDS; i++) {
        base = Math.min(base, await loop('SELECT 1', [], reps));
        with_ = Math.min(with_, await loop(text, values, reps));
      }
      return { base, ms: Math.max(0, with_ - base) };
    };
    await r.query('BEGIN');
    let base = Infinity;
    const rows: [number, string][] = [];
    let total = 0;
    for (const s of sent) {
      const flat = s.text.replace(/\s+/g, ' ').trim();
      if (/^(START TRANSACTION|BEGIN|COMMIT)$/i.test(flat)) continue;
      const c = await cost(s.text, s.values);
      const ms = c.ms;
      base = Math.min(base, c.base);
      await r.query(s.text, s.values);
      rows.push([ms, flat.slice(0, 100)]);
      total += ms;
    }
    await r.query('ROLLBACK');
    // COMMIT of a tip-sized transaction, measured on real tips' worth of rows is not replayable;
    // the empty loop's cost (SAVEPOINT + SELECT 1 + ROLLBACK TO) is printed for scale.
    process.stdout.write(`PostgreSQL CPU per statement of one tip (${CASES} generated cases, locality ${locality}, ${REPS} reps, load ${loadavg()[0].toFixed(1)}):\n`);
    for (const [ms, text] of rows) process.stdout.write(`  ${ms.toFixed(3).padStart(7)} ms  ${text}\n`);
    process.stdout.write(`  ${total.toFixed(3).padStart(7)} ms  total (${rows.length} statements; the SAVEPOINT/SELECT 1/ROLLBACK TO loop itself: ${base.toFixed(3)} ms, subtracted)\n`);
    await r.end();
  } finally {
    await close();
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
