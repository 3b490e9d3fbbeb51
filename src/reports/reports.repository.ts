import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import QueryStream from 'pg-query-stream';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { FIGURE_CLOCK_KINDS } from '../case-figures/case-figure.entity';
import type { BacklogFilters, CaseFilters, GroupBy, HotspotsFilters, ResponseTimesFilters } from './report-filters';

/**
 * The SQL of the supervisor reports, and the only code of src/reports that touches the database.
 *
 * Every builder is a pure function of its filters (exported: the query snapshot test renders each
 * one with fixed parameters, and bench/reports.ts explains exactly what the API runs). `unitIds`
 * is the caller's scope already narrowed by the unit filter; null means every unit and is only
 * ever passed for an auditor (ReportsService decides). The reports read figures only: ids, codes,
 * times and counts, never a tip, a message or a reason.
 *
 * Response times and the backlog read `case_figures` (src/case-figures: one row per case, kept
 * in step by whoever changes a case, defined once in CaseFiguresRepository), not the timelines
 * and clocks: a national report aggregates one narrow row per case. What depends on the time of
 * the report (a pause still running, a running clock past its due time and not yet swept, the age
 * of an open case) is computed here against `asOf` from the instants the figures keep.
 */

export { FIRST_ACTION_EVENTS } from '../case-figures/case-figures.repository';
/** The clock kinds of the contract, one column group each in the response-times report. */
export const CLOCK_KINDS = FIGURE_CLOCK_KINDS;
/** Backlog age buckets, in days: [0,1) [1,3) [3,7) [7,30) [30,∞). */
export const AGE_BUCKETS = ['lt_1d', '1_3d', '3_7d', '7_30d', 'gt_30d'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];
export const CLOCK_STATES = ['breached', 'at_risk', 'on_time', 'paused', 'none'] as const;
export type ClockState = (typeof CLOCK_STATES)[number];

export interface BuiltQuery {
  sql: string;
  params: unknown[];
  /** Planner settings of this query on top of REPORT_SETTINGS, set the same way (reportSettingsSql). */
  settings?: Readonly<Record<string, string>>;
}

/**
 * Settings of every report's transaction (set_config(…, true), i.e. SET LOCAL). A national report
 * sorts a year of cases by group and then each group's hours for the exact percentiles; with the
 * server's default work_mem (4 MB) those sorts and hashes spill to temporary files. One report
 * at a time per connection, and the pool is small, so the bound on memory stays modest.
 */
export const REPORT_SETTINGS: Readonly<Record<string, string>> = { work_mem: '128MB', jit: 'off' };

/** The one statement that applies REPORT_SETTINGS, and the query's own settings, inside the report's transaction. */
export function reportSettingsSql(q?: Pick<BuiltQuery, 'settings'>): string {
  return `SELECT ${Object.entries({ ...REPORT_SETTINGS, ...q?.settings })
    .map(([k, v]) => `set_config('${k}', '${v}', true)`)
    .join(', ')}`;
}

class Params {
  readonly values: unknown[] = [];
  add(v: unknown, cast = ''): string {
    this.values.push(v);
    return `$${this.values.length}${cast}`;
  }
}

/** WHERE terms of `case_figures f` for the scope and the case filters. */
function caseWhere(p: Params, unitIds: readonly string[] | null, f: Pick<CaseFilters, 'localityCode' | 'category'>): string[] {
  const where: string[] = [];
  if (unitIds !== null) {
    if (unitIds.length === 0) throw new Error('an empty unit list would report nothing; the service answers 404 first');
    where.push(`f.unit_id = ANY(${p.add([...unitIds], '::uuid[]')})`);
  }
  if (f.category) where.push(`f.category = ${p.add(f.category)}`);
  if (f.localityCode) {
    // The place itself or anything under it (district → communes, province → districts → communes), in any era.
    const code = p.add(f.localityCode);
    where.push(`f.locality_code IN (SELECT ${code}::text
              UNION SELECT l1.code FROM localities l1 WHERE l1.parent_code = ${code}
              UNION SELECT l2.code FROM localities l1 JOIN localities l2 ON l2.parent_code = l1.code WHERE l1.parent_code = ${code})`);
  }
  return where;
}

