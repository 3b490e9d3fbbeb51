import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FIGURE_CLOCK_KINDS } from './case-figure.entity';

/** A case's first action: the first timeline event after acknowledging that moved the work on. */
export const FIRST_ACTION_EVENTS = ['verification_started', 'actioned', 'closed'] as const;

/**
 * Everything a case's figures are computed from (refreshCaseFiguresSql below), for writers that
 * may skip the refresh when they changed none of it: these columns of the case (as CasePatch /
 * entity properties), timeline events of these types, and the case's clocks and clock events.
 * Keep in step with the statement.
 */
export const FIGURE_CASE_FIELDS = ['unitId', 'localityCode', 'category', 'status', 'createdAt', 'closedAt'] as const;
export const FIGURE_EVENT_TYPES: readonly string[] = ['acknowledged', ...FIRST_ACTION_EVENTS];

/**
 * The one definition of every figure in `case_figures`, as one statement: `$1` the case ids
 * (`scope = 'ids'`) or every case (`'all'`: the migration's backfill and bench/reports.ts).
 *
 * - Times: first `acknowledged` / first-action event; closing while the case is closed.
 * - Paused time: every `paused` clock event until the next `resumed`, `met` or `cancelled` event
 *   of that clock; a suspension pauses several clocks at once, so the intervals are merged per
 *   case (gaps and islands). A pause with no end yet extends to 'infinity': the finished islands
 *   are summed, the open one keeps its start (`paused_since`), and the report adds `now − since`.
 * - Hours to each step: elapsed less the paused time before the step (a pause still running
 *   before the step counts up to the step).
 * - Clocks (cancelled ones left out), per kind: met on time; breached = flagged or met late;
 *   paused and not breached; the due time of the running unbreached clock.
 * - Extensions and suspensions: distinct instants of `extended` / `paused` events (one suspension
 *   pauses several clocks at the same instant).
 */
