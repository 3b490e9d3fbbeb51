import { ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { CATEGORY_CODES } from '../../categories/category-codes';

/** A new version of a policy: replaces the row in force for the same kind, category and priority from `validFrom`. */
export class CreateClockPolicyDto {
  @IsString() @MaxLength(50)
  kind: string;

  @IsBoolean()
  legal: boolean;

  @IsOptional() @ValidateIf((_, v) => v !== null) @IsIn(CATEGORY_CODES)
  category?: string | null;

  @IsOptional() @ValidateIf((_, v) => v !== null) @IsIn(['urgent', 'high', 'normal', 'low'])
  priority?: string | null;

  @IsOptional() @ValidateIf((_, v) => v !== null) @IsArray() @IsString({ each: true })
  unitKinds?: string[] | null;

  @IsInt() @Min(1) @Max(100000)
  durationValue: number;

  @IsIn(['hours', 'working_days', 'days', 'months'])
  durationUnit: 'hours' | 'working_days' | 'days' | 'months';

  @IsArray() @ArrayMinSize(1) @IsString({ each: true })
  metBy: string[];

  @IsOptional() @IsBoolean()
  pausable?: boolean;

  @IsOptional() @IsInt() @Min(0) @Max(10)
  maxExtensions?: number;

  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInt() @Min(1) @Max(3660)
  maxExtensionDays?: number | null;

  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(1000)
  legalReference?: string | null;

  /** Default: now. */
  @IsOptional() @IsISO8601({ strict: true })
  validFrom?: string;
}
