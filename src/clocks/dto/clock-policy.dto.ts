import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { CATEGORY_CODES } from '../../categories/category-codes';

/** A new version of a policy: replaces the row in force for the same kind, category and priority from `validFrom`. */
export class CreateClockPolicyDto {
  @ApiProperty({ maxLength: 50, example: 'legal_verify' })
  @IsString() @MaxLength(50)
  kind: string;

  @ApiProperty({ example: true, description: 'A deadline set by law (shown apart from internal targets).' })
  @IsBoolean()
  legal: boolean;

  @ApiPropertyOptional({ enum: CATEGORY_CODES, nullable: true, example: null, description: 'null: every category.' })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsIn(CATEGORY_CODES)
  category?: string | null;

  @ApiPropertyOptional({ enum: ['urgent', 'high', 'normal', 'low'], nullable: true, example: null, description: 'null: every priority.' })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsIn(['urgent', 'high', 'normal', 'low'])
  priority?: string | null;

  @ApiPropertyOptional({ type: [String], nullable: true, example: null, description: 'Only cases routed to units of these kinds; null: any.' })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsArray() @IsString({ each: true })
  unitKinds?: string[] | null;

  @ApiProperty({ minimum: 1, maximum: 100000, example: 20 })
  @IsInt() @Min(1) @Max(100000)
  durationValue: number;

  @ApiProperty({ enum: ['hours', 'working_days', 'days', 'months'], example: 'days' })
  @IsIn(['hours', 'working_days', 'days', 'months'])
  durationUnit: 'hours' | 'working_days' | 'days' | 'months';

  @ApiProperty({ type: [String], example: ['actioned', 'closed'], description: 'Case event types that meet the clock.' })
  @IsArray() @ArrayMinSize(1) @IsString({ each: true })
  metBy: string[];

  @ApiPropertyOptional({ example: true, default: true })
  @IsOptional() @IsBoolean()
  pausable?: boolean;

  @ApiPropertyOptional({ minimum: 0, maximum: 10, example: 2, default: 0 })
  @IsOptional() @IsInt() @Min(0) @Max(10)
  maxExtensions?: number;

  @ApiPropertyOptional({ nullable: true, minimum: 1, maximum: 3660, example: 62 })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInt() @Min(1) @Max(3660)
  maxExtensionDays?: number | null;

  @ApiPropertyOptional({ nullable: true, maxLength: 1000, example: 'BLTTHS 2015, Điều 147' })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(1000)
  legalReference?: string | null;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-12-01T00:00:00+07:00', description: 'Default: now.' })
  @IsOptional() @IsISO8601({ strict: true })
  validFrom?: string;
}
