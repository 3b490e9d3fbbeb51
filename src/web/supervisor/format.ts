/** Numbers and times as the dashboard writes them, in the page's language. */
type Lang = 'vi' | 'en';

const locale = (lang: Lang) => (lang === 'vi' ? 'vi-VN' : 'en-GB');

/** Hours with one decimal, e.g. `12,5` (vi) / `12.5` (en). */
export function hours(n: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);
}

/** A whole number with the language's digit grouping. */
export function count(n: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 0 }).format(n);
}

/** A ratio (0–1) as a percentage with at most one decimal, e.g. `87,5%`. */
export function percent(ratio: number, lang: Lang): string {
  return `${new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 1 }).format(Math.round(ratio * 1000) / 10)}%`;
}

/** A signed change, e.g. `+2`, `−1`, `0`. */
export function signed(n: number, lang: Lang): string {
  const s = count(Math.abs(n), lang);
  return n > 0 ? `+${s}` : n < 0 ? `−${s}` : s;
}

/** An instant in Vietnam time (UTC+7, no daylight saving), `YYYY-MM-DD HH:mm`; '' when unreadable. */
export function vietnamTime(iso: string | null): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  return new Date(t + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
