/**
 * The report queries as they were before case_figures (git history: src/reports/reports.repository.ts
 * at the merge of issue 17, clock tables present), computed straight from the timelines and the
 * clocks. Kept here only as the reference the figures are checked against
 * (case-figures.e2e-spec.ts): the figures must give exactly what these give.
 *
 * One change: the backlog's shown clock had no order among clocks due at the same instant (the
 * acknowledge and legal-transfer targets of a new case both run 24 hours); both now break the tie
 * by kind.
 */
import type { BacklogFilters, CaseFilters, GroupBy, ResponseTimesFilters } from '../../src/reports/report-filters';

export interface BuiltQuery {
  sql: string;
  params: unknown[];
}

class Params {
  readonly values: unknown[] = [];
  add(v: unknown, cast = ''): string {
    this.values.push(v);
    return `$${this.values.length}${cast}`;
  }
}

/** A case's first action: the first timeline event after acknowledging that moved the work on. */
const FIRST_ACTION_EVENTS = ['verification_started', 'actioned', 'closed'] as const;
/** The clock kinds of the contract, one column group each in the response-times report. */
const CLOCK_KINDS = ['acknowledge', 'first_action', 'legal_transfer', 'legal_notify', 'legal_verify'] as const;
/** Clock events that end a pause (a met or cancelled clock is no longer paused). */
const PAUSE_ENDS = `'resumed', 'met', 'cancelled'`;
/** Backlog age buckets, in days: [0,1) [1,3) [3,7) [7,30) [30,∞). */
const AGE_BUCKETS = ['lt_1d', '1_3d', '3_7d', '7_30d', 'gt_30d'] as const;
const CLOCK_STATES = ['breached', 'at_risk', 'on_time', 'paused', 'none'] as const;

/** WHERE terms of `cases c` for the scope and the case filters. */
function caseWhere(p: Params, unitIds: readonly string[] | null, f: Pick<CaseFilters, 'localityCode' | 'category'>): string[] {
  const where: string[] = [];
  if (unitIds !== null) {
    if (unitIds.length === 0) throw new Error('an empty unit list would report nothing; the service answers 404 first');
    where.push(`c.unit_id = ANY(${p.add([...unitIds], '::uuid[]')})`);
  }
  if (f.category) where.push(`c.category = ${p.add(f.category)}`);
  if (f.localityCode) {
    // The place itself or anything under it (district → communes, province → districts → communes), in any era.
    const code = p.add(f.localityCode);
    where.push(`c.locality_code IN (SELECT ${code}::text
              UNION SELECT l1.code FROM localities l1 WHERE l1.parent_code = ${code}
              UNION SELECT l2.code FROM localities l1 JOIN localities l2 ON l2.parent_code = l1.code WHERE l1.parent_code = ${code})`);
  }
  return where;
}

const GROUP_KEY: Record<Exclude<GroupBy, 'case'>, string> = {
  unit: `b.unit_id::text`,
  locality: `COALESCE(b.locality_code, '')`,
  category: `b.category`,
  month: `to_char(b.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM')`,
};
const GROUP_LABEL: Record<Exclude<GroupBy, 'case'>, string> = {
  unit: `(SELECT u.code || ' – ' || u.name FROM units u WHERE u.id = g.group_key::uuid)`,
  locality: `(SELECT l.full_name FROM localities l WHERE l.code = g.group_key ORDER BY l.valid_from DESC LIMIT 1)`,
  category: `g.group_key`,
  month: `g.group_key`,
};

/**
 * The case rows of the response-times report (CTEs `base`, `firsts`, `pauses`, `paused`,
 * `case_rows`): each case opened in the period with its hours to acknowledge, to first action
 * and to close, each less the paused time that fell before it, and its total paused hours.
 *
 * Paused time comes from the clocks: every `paused` clock event until the next `resumed`, `met`
 * or `cancelled` event of that clock (or `asOf`); a suspension pauses several clocks of a case at
 * once, so the intervals are merged per case (gaps and islands) and each paused hour counts once.
 */
