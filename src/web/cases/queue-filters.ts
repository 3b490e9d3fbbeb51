import { ValidationFailed } from '../../common/errors/domain-error';
import { NO_FILTERS, QueueFilterValues } from './queue.page';

type RawQuery = Record<string, unknown>;

const list = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string' && x !== '').flatMap((x) => x.split(',')).filter(Boolean);
const one = (v: unknown): string => (typeof v === 'string' ? v.trim() : Array.isArray(v) && typeof v[0] === 'string' ? v[0].trim() : '');

/** The filter form's values from the page's query string (repeated checkboxes or the API's comma lists). Pure. */
export function filtersOf(q: RawQuery): QueueFilterValues {
  return {
    status: list(q.status),
    category: list(q.category),
    priority: list(q.priority),
    locality: one(q.locality),
    deadlineBefore: one(q.deadlineBefore),
    assignment: ['me', 'unassigned'].includes(one(q.assignment)) ? one(q.assignment) : '',
    possiblyRelated: ['true', 'false'].includes(one(q.possiblyRelated)) ? one(q.possiblyRelated) : '',
    sort: one(q.sort) || NO_FILTERS.sort,
    hotspot: one(q.hotspot),
  };
}

/**
 * The query of GET /api/v1/cases (QueueQueryDto's fields) for these filters and paging: the form's
 * date is a day in Viet Nam (the deadline before its midnight there). Pure; a malformed date is a
 * ValidationFailed on `deadlineBefore`.
 */
export function apiQueryOf(f: QueueFilterValues, paging: { cursor?: string; before?: string }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (f.status.length) out.status = f.status;
  if (f.category.length) out.category = f.category;
  if (f.priority.length) out.priority = f.priority;
  if (f.locality) out.locality = f.locality;
  if (f.deadlineBefore) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(f.deadlineBefore) || Number.isNaN(new Date(`${f.deadlineBefore}T00:00:00+07:00`).getTime())) {
      throw new ValidationFailed([{ field: 'deadlineBefore', reason: 'isDate', message: 'deadlineBefore must be a date (YYYY-MM-DD).' }]);
    }
    out.deadlineBefore = `${f.deadlineBefore}T00:00:00+07:00`;
  }
  if (f.assignment === 'me') out.assignedToMe = 'true';
  if (f.assignment === 'unassigned') out.unassigned = 'true';
  if (f.possiblyRelated) out.possiblyRelated = f.possiblyRelated;
  if (f.sort) out.sort = f.sort;
  if (f.hotspot) out.hotspot = f.hotspot;
  if (paging.cursor) out.cursor = paging.cursor;
  if (paging.before) out.before = paging.before;
  return out;
}
