/**
 * `npm run bench:reports`: the supervisor reports over 1,000,000 cases (BENCH_REPORTS_CASES) with
 * their timeline events, deadline clocks and clock events, and 60,000 hotspots, across the
 * national dataset. Builds a database of its own (bench/scratch-database.ts), prepared like
 * production (migrations + reference data), then adds a police unit per current province and per
 * current commune (the seed only configures one province) and loads everything with COPY from a
 * seeded generator (the same data on every run).
 *
 * The per-case figures the reports read (case_figures) are then filled by the same statement the
 * migration's backfill and every writer run (CaseFiguresRepository, over every case), timed.
 *
 * Prints, for each report query (what the API runs: the builders of reports.repository.ts), the
 * median wall time at the client over RUNS warm runs (after one EXPLAIN (ANALYZE, BUFFERS) run,
 * whose plan is printed) with the load average at that moment; then the CSV and XLSX export of a
 * year of one province and of the whole country (one row per case, streamed through the API's
 * own writers from a cursor): time, rows, bytes and peak RSS. The machine is shared: figures are
 * under contention from other work running at the same time (hence the load average).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { loadavg } from 'node:os';
import { refreshCaseFiguresSql } from '../src/case-figures/case-figures.repository';
import { prepareDatabase } from '../src/database/prepare-database';
import { RESPONSE_TIMES_CASE_COLUMNS } from '../src/reports/report-columns';
import { csvStream, xlsxStream } from '../src/reports/report-export';
import { parseBacklog, parseHotspots, parseResponseTimes, yearEnd } from '../src/reports/report-filters';
import { buildAtRiskQuery, buildBacklogQuery, buildHotspotsQuery, buildResponseTimesQuery, BuiltQuery, reportSettingsSql, ReportsRepository } from '../src/reports/reports.repository';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source';
import { ScratchDatabase, scratchDatabase } from './scratch-database';

const TOTAL = Number(process.env.BENCH_REPORTS_CASES ?? 1_000_000);
const HOTSPOTS = Number(process.env.BENCH_REPORTS_HOTSPOTS ?? 60_000);
const RUNS = Number(process.env.BENCH_REPORTS_RUNS ?? 5);
/** BENCH_REPORTS_DB=<name>: keep the loaded database under this name and reuse it on the next run (drop it yourself). */
const KEEP_DB = process.env.BENCH_REPORTS_DB;
/** BENCH_REPORTS_ONLY=<regex>: measure only the reports whose label matches. */
const ONLY = process.env.BENCH_REPORTS_ONLY ? new RegExp(process.env.BENCH_REPORTS_ONLY) : null;
/** BENCH_REPORTS_EXPORTS=0: skip the CSV/XLSX exports. */
const EXPORTS = process.env.BENCH_REPORTS_EXPORTS !== '0';
/** BENCH_REPORTS_SETTINGS=0: measure under the server's defaults instead of the reports' REPORT_SETTINGS. */
const SETTINGS = process.env.BENCH_REPORTS_SETTINGS !== '0';
const H = 3_600_000;
const DAY = 24 * H;
const NOW = new Date('2026-11-30T03:00:00Z');
const CATEGORIES = ['trafficking', 'dealing_point', 'use_hotspot', 'production', 'crime_group', 'precursors', 'treatment_referral', 'other'];
const PRIORITIES = ['urgent', 'high', 'normal', 'low'];

