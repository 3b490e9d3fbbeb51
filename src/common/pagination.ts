import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/**
 * The one definition of pagination: every list answers `{ items, nextCursor }`, takes `limit`
 * (page size) and `cursor` (the previous page's nextCursor, opaque to the client), and each kind
 * of list has one default and one maximum, named here and used by its DTO and its service.
 */
export interface PageRule {
  defaultLimit: number;
  maxLimit: number;
}

/** Staff work lists: the case queue, hotspots, notifications. */
export const WORK_LIST_PAGE: PageRule = { defaultLimit: 50, maxLimit: 200 };
/** Admin lists in id order: units, coverage, routing rules. */
export const ADMIN_LIST_PAGE: PageRule = { defaultLimit: 100, maxLimit: 500 };
/** The place picker (GET /api/v1/localities): small pages for a select box. */
export const PLACE_SEARCH_PAGE: PageRule = { defaultLimit: 20, maxLimit: 100 };
/** Clocks due soon (GET /api/v1/clocks/at-risk): one page, earliest first. */
export const AT_RISK_PAGE: PageRule = { defaultLimit: 200, maxLimit: 500 };

/** Longest opaque cursor any list hands out (base64url of a small JSON key). */
export const CURSOR_MAX_LENGTH = 500;

/** The page size to use: the rule's default when none was asked for, and never outside 1..max. */
export function pageLimit(requested: number | undefined, rule: PageRule): number {
  if (requested === undefined || !Number.isFinite(requested)) return rule.defaultLimit;
  return Math.min(Math.max(Math.trunc(requested), 1), rule.maxLimit);
}

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);

/** The `limit` query parameter of a list: documented, a whole number in 1..max (else 400 on `limit`). */
export function PageLimit(rule: PageRule): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ minimum: 1, maximum: rule.maxLimit, default: rule.defaultLimit, example: rule.defaultLimit, description: `Page size (1–${rule.maxLimit}, default ${rule.defaultLimit}).` }),
    IsOptional(),
    Transform(toInt),
    IsInt(),
    Min(1),
    Max(rule.maxLimit),
  );
}