export function refreshCaseFiguresSql(scope: 'ids' | 'all'): string {
  const only = (col: string) => (scope === 'ids' ? `${col} = ANY($1::uuid[])` : 'true');
  const firstActions = FIRST_ACTION_EVENTS.map((t) => `'${t}'`).join(', ');
  const kindCols = FIGURE_CLOCK_KINDS.flatMap((k) => [`${k}_met`, `${k}_breached`, `${k}_paused`, `${k}_due`]);
  const kindAggs = FIGURE_CLOCK_KINDS.map((k) => {
    const on = `k.kind = '${k}'`;
    return `count(*) FILTER (WHERE ${on} AND k.met_at IS NOT NULL AND k.breached_at IS NULL)::smallint AS ${k}_met,
         count(*) FILTER (WHERE ${on} AND (k.breached_at IS NOT NULL OR k.status = 'breached'))::smallint AS ${k}_breached,
         count(*) FILTER (WHERE ${on} AND k.status = 'paused' AND k.breached_at IS NULL)::smallint AS ${k}_paused,
         min(k.due_at) FILTER (WHERE ${on} AND k.status = 'running' AND k.breached_at IS NULL) AS ${k}_due`;
  });
  const columns = [
    'case_id', 'unit_id', 'locality_code', 'category', 'status', 'created_at', 'month',
    'acknowledged_at', 'first_action_at', 'closed_at', 'ack_hours', 'first_action_hours', 'close_hours',
    'paused_closed_seconds', 'paused_since', 'extensions', 'suspensions',
    ...kindCols,
    'open_clock_breached', 'running_due', 'open_clock_paused', 'open_clock_kind', 'open_clock_due',
  ];
  const hours = (at: string, pausedBefore: string) => `((extract(epoch FROM ${at} - c.created_at) - COALESCE(pa.${pausedBefore}, 0)) / 3600)::float8`;
  return `WITH c AS (
  SELECT c.id, c.unit_id, c.locality_code, c.category, c.status, c.created_at,
         CASE WHEN c.status = 'closed' THEN c.closed_at END AS close_at
    FROM cases c
   WHERE ${only('c.id')}
),
firsts AS (
  SELECT e.case_id,
         min(e.at) FILTER (WHERE e.type = 'acknowledged') AS ack_at,
         min(e.at) FILTER (WHERE e.type IN (${firstActions})) AS first_action_at
    FROM case_events e
   WHERE ${only('e.case_id')} AND e.type IN ('acknowledged', ${firstActions})
   GROUP BY e.case_id
),
raw_pauses AS (
  SELECT ev.case_id, ev.at AS s,
         COALESCE((SELECT min(r.at) FROM clock_events r
                    WHERE r.clock_id = ev.clock_id AND r.at >= ev.at AND r.type IN ('resumed', 'met', 'cancelled')), 'infinity') AS e
    FROM clock_events ev
   WHERE ${only('ev.case_id')} AND ev.type = 'paused'
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
         COALESCE(sum(extract(epoch FROM pm.e - pm.s)) FILTER (WHERE pm.e <> 'infinity'), 0) AS closed_s,
         min(pm.s) FILTER (WHERE pm.e = 'infinity') AS since,
         sum(GREATEST(0, extract(epoch FROM LEAST(pm.e, f.ack_at) - GREATEST(pm.s, c.created_at)))) FILTER (WHERE f.ack_at IS NOT NULL) AS to_ack_s,
         sum(GREATEST(0, extract(epoch FROM LEAST(pm.e, f.first_action_at) - GREATEST(pm.s, c.created_at)))) FILTER (WHERE f.first_action_at IS NOT NULL) AS to_first_action_s,
         sum(GREATEST(0, extract(epoch FROM LEAST(pm.e, c.close_at) - GREATEST(pm.s, c.created_at)))) FILTER (WHERE c.close_at IS NOT NULL) AS to_close_s
    FROM pauses pm JOIN c ON c.id = pm.case_id LEFT JOIN firsts f ON f.case_id = pm.case_id
   GROUP BY pm.case_id
),
changes AS (
  SELECT ev.case_id,
         count(DISTINCT ev.at) FILTER (WHERE ev.type = 'extended')::int AS extensions,
         count(DISTINCT ev.at) FILTER (WHERE ev.type = 'paused')::int AS suspensions
    FROM clock_events ev
   WHERE ${only('ev.case_id')} AND ev.type IN ('extended', 'paused')
   GROUP BY ev.case_id
),
clocks AS (
  SELECT k.case_id,
         ${kindAggs.join(',\n         ')},
         bool_or(k.status = 'breached') FILTER (WHERE k.status IN ('running', 'paused', 'breached')) AS open_clock_breached,
         min(k.due_at) FILTER (WHERE k.status = 'running') AS running_due,
         bool_or(k.status = 'paused') FILTER (WHERE k.status IN ('running', 'paused', 'breached')) AS open_clock_paused
    FROM case_clocks k
   WHERE ${only('k.case_id')} AND k.status <> 'cancelled'
   GROUP BY k.case_id
),
shown AS (
  SELECT DISTINCT ON (k.case_id) k.case_id, k.kind, k.due_at
    FROM case_clocks k
   WHERE ${only('k.case_id')} AND k.status IN ('running', 'paused', 'breached')
   ORDER BY k.case_id, (k.status = 'breached') DESC, k.due_at NULLS LAST, k.kind
)
INSERT INTO case_figures (${columns.join(', ')})
SELECT c.id, c.unit_id, c.locality_code, c.category, c.status, c.created_at,
       to_char(c.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM'),
       f.ack_at, f.first_action_at, c.close_at,
       ${hours('f.ack_at', 'to_ack_s')},
       ${hours('f.first_action_at', 'to_first_action_s')},
       ${hours('c.close_at', 'to_close_s')},
       COALESCE(pa.closed_s, 0), pa.since, COALESCE(ch.extensions, 0), COALESCE(ch.suspensions, 0),
       ${FIGURE_CLOCK_KINDS.map((k) => `COALESCE(k.${k}_met, 0), COALESCE(k.${k}_breached, 0), COALESCE(k.${k}_paused, 0), k.${k}_due`).join(',\n       ')},
       k.open_clock_breached, k.running_due, k.open_clock_paused, sh.kind, sh.due_at
  FROM c
  LEFT JOIN firsts f ON f.case_id = c.id
  LEFT JOIN paused pa ON pa.case_id = c.id
  LEFT JOIN changes ch ON ch.case_id = c.id
  LEFT JOIN clocks k ON k.case_id = c.id
  LEFT JOIN shown sh ON sh.case_id = c.id
ON CONFLICT (case_id) DO UPDATE SET
  ${columns.filter((x) => x !== 'case_id').map((x) => `${x} = EXCLUDED.${x}`).join(',\n  ')}`;
}

const REFRESH_IDS = refreshCaseFiguresSql('ids');

/** What insertOpened() needs of a case opened in this transaction. */
export interface OpenedCase {
  id: string;
  unitId: string;
  localityCode: string | null;
  category: string;
  status: string;
  createdAt: Date;
}