/** mulberry32: a small seeded PRNG, so every run loads the same data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (ms: number) => new Date(ms).toISOString();
const N = '\\N';

interface World {
  communes: { code: string; unit: string; provinceUnit: string }[];
  legacyCommunes: string[];
  provinceUnits: string[];
  dataKey: string;
}

class Batches {
  private buf: string[] = [];
  constructor(private readonly push: (chunk: string) => void) {}
  add(cols: (string | number)[]): void {
    this.buf.push(cols.join('\t'));
    if (this.buf.length >= 5000) this.flush();
  }
  flush(): void {
    if (this.buf.length) this.push(`${this.buf.join('\n')}\n`);
    this.buf = [];
  }
}

async function copy(c: Client, table: string, columns: string, gen: (add: (cols: (string | number)[]) => void) => void): Promise<number> {
  const chunks: string[] = [];
  let rows = 0;
  const b = new Batches((x) => chunks.push(x));
  gen((cols) => {
    rows++;
    b.add(cols);
  });
  b.flush();
  await pipeline(Readable.from(chunks), c.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`)));
  return rows;
}

/**
 * Cases by COPY (generated here, 100,000 a batch); their timeline events, clocks and clock events
 * are then derived from the cases' own timestamps inside PostgreSQL (INSERT ... SELECT): the same
 * rows the application would have written, without pushing 10 million generated lines through
 * Node on a shared machine. Choices per case (legal clock, suspension, extension) come from a hash
 * of its id, so they are the same on every run.
 */
