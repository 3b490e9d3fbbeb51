/** True for a real calendar day written YYYY-MM-DD (rejects 2025-02-30, and year 0000, which PostgreSQL refuses). */
export function isIsoDate(v: unknown): v is string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v) || v.startsWith('0000')) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** True for an instant as Date#toISOString writes it, on a real calendar day PostgreSQL accepts (not 2026-02-30T…, not year 0000). */
export function isIsoTimestamp(v: unknown): v is string {
  return typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z$/.test(v) && isIsoDate(v.slice(0, 10)) && !Number.isNaN(Date.parse(v));
}

export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The calendar day in Vietnam (UTC+7, no daylight saving) of an instant. */
export function vietnamDate(at: Date): string {
  return new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}
