/**
 * Calendar dates as 'YYYY-MM-DD' strings and the instants of Vietnam's days. Vietnam keeps
 * UTC+07:00 all year (no daylight saving), so Asia/Ho_Chi_Minh midnight is a fixed offset. Pure.
 */
export const VN_OFFSET = '+07:00';
const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDate(s: unknown): s is string {
  if (typeof s !== 'string' || !DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar months forward, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = total % 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** 0 Sunday .. 6 Saturday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function isWeekend(date: string): boolean {
  const w = weekday(date);
  return w === 0 || w === 6;
}

/** Days from a to b (b - a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** The date in Vietnam at an instant. */
export function vietnamDay(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** The first instant of a day in Vietnam. */
export function startOfVietnamDay(date: string): Date {
  return new Date(`${date}T00:00:00${VN_OFFSET}`);
}

/** The end of a day in Vietnam (exclusive): the first instant of the next day. */
export function endOfVietnamDay(date: string): Date {
  return startOfVietnamDay(addDays(date, 1));
}