async function loadCases(c: Client, w: World): Promise<{ events: number; clocks: number; clockEvents: number }> {
  const rnd = prng(17);
  const SLICE = 100_000;
  const now = NOW.getTime();
  for (let start = 0; start < TOTAL; start += SLICE) {
    const lines: string[] = [];
    for (let g = start; g < Math.min(TOTAL, start + SLICE); g++) {
      const place = w.communes[Math.floor(rnd() * w.communes.length)];
      const unit = rnd() < 0.8 ? place.unit : place.provinceUnit;
      const created = now - Math.floor(rnd() * 730 * DAY);
      const category = CATEGORIES[Math.floor(rnd() * CATEGORIES.length)];
      const prio = Math.floor(rnd() * 4);
      const ackAt = rnd() < 0.95 ? created + (0.5 + rnd() * 47.5) * H : null;
      const verifyAt = ackAt && rnd() < 0.75 ? ackAt + (1 + rnd() * 119) * H : null;
      const actionAt = verifyAt && rnd() < 0.4 ? verifyAt + (24 + rnd() * 456) * H : null;
      const closeAt = rnd() < 0.75 ? (actionAt ?? verifyAt ?? ackAt ?? created) + (1 + rnd() * 200) * H : null;
      const seen = (t: number | null) => (t !== null && t <= now ? t : null);
      const a = seen(ackAt);
      const v = a ? seen(verifyAt) : null;
      const x = v ? seen(actionAt) : null;
      const cl = seen(closeAt);
      const status = cl ? 'closed' : x ? 'actioned' : v ? 'verifying' : a ? 'acknowledged' : 'new';
      lines.push(
        [
          randomUUID(), `TL-${g.toString(36).padStart(8, '0')}`, unit, status, cl ? 'unsubstantiated' : N, PRIORITIES[prio], String(prio), category, place.code, 'web',
          iso(created), '{}', w.dataKey, iso(created), iso(cl ?? x ?? v ?? a ?? created), cl ? N : iso(now + (rnd() * 96 - 24) * H),
          a ? iso(a) : N, v ? iso(v) : N, x ? iso(x) : N, cl ? iso(cl) : N,
        ].join('\t'),
      );
    }
    await pipeline(
      Readable.from([`${lines.join('\n')}\n`]),
      c.query(copyFrom(
        `COPY cases (id, reference, unit_id, status, outcome, priority, priority_rank, category, locality_code, channel, observed_at, routing_reason, data_key_id, created_at, stage_started_at, next_deadline_at, acknowledged_at, verification_started_at, actioned_at, closed_at) FROM STDIN`,
      )),
    );
    process.stdout.write(`  ${Math.min(TOTAL, start + SLICE).toLocaleString('en')} cases COPYed\r`);
  }
  process.stdout.write('\n');
  const nowSql = `'${NOW.toISOString()}'::timestamptz`;
  const events = (
    await c.query(`INSERT INTO case_events (id, case_id, type, actor_type, at)
      SELECT gen_random_uuid(), c.id, t.type, CASE WHEN t.type = 'opened' THEN 'system' ELSE 'staff' END, t.at
        FROM cases c CROSS JOIN LATERAL (VALUES ('opened', c.created_at), ('acknowledged', c.acknowledged_at),
             ('verification_started', c.verification_started_at), ('actioned', c.actioned_at), ('closed', c.closed_at)) t(type, at)
       WHERE t.at IS NOT NULL`)
  ).rowCount ?? 0;
  // Clock plan: acknowledge (24 h), first action (72 h), legal verification (20 days) for a third of
  // the cases; 3% suspended for 5 days from day 2 (pausing the first-action and legal clocks), 5% of
  // the legal clocks extended by 60 days.
  await c.query(`CREATE TEMP TABLE clock_plan AS
    WITH k AS (
      SELECT c.id AS case_id, c.created_at, c.closed_at, kd.kind, kd.hours, kd.met, kd.pausable,
             abs(hashtext(c.id::text)) AS hsh
        FROM cases c CROSS JOIN LATERAL (VALUES
          ('acknowledge', 24, c.acknowledged_at, false),
          ('first_action', 72, COALESCE(c.verification_started_at, c.actioned_at, c.closed_at), true),
          ('legal_verify', 480, COALESCE(c.actioned_at, c.closed_at), true)) kd(kind, hours, met, pausable)
       WHERE kd.kind <> 'legal_verify' OR abs(hashtext(c.id::text)) % 3 = 0
    ), p AS (
      SELECT k.*, gen_random_uuid() AS clock_id,
             (k.pausable AND k.hsh % 100 < 3 AND k.created_at + interval '2 days' < ${nowSql}) AS paused,
             (k.kind = 'legal_verify' AND k.hsh % 20 = 0) AS extended,
             k.created_at + interval '2 days' AS pause_s, k.created_at + interval '7 days' AS pause_e
        FROM k
    ), d AS (
      SELECT p.*,
             p.created_at + make_interval(hours => p.hours)
               + CASE WHEN p.paused THEN LEAST(p.pause_e, ${nowSql}) - p.pause_s ELSE interval '0' END
               + CASE WHEN p.extended THEN interval '60 days' ELSE interval '0' END AS due,
             CASE WHEN p.met <= ${nowSql} THEN p.met END AS met_at,
             (p.paused AND p.pause_e > ${nowSql} AND p.met IS NULL) AS still_paused
        FROM p
    )
    SELECT d.*,
           CASE WHEN (d.met_at IS NULL AND d.due < ${nowSql} AND NOT d.still_paused) OR d.met_at > d.due THEN d.due END AS breached_at,
           CASE WHEN d.met_at IS NOT NULL THEN 'met' WHEN d.still_paused THEN 'paused' WHEN d.closed_at IS NOT NULL THEN 'cancelled'
                WHEN d.due < ${nowSql} THEN 'breached' ELSE 'running' END AS status
      FROM d`);
  const clocks = (
    await c.query(`INSERT INTO case_clocks (id, case_id, kind, legal, policy_id, started_at, due_at, status, met_at, breached_at, extensions, duration_value, duration_unit)
      SELECT p.clock_id, p.case_id, p.kind, p.kind LIKE 'legal%', (SELECT cp.id FROM clock_policies cp WHERE cp.kind = p.kind ORDER BY cp.category NULLS FIRST, cp.priority NULLS FIRST LIMIT 1),
             p.created_at, CASE WHEN p.still_paused THEN NULL ELSE p.due END, p.status, p.met_at, p.breached_at,
             CASE WHEN p.extended THEN 1 ELSE 0 END, p.hours, 'hours'
        FROM clock_plan p`)
  ).rowCount ?? 0;
  const clockEvents = (
    await c.query(`INSERT INTO clock_events (id, clock_id, case_id, type, at)
      SELECT gen_random_uuid(), p.clock_id, p.case_id, e.type, e.at
        FROM clock_plan p CROSS JOIN LATERAL (VALUES
          ('started', p.created_at),
          ('paused', CASE WHEN p.paused THEN p.pause_s END),
          ('resumed', CASE WHEN p.paused AND NOT p.still_paused AND p.pause_e <= ${nowSql} THEN p.pause_e END),
          ('extended', CASE WHEN p.extended THEN p.created_at + interval '10 days' END),
          ('breached', p.breached_at),
          ('met', p.met_at),
          ('cancelled', CASE WHEN p.status = 'cancelled' THEN p.closed_at END)) e(type, at)
       WHERE e.at IS NOT NULL AND e.at <= ${nowSql}`)
  ).rowCount ?? 0;
  await c.query('DROP TABLE clock_plan');
  return { events, clocks, clockEvents };
}

