import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { CATEGORY_CODES } from '../../categories/category-codes';
import { UNIT_CODE } from '../../units/dto/create-unit.dto';
import { ClosePeriodDto, PeriodDto } from '../../units/dto/period.dto';
import { UNIT_KINDS } from '../../units/unit.entity';

/** Exactly one of: a fixed unit (by code), or "the unit of this kind covering the place". */
export class RuleTargetDto {
  @ApiPropertyOptional({ example: 'TRIAGE-24' })
  @IsOptional()
  @Matches(UNIT_CODE, { message: 'unitCode must be a unit code' })
  unitCode?: string;

  @ApiPropertyOptional({ example: 'commune_police', enum: UNIT_KINDS })
  @IsOptional()
  @IsIn(UNIT_KINDS)
  coveringKind?: string;
}

export class CreateRoutingRuleDto extends PeriodDto {
  @ApiProperty({ example: 'dealing_point', enum: CATEGORY_CODES, nullable: true, description: 'null: a fallback rule for every category.' })
  @ValidateIf((_, v) => v !== null)
  @IsIn(CATEGORY_CODES)
  category: string | null;

  @ApiProperty({ example: 'province', enum: ['national', 'province', 'district', 'commune'] })
  @IsIn(['national', 'province', 'district', 'commune'])
  scopeLevel: 'national' | 'province' | 'district' | 'commune';

  @ApiPropertyOptional({ example: '24', description: 'Locality code of the scope (not for national).' })
  @IsOptional()
  @Matches(/^\d{2,5}$/, { message: 'scopeCode must be a locality code' })
  scopeCode?: string;

  @ApiProperty({ type: RuleTargetDto })
  @ValidateNested()
  @Type(() => RuleTargetDto)
  target: RuleTargetDto;

  @ApiPropertyOptional({ type: [RuleTargetDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => RuleTargetDto)
  notify?: RuleTargetDto[];

  @ApiProperty({ example: 'normal', enum: ['low', 'normal', 'high', 'urgent'] })
  @IsIn(['low', 'normal', 'high', 'urgent'])
  priority: 'low' | 'normal' | 'high' | 'urgent';

  @ApiPropertyOptional({ example: 'Điểm bán lẻ: công an xã nơi xảy ra' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}

export class CloseRoutingRuleDto extends ClosePeriodDto {}
