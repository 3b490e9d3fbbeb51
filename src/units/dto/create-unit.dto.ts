import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { UNIT_KINDS, UnitKind } from '../unit.entity';
import { PeriodDto } from './period.dto';

export const UNIT_CODE = /^[A-Z0-9][A-Z0-9-]{1,39}$/;

export class CreateUnitDto extends PeriodDto {
  @ApiProperty({ example: 'CA-24-07210', description: 'Stable readable code (README "Units and routing").' })
  @Matches(UNIT_CODE, { message: 'code must be 2-40 characters A-Z, 0-9 and -' })
  code: string;

  @ApiProperty({ example: 'Công an xã Tân Yên' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'commune_police', enum: UNIT_KINDS })
  @IsIn(UNIT_KINDS)
  kind: UnitKind;

  @ApiPropertyOptional({ example: 'CA-24-213', description: 'Code of the unit above it in the chain of command.' })
  @IsOptional()
  @Matches(UNIT_CODE, { message: 'parentCode must be a unit code' })
  parentCode?: string;
}
