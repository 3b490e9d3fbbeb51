import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import { CATEGORY_CODES } from '../../categories/category-codes';
import { MemoizedQueryValidation } from '../../common/validation/memo-validation.pipe';
import { CURSOR_MAX_LENGTH, PageLimit, WORK_LIST_PAGE } from '../../common/pagination';

const toBool = ({ value }: { value: unknown }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value);
const toList = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value);
const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);

/** Validated once per distinct query string (the queue is asked with the same few many times a second). */
@MemoizedQueryValidation()
export class QueueQueryDto {
  @ApiPropertyOptional({ description: 'Comma-separated statuses (default: every open status).', example: 'new,acknowledged' })
  @IsOptional() @Transform(toList) @IsIn(['new', 'acknowledged', 'verifying', 'actioned', 'closed'], { each: true })
  status?: ('new' | 'acknowledged' | 'verifying' | 'actioned' | 'closed')[];

  @ApiPropertyOptional({ description: 'Comma-separated category codes.', example: 'dealing_point,trafficking' })
  @IsOptional() @Transform(toList) @IsIn(CATEGORY_CODES, { each: true })
  category?: string[];

  @ApiPropertyOptional({ description: 'Locality (commune) code.', example: '00004' })
  @IsOptional() @IsString() @Matches(/^\d{2,5}$/, { message: 'locality must be a locality code of 2 to 5 digits' })
  locality?: string;

  @ApiPropertyOptional({ description: 'Comma-separated priorities.', example: 'urgent,high' })
  @IsOptional() @Transform(toList) @IsIn(['urgent', 'high', 'normal', 'low'], { each: true })
  priority?: ('urgent' | 'high' | 'normal' | 'low')[];

  @ApiPropertyOptional({ description: 'Only cases whose next deadline is before this instant (ISO 8601, years 1–9999).', example: '2026-12-05T00:00:00Z' })
  @IsOptional() @IsString() @MaxLength(40)
  deadlineBefore?: string;

  @ApiPropertyOptional({ description: 'Only cases assigned to the caller.', example: true })
  @IsOptional() @Transform(toBool) @IsIn([true, false])
  assignedToMe?: boolean;

  @ApiPropertyOptional({ description: 'Only unassigned cases.', example: false })
  @IsOptional() @Transform(toBool) @IsIn([true, false])
  unassigned?: boolean;

  @ApiPropertyOptional({ description: 'Only cases linked to this hotspot.', format: 'uuid' })
  @IsOptional() @IsUUID()
  hotspot?: string;

  @ApiPropertyOptional({ description: 'Only cases flagged (or not) as possibly related at intake.', example: true })
  @IsOptional() @Transform(toBool) @IsIn([true, false])
  possiblyRelated?: boolean;

  @ApiPropertyOptional({ enum: ['deadline', 'priority', 'age'], example: 'deadline' })
  @IsOptional() @IsIn(['deadline', 'priority', 'age'])
  sort?: 'deadline' | 'priority' | 'age';

  @ApiPropertyOptional({ description: 'nextCursor of the previous page.' })
  @IsOptional() @IsString() @MaxLength(CURSOR_MAX_LENGTH)
  cursor?: string;

  @ApiPropertyOptional({ description: 'prevCursor of a page: the page before it (not with cursor).' })
  @IsOptional() @IsString() @MaxLength(CURSOR_MAX_LENGTH)
  before?: string;

  @PageLimit(WORK_LIST_PAGE)
  limit?: number;
}
