import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { UNIT_CODE } from './create-unit.dto';
import { DATE } from './period.dto';

/** A change to a unit: rename, move in the chain of command, or end it (history is kept). */
export class ChangeUnitDto {
  @ApiPropertyOptional({ example: 'Công an xã Tân Yên' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: 'CA-24-213', nullable: true, description: 'New parent unit code; null makes it a root.' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(UNIT_CODE, { message: 'parentCode must be a unit code' })
  parentCode?: string | null;

  @ApiPropertyOptional({ example: '2026-12-31', nullable: true, description: 'Last day in force (inclusive).' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(DATE, { message: 'validTo must be a date YYYY-MM-DD' })
  validTo?: string | null;
}