function responseTimeCaseRows(p: Params, unitIds: readonly string[] | null, f: ResponseTimesFilters, clocks: boolean, asOf: Date): string {
  const where = [`c.created_at >= ${p.add(f.period.fromInstant, '::timestamptz')}`, `c.created_at < ${p.add(f.period.toInstant, '::timestamptz')}`, ...caseWhere(p, unitIds, f)];
  const now = clocks ? p.add(asOf, '::timestamptz') : '';
  const firstActions = FIRST_ACTION_EVENTS.map((t) => `'${t}'`).join(', ');
  const pauseCtes = clocks
    ? `,
raw_pauses AS (
  SELECT ev.case_id, ev.at AS s,
         LEAST(COALESCE((SELECT min(r.at) FROM clock_events r
                          WHERE r.clock_id = ev.clock_id AND r.at >= ev.at AND r.type IN (${PAUSE_ENDS})), ${now}), ${now}) AS e
    FROM clock_events ev JOIN base b ON b.id = ev.case_id
   WHERE ev.type = 'paused' AND ev.at < ${now}
),
islands AS (
  SELECT case_id, s, e,
         count(*) FILTER (WHERE is_new) OVER (PARTITION BY case_id ORDER BY s, e) AS island
    FROM (SELECT case_id, s, e,
                 (s > max(e) OVER (PARTITION BY case_id ORDER BY s, e ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) IS NOT FALSE AS is_new
            FROM raw_pauses) x
),
pauses AS (
  SELECT case_id, min(s) AS s, max(e) AS e FROM islands GROUP BY case_id, island
),
paused AS (
  SELECT pm.case_id,
         sum(extract(epoch FROM pm.e - pm.s)) AS total_s,
         sum(GREATEST(0, extract(epoch FROM LEAST(pm.e, f.ack_at) - GREATEST(pm.s, b.created_at)))) AS to_ack_s,
         sum(GREATEST(0, extract(epoch FROM LEAST(pm.e, f.first_action_at) - GREATEST(pm.s, b.created_at)))) AS to_first_action_s,
         sum(GREATEST(0, extract(epoch FROM LEAST(pm.e, b.close_at) - GREATEST(pm.s, b.created_at)))) AS to_close_s
    FROM pauses pm JOIN base b ON b.id = pm.case_id LEFT JOIN firsts f ON f.case_id = pm.case_id
   GROUP BY pm.case_id
)`
    : '';
  const pausedJoin = clocks ? 'LEFT JOIN paused pa ON pa.case_id = b.id' : '';
  const pausedCol = (c: string) => (clocks ? `COALESCE(pa.${c}, 0)` : '0');
  return `base AS (
  SELECT c.id, c.reference, c.unit_id, c.locality_code, c.category, c.status, c.created_at,
         CASE WHEN c.status = 'closed' THEN c.closed_at END AS close_at
    FROM cases c
   WHERE ${where.join('\n     AND ')}
),
firsts AS (
  SELECT e.case_id,
         min(e.at) FILTER (WHERE e.type = 'acknowledged') AS ack_at,
         min(e.at) FILTER (WHERE e.type IN (${firstActions})) AS first_action_at
    FROM case_events e JOIN base b ON b.id = e.case_id
   WHERE e.type IN ('acknowledged', ${firstActions})
   GROUP BY e.case_id
)${pauseCtes},
case_rows AS (
  SELECT b.*,
         (extract(epoch FROM f.ack_at - b.created_at) - ${pausedCol('to_ack_s')}) / 3600 AS ack_h,
         (extract(epoch FROM f.first_action_at - b.created_at) - ${pausedCol('to_first_action_s')}) / 3600 AS first_action_h,
         (extract(epoch FROM b.close_at - b.created_at) - ${pausedCol('to_close_s')}) / 3600 AS close_h,
         ${clocks ? `${pausedCol('total_s')} / 3600` : 'NULL::numeric'} AS paused_h
    FROM base b LEFT JOIN firsts f ON f.case_id = b.id ${pausedJoin}
)`;
}

/** Per clock kind: met, breached (late or overdue, detected or not), running; extensions and suspensions. */
function clockCtes(p: Params, groupKey: string, asOf: Date): string {
  const now = p.add(asOf, '::timestamptz');
  const kinds = CLOCK_KINDS.map((k) => {
    const on = `k.kind = '${k}'`;
    return `count(*) FILTER (WHERE ${on} AND k.met_at IS NOT NULL AND k.breached_at IS NULL)::int AS ${k}_met,
         count(*) FILTER (WHERE ${on} AND (k.breached_at IS NOT NULL OR k.status = 'breached' OR (k.status = 'running' AND k.due_at <= ${now})))::int AS ${k}_breached,
         count(*) FILTER (WHERE ${on} AND k.status IN ('running', 'paused') AND k.breached_at IS NULL AND NOT (k.status = 'running' AND k.due_at <= ${now}))::int AS ${k}_running`;
  });
  return `,
clock_stats AS (
  SELECT ${groupKey} AS group_key,
         ${kinds.join(',\n         ')}
    FROM case_clocks k JOIN base b ON b.id = k.case_id
   WHERE k.status <> 'cancelled'
   GROUP BY 1
),
clock_changes AS (
  SELECT ${groupKey} AS group_key,
         count(DISTINCT (ev.case_id, ev.at)) FILTER (WHERE ev.type = 'extended')::int AS extensions,
         count(DISTINCT (ev.case_id, ev.at)) FILTER (WHERE ev.type = 'paused')::int AS suspensions
    FROM clock_events ev JOIN base b ON b.id = ev.case_id
   WHERE ev.type IN ('extended', 'paused')
   GROUP BY 1
)`;
}

