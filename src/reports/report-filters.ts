/**
 * The filters of the supervisor reports, parsed and checked in one pure place: a bad filter is a
 * 400 naming the field and the reason (Vietnamese first, English after), never a 500 and never
 * an empty report. Days are Vietnamese calendar days (UTC+7, no daylight saving): `from` and `to`
 * are inclusive and become the instants [from 00:00+07, to+1 00:00+07).
 */
import { FieldProblem, ValidationFailed } from '../common/errors/domain-error';
import { isIsoDate, vietnamDate } from '../common/iso-date';
import { isCategoryCode, CategoryCode } from '../categories/category-codes';

export const GROUP_BYS = ['unit', 'locality', 'category', 'month', 'case'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];
export const FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof FORMATS)[number];
export const LANGS = ['vi', 'en'] as const;
export type ReportLang = (typeof LANGS)[number];
export const BACKLOG_LISTS = ['summary', 'at-risk'] as const;
export type BacklogList = (typeof BACKLOG_LISTS)[number];

/** The longest period a report may cover: `to` must come before the day 5 years after `from`. */
export const MAX_RANGE_YEARS = 5;
/** Default period when `from` is not given: the 30 days ending `to`. */
export const DEFAULT_RANGE_DAYS = 30;
/** The first year with hotspot figures worth asking for; later than next year is refused. */
export const FIRST_REPORT_YEAR = 2000;

const UNIT_CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const LOCALITY_CODE = /^\d{2,5}$/;

export interface Output {
  format: ReportFormat;
  lang: ReportLang;
}

export interface Period {
  /** First day, YYYY-MM-DD (inclusive). */
  from: string;
  /** Last day, YYYY-MM-DD (inclusive). */
  to: string;
  /** [fromInstant, toInstant): the instants the days cover in Vietnam. */
  fromInstant: Date;
  toInstant: Date;
}

export interface CaseFilters {
  unitCode: string | null;
  localityCode: string | null;
  category: CategoryCode | null;
}

export interface ResponseTimesFilters extends CaseFilters, Output {
  period: Period;
  groupBy: GroupBy;
}

export interface HotspotsFilters extends Output {
  year: number;
  provinceCode: string | null;
}

export interface BacklogFilters extends CaseFilters, Output {
  list: BacklogList;
}

/** A raw query string object: every value a string (or absent); arrays (repeated keys) are refused. */
export type RawQuery = Record<string, unknown>;

const msg = (vi: string, en: string) => `${vi} (${en})`;

class Problems {
  readonly list: FieldProblem[] = [];
  add(field: string, reason: string, vi: string, en: string): void {
    this.list.push({ field, reason, message: msg(vi, en) });
  }
  throwIfAny(): void {
    if (this.list.length) throw new ValidationFailed(this.list, msg('Bộ lọc báo cáo không hợp lệ.', 'The report filters are not valid.'));
  }
}

function str(q: RawQuery, key: string, p: Problems): string | null {
  const v = q[key];
  if (v === undefined || v === '') return null;
  if (typeof v !== 'string') {
    p.add(key, 'single', `"${key}" chỉ được có một giá trị`, `${key} must be given once`);
    return null;
  }
  return v;
}

