/**
 * The figures the dashboard shows, as typed values: the JSON bodies of the three reports
 * (ReportsService with format=json; their columns are src/reports/report-columns.ts) read into
 * the shapes below, and the pure arithmetic the page adds (breaches summed over the clocks,
 * the backlog as an age × clock-state grid, the hotspots ordered for the chart).
 */

export const CLOCK_KINDS = ['acknowledge', 'first_action', 'legal_transfer', 'legal_notify', 'legal_verify'] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];
export const AGE_BUCKETS = ['lt_1d', '1_3d', '3_7d', '7_30d', 'gt_30d'] as const;
export const CLOCK_STATES = ['breached', 'at_risk', 'on_time', 'paused', 'none'] as const;
export const HOTSPOT_MEASURES = ['found', 'verified', 'dismantled', 're_emerged'] as const;
export type HotspotMeasure = (typeof HOTSPOT_MEASURES)[number];

type Num = number | null;

export interface ClockFigures {
  met: Num;
  breached: Num;
  attainment: Num;
  running: Num;
}

export interface ResponseRow {
  key: string;
  label: string;
  cases: number;
  acknowledged: number;
  firstActioned: number;
  closed: number;
  ackP50: Num;
  ackP90: Num;
  firstActionP50: Num;
  firstActionP90: Num;
  closeP50: Num;
  closeP90: Num;
  pausedHours: Num;
  clocks: Record<ClockKind, ClockFigures>;
  /** Breached clocks of every kind added up (null when the clock tables are absent). */
  breached: Num;
}

export interface ResponseTimes {
  from: string;
  to: string;
  groupBy: string;
  clocksAvailable: boolean;
  clocksNote: string | null;
  rows: ResponseRow[];
}

export interface HotspotRow {
  provinceCode: string;
  localityCode: string;
  localityName: string;
  measures: Record<HotspotMeasure, { now: Num; prev: Num; change: Num; direction: string | null }>;
  mapped: boolean;
  mappedFrom: string | null;
  apportioned: string | null;
}

export interface Hotspots {
  year: number;
  previousYear: number;
  placesAsOf: string;
  mapping: string;
  rows: HotspotRow[];
}

export interface BacklogCell {
  unitCode: string;
  unitName: string;
  ageBucket: string;
  clockState: string;
  cases: number;
}

export interface AtRiskItem {
  reference: string;
  unitCode: string;
  category: string;
  localityCode: string | null;
  status: string;
  createdAt: string;
  ageHours: Num;
  clockKind: string | null;
  dueAt: string | null;
  hoursLeft: Num;
  clockState: string;
}

export interface Backlog {
  asOf: string;
  open: number;
  atRiskHours: number;
  clocksNote: string | null;
  cells: BacklogCell[];
  breached: number;
  atRisk: number;
  items: AtRiskItem[];
  truncated: boolean;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj) : []);
const num = (v: unknown): Num => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v !== '' && Number.isFinite(Number(v)) ? Number(v) : null);
const int = (v: unknown): number => num(v) ?? 0;
const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** The response-times report's JSON body. */
export function readResponseTimes(body: unknown): ResponseTimes {
  const b = obj(body);
  const period = obj(b.period);
  const clocks = obj(b.clocks);
  const clocksAvailable = clocks.available === true;
  return {
    from: str(period.from),
    to: str(period.to),
    groupBy: str(b.groupBy),
    clocksAvailable,
    clocksNote: strOrNull(clocks.note),
    rows: arr(b.rows).map((r) => {
      const kinds = {} as Record<ClockKind, ClockFigures>;
      let breached: Num = clocksAvailable ? 0 : null;
      for (const k of CLOCK_KINDS) {
        kinds[k] = { met: num(r[`${k}_met`]), breached: num(r[`${k}_breached`]), attainment: num(r[`${k}_attainment`]), running: num(r[`${k}_running`]) };
        if (breached !== null && kinds[k].breached !== null) breached += kinds[k].breached!;
      }
      return {
        key: str(r.group_key),
        label: str(r.group_label) || str(r.group_key),
        cases: int(r.cases),
        acknowledged: int(r.acknowledged),
        firstActioned: int(r.first_actioned),
        closed: int(r.closed),
        ackP50: num(r.ack_p50),
        ackP90: num(r.ack_p90),
        firstActionP50: num(r.first_action_p50),
        firstActionP90: num(r.first_action_p90),
        closeP50: num(r.close_p50),
        closeP90: num(r.close_p90),
        pausedHours: num(r.paused_hours),
        clocks: kinds,
        breached,
      };
    }),
  };
}

