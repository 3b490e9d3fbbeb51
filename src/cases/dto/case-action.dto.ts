import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateIf } from 'class-validator';
import { CATEGORY_CODES } from '../../categories/category-codes';
import { ACTIONS_TAKEN, CASE_OUTCOMES } from '../case-transitions';

/** Every action may carry the version the client saw: a stale one is a 409. */
export class VersionedDto {
  @IsOptional() @IsInt() @Min(1)
  version?: number;
}

export class ActionCaseDto extends VersionedDto {
  @IsIn(ACTIONS_TAKEN)
  actionTaken: (typeof ACTIONS_TAKEN)[number];
}

export class CloseCaseDto extends VersionedDto {
  @IsIn(CASE_OUTCOMES)
  outcome: (typeof CASE_OUTCOMES)[number];
}

export class ReasonDto extends VersionedDto {
  @IsString() @MaxLength(2000)
  reason: string;
}

export class TransferCaseDto extends ReasonDto {
  @IsUUID()
  unitId: string;
}

export class AssignCaseDto extends VersionedDto {
  /** null unassigns. */
  @ValidateIf((_, v) => v !== null) @IsUUID()
  assigneeId: string | null;
}

export class LinkCaseDto extends VersionedDto {
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsUUID()
  duplicateOf?: string | null;

  @IsOptional() @ValidateIf((_, v) => v !== null) @IsUUID()
  hotspotId?: string | null;
}

export class AddMessageDto {
  @IsString() @MaxLength(5000)
  body: string;

  @IsIn(['tipster', 'internal'])
  visibility: 'tipster' | 'internal';
}

const toBool = ({ value }: { value: unknown }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value);
const toList = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value);
const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);

export class QueueQueryDto {
  @IsOptional() @Transform(toList) @IsIn(['new', 'acknowledged', 'verifying', 'actioned', 'closed'], { each: true })
  status?: ('new' | 'acknowledged' | 'verifying' | 'actioned' | 'closed')[];

  @IsOptional() @Transform(toList) @IsIn(CATEGORY_CODES, { each: true })
  category?: string[];

  @IsOptional() @IsString() @Matches(/^\d{2,5}$/, { message: 'locality must be a locality code of 2 to 5 digits' })
  locality?: string;

  @IsOptional() @Transform(toList) @IsIn(['urgent', 'high', 'normal', 'low'], { each: true })
  priority?: ('urgent' | 'high' | 'normal' | 'low')[];

  @IsOptional() @IsString()
  deadlineBefore?: string;

  @IsOptional() @Transform(toBool) @IsIn([true, false])
  assignedToMe?: boolean;

  @IsOptional() @Transform(toBool) @IsIn([true, false])
  unassigned?: boolean;

  @IsOptional() @IsUUID()
  hotspot?: string;

  @IsOptional() @Transform(toBool) @IsIn([true, false])
  possiblyRelated?: boolean;

  @IsOptional() @IsIn(['deadline', 'priority', 'age'])
  sort?: 'deadline' | 'priority' | 'age';

  @IsOptional() @IsString() @MaxLength(500)
  cursor?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1)
  limit?: number;
}