async function loadHotspots(c: Client, w: World): Promise<number> {
  const rnd = prng(29);
  const reform = Date.parse('2025-07-01T00:00:00+07:00');
  const start = Date.parse('2024-01-01T00:00:00+07:00');
  const hs: (string | number)[][] = [];
  const changes: (string | number)[][] = [];
  for (let i = 0; i < HOTSPOTS; i++) {
    const id = randomUUID();
    const created = start + Math.floor(rnd() * (NOW.getTime() - start - 30 * DAY));
    const code = created < reform ? w.legacyCommunes[Math.floor(rnd() * w.legacyCommunes.length)] : w.communes[Math.floor(rnd() * w.communes.length)].code;
    const steps: [string | null, string, number][] = [[null, 'suspected', created]];
    let t = created;
    let st = 'suspected';
    if (rnd() < 0.6) steps.push([st, (st = 'verified'), (t += rnd() * 60 * DAY)]);
    if (rnd() < 0.5) steps.push([st, (st = 'dismantled'), (t += rnd() * 90 * DAY)]);
    if (st === 'dismantled' && rnd() < 0.2) steps.push([st, (st = 're_emerged'), (t += rnd() * 120 * DAY)]);
    const kept = steps.filter((s) => s[2] <= NOW.getTime());
    const lastStep = kept[kept.length - 1];
    hs.push([id, w.provinceUnits[Math.floor(rnd() * w.provinceUnits.length)], code, 'bench place', lastStep[1], iso(created), iso(lastStep[2])]);
    for (const [from, to, at] of kept) changes.push([randomUUID(), id, from ?? N, to, iso(at)]);
  }
  await copy(c, 'hotspots', 'id, unit_id, locality_code, description, status, created_at, status_changed_at', (add) => hs.forEach(add));
  await copy(c, 'hotspot_status_changes', 'id, hotspot_id, from_status, to_status, at', (add) => changes.forEach(add));
  return changes.length;
}

/** The 1-minute load average (the machine is shared). */
const load = () => loadavg()[0].toFixed(1);

async function measure(c: Client, label: string, q: BuiltQuery): Promise<{ median: number; load: string; top: string }> {
  // As the API runs it: in a read-only transaction under REPORT_SETTINGS and the query's own settings (BENCH_REPORTS_SETTINGS=0:
  // without them, the server's defaults). The plan once (EXPLAIN ANALYZE adds timing overhead),
  // then the query itself RUNS times, timed at the client.
  await c.query('BEGIN READ ONLY');
  if (SETTINGS) await c.query(reportSettingsSql(q));
  const r = await c.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params);
  const plan = r.rows.map((x: Record<string, string>) => x['QUERY PLAN']).join('\n');
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    rows = (await c.query(q.sql, q.params)).rowCount ?? 0;
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  await c.query('COMMIT');
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const l = load();
  process.stdout.write(`\n### ${label}: median ${median.toFixed(0)} ms over ${RUNS} warm runs (${times.map((t) => t.toFixed(0)).join(', ')} ms), ${rows} rows, load ${l}\n${plan}\n`);
  return { median, load: l, top: plan.split('\n').slice(0, 3).join(' | ') };
}

