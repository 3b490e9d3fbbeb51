import type { Lang } from '../categories/category-catalogue';
import type { FieldProblem } from '../common/errors/domain-error';
import { problem } from './intake-messages';

/** The fields a public request may carry; every other one is named in a 400 (never ignored). */
export function unknownFields(body: Record<string, unknown>, allowed: readonly string[], lang: Lang = 'vi'): FieldProblem[] {
  const ok = new Set(allowed);
  return Object.keys(body)
    .filter((k) => !ok.has(k))
    .slice(0, 20)
    .map((k) => problem(k.slice(0, 100), 'not_allowed', lang));
}
