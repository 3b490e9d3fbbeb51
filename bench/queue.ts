/**
 * `npm run bench:queue`: the case queue at 10k and 1M cases. Builds a database of its own on
 * DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/test), migrates it, spreads
 * the cases over 1,000 units (one of which, the measured unit, gets 1% of them), and times the
 * queue's first page and a deep next page (cursor half-way through the unit's open cases) with
 * EXPLAIN (ANALYZE): p95 of the execution time at the database over 50 runs. Prints the plans.
 */
import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { UnitScope } from '../src/auth/unit-scope';
import { keyOf } from '../src/cases/case-queue';
import { buildQueueQuery } from '../src/cases/cases.repository';
import { dataSourceOptions } from '../src/database/data-source';

const BASE = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const UNITS = 1000;
const RUNS = 50;

function url(db: string): string {
  const u = new URL(BASE);
  u.pathname = `/${db}`;
  return u.toString();
}

async function fill(c: Client, total: number, target: string): Promise<void> {
  await c.query('TRUNCATE cases CASCADE');
  // Server-side generation (one INSERT ... SELECT generate_series): 1% of the cases go to the
  // measured unit, the rest spread over the others; ~70% closed, as in a unit's real history.
  await c.query(
    `INSERT INTO cases (id, reference, unit_id, status, outcome, priority, priority_rank, category, locality_code, channel,
                        observed_at, routing_reason, data_key_id, created_at, stage_started_at, next_deadline_at, closed_at)
     SELECT gen_random_uuid(), 'TL-' || lpad(to_hex(g), 9, '0'),
            CASE WHEN g % 100 = 0 THEN $2::uuid ELSE (SELECT id FROM bench_units WHERE n = g % ${UNITS}) END,
            CASE WHEN (g / 100 + g) % 10 < 7 THEN 'closed' ELSE (ARRAY['new','acknowledged','verifying','actioned'])[1 + g % 4] END,
            CASE WHEN (g / 100 + g) % 10 < 7 THEN 'unsubstantiated' END,
            (ARRAY['urgent','high','normal','low'])[1 + (g / 7) % 4], (g / 7) % 4,
            (ARRAY['trafficking','dealing_point','use_hotspot','production'])[1 + g % 4], lpad((g % 3000)::text, 5, '0'), 'web',
            now() - (g % 500) * interval '1 day', '{}'::jsonb, (SELECT id FROM data_keys LIMIT 1),
            now() - (g % 500) * interval '1 day', now() - (g % 500) * interval '1 day',
            CASE WHEN (g / 100 + g) % 10 < 7 THEN NULL ELSE now() + ((g::bigint * 7919) % 100000) * interval '1 minute' END,
            CASE WHEN (g / 100 + g) % 10 < 7 THEN now() END
       FROM generate_series(1, $1::int) g`,
    [total, target],
  );
  await c.query('ANALYZE cases');
}

async function measure(c: Client, sql: string, params: unknown[]): Promise<{ p95: number; plan: string }> {
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

async function run(c: Client, total: number, target: string) {
  const t0 = Date.now();
  await fill(c, total, target);
  process.stdout.write(`\n== ${total.toLocaleString('en')} cases (generated in ${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
  const scope = new UnitScope([target]);
  const first = buildQueueQuery(scope, {}, 'deadline', null, 51);
  const open: { id: string; next_deadline_at: Date }[] = (
    await c.query(`SELECT id, next_deadline_at FROM cases WHERE unit_id = $1 AND status <> 'closed' ORDER BY COALESCE(next_deadline_at, 'infinity'), id`, [target])
  ).rows;
  const mid = open[Math.floor(open.length / 2)];
  const deep = buildQueueQuery(scope, {}, 'deadline', { sort: 'deadline', key: keyOf('deadline', { id: mid.id, nextDeadlineAt: mid.next_deadline_at, priorityRank: 0, createdAt: new Date() }) }, 51);
  const a = await measure(c, first.sql, first.params);
  const b = await measure(c, deep.sql, deep.params);
  process.stdout.write(`unit's open cases: ${open.length}; first page p95 ${a.p95.toFixed(3)} ms; deep page (after #${Math.floor(open.length / 2)}) p95 ${b.p95.toFixed(3)} ms\n`);
  process.stdout.write(`-- first page plan\n${a.plan}\n-- deep page plan\n${b.plan}\n`);
  return { first: a.p95, deep: b.p95 };
}

async function main(): Promise<void> {
  const db = `tipline_bench_queue_${Date.now()}`;
  const admin = new Client({ connectionString: BASE });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${db}`);
  try {
    const ds = await new DataSource(dataSourceOptions(url(db), 2)).initialize();
    await ds.runMigrations();
    await ds.destroy();
    const c = new Client({ connectionString: url(db) });
    c.on('error', () => undefined);
    await c.connect();
    try {
    await c.query(`CREATE TABLE bench_units (n int PRIMARY KEY, id uuid NOT NULL)`);
    await c.query(
      `WITH u AS (INSERT INTO units (code, name, kind, valid_from) SELECT 'BENCH-' || g, 'Bench unit ' || g, 'commune_police', '2000-01-01' FROM generate_series(0, ${UNITS - 1}) g RETURNING id, code)
       INSERT INTO bench_units SELECT substr(code, 7)::int, id FROM u`,
    );
    await c.query(`INSERT INTO data_keys (id, wrapped_key, master_key_id, wrap_version) VALUES (gen_random_uuid(), NULL, 'bench', 1)`);
    const target: string = (await c.query(`SELECT id FROM bench_units WHERE n = 0`)).rows[0].id;
    const small = await run(c, 10_000, target);
    const large = await run(c, 1_000_000, target);
    process.stdout.write(
      `\nsummary: p95 first page ${small.first.toFixed(3)} → ${large.first.toFixed(3)} ms (×${(large.first / small.first).toFixed(2)}), ` +
        `deep page ${small.deep.toFixed(3)} → ${large.deep.toFixed(3)} ms (×${(large.deep / small.deep).toFixed(2)}); target ≤ 20 ms and ≤ 1.5×\n`,
    );
    } finally {
      await c.end();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