function oneOf<T extends string>(q: RawQuery, key: string, allowed: readonly T[], fallback: T, p: Problems): T {
  const v = str(q, key, p);
  if (v === null) return fallback;
  if (!(allowed as readonly string[]).includes(v)) {
    p.add(key, 'isIn', `"${key}" phải là một trong: ${allowed.join(', ')}`, `${key} must be one of ${allowed.join(', ')}`);
    return fallback;
  }
  return v as T;
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The instant a Vietnamese calendar day starts. */
export function vietnamDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+07:00`);
}

function output(q: RawQuery, p: Problems): Output {
  return { format: oneOf(q, 'format', FORMATS, 'json', p), lang: oneOf(q, 'lang', LANGS, 'vi', p) };
}

function caseFilters(q: RawQuery, p: Problems): CaseFilters {
  const unitCode = str(q, 'unit', p);
  if (unitCode !== null && !UNIT_CODE.test(unitCode)) p.add('unit', 'isUnitCode', '"unit" phải là mã đơn vị', 'unit must be a unit code');
  const localityCode = str(q, 'locality', p);
  if (localityCode !== null && !LOCALITY_CODE.test(localityCode)) {
    p.add('locality', 'isLocalityCode', '"locality" phải là mã địa bàn 2–5 chữ số', 'locality must be a locality code of 2 to 5 digits');
  }
  const category = str(q, 'category', p);
  if (category !== null && !isCategoryCode(category)) p.add('category', 'isIn', '"category" không phải mã loại tin đã biết', 'category is not a known category code');
  return { unitCode, localityCode, category: category as CategoryCode | null };
}

function period(q: RawQuery, now: Date, p: Problems): Period {
  const rawTo = str(q, 'to', p);
  const rawFrom = str(q, 'from', p);
  let to = vietnamDate(now);
  let ok = true;
  if (rawTo !== null) {
    if (isIsoDate(rawTo)) to = rawTo;
    else {
      ok = false;
      p.add('to', 'isDate', '"to" phải là một ngày có thật dạng YYYY-MM-DD', 'to must be a real date written YYYY-MM-DD');
    }
  }
  let from = addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  if (rawFrom !== null) {
    if (isIsoDate(rawFrom)) from = rawFrom;
    else {
      ok = false;
      p.add('from', 'isDate', '"from" phải là một ngày có thật dạng YYYY-MM-DD', 'from must be a real date written YYYY-MM-DD');
    }
  }
  if (ok && from > to) p.add('from', 'afterTo', '"from" không được sau "to"', 'from must not be after to');
  else if (ok && to >= `${Number(from.slice(0, 4)) + MAX_RANGE_YEARS}${from.slice(4)}`) {
    p.add('to', 'rangeTooLong', 'Khoảng thời gian không được dài quá 5 năm', 'the period must not be longer than 5 years');
  }
  return { from, to, fromInstant: vietnamDayStart(from), toInstant: vietnamDayStart(addDays(to, 1)) };
}

function refuseUnknown(q: RawQuery, known: readonly string[], p: Problems): void {
  for (const key of Object.keys(q)) {
    if (!known.includes(key)) p.add(key, 'unknown', `Không có bộ lọc "${key}"`, `there is no filter ${key}`);
  }
}

export function parseResponseTimes(q: RawQuery, now: Date): ResponseTimesFilters {
  const p = new Problems();
  refuseUnknown(q, ['from', 'to', 'unit', 'locality', 'category', 'groupBy', 'format', 'lang'], p);
  const result = { ...caseFilters(q, p), ...output(q, p), period: period(q, now, p), groupBy: oneOf(q, 'groupBy', GROUP_BYS, 'unit', p) };
  p.throwIfAny();
  return result;
}

export function parseHotspots(q: RawQuery, now: Date): HotspotsFilters {
  const p = new Problems();
  refuseUnknown(q, ['year', 'province', 'format', 'lang'], p);
  const thisYear = Number(vietnamDate(now).slice(0, 4));
  const rawYear = str(q, 'year', p);
  let year = thisYear;
  if (rawYear !== null) {
    if (!/^\d{4}$/.test(rawYear) || Number(rawYear) < FIRST_REPORT_YEAR || Number(rawYear) > thisYear) {
      p.add('year', 'isYear', `"year" phải là năm từ ${FIRST_REPORT_YEAR} đến ${thisYear}`, `year must be a year from ${FIRST_REPORT_YEAR} to ${thisYear}`);
    } else year = Number(rawYear);
  }
  const provinceCode = str(q, 'province', p);
  if (provinceCode !== null && !/^\d{2}$/.test(provinceCode)) p.add('province', 'isProvinceCode', '"province" phải là mã tỉnh 2 chữ số', 'province must be a 2-digit province code');
  const out = output(q, p);
  p.throwIfAny();
  return { year, provinceCode, ...out };
}

export function parseBacklog(q: RawQuery): BacklogFilters {
  const p = new Problems();
  refuseUnknown(q, ['unit', 'locality', 'category', 'list', 'format', 'lang'], p);
  const result = { ...caseFilters(q, p), ...output(q, p), list: oneOf(q, 'list', BACKLOG_LISTS, 'summary', p) };
  p.throwIfAny();
  return result;
}

/** The last day a hotspot year is measured to: 31 December, or today for the current year. */
export function yearEnd(year: number, now: Date): string {
  const today = vietnamDate(now);
  const end = `${year}-12-31`;
  return end < today ? end : today;
}