const GROUP_KEY: Record<Exclude<GroupBy, 'case'>, string> = {
  // The uuid itself, not its text: sorting 500,000 rows by a 16-byte key is much cheaper than by
  // collated text (national by unit at 1M cases: ~2.2 → ~1.4 s under load 6).
  unit: `f.unit_id`,
  locality: `COALESCE(f.locality_code, '')`,
  category: `f.category`,
  month: `f.month`,
};
const GROUP_LABEL: Record<Exclude<GroupBy, 'case'>, string> = {
  unit: `(SELECT u.code || ' – ' || u.name FROM units u WHERE u.id = g.group_key)`,
  locality: `(SELECT l.full_name FROM localities l WHERE l.code = g.group_key ORDER BY l.valid_from DESC LIMIT 1)`,
  category: `g.group_key`,
  month: `g.group_key`,
};

/** The cases opened in the period, in scope and matching the filters. */
function periodWhere(p: Params, unitIds: readonly string[] | null, f: ResponseTimesFilters): string {
  const where = [`f.created_at >= ${p.add(f.period.fromInstant, '::timestamptz')}`, `f.created_at < ${p.add(f.period.toInstant, '::timestamptz')}`, ...caseWhere(p, unitIds, f)];
  return where.join('\n   AND ');
}

/** A case's paused hours at `now`: its finished pauses plus the one still running. */
function pausedHours(now: string): string {
  return `(f.paused_closed_seconds + COALESCE(extract(epoch FROM ${now} - f.paused_since), 0)) / 3600`;
}

/**
 * Response times grouped by unit, place, category or month: cases, p50/p90 hours (exact,
 * percentile_cont) to acknowledge, to first action and to close, paused hours, and per clock
 * kind met / breached / attainment / still running, extensions and suspensions.
 *
 * The hours are the figures' (elapsed less the paused time before the step). A clock counts as
 * breached when flagged or met late, or when it runs past its due time at `asOf` (not yet swept);
 * as running while paused or due after `asOf`. Attainment = met ÷ (met + breached).
 */
