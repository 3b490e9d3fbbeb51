/**
 * Working days in Vietnam: Monday to Friday, except public holidays (vn-holidays.ts) and the
 * admin's exceptions (the government's yearly decisions: compensatory days off, Saturdays
 * swapped into working days). Pure: the exceptions are passed in.
 */
import { addDays, isWeekend } from './calendar-dates';
import { vietnamHolidays } from './vn-holidays';

export type ExceptionKind = 'day_off' | 'working_day';

export interface CalendarException {
  date: string;
  kind: ExceptionKind;
  note: string;
}

export interface SkippedDay {
  date: string;
  reason: 'weekend' | 'holiday' | 'compensatory' | 'exception';
  name: string | null;
}

/** A longest sensible span; a larger count is refused by the API, this only stops a runaway loop. */
const MAX_SCAN_DAYS = 40_000;

export class WorkingCalendar {
  private readonly exceptions: Map<string, CalendarException>;

  constructor(exceptions: readonly CalendarException[] = []) {
    this.exceptions = new Map(exceptions.map((e) => [e.date, e]));
  }

  /** Why `date` is not a working day, or null when it is one. */
  offReason(date: string): SkippedDay | null {
    const ex = this.exceptions.get(date);
    if (ex) return ex.kind === 'working_day' ? null : { date, reason: 'exception', name: ex.note };
    const year = Number(date.slice(0, 4));
    const h = vietnamHolidays(year).find((x) => x.date === date);
    if (h) return { date, reason: h.kind === 'compensatory' ? 'compensatory' : 'holiday', name: h.name };
    if (isWeekend(date)) return { date, reason: 'weekend', name: null };
    return null;
  }

  isWorkingDay(date: string): boolean {
    return this.offReason(date) === null;
  }

  /**
   * The n-th working day after `from` (`from` itself is not counted: "within n working days of
   * receipt"), and the days skipped on the way. n = 0 answers `from`.
   */
  addWorkingDays(from: string, n: number): { due: string; skipped: SkippedDay[] } {
    if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a non-negative integer');
    const skipped: SkippedDay[] = [];
    let d = from;
    let left = n;
    for (let i = 0; left > 0; i++) {
      if (i > MAX_SCAN_DAYS) throw new RangeError('span too long');
      d = addDays(d, 1);
      const off = this.offReason(d);
      if (off) skipped.push(off);
      else left--;
    }
    return { due: d, skipped };
  }

  /** `date` if it is a working day, else the next working day (a deadline ending on a day off moves to the next working day). */
  onOrNextWorkingDay(date: string): string {
    let d = date;
    for (let i = 0; !this.isWorkingDay(d); i++) {
      if (i > MAX_SCAN_DAYS) throw new RangeError('span too long');
      d = addDays(d, 1);
    }
    return d;
  }

  /** Working days in (from, to]: how many of the days after `from` up to and including `to` are working days. */
  workingDaysBetween(from: string, to: string): number {
    let count = 0;
    for (let d = addDays(from, 1), i = 0; d <= to; d = addDays(d, 1), i++) {
      if (i > MAX_SCAN_DAYS) throw new RangeError('span too long');
      if (this.isWorkingDay(d)) count++;
    }
    return count;
  }
}
