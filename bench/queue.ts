/**
 * `npm run bench:queue`: the case queue at 10k and 1M cases (BENCH_QUEUE_SIZES, comma-separated,
 * default "10000,1000000"). Builds a database of its own (bench/scratch-database.ts: on
 * DATABASE_URL's server, or a temporary embedded PostgreSQL when it is unset) and prepares it like production: migrations, then the
 * reference data (the national localities, the seeded units and routing rules), so the queue's
 * place-name look-up reads the real localities table. Cases are generated in Node and loaded
 * with COPY: spread over every seeded unit and every current commune, with one unit (the
 * measured unit) getting 1% of them and ~70% closed. Times the queue's first page and a deep
 * next page (cursor half-way through the unit's open cases) with EXPLAIN (ANALYZE): p95 of the
 * execution time at the database over 50 runs. Prints the plans.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { UnitScope } from '../src/access/unit-scope';
import { keyOf } from '../src/cases/case-queue';
import { buildQueueQuery } from '../src/cases/cases.repository';
import { prepareDatabase } from '../src/database/prepare-database';
import { scratchDatabase } from './scratch-database';

const SIZES = (process.env.BENCH_QUEUE_SIZES ?? '10000,1000000').split(',').map((x) => Number(x.trim()));
const RUNS = 50;
const DAY = 86_400_000;
const STATUSES = ['new', 'acknowledged', 'verifying', 'actioned'];
const PRIORITIES = ['urgent', 'high', 'normal', 'low'];
const CATEGORIES = ['trafficking', 'dealing_point', 'use_hotspot', 'production'];
const COLUMNS =
  'id, reference, unit_id, status, outcome, priority, priority_rank, category, locality_code, channel, observed_at, routing_reason, data_key_id, created_at, stage_started_at, next_deadline_at, closed_at';

interface World {
  units: string[];
  communes: string[];
  target: string;
  dataKey: string;
}

/** COPY text rows: 1% to the measured unit, the rest over every unit; ~70% closed. */
function* rows(total: number, w: World, now: number): Generator<string> {
  let buf: string[] = [];
  for (let g = 1; g <= total; g++) {
    const closed = (Math.floor(g / 100) + g) % 10 < 7;
    const unit = g % 100 === 0 ? w.target : w.units[g % w.units.length];
    const created = new Date(now - (g % 500) * DAY).toISOString();
    const prio = Math.floor(g / 7) % 4;
    const deadline = closed ? '\\N' : new Date(now + ((g * 7919) % 100_000) * 60_000).toISOString();
    buf.push(
      [
        randomUUID(),
        `TL-${g.toString(16).padStart(9, '0')}`,
        unit,
        closed ? 'closed' : STATUSES[g % 4],
        closed ? 'unsubstantiated' : '\\N',
        PRIORITIES[prio],
        prio,
        CATEGORIES[g % 4],
        w.communes[(g * 31) % w.communes.length],
        'web',
        created,
        '{}',
        w.dataKey,
        created,
        created,
        deadline,
        closed ? new Date(now).toISOString() : '\\N',
      ].join('\t'),
    );
    if (buf.length === 10_000) {
      yield `${buf.join('\n')}\n`;
      buf = [];
    }
  }
  if (buf.length) yield `${buf.join('\n')}\n`;
}

async function fill(c: Client, total: number, w: World): Promise<void> {
  await c.query('TRUNCATE cases CASCADE');
  await pipeline(Readable.from(rows(total, w, Date.now())), c.query(copyFrom(`COPY cases (${COLUMNS}) FROM STDIN`)));
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

async function run(c: Client, total: number, w: World) {
  const t0 = Date.now();
  await fill(c, total, w);
  process.stdout.write(`\n== ${total.toLocaleString('en')} cases (generated and COPYed in ${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
  const scope = new UnitScope([w.target]);
  const first = buildQueueQuery(scope, {}, 'deadline', null, 51);
  const open: { id: string; next_deadline_at: Date }[] = (
    await c.query(`SELECT id, next_deadline_at FROM cases WHERE unit_id = $1 AND status <> 'closed' ORDER BY COALESCE(next_deadline_at, 'infinity'), id`, [w.target])
  ).rows;
  const mid = open[Math.floor(open.length / 2)];
  const deep = buildQueueQuery(scope, {}, 'deadline', { sort: 'deadline', key: keyOf('deadline', { id: mid.id, nextDeadlineAt: mid.next_deadline_at, priorityRank: 0, createdAt: new Date() }) }, 51);
  const a = await measure(c, first.sql, first.params);
  const b = await measure(c, deep.sql, deep.params);
  process.stdout.write(`unit's open cases: ${open.length}; first page p95 ${a.p95.toFixed(3)} ms; deep page (after #${Math.floor(open.length / 2)}) p95 ${b.p95.toFixed(3)} ms\n`);
  process.stdout.write(`-- first page plan\n${a.plan}\n-- deep page plan\n${b.plan}\n`);
  return { total, first: a.p95, deep: b.p95 };
}

async function main(): Promise<void> {
  const db = await scratchDatabase('queue');
  try {
    const t0 = Date.now();
    // As in production: migrations, then the national localities, the units and the routing rules.
    await prepareDatabase(db.url);
    const c = new Client({ connectionString: db.url });
    c.on('error', () => undefined);
    await c.connect();
    try {
      const units: string[] = (await c.query(`SELECT id FROM units ORDER BY code`)).rows.map((r: { id: string }) => r.id);
      const communes: string[] = (await c.query(`SELECT DISTINCT code FROM localities WHERE level = 'commune' AND valid_to IS NULL ORDER BY code`)).rows.map(
        (r: { code: string }) => r.code,
      );
      const target: string = (await c.query(`SELECT id FROM units WHERE kind = 'provincial_drug_police' ORDER BY code LIMIT 1`)).rows[0].id;
      const dataKey: string = (
        await c.query(`INSERT INTO data_keys (id, wrapped_key, master_key_id, wrap_version) VALUES (gen_random_uuid(), NULL, 'bench', 1) RETURNING id`)
      ).rows[0].id;
      process.stdout.write(`prepared (migrations + reference data) in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${units.length} units, ${communes.length} current communes\n`);
      const results = [];
      for (const size of SIZES) results.push(await run(c, size, { units, communes, target, dataKey }));
      const base = results[0];
      process.stdout.write('\nsummary (p95 at the database; target ≤ 20 ms and ≤ 1.5× the smallest size):\n');
      for (const r of results) {
        process.stdout.write(
          `  ${r.total.toLocaleString('en')} cases: first page ${r.first.toFixed(3)} ms (×${(r.first / base.first).toFixed(2)}), deep page ${r.deep.toFixed(3)} ms (×${(r.deep / base.deep).toFixed(2)})\n`,
        );
      }
    } finally {
      await c.end();
    }
  } finally {
    await db.drop();
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