export function buildResponseTimesQuery(unitIds: readonly string[] | null, f: ResponseTimesFilters, asOf: Date): BuiltQuery {
  if (f.groupBy === 'case') return buildResponseTimesCaseQuery(unitIds, f, asOf);
  const p = new Params();
  const where = periodWhere(p, unitIds, f);
  const now = p.add(asOf, '::timestamptz');
  const pct = (col: string, name: string) =>
    `percentile_cont(0.5) WITHIN GROUP (ORDER BY f.${col}) AS ${name}_p50, percentile_cont(0.9) WITHIN GROUP (ORDER BY f.${col}) AS ${name}_p90`;
  const kinds = CLOCK_KINDS.map(
    (k) => `sum(f.${k}_met)::int AS ${k}_met,
         (sum(f.${k}_breached) + count(*) FILTER (WHERE f.${k}_due <= ${now}))::int AS ${k}_breached,
         (sum(f.${k}_paused) + count(*) FILTER (WHERE f.${k}_due > ${now}))::int AS ${k}_running`,
  );
  const clockCols = CLOCK_KINDS.flatMap((k) => [
    `g.${k}_met`,
    `g.${k}_breached`,
    `CASE WHEN g.${k}_met + g.${k}_breached > 0 THEN g.${k}_met::float8 / (g.${k}_met + g.${k}_breached) END AS ${k}_attainment`,
    `g.${k}_running`,
  ]);
  // Column order inside the CTE follows the output (totals, percentiles, the rest).
  const totals = [
    'count(*)::int AS cases',
    'count(f.ack_hours)::int AS acknowledged',
    'count(f.first_action_hours)::int AS first_actioned',
    'count(f.close_hours)::int AS closed',
  ];
  const rest = [
    `COALESCE(sum(${pausedHours(now)}) FILTER (WHERE f.paused_closed_seconds > 0 OR f.paused_since IS NOT NULL), 0) AS paused_hours`,
    `count(*) FILTER (WHERE f.paused_closed_seconds > 0 OR f.paused_since < ${now})::int AS cases_paused`,
    ...kinds,
    'sum(f.extensions)::int AS extensions',
    'sum(f.suspensions)::int AS suspensions',
  ];
  const percentiles = [pct('ack_hours', 'ack'), pct('first_action_hours', 'first_action'), pct('close_hours', 'close')];
  const key = GROUP_KEY[f.groupBy];
  const aggregate = (name: string, aggs: string[]) => `${name} AS (
  SELECT ${key} AS group_key,
         ${aggs.join(',\n         ')}
    FROM case_figures f
   WHERE ${where}
   GROUP BY 1
)`;
  // The whole country's period by month or category: two aggregations of the same rows, joined on
  // the group. The counts hash (no sort; a parallel partial aggregate), the exact percentiles read
  // a narrow projection (the group key and the three hours) sorted by the group (by category, read
  // in order from the covering index case_figures_category_hours_idx, no sort). An ordered-set
  // aggregate cannot hash: in one aggregation, all 500,000 rows of a national year (~120 bytes
  // each with every counter) were sorted by group first and aggregated in one process (by month
  // ~1.0-1.2 s; split ~0.7-0.95 s at load 2-4). Not by unit or place (thousands of groups: the
  // hashed counters of 3,300 groups cost the workers as much as the sort they save, and by unit
  // the split was as often slower as faster), nor for a unit's or a place's cases (they come by
  // index from scattered pages, and reading them twice costs more than the sort saves).
  // parallel_tuple_cost (default 0.1) at 0.01 for the split: at the default the planner sorts the
  // percentiles' projection in one process rather than in the parallel workers merged by a Gather
  // Merge, which is faster when a core is free. Not for every report: it made the national
  // backlog gather its 260,000 open cases from workers, slower.
  const split = unitIds === null && !f.localityCode && (f.groupBy === 'month' || f.groupBy === 'category');
  const ctes = split
    ? `${aggregate('counts', [...totals, ...rest])},\n${aggregate('percentiles', percentiles)}`
    : aggregate('groups', [...totals, ...percentiles, ...rest]);
  const pctFrom = split ? 'p' : 'g';
  const sql = `WITH ${ctes}
SELECT g.group_key::text AS group_key, ${GROUP_LABEL[f.groupBy]} AS group_label, g.cases, g.acknowledged, g.first_actioned, g.closed,
       ${pctFrom}.ack_p50, ${pctFrom}.ack_p90, ${pctFrom}.first_action_p50, ${pctFrom}.first_action_p90, ${pctFrom}.close_p50, ${pctFrom}.close_p90,
       g.paused_hours, g.cases_paused,
       ${clockCols.join(',\n       ')},
       g.extensions, g.suspensions
  FROM ${split ? 'counts g JOIN percentiles p ON p.group_key = g.group_key' : 'groups g'}
 ORDER BY g.group_key`;
  return { sql, params: p.values, ...(split ? { settings: { parallel_tuple_cost: '0.01' } } : {}) };
}

/** One row per case (the long export): the same figures as the grouped report, before grouping. */
export function buildResponseTimesCaseQuery(unitIds: readonly string[] | null, f: ResponseTimesFilters, asOf: Date): BuiltQuery {
  const p = new Params();
  const where = periodWhere(p, unitIds, f);
  const now = p.add(asOf, '::timestamptz');
  const sql = `SELECT c.reference, u.code AS unit_code, f.locality_code, f.category, f.status, f.created_at,
       f.ack_hours AS ack_h, f.first_action_hours AS first_action_h, f.close_hours AS close_h, ${pausedHours(now)} AS paused_h
  FROM case_figures f JOIN cases c ON c.id = f.case_id JOIN units u ON u.id = f.unit_id
 WHERE ${where}
 ORDER BY f.created_at, f.case_id`;
  return { sql, params: p.values };
}

/**
 * The open cases with their age and clock state at `asOf`: breached (a clock flagged breached, or
 * a running one past its due time), at risk (the shown clock due within the window), on time,
 * paused (no running clock, a paused one), none (no open clock).
 */
