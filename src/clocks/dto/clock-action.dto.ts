import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

/** Extensions and suspensions need a reason and the legal basis (e.g. "BLTTHS 2015, Điều 147 khoản 3"). */
export class ClockReasonDto {
  @IsString() @MinLength(3) @MaxLength(2000)
  reason: string;

  @IsString() @MinLength(3) @MaxLength(500)
  legalReference: string;

  /** The case version the client saw (a stale one is a 409). */
  @IsOptional() @IsInt() @Min(1)
  version?: number;
}

export class ExtendClockDto extends ClockReasonDto {
  @IsInt() @Min(1) @Max(1000)
  value: number;

  @IsIn(['hours', 'working_days', 'days', 'months'])
  unit: 'hours' | 'working_days' | 'days' | 'months';
}

export class ResumeClockDto {
  @IsOptional() @IsString() @MaxLength(2000)
  reason?: string;

  @IsOptional() @IsString() @MaxLength(500)
  legalReference?: string;

  @IsOptional() @IsInt() @Min(1)
  version?: number;
}