async function exportRun(repo: ReportsRepository, label: string, q: BuiltQuery, format: 'csv' | 'xlsx'): Promise<string> {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = Date.now();
  let bytes = 0;
  let rows = 0;
  const source = await repo.stream(q);
  source.on('data', () => rows++);
  const sheet = { name: 'Bench', columns: RESPONSE_TIMES_CASE_COLUMNS, rows: source };
  const out = format === 'csv' ? csvStream(sheet, 'vi') : xlsxStream([sheet], 'vi');
  await pipeline(out, new Writable({ write: (chunk: Buffer, _e, cb) => ((bytes += chunk.length), cb()) }));
  clearInterval(timer);
  const ms = Date.now() - t0;
  return `${label} ${format.toUpperCase()}: ${rows.toLocaleString('en')} rows, ${(bytes / 1e6).toFixed(1)} MB in ${(ms / 1000).toFixed(1)} s; peak RSS ${(peak / 1e6).toFixed(0)} MB (+${((peak - base) / 1e6).toFixed(0)} MB over the ${(base / 1e6).toFixed(0)} MB before); load ${load()}`;
}

/** The kept database (BENCH_REPORTS_DB): created empty when missing, never dropped; `loaded` when it holds a finished load. */
async function keptDatabase(name: string): Promise<{ db: ScratchDatabase; loaded: boolean }> {
  if (!/^tipline_bench_[a-z0-9_]+$/.test(name)) throw new Error('BENCH_REPORTS_DB must look like tipline_bench_<letters, digits, _>');
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('BENCH_REPORTS_DB needs DATABASE_URL');
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  if (!exists) await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const sources: DataSource[] = [];
  const db: ScratchDatabase = {
    name,
    url,
    drop: async () => {
      for (const ds of sources) await ds.destroy().catch(() => undefined);
    },
    dataSource: async (poolSize) => {
      const ds = await new DataSource(dataSourceOptions(url, poolSize)).initialize();
      sources.push(ds);
      return ds;
    },
  };
  let loaded = false;
  if (exists) {
    const c = new Client({ connectionString: url });
    await c.connect();
    loaded = (await c.query(`SELECT obj_description('case_figures'::regclass, 'pg_class') = 'bench loaded' AS ok`).catch(() => ({ rows: [{ ok: false }] }))).rows[0].ok === true;
    await c.end();
    if (!loaded) throw new Error(`database ${name} exists but holds no finished load: drop it first`);
  }
  return { db, loaded };
}