function backlogCases(p: Params, unitIds: readonly string[] | null, f: BacklogFilters, asOf: Date, atRiskHours: number): string {
  const where = [`f.status <> 'closed'`, ...caseWhere(p, unitIds, f)];
  const now = p.add(asOf, '::timestamptz');
  const risk = `${now} + make_interval(hours => ${p.add(atRiskHours, '::int')})`;
  return `states AS (
  SELECT f.case_id AS id, f.unit_id, f.category, f.locality_code, f.status, f.created_at,
         f.open_clock_kind AS clock_kind, f.open_clock_due AS due_at,
         extract(epoch FROM ${now} - f.created_at) / 3600 AS age_h,
         CASE WHEN f.created_at > ${now} - interval '1 day' THEN 'lt_1d'
              WHEN f.created_at > ${now} - interval '3 days' THEN '1_3d'
              WHEN f.created_at > ${now} - interval '7 days' THEN '3_7d'
              WHEN f.created_at > ${now} - interval '30 days' THEN '7_30d'
              ELSE 'gt_30d' END AS age_bucket,
         CASE WHEN f.open_clock_breached OR f.running_due <= ${now} THEN 'breached'
              WHEN f.open_clock_due < ${risk} THEN 'at_risk'
              WHEN f.open_clock_due IS NOT NULL THEN 'on_time'
              WHEN f.open_clock_paused THEN 'paused'
              ELSE 'none' END AS clock_state,
         extract(epoch FROM f.open_clock_due - ${now}) / 3600 AS hours_left
    FROM case_figures f
   WHERE ${where.join('\n     AND ')}
)`;
}

/** Open cases counted by unit, age bucket and clock state. */
export function buildBacklogQuery(unitIds: readonly string[] | null, f: BacklogFilters, asOf: Date, atRiskHours: number): BuiltQuery {
  const p = new Params();
  const sql = `WITH ${backlogCases(p, unitIds, f, asOf, atRiskHours)},
counts AS (
  SELECT s.unit_id, s.age_bucket, s.clock_state, count(*)::int AS cases FROM states s GROUP BY 1, 2, 3
)
SELECT u.code AS unit_code, u.name AS unit_name, n.age_bucket, n.clock_state, sum(n.cases)::int AS cases
  FROM counts n JOIN units u ON u.id = n.unit_id
 GROUP BY u.code, u.name, n.age_bucket, n.clock_state
 ORDER BY u.code, n.age_bucket, n.clock_state`;
  return { sql, params: p.values };
}

/** The at-risk list: open cases whose clock is breached or due within the at-risk window, soonest first. */
export function buildAtRiskQuery(unitIds: readonly string[] | null, f: BacklogFilters, asOf: Date, atRiskHours: number, limit: number | null): BuiltQuery {
  const p = new Params();
  const ctes = backlogCases(p, unitIds, f, asOf, atRiskHours);
  const sql = `WITH ${ctes},
listed AS (
  SELECT s.* FROM states s
   WHERE s.clock_state IN ('breached', 'at_risk')
   ORDER BY s.due_at NULLS LAST, s.id${limit === null ? '' : `\n   LIMIT ${p.add(limit, '::int')}`}
)
SELECT c.reference, u.code AS unit_code, s.category, s.locality_code, s.status, s.created_at, s.age_h,
       s.clock_kind, s.due_at, s.hours_left, s.clock_state
  FROM listed s JOIN cases c ON c.id = s.id JOIN units u ON u.id = s.unit_id
 ORDER BY s.due_at NULLS LAST, s.id`;
  return { sql, params: p.values };
}

/**
 * Hotspots found, verified, dismantled and re-emerged in `year` and the year before, per commune
 * of the structure in force at the end of `year` (or today), with the change and its direction.
 *
 * Across the July 2025 reform (and later amendments) a hotspot's figures follow its place: the
 * commune version in force on the day the hotspot was recorded (a code names different places in
 * different eras), then `locality_successors` step by step until a version in force at the end
 * of the year. A legacy commune merged whole (`full`) carries everything onto its successor. A
 * split commune (`partial`) has several successors and the data cannot tell which part a hotspot
 * lay in; it is apportioned by the hotspot's own later place when it has one (the commune of the
 * latest case linked to it that was recorded in one of the successors after the change), and
 * otherwise in equal shares over the successors (fractional figures, marked `equal_share`).
 * Rows with carried figures say `mapped` and list the earlier codes they came from.
 */
