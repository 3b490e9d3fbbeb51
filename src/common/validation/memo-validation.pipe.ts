import { ArgumentMetadata, Type, ValidationPipe } from '@nestjs/common';

const MEMOIZED = Symbol('tipline:memoized-query-validation');
/** Distinct query strings remembered per DTO class (first in, first out beyond that). */
export const MEMO_ENTRIES = 256;

/**
 * Marks a query DTO whose validation is a pure function of the query string (no clock, no
 * database, no caller): the global pipe may then reuse the result of an identical query string
 * instead of running class-transformer and class-validator again (the staff queue is asked with
 * the same few query strings many times a second). Refusals are never remembered.
 */
export function MemoizedQueryValidation(): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(MEMOIZED, true, target);
  };
}

/** A copy of a validated DTO: same class, arrays copied (handlers may not share them). */
function copyOf<T extends object>(dto: T): T {
  const out = Object.create(Object.getPrototypeOf(dto) as object) as Record<string, unknown>;
  for (const [k, v] of Object.entries(dto)) out[k] = Array.isArray(v) ? [...(v as unknown[])] : v;
  return out as T;
}

/**
 * The global ValidationPipe, with memoized results for query DTOs marked
 * @MemoizedQueryValidation(): a hit is exactly what validating the same query string again would
 * return (the query's parsed form, keys in order, is the key); anything else goes through
 * ValidationPipe unchanged.
 */
export class MemoValidationPipe extends ValidationPipe {
  private readonly memo = new Map<Type<unknown>, Map<string, object>>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const type = metadata.metatype as Type<unknown> | undefined;
    if (metadata.type !== 'query' || !type || Reflect.getMetadata(MEMOIZED, type) !== true || typeof value !== 'object' || value === null) {
      return super.transform(value, metadata);
    }
    let known = this.memo.get(type);
    if (!known) this.memo.set(type, (known = new Map()));
    const key = JSON.stringify(value);
    const hit = known.get(key);
    if (hit) return copyOf(hit);
    const out: unknown = await super.transform(value, metadata);
    if (typeof out === 'object' && out !== null) {
      if (known.size >= MEMO_ENTRIES) known.delete(known.keys().next().value as string);
      known.set(key, copyOf(out));
    }
    return out;
  }
}