/** What insertOpened() needs of each clock the opening started. */
export interface OpenedClock {
  kind: string;
  status: string;
  dueAt: Date | null;
  metAt: Date | null;
  breachedAt: Date | null;
}

const OPEN_CLOCK = new Set(['running', 'paused', 'breached']);
const FIGURE_COLUMNS = [
  'case_id', 'unit_id', 'locality_code', 'category', 'status', 'created_at',
  'acknowledged_at', 'first_action_at', 'closed_at', 'ack_hours', 'first_action_hours', 'close_hours',
  'paused_closed_seconds', 'paused_since', 'extensions', 'suspensions',
  ...FIGURE_CLOCK_KINDS.flatMap((k) => [`${k}_met`, `${k}_breached`, `${k}_paused`, `${k}_due`]),
  'open_clock_breached', 'running_due', 'open_clock_paused', 'open_clock_kind', 'open_clock_due',
];
const INSERT_OPENED = `INSERT INTO case_figures (${FIGURE_COLUMNS.join(', ')}, month)
VALUES (${FIGURE_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}, to_char($6::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM'))`;

/**
 * The figures row of a case opened in this transaction, as refreshCaseFiguresSql() defines it,
 * from what the opening wrote: the case, no timeline event but its opening, the clocks it started
 * and no clock event but their start, so no acknowledgement, first action, pause, extension or
 * suspension and no time to any step yet. The clock columns are the same aggregates over the given
 * clocks. Intake opens a case on every tip, and the full statement costs PostgreSQL ~3 ms of
 * parsing and planning alone (bench:tip-statements); this insert ~0.2 ms. The intake test compares
 * the row with what refresh() makes of the same case.
 */
export function openedCaseFigures(c: OpenedCase, clocks: readonly OpenedClock[]): unknown[] {
  const live = clocks.filter((k) => k.status !== 'cancelled');
  const minDue = (ks: OpenedClock[]) => ks.reduce<Date | null>((min, k) => (k.dueAt && (!min || k.dueAt < min) ? k.dueAt : min), null);
  const perKind = FIGURE_CLOCK_KINDS.flatMap((kind) => {
    const ks = live.filter((k) => k.kind === kind);
    return [
      ks.filter((k) => k.metAt && !k.breachedAt).length,
      ks.filter((k) => k.breachedAt || k.status === 'breached').length,
      ks.filter((k) => k.status === 'paused' && !k.breachedAt).length,
      minDue(ks.filter((k) => k.status === 'running' && !k.breachedAt)),
    ];
  });
  const open = live.filter((k) => OPEN_CLOCK.has(k.status));
  // The shown clock: a breached one first, then the earliest due (none last), then by kind.
  const shown = [...open].sort(
    (a, b) =>
      Number(b.status === 'breached') - Number(a.status === 'breached') ||
      (a.dueAt && b.dueAt ? a.dueAt.getTime() - b.dueAt.getTime() : a.dueAt ? -1 : b.dueAt ? 1 : 0) ||
      (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0),
  )[0];
  return [
    c.id, c.unitId, c.localityCode, c.category, c.status, c.createdAt,
    null, null, null, null, null, null,
    0, null, 0, 0,
    ...perKind,
    open.length ? open.some((k) => k.status === 'breached') : null,
    minDue(live.filter((k) => k.status === 'running')),
    open.length ? open.some((k) => k.status === 'paused') : null,
    shown?.kind ?? null,
    shown?.dueAt ?? null,
  ];
}

/**
 * The only writer of `case_figures`. Whoever changes a case's row, timeline or clocks calls
 * refresh() with the case ids in the same transaction, after the change and before the commit:
 * the case action executor after an action, the clock sweep after it flags breaches, a policy
 * change after it recomputes clocks; opening a case for a tip calls insertOpened() instead.
 */
@Injectable()
export class CaseFiguresRepository {
  async refresh(m: EntityManager, caseIds: readonly string[]): Promise<void> {
    if (caseIds.length === 0) return;
    await m.query(REFRESH_IDS, [[...new Set(caseIds)]]);
  }

  /** The figures of a case opened in this transaction (see openedCaseFigures), instead of refresh(). */
  async insertOpened(m: EntityManager, c: OpenedCase, clocks: readonly OpenedClock[]): Promise<void> {
    await m.query(INSERT_OPENED, openedCaseFigures(c, clocks));
  }
}