export function buildHotspotsQuery(unitIds: readonly string[] | null, f: HotspotsFilters, asOf: Date, yearEndDay: string): BuiltQuery {
  const p = new Params();
  const from = p.add(`${f.year - 1}-01-01T00:00:00+07:00`, '::timestamptz');
  const to = p.add(`${f.year + 1}-01-01T00:00:00+07:00`, '::timestamptz');
  const target = p.add(yearEndDay, '::date');
  const year = p.add(f.year, '::int');
  const scope = unitIds === null ? '' : `\n     AND h.unit_id = ANY(${p.add([...unitIds], '::uuid[]')})`;
  const province = f.provinceCode ? `\n   WHERE r.province_code = ${p.add(f.provinceCode)}` : '';
  const asOfParam = p.add(asOf, '::timestamptz');
  const metric = (m: string, y: string) => `COALESCE(sum(m.share) FILTER (WHERE x.metric = '${m}' AND x.year = ${y}), 0)::float8`;
  const metrics = ['found', 'verified', 'dismantled', 're_emerged'];
  // facts: UNION (not UNION ALL) already removes duplicate rows within each branch too.
  const sql = `WITH RECURSIVE facts AS (
  SELECT sc.hotspot_id,
         extract(year FROM sc.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int AS year,
         CASE WHEN sc.from_status IS NULL THEN 'found' ELSE sc.to_status END AS metric
    FROM hotspot_status_changes sc JOIN hotspots h ON h.id = sc.hotspot_id
   WHERE sc.at >= ${from} AND sc.at < ${to} AND sc.at <= ${asOfParam}${scope}
  UNION
  SELECT sc.hotspot_id, extract(year FROM sc.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int, sc.to_status
    FROM hotspot_status_changes sc JOIN hotspots h ON h.id = sc.hotspot_id
   WHERE sc.from_status IS NULL AND sc.to_status <> 'suspected'
     AND sc.at >= ${from} AND sc.at < ${to} AND sc.at <= ${asOfParam}${scope}
),
origin AS (
  SELECT h.id AS hotspot_id, l.code, l.valid_from, l.valid_to
    FROM hotspots h
    JOIN LATERAL (SELECT l.code, l.valid_from, l.valid_to FROM localities l
                   WHERE l.code = h.locality_code AND l.valid_from <= (h.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
                   ORDER BY l.valid_from DESC LIMIT 1) l ON true
   WHERE h.id IN (SELECT hotspot_id FROM facts)
),
succ AS (
  SELECT s.from_code, s.from_valid_from, s.to_code, s.to_valid_from, s.relation,
         count(*) OVER (PARTITION BY s.from_code, s.from_valid_from) AS n
    FROM locality_successors s
),
walk AS (
  SELECT o.hotspot_id, o.code, o.valid_from, o.valid_to, 1::numeric AS share, ARRAY[]::text[] AS via, false AS split
    FROM origin o
  UNION ALL
  SELECT w.hotspot_id, s.to_code, s.to_valid_from, l.valid_to, w.share / s.n, w.via || w.code, w.split OR s.n > 1
    FROM walk w
    JOIN succ s ON s.from_code = w.code AND s.from_valid_from = w.valid_from
    JOIN localities l ON l.code = s.to_code AND l.valid_from = s.to_valid_from
   WHERE w.valid_to IS NOT NULL AND w.valid_to < ${target}
),
terminal AS (
  SELECT w.* FROM walk w
   WHERE w.valid_to IS NULL OR w.valid_to >= ${target}
      OR NOT EXISTS (SELECT 1 FROM succ s WHERE s.from_code = w.code AND s.from_valid_from = w.valid_from)
),
placed AS (
  SELECT DISTINCT ON (t.hotspot_id) t.hotspot_id, t.code, t.valid_from
    FROM terminal t JOIN cases c ON c.hotspot_id = t.hotspot_id AND c.locality_code = t.code
                                 AND c.created_at >= (t.valid_from::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
   WHERE t.split
   ORDER BY t.hotspot_id, c.created_at DESC
),
mapped AS (
  SELECT t.hotspot_id, t.code, t.valid_from, t.via,
         CASE WHEN NOT t.split THEN NULL WHEN pl.hotspot_id IS NULL THEN 'equal_share' ELSE 'case_place' END AS apportioned,
         CASE WHEN NOT t.split OR pl.hotspot_id IS NULL THEN t.share WHEN pl.code = t.code AND pl.valid_from = t.valid_from THEN 1 ELSE 0 END AS share
    FROM terminal t LEFT JOIN placed pl ON pl.hotspot_id = t.hotspot_id
),
rows AS (
  SELECT m.code, m.valid_from,
         ${metrics.map((x) => `${metric(x, year)} AS ${x}, ${metric(x, `${year} - 1`)} AS ${x}_prev`).join(',\n         ')},
         bool_or(cardinality(m.via) > 0) AS mapped,
         array_to_string(array(SELECT DISTINCT unnest(array_agg(array_to_string(m.via, '>')) FILTER (WHERE cardinality(m.via) > 0)) ORDER BY 1), ', ') AS mapped_from,
         string_agg(DISTINCT m.apportioned, ', ') AS apportioned
    FROM mapped m JOIN facts x ON x.hotspot_id = m.hotspot_id
   WHERE m.share > 0
   GROUP BY m.code, m.valid_from
),
placed_rows AS (
  SELECT r.*, l.full_name, l.level,
         CASE WHEN l.level = 'province' THEN l.code WHEN par.level = 'district' THEN par.parent_code ELSE l.parent_code END AS province_code
    FROM rows r
    JOIN localities l ON l.code = r.code AND l.valid_from = r.valid_from
    LEFT JOIN LATERAL (SELECT pl.level, pl.parent_code FROM localities pl
                        WHERE pl.code = l.parent_code AND pl.valid_from <= l.valid_from
                        ORDER BY pl.valid_from DESC LIMIT 1) par ON true
)
SELECT r.province_code, r.code AS locality_code, r.full_name AS locality_name,
       ${metrics.map((x) => `r.${x}, r.${x}_prev, r.${x} - r.${x}_prev AS ${x}_change,
       CASE WHEN r.${x} > r.${x}_prev THEN 'up' WHEN r.${x} < r.${x}_prev THEN 'down' ELSE 'same' END AS ${x}_direction`).join(',\n       ')},
       r.mapped, NULLIF(r.mapped_from, '') AS mapped_from, r.apportioned
  FROM placed_rows r${province}
 ORDER BY r.province_code, r.code`;
  return { sql, params: p.values };
}