function clockColumns(clocks: boolean): string {
  const cols = CLOCK_KINDS.flatMap((k) => [
    clocks ? `COALESCE(cs.${k}_met, 0) AS ${k}_met` : `NULL::int AS ${k}_met`,
    clocks ? `COALESCE(cs.${k}_breached, 0) AS ${k}_breached` : `NULL::int AS ${k}_breached`,
    clocks
      ? `CASE WHEN COALESCE(cs.${k}_met, 0) + COALESCE(cs.${k}_breached, 0) > 0 THEN cs.${k}_met::float8 / (cs.${k}_met + cs.${k}_breached) END AS ${k}_attainment`
      : `NULL::float8 AS ${k}_attainment`,
    clocks ? `COALESCE(cs.${k}_running, 0) AS ${k}_running` : `NULL::int AS ${k}_running`,
  ]);
  cols.push(clocks ? 'COALESCE(cc.extensions, 0) AS extensions' : 'NULL::int AS extensions');
  cols.push(clocks ? 'COALESCE(cc.suspensions, 0) AS suspensions' : 'NULL::int AS suspensions');
  return cols.join(',\n       ');
}

/**
 * Response times grouped by unit, place, category or month: cases, p50/p90 hours (exact,
 * percentile_cont) to acknowledge, to first action and to close, paused hours, and per clock
 * kind met / breached / attainment / still running, extensions and suspensions.
 */
export function buildResponseTimesQuery(unitIds: readonly string[] | null, f: ResponseTimesFilters, clocks: boolean, asOf: Date): BuiltQuery {
  if (f.groupBy === 'case') return buildResponseTimesCaseQuery(unitIds, f, clocks, asOf);
  const p = new Params();
  const key = GROUP_KEY[f.groupBy];
  const pct = (col: string, name: string) =>
    `percentile_cont(0.5) WITHIN GROUP (ORDER BY cr.${col}) AS ${name}_p50, percentile_cont(0.9) WITHIN GROUP (ORDER BY cr.${col}) AS ${name}_p90`;
  const sql = `WITH ${responseTimeCaseRows(p, unitIds, f, clocks, asOf)}${clocks ? clockCtes(p, key, asOf) : ''},
groups AS (
  SELECT ${key.replace(/\bb\./g, 'cr.')} AS group_key,
         count(*)::int AS cases,
         count(cr.ack_h)::int AS acknowledged,
         count(cr.first_action_h)::int AS first_actioned,
         count(cr.close_h)::int AS closed,
         ${pct('ack_h', 'ack')},
         ${pct('first_action_h', 'first_action')},
         ${pct('close_h', 'close')},
         sum(cr.paused_h) AS paused_hours,
         count(*) FILTER (WHERE cr.paused_h > 0)::int AS cases_paused
    FROM case_rows cr
   GROUP BY 1
)
SELECT g.group_key, ${GROUP_LABEL[f.groupBy]} AS group_label, g.cases, g.acknowledged, g.first_actioned, g.closed,
       g.ack_p50, g.ack_p90, g.first_action_p50, g.first_action_p90, g.close_p50, g.close_p90,
       g.paused_hours, g.cases_paused,
       ${clockColumns(clocks)}
  FROM groups g${clocks ? '\n  LEFT JOIN clock_stats cs ON cs.group_key = g.group_key\n  LEFT JOIN clock_changes cc ON cc.group_key = g.group_key' : ''}
 ORDER BY g.group_key`;
  return { sql, params: p.values };
}

/** One row per case (the long export): the same figures as the grouped report, before grouping. */
export function buildResponseTimesCaseQuery(unitIds: readonly string[] | null, f: ResponseTimesFilters, clocks: boolean, asOf: Date): BuiltQuery {
  const p = new Params();
  const sql = `WITH ${responseTimeCaseRows(p, unitIds, f, clocks, asOf)}
SELECT cr.reference, u.code AS unit_code, cr.locality_code, cr.category, cr.status, cr.created_at,
       cr.ack_h, cr.first_action_h, cr.close_h, cr.paused_h
  FROM case_rows cr JOIN units u ON u.id = cr.unit_id
 ORDER BY cr.created_at, cr.id`;
  return { sql, params: p.values };
}

