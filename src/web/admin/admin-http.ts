import { ValidationFailed } from '../../common/errors/domain-error';
import { isUuid } from '../../common/uuid.pipe';

/** A query parameter as one trimmed string (a repeated one: the first), or undefined when empty. */
export function queryText(v: unknown): string | undefined {
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
}

/** A list page's cursor (the id of the previous page's last row): a UUID, or a 400 naming it. */
export function pageCursor(v: unknown): string | undefined {
  const cursor = queryText(v);
  if (cursor !== undefined && !isUuid(cursor)) throw new ValidationFailed([{ field: 'cursor', reason: 'isUuid', message: 'cursor is not valid' }]);
  return cursor;
}
