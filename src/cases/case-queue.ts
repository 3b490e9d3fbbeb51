/**
 * The queue's keyset cursor: the sort and the sort key of the last row of a page, opaque to
 * clients (base64url JSON). Pure.
 */
import { ValidationFailed } from '../common/errors/domain-error';
import { isIsoTimestamp } from '../common/iso-date';
import { PRIORITIES } from './case-transitions';
import { isUuid } from '../common/uuid.pipe';

export const QUEUE_SORTS = ['deadline', 'priority', 'age'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

/** deadline: [deadline ISO or 'infinity', id]; priority: [rank, createdAt ISO, id]; age: [createdAt ISO, id]. */
export type QueueKey = (string | number)[];

export interface QueueCursor {
  sort: QueueSort;
  key: QueueKey;
}

export function encodeCursor(c: QueueCursor): string {
  return Buffer.from(JSON.stringify({ s: c.sort, k: c.key }), 'utf8').toString('base64url');
}

const isIso = isIsoTimestamp;
/** A priority rank (0..3); anything else would also overflow the smallint cast. */
const isRank = (v: unknown) => Number.isInteger(v) && (v as number) >= 0 && (v as number) < PRIORITIES.length;

function bad(): ValidationFailed {
  return new ValidationFailed([{ field: 'cursor', reason: 'invalid', message: 'The cursor is not valid for this sort.' }]);
}

export function decodeCursor(raw: string, sort: QueueSort): QueueCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  const p = parsed as { s?: unknown; k?: unknown };
  if (!p || p.s !== sort || !Array.isArray(p.k)) throw bad();
  const k = p.k as unknown[];
  const ok =
    sort === 'deadline'
      ? k.length === 2 && (k[0] === 'infinity' || isIso(k[0])) && isUuid(String(k[1]))
      : sort === 'priority'
        ? k.length === 3 && isRank(k[0]) && isIso(k[1]) && isUuid(String(k[2]))
        : k.length === 2 && isIso(k[0]) && isUuid(String(k[1]));
  if (!ok) throw bad();
  return { sort, key: k as QueueKey };
}

/** The key of a row for the given sort (what the next page starts after). */
export function keyOf(sort: QueueSort, row: { id: string; nextDeadlineAt: Date | null; priorityRank: number; createdAt: Date }): QueueKey {
  switch (sort) {
    case 'deadline':
      return [row.nextDeadlineAt ? row.nextDeadlineAt.toISOString() : 'infinity', row.id];
    case 'priority':
      return [row.priorityRank, row.createdAt.toISOString(), row.id];
    case 'age':
      return [row.createdAt.toISOString(), row.id];
  }
}