/** The clock state of each open case: from its clocks, or (without clock tables) from the case's internal target. */
function backlogCases(p: Params, unitIds: readonly string[] | null, f: BacklogFilters, clocks: boolean, asOf: Date, atRiskHours: number): string {
  const where = [`c.status <> 'closed'`, ...caseWhere(p, unitIds, f)];
  const now = p.add(asOf, '::timestamptz');
  const risk = `${now} + make_interval(hours => ${p.add(atRiskHours, '::int')})`;
  const state = clocks
    ? `CASE WHEN k.breached THEN 'breached' WHEN k.due_at < ${risk} THEN 'at_risk' WHEN k.due_at IS NOT NULL THEN 'on_time'
            WHEN k.paused THEN 'paused' ELSE 'none' END`
    : `CASE WHEN o.next_deadline_at IS NULL THEN 'none' WHEN o.next_deadline_at <= ${now} THEN 'breached'
            WHEN o.next_deadline_at < ${risk} THEN 'at_risk' ELSE 'on_time' END`;
  const clockCte = clocks
    ? `,
clocks_of AS (
  SELECT DISTINCT ON (k.case_id) k.case_id, k.kind, k.due_at,
         bool_or(k.status = 'breached' OR (k.status = 'running' AND k.due_at <= ${now})) OVER (PARTITION BY k.case_id) AS breached,
         bool_or(k.status = 'paused') OVER (PARTITION BY k.case_id) AS paused
    FROM case_clocks k JOIN open o ON o.id = k.case_id
   WHERE k.status IN ('running', 'paused', 'breached')
   ORDER BY k.case_id, (k.status = 'breached') DESC, k.due_at NULLS LAST, k.kind
)`
    : '';
  return `open AS (
  SELECT c.id, c.reference, c.unit_id, c.category, c.locality_code, c.status, c.created_at, c.next_deadline_at
    FROM cases c
   WHERE ${where.join('\n     AND ')}
)${clockCte},
states AS (
  SELECT o.*, ${clocks ? 'k.kind AS clock_kind, k.due_at' : `NULL::text AS clock_kind, o.next_deadline_at AS due_at`},
         extract(epoch FROM ${now} - o.created_at) / 3600 AS age_h,
         CASE WHEN o.created_at > ${now} - interval '1 day' THEN 'lt_1d'
              WHEN o.created_at > ${now} - interval '3 days' THEN '1_3d'
              WHEN o.created_at > ${now} - interval '7 days' THEN '3_7d'
              WHEN o.created_at > ${now} - interval '30 days' THEN '7_30d'
              ELSE 'gt_30d' END AS age_bucket,
         ${state} AS clock_state,
         extract(epoch FROM ${clocks ? 'k.due_at' : 'o.next_deadline_at'} - ${now}) / 3600 AS hours_left
    FROM open o${clocks ? ' LEFT JOIN clocks_of k ON k.case_id = o.id' : ''}
)`;
}

/** Open cases counted by unit, age bucket and clock state. */
export function buildBacklogQuery(unitIds: readonly string[] | null, f: BacklogFilters, clocks: boolean, asOf: Date, atRiskHours: number): BuiltQuery {
  const p = new Params();
  const sql = `WITH ${backlogCases(p, unitIds, f, clocks, asOf, atRiskHours)}
SELECT u.code AS unit_code, u.name AS unit_name, s.age_bucket, s.clock_state, count(*)::int AS cases
  FROM states s JOIN units u ON u.id = s.unit_id
 GROUP BY u.code, u.name, s.age_bucket, s.clock_state
 ORDER BY u.code, s.age_bucket, s.clock_state`;
  return { sql, params: p.values };
}

/** The at-risk list: open cases whose clock is breached or due within the at-risk window, soonest first. */
export function buildAtRiskQuery(unitIds: readonly string[] | null, f: BacklogFilters, clocks: boolean, asOf: Date, atRiskHours: number, limit: number | null): BuiltQuery {
  const p = new Params();
  const ctes = backlogCases(p, unitIds, f, clocks, asOf, atRiskHours);
  const sql = `WITH ${ctes}
SELECT s.reference, u.code AS unit_code, s.category, s.locality_code, s.status, s.created_at, s.age_h,
       s.clock_kind, s.due_at, s.hours_left, s.clock_state
  FROM states s JOIN units u ON u.id = s.unit_id
 WHERE s.clock_state IN ('breached', 'at_risk')
 ORDER BY s.due_at NULLS LAST, s.id${limit === null ? '' : `\n LIMIT ${p.add(limit, '::int')}`}`;
  return { sql, params: p.values };
}