/**
 * Runs the report queries. Small results (grouped figures) come back as arrays; long ones (case
 * rows, the at-risk list) as an object stream over a server-side cursor (pg-query-stream), so an
 * export never holds the whole result: the connection goes back to the pool when the stream ends,
 * fails or is destroyed (a client that hangs up).
 */
@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** In a read-only transaction of its own, under REPORT_SETTINGS and the query's own settings. */
  async rows<T = Record<string, unknown>>(q: BuiltQuery): Promise<T[]> {
    return this.ds.transaction(async (m) => {
      await m.query(`SET TRANSACTION READ ONLY`);
      await m.query(reportSettingsSql(q));
      return m.query(q.sql, q.params);
    });
  }

  /** The ids of a unit (by code) and everything under it, or null when no unit has the code. */
  async unitSubtree(code: string): Promise<string[] | null> {
    const rows: { id: string }[] = await this.ds.query(
      `WITH RECURSIVE t(id) AS (SELECT id FROM units WHERE code = $1
         UNION SELECT u.id FROM units u JOIN t ON u.parent_id = t.id)
       SELECT id FROM t`,
      [code],
    );
    return rows.length ? rows.map((r) => r.id) : null;
  }

  async stream(q: BuiltQuery, batchSize = 1000): Promise<Readable> {
    const driver = this.ds.driver as PostgresDriver;
    const [client, release] = (await driver.obtainMasterConnection()) as [PoolClient, (err?: unknown) => void];
    let released = false;
    const done = (err?: unknown) => {
      if (released) return;
      released = true;
      release(err instanceof Error ? err : undefined);
    };
    try {
      // A cursor lives in a transaction anyway; this one also carries the report's settings.
      await client.query('BEGIN READ ONLY');
      await client.query(reportSettingsSql(q));
      const stream = client.query(new QueryStream(q.sql, q.params, { batchSize }));
      let ended = false;
      stream.once('end', () => {
        ended = true;
        client.query('COMMIT').then(() => done(), done);
      });
      stream.once('error', (e) => done(e));
      // Destroyed before the end (the client hung up): the portal may still be open, so the
      // connection is discarded rather than handed to the next request.
      stream.once('close', () => ended || done(new Error('report stream closed before its end')));
      return stream;
    } catch (e) {
      done(e);
      throw e;
    }
  }
}
