import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { UNIT_CODE } from './create-unit.dto';
import { ADMIN_LIST_PAGE, PageLimit } from '../../common/pagination';

/** A page of an admin list (units, coverage, routing rules), in id order: `cursor` is the previous page's nextCursor. */
export class ListPageDto {
  @PageLimit(ADMIN_LIST_PAGE)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page.' })
  @IsOptional()
  @IsUUID('all', { message: 'cursor is not valid' })
  cursor?: string;
}

export class ListCoverageDto extends ListPageDto {
  @ApiPropertyOptional({ description: 'Only the coverage of the unit with this code.' })
  @IsOptional()
  @Matches(UNIT_CODE, { message: 'unit must be a unit code' })
  unit?: string;
}

export interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** Cuts the `limit + 1` rows a repository returned into a page and its cursor (the last item's id). */
export function toPage<T extends { id: string }>(rows: T[], limit: number): ListPage<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
}
