/**
 * A fast parser for PostgreSQL's text output of `timestamptz` (DateStyle ISO, the server's
 * default and what node-postgres asks for): `YYYY-MM-DD HH:MM:SS[.ffffff]±HH[:MM[:SS]]`. The hot
 * reads (src/common/hot-read.ts) use it instead of node-postgres's default (postgres-date, a few
 * regular expressions per value), which showed in the queue page's profile: a page has four
 * timestamps a row. Anything else (infinity, BC, years outside 1000–9999) goes to the default
 * parser, so the answer is always the default's. Pure.
 */
import { types } from 'pg';

const TIMESTAMPTZ_OID = 1184;
const fallback = types.getTypeParser(TIMESTAMPTZ_OID, 'text') as (value: string) => Date | number | null;

/** The value of the digits from `from` (inclusive) to `to` (exclusive), or -1 if one is not a digit. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

export function parseTimestamptz(s: string): Date | number | null {
  const len = s.length;
  // "2026-12-03 07:21:41+00" is the shortest shape: 22 characters.
  if (len < 22 || s.charCodeAt(4) !== 45 /* - */ || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 32 /* space */ || s.charCodeAt(13) !== 58 /* : */ || s.charCodeAt(16) !== 58) {
    return fallback(s);
  }
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 7);
  const day = digits(s, 8, 10);
  const hour = digits(s, 11, 13);
  const minute = digits(s, 14, 16);
  const second = digits(s, 17, 19);
  if (year < 1000 || month < 1 || day < 1 || hour < 0 || minute < 0 || second < 0) return fallback(s);
  let i = 19;
  let ms = 0;
  if (s.charCodeAt(i) === 46 /* . */) {
    const start = ++i;
    while (i < len) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      // milliseconds: the first three digits; the rest (microseconds) are dropped, as Date does.
      if (i - start < 3) ms = ms * 10 + d;
      i++;
    }
    const n = i - start;
    if (n === 0 || n > 6) return fallback(s);
    if (n === 1) ms *= 100;
    else if (n === 2) ms *= 10;
  }
  const sign = s.charCodeAt(i);
  if (sign !== 43 /* + */ && sign !== 45 /* - */) return fallback(s);
  const rest = len - i - 1;
  if (rest !== 2 && rest !== 5 && rest !== 8) return fallback(s);
  const oh = digits(s, i + 1, i + 3);
  const om = rest >= 5 && s.charCodeAt(i + 3) === 58 ? digits(s, i + 4, i + 6) : rest >= 5 ? -1 : 0;
  const os = rest === 8 && s.charCodeAt(i + 6) === 58 ? digits(s, i + 7, i + 9) : rest === 8 ? -1 : 0;
  if (oh < 0 || om < 0 || os < 0) return fallback(s);
  const offsetMs = (sign === 43 ? 1 : -1) * ((oh * 60 + om) * 60 + os) * 1000;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMs);
}

/**
 * node-postgres `types` for a query: timestamptz through parseTimestamptz, every other type
 * through the defaults.
 */
export const FAST_TIMESTAMPTZ_TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === TIMESTAMPTZ_OID && format !== 'binary') return parseTimestamptz;
    return types.getTypeParser(oid, format ?? 'text');
  },
};