async function main(): Promise<void> {
  const kept = KEEP_DB ? await keptDatabase(KEEP_DB) : null;
  const db = kept ? kept.db : await scratchDatabase('reports');
  const summary: string[] = [];
  try {
    const t0 = Date.now();
    if (!kept?.loaded) await prepareDatabase(db.url);
    const c = new Client({ connectionString: db.url });
    c.on('error', () => undefined);
    await c.connect();
    try {
      let figuresSeconds = NaN;
      if (kept?.loaded) {
        process.stdout.write(`reusing the loaded database ${db.name} (BENCH_REPORTS_DB; the current indexes of case_figures are kept as they are)\n`);
      } else {
      // A commune police unit per current commune under a drug police unit per current province.
      await c.query(`INSERT INTO units (code, name, kind, valid_from)
        SELECT 'BP-' || code, 'Bench PC04 ' || name, 'provincial_drug_police', '2025-07-01' FROM localities WHERE level = 'province' AND valid_to IS NULL
        ON CONFLICT DO NOTHING`);
      await c.query(`INSERT INTO units (code, name, kind, parent_id, valid_from)
        SELECT 'BC-' || l.code, 'Bench CA ' || l.name, 'commune_police', p.id, '2025-07-01'
          FROM localities l JOIN units p ON p.code = 'BP-' || l.parent_code WHERE l.level = 'commune' AND l.valid_to IS NULL`);
      const communes = (
        await c.query(`SELECT l.code, u.id AS unit, p.id AS province_unit FROM localities l JOIN units u ON u.code = 'BC-' || l.code JOIN units p ON p.id = u.parent_id
          WHERE l.level = 'commune' AND l.valid_to IS NULL ORDER BY l.code`)
      ).rows.map((r: { code: string; unit: string; province_unit: string }) => ({ code: r.code, unit: r.unit, provinceUnit: r.province_unit }));
      const legacyCommunes = (await c.query(`SELECT code FROM localities WHERE level = 'commune' AND valid_to = '2025-06-30' ORDER BY code`)).rows.map((r: { code: string }) => r.code);
      const provinceUnits = [...new Set(communes.map((x: { provinceUnit: string }) => x.provinceUnit))] as string[];
      const dataKey: string = (await c.query(`INSERT INTO data_keys (id, wrapped_key, master_key_id, wrap_version) VALUES (gen_random_uuid(), NULL, 'bench', 1) RETURNING id`)).rows[0].id;
      const w: World = { communes, legacyCommunes, provinceUnits, dataKey };
      process.stdout.write(`prepared in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${communes.length} current communes with a unit each, ${provinceUnits.length} province units, ${legacyCommunes.length} legacy communes\n`);
      const t1 = Date.now();
      // Bulk load as a restore would: secondary indexes dropped and rebuilt afterwards, foreign key
      // triggers off for the session where the role may do that (the data is generated consistent).
      const tables = ['cases', 'case_events', 'case_clocks', 'clock_events', 'hotspots', 'hotspot_status_changes', 'case_figures'];
      const indexes: { indexname: string; indexdef: string }[] = (
        await c.query(
          `SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
              AND i.indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u'))`,
          [tables],
        )
      ).rows;
      for (const i of indexes) await c.query(`DROP INDEX "${i.indexname}"`);
      await c.query(`SET session_replication_role = replica`).catch(() => process.stdout.write('(foreign key checks stay on: the role may not switch them off)\n'));
      const loaded = await loadCases(c, w);
      const hsChanges = await loadHotspots(c, w);
      await c.query(`SET session_replication_role = DEFAULT`).catch(() => undefined);
      const t2 = Date.now();
      const [figureIndexes, sourceIndexes] = [indexes.filter((i) => /\bcase_figures\b/.test(i.indexdef)), indexes.filter((i) => !/\bcase_figures\b/.test(i.indexdef))];
      for (const i of sourceIndexes) await c.query(i.indexdef);
      process.stdout.write(`rebuilt ${sourceIndexes.length} indexes in ${((Date.now() - t2) / 1000).toFixed(1)} s\n`);
      await c.query('VACUUM ANALYZE');
      // As the migration does on an existing database: the backfill, then the figures' indexes.
      const tf = Date.now();
      const figures = (await c.query(refreshCaseFiguresSql('all'))).rowCount ?? 0;
      for (const i of figureIndexes) await c.query(i.indexdef);
      figuresSeconds = (Date.now() - tf) / 1000;
      await c.query('VACUUM ANALYZE case_figures');
      process.stdout.write(`case_figures filled for ${figures.toLocaleString('en')} cases and its ${figureIndexes.length} indexes built in ${figuresSeconds.toFixed(1)} s (the migration's backfill statement; load ${load()})\n`);
      process.stdout.write(
        `loaded with COPY in ${((Date.now() - t1) / 1000).toFixed(1)} s: ${TOTAL.toLocaleString('en')} cases, ${loaded.events.toLocaleString('en')} case events, ` +
          `${loaded.clocks.toLocaleString('en')} clocks, ${loaded.clockEvents.toLocaleString('en')} clock events, ${HOTSPOTS.toLocaleString('en')} hotspots (${hsChanges.toLocaleString('en')} status changes)\n`,
      );
      if (kept) await c.query(`COMMENT ON TABLE case_figures IS 'bench loaded'`);
      }

      // The province with the most cases, and its units (a supervisor of its PC04 unit sees them all).
      const prov = (await c.query(`SELECT p.id, p.code FROM cases x JOIN units u ON u.id = x.unit_id JOIN units p ON p.id = COALESCE(u.parent_id, u.id)
          WHERE p.code LIKE 'BP-%' GROUP BY p.id, p.code ORDER BY count(*) DESC LIMIT 1`)).rows[0] as { id: string; code: string };
      const provUnits = (await c.query(`SELECT id FROM units WHERE id = $1 OR parent_id = $1`, [prov.id])).rows.map((r: { id: string }) => r.id);
      const provinceCode = prov.code.slice(3);
      const year = { from: '2025-12-01', to: '2026-11-30' };
      const rt = (groupBy: string, extra: Record<string, string> = {}) => parseResponseTimes({ ...year, groupBy, ...extra }, NOW);
      const results: [string, { median: number; load: string; top: string }][] = [];
      const m = async (label: string, q: BuiltQuery) => {
        if (!ONLY || ONLY.test(label)) results.push([label, await measure(c, label, q)]);
      };
      await m('response-times, national (auditor), a year, groupBy=unit', buildResponseTimesQuery(null, rt('unit'), NOW));
      await m('response-times, national (auditor), a year, groupBy=month', buildResponseTimesQuery(null, rt('month'), NOW));
      await m('response-times, national (auditor), two years (every case), groupBy=category', buildResponseTimesQuery(null, parseResponseTimes({ from: '2024-11-30', to: '2026-11-30', groupBy: 'category' }, NOW), NOW));
      await m(`response-times, supervisor of province ${provinceCode} (${provUnits.length} units), a year, groupBy=locality`, buildResponseTimesQuery(provUnits, rt('locality'), NOW));
      await m('response-times, national (auditor), a year, groupBy=category', buildResponseTimesQuery(null, rt('category'), NOW));
      await m(`response-times, supervisor of province ${provinceCode} (${provUnits.length} units), a year, groupBy=category`, buildResponseTimesQuery(provUnits, rt('category'), NOW));
      await m('hotspots, national (auditor), 2026 vs 2025', buildHotspotsQuery(null, parseHotspots({ year: '2026' }, NOW), NOW, yearEnd(2026, NOW)));
      await m('hotspots, national (auditor), 2025 vs 2024 (across the reform)', buildHotspotsQuery(null, parseHotspots({ year: '2025' }, NOW), NOW, yearEnd(2025, NOW)));
      await m(`hotspots, province ${provinceCode}, 2025 vs 2024`, buildHotspotsQuery(null, parseHotspots({ year: '2025', province: provinceCode }, NOW), NOW, yearEnd(2025, NOW)));
      await m('backlog, national (auditor)', buildBacklogQuery(null, parseBacklog({}), NOW, 24));
      await m('at-risk list, national (auditor), first 200', buildAtRiskQuery(null, parseBacklog({}), NOW, 24, 200));
      await m(`backlog, supervisor of province ${provinceCode}`, buildBacklogQuery(provUnits, parseBacklog({}), NOW, 24));

      const ds = await db.dataSource(2);
      const repo = new ReportsRepository(ds);
      const exports: string[] = [];
      if (EXPORTS) for (const format of ['csv', 'xlsx'] as const) {
        exports.push(await exportRun(repo, `a year of province ${provinceCode} (groupBy=case)`, buildResponseTimesQuery(provUnits, rt('case'), NOW), format));
      }
      if (EXPORTS) exports.push(await exportRun(repo, 'a year, national (groupBy=case)', buildResponseTimesQuery(null, rt('case'), NOW), 'csv'));
      if (EXPORTS) exports.push(await exportRun(repo, 'a year, national (groupBy=case)', buildResponseTimesQuery(null, rt('case'), NOW), 'xlsx'));
      summary.push('', `summary (${TOTAL.toLocaleString('en')} cases; case_figures filled in ${figuresSeconds.toFixed(1)} s; median warm wall time of the query at the client; target ≤ 1000 ms; the 2 CPUs were shared with other work, load = 1-min load average):`);
      for (const [label, r] of results) summary.push(`  ${r.median <= 1000 ? 'ok  ' : 'SLOW'} ${r.median.toFixed(0).padStart(6)} ms  load ${r.load.padStart(5)}  ${label}\n        ${r.top}`);
      summary.push('exports (streamed from a cursor through the API writers into a byte counter):', ...exports.map((e) => `  ${e}`));
      process.stdout.write(`${summary.join('\n')}\n`);
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
