import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { UNIT_KINDS, UnitKind } from '../unit.entity';

export const UNIT_CODE = /^[A-Z0-9][A-Z0-9-]{1,39}$/;
export const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateUnitDto {
  @ApiProperty({ example: 'CA-24-07210', description: 'Stable readable code (README "Units and routing").' })
  @Matches(UNIT_CODE, { message: 'code must be 2-40 characters A-Z, 0-9 and -' })
  code: string;

  @ApiProperty()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: UNIT_KINDS })
  @IsIn(UNIT_KINDS)
  kind: UnitKind;

  @ApiPropertyOptional({ description: 'Code of the unit above it in the chain of command.' })
  @IsOptional()
  @Matches(UNIT_CODE, { message: 'parentCode must be a unit code' })
  parentCode?: string;

  @ApiProperty({ example: '2025-07-01' })
  @Matches(DATE, { message: 'validFrom must be a date YYYY-MM-DD' })
  validFrom: string;

  @ApiPropertyOptional({ description: 'Last day in force (inclusive).' })
  @IsOptional()
  @Matches(DATE, { message: 'validTo must be a date YYYY-MM-DD' })
  validTo?: string;
}
