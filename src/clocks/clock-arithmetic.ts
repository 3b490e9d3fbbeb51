/**
 * A clock's due time, derived from its events. Pure: events and a working calendar in, state out.
 *
 * Units:
 *   hours         wall-clock hours (internal targets)
 *   working_days  the n-th working day after the start day, to the end of that day in Vietnam
 *                 ("within 3 working days", Joint Circular 01/2017)
 *   days, months  calendar days/months after the start day; a deadline whose last day is a day
 *                 off ends at the end of the next working day (Criminal Procedure Code 2015,
 *                 art. 330 on counting time limits)
 * A pause freezes what is left (hours: the milliseconds; day units: the days, counted in the
 * clock's unit) and resumption gives it back from the day of resumption (CPC art. 148–149: the
 * verification time runs on from the decision to resume). An extension adds its duration to the
 * current due time. A recomputation (policy change) replaces the base duration and replays.
 */
import { addDays, addMonths, daysBetween, endOfVietnamDay, vietnamDay } from '../calendar/calendar-dates';
import { WorkingCalendar } from '../calendar/working-calendar';

export const DURATION_UNITS = ['hours', 'working_days', 'days', 'months'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

export interface Duration {
  value: number;
  unit: DurationUnit;
}

export type ClockStatus = 'running' | 'paused' | 'met' | 'breached' | 'cancelled';

export type ClockEventInput =
  | { type: 'started'; at: Date; duration: Duration }
  | { type: 'paused'; at: Date }
  | { type: 'resumed'; at: Date }
  | { type: 'extended'; at: Date; by: Duration }
  | { type: 'recomputed'; at: Date; duration: Duration }
  | { type: 'met'; at: Date }
  | { type: 'breached'; at: Date }
  | { type: 'escalated'; at: Date }
  | { type: 'cancelled'; at: Date };

export interface ClockState {
  status: ClockStatus;
  startedAt: Date;
  dueAt: Date | null;
  baseDuration: Duration;
  metAt: Date | null;
  breachedAt: Date | null;
  pausedSeconds: number;
  pausedSince: Date | null;
  extensions: number;
}

const HOUR = 3_600_000;

/** The last day a due instant covers (due is the exclusive end of that day). */
function dueDay(due: Date): string {
  return vietnamDay(new Date(due.getTime() - 1));
}

/** `from` + `d`: hours from the instant; day units from the instant's day in Vietnam. */
export function addDuration(cal: WorkingCalendar, from: Date, d: Duration, fromIsDue = false): Date {
  if (d.unit === 'hours') return new Date(from.getTime() + d.value * HOUR);
  const day = fromIsDue ? dueDay(from) : vietnamDay(from);
  if (d.unit === 'working_days') return endOfVietnamDay(cal.addWorkingDays(day, d.value).due);
  const last = d.unit === 'days' ? addDays(day, d.value) : addMonths(day, d.value);
  return endOfVietnamDay(cal.onOrNextWorkingDay(last));
}

type Remaining = { unit: DurationUnit; ms: number; days: number };

function remainingAt(cal: WorkingCalendar, due: Date, at: Date, unit: DurationUnit): Remaining {
  if (unit === 'hours') return { unit, ms: due.getTime() - at.getTime(), days: 0 };
  const from = vietnamDay(at);
  const to = dueDay(due);
  const days = unit === 'working_days' ? cal.workingDaysBetween(from, to) : Math.max(0, daysBetween(from, to));
  return { unit, ms: 0, days };
}

function resumeWith(cal: WorkingCalendar, at: Date, r: Remaining): Date {
  if (r.unit === 'hours') return new Date(at.getTime() + r.ms);
  const day = vietnamDay(at);
  if (r.unit === 'working_days') return endOfVietnamDay(cal.addWorkingDays(day, r.days).due);
  return endOfVietnamDay(cal.onOrNextWorkingDay(addDays(day, r.days)));
}

/**
 * Replays a clock's events (in time order) to its current state. The base duration is the one of
 * the last `recomputed` event, else the `started` one: a policy change re-derives the due time
 * from the start, keeping pauses and extensions.
 */
export function replayClock(events: readonly ClockEventInput[], cal: WorkingCalendar): ClockState {
  const start = events[0];
  if (!start || start.type !== 'started') throw new Error('a clock starts with a started event');
  let base = start.duration;
  for (const e of events) if (e.type === 'recomputed') base = e.duration;
  const s: ClockState = {
    status: 'running',
    startedAt: start.at,
    dueAt: addDuration(cal, start.at, base),
    baseDuration: base,
    metAt: null,
    breachedAt: null,
    pausedSeconds: 0,
    pausedSince: null,
    extensions: 0,
  };
  let remaining: Remaining | null = null;
  for (const e of events.slice(1)) {
    switch (e.type) {
      case 'paused':
        if (s.status !== 'running' && s.status !== 'breached') break;
        remaining = remainingAt(cal, s.dueAt!, e.at, base.unit);
        s.pausedSince = e.at;
        s.dueAt = null;
        s.status = 'paused';
        break;
      case 'resumed':
        if (s.status !== 'paused' || !remaining) break;
        s.pausedSeconds += Math.round((e.at.getTime() - s.pausedSince!.getTime()) / 1000);
        s.pausedSince = null;
        s.dueAt = resumeWith(cal, e.at, remaining);
        remaining = null;
        s.status = s.breachedAt ? 'breached' : 'running';
        break;
      case 'extended':
        s.extensions++;
        if (s.status === 'paused' && remaining) {
          // Extended while paused: the extension lengthens what is left.
          const r: Remaining = remaining;
          if (r.unit === 'hours') {
            // An hours clock extended by days: calendar days of 24 hours (months: the month's days).
            const add = e.by.unit === 'hours' ? e.by.value * HOUR : e.by.unit === 'months' ? daysBetween('2001-01-01', addMonths('2001-01-01', e.by.value)) * 24 * HOUR : e.by.value * 24 * HOUR;
            remaining = { unit: r.unit, days: 0, ms: r.ms + add };
          }
          else if (e.by.unit === 'months') remaining = { unit: r.unit, ms: 0, days: r.days + daysBetween('2001-01-01', addMonths('2001-01-01', e.by.value)) };
          else if (e.by.unit === 'hours') remaining = { unit: r.unit, ms: 0, days: r.days + Math.ceil(e.by.value / 24) };
          else remaining = { unit: r.unit, ms: 0, days: r.days + e.by.value };
        } else if (s.dueAt) {
          s.dueAt = addDuration(cal, s.dueAt, e.by, true);
          // An extension that moves the due time past now does not undo a breach already detected.
        }
        break;
      case 'met':
        if (s.status === 'met' || s.status === 'cancelled') break;
        s.metAt = e.at;
        s.status = 'met';
        break;
      case 'breached':
        if (!s.breachedAt) s.breachedAt = e.at;
        if (s.status === 'running') s.status = 'breached';
        break;
      case 'cancelled':
        if (s.status !== 'met') s.status = 'cancelled';
        break;
      case 'started':
      case 'recomputed':
      case 'escalated':
        break;
    }
  }
  return s;
}

export type ClockDisplayState = 'on_time' | 'at_risk' | 'breached' | 'met' | 'paused' | 'cancelled';

/**
 * What a case view shows for a clock (the contract's rule): breached if detected and still open
 * or past due; at risk if due within `atRiskMs`; otherwise on time. Met, paused and cancelled
 * clocks say so.
 */
export function clockDisplayState(c: { status: ClockStatus; dueAt: Date | null }, now: Date, atRiskMs: number): ClockDisplayState {
  if (c.status === 'met' || c.status === 'cancelled' || c.status === 'paused') return c.status;
  if (c.status === 'breached' || (c.dueAt && c.dueAt.getTime() <= now.getTime())) return 'breached';
  if (c.dueAt && c.dueAt.getTime() < now.getTime() + atRiskMs) return 'at_risk';
  return 'on_time';
}

/** The case's state from its earliest open due time (the denormalised `cases.next_deadline_at`). */
export function caseDeadlineState(nextDeadlineAt: Date | null, now: Date, atRiskMs: number): 'on_time' | 'at_risk' | 'breached' | 'none' {
  if (!nextDeadlineAt) return 'none';
  if (nextDeadlineAt.getTime() <= now.getTime()) return 'breached';
  if (nextDeadlineAt.getTime() < now.getTime() + atRiskMs) return 'at_risk';
  return 'on_time';
}
