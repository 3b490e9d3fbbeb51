import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An effective period of units, coverage and rules: days, both ends inclusive, open end when validTo is absent. */
export class PeriodDto {
  @ApiProperty({ example: '2025-07-01' })
  @Matches(DATE, { message: 'validFrom must be a date YYYY-MM-DD' })
  validFrom: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Last day in force (inclusive).' })
  @IsOptional()
  @Matches(DATE, { message: 'validTo must be a date YYYY-MM-DD' })
  validTo?: string;
}

/** Ends a period (coverage, rule) on its last day; history is never deleted. */
export class ClosePeriodDto {
  @ApiProperty({ example: '2026-12-31', description: 'Last day in force (inclusive).' })
  @Matches(DATE, { message: 'validTo must be a date YYYY-MM-DD' })
  validTo: string;
}