/** The hotspots report's JSON body. */
export function readHotspots(body: unknown): Hotspots {
  const b = obj(body);
  return {
    year: int(b.year),
    previousYear: int(b.previousYear),
    placesAsOf: str(b.placesAsOf),
    mapping: str(b.mapping),
    rows: arr(b.rows).map((r) => {
      const measures = {} as HotspotRow['measures'];
      for (const m of HOTSPOT_MEASURES) measures[m] = { now: num(r[m]), prev: num(r[`${m}_prev`]), change: num(r[`${m}_change`]), direction: strOrNull(r[`${m}_direction`]) };
      return {
        provinceCode: str(r.province_code),
        localityCode: str(r.locality_code),
        localityName: str(r.locality_name) || str(r.locality_code),
        measures,
        mapped: r.mapped === true,
        mappedFrom: strOrNull(r.mapped_from),
        apportioned: strOrNull(r.apportioned),
      };
    }),
  };
}

/** The backlog report's JSON body. */
export function readBacklog(body: unknown): Backlog {
  const b = obj(body);
  const clocks = obj(b.clocks);
  const atRisk = obj(b.atRisk);
  return {
    asOf: str(b.asOf),
    open: int(b.open),
    atRiskHours: int(b.atRiskHours),
    clocksNote: strOrNull(clocks.note),
    cells: arr(b.rows).map((r) => ({ unitCode: str(r.unit_code), unitName: str(r.unit_name), ageBucket: str(r.age_bucket), clockState: str(r.clock_state), cases: int(r.cases) })),
    breached: int(atRisk.breached),
    atRisk: int(atRisk.atRisk),
    truncated: atRisk.truncated === true,
    items: arr(atRisk.items).map((r) => ({
      reference: str(r.reference),
      unitCode: str(r.unit_code),
      category: str(r.category),
      localityCode: strOrNull(r.locality_code),
      status: str(r.status),
      createdAt: str(r.created_at),
      ageHours: num(r.age_h),
      clockKind: strOrNull(r.clock_kind),
      dueAt: strOrNull(r.due_at),
      hoursLeft: num(r.hours_left),
      clockState: str(r.clock_state),
    })),
  };
}

/** Open cases per age bucket (rows, in bucket order) and clock state (columns), summed over units. */
export function backlogGrid(cells: readonly BacklogCell[]): { buckets: string[]; states: string[]; count(bucket: string, state: string): number; bucketTotal(bucket: string): number; stateTotal(state: string): number } {
  const states = CLOCK_STATES.filter((s) => cells.some((c) => c.clockState === s));
  const sum = (pred: (c: BacklogCell) => boolean) => cells.filter(pred).reduce((s, c) => s + c.cases, 0);
  return {
    buckets: [...AGE_BUCKETS],
    states,
    count: (bucket, state) => sum((c) => c.ageBucket === bucket && c.clockState === state),
    bucketTotal: (bucket) => sum((c) => c.ageBucket === bucket),
    stateTotal: (state) => sum((c) => c.clockState === state),
  };
}

/** The communes the hotspot chart shows: the most hotspots found this year or last, at most `limit`. */
export function topHotspotRows(rows: readonly HotspotRow[], limit: number): HotspotRow[] {
  const weight = (r: HotspotRow) => Math.max(r.measures.found.now ?? 0, r.measures.found.prev ?? 0);
  return [...rows].sort((a, b) => weight(b) - weight(a) || a.localityCode.localeCompare(b.localityCode)).slice(0, limit);
}
