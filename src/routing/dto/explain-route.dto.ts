import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { CATEGORY_CODES, CategoryCode } from '../../categories/category-codes';

export class ExplainRouteDto {
  @ApiProperty({ enum: CATEGORY_CODES })
  @IsIn(CATEGORY_CODES)
  category: CategoryCode;

  @ApiPropertyOptional({ description: 'Locality code (old or new); omitted: no usable place.' })
  @IsOptional()
  @Matches(/^\d{2,5}$/, { message: 'locality must be a locality code of 2 to 5 digits' })
  locality?: string;

  @ApiPropertyOptional({ description: 'When the activity was observed (date or date-time); default now.' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'at must be an ISO 8601 date or date-time' })
  at?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'localPoliceInvolved must be true or false' })
  localPoliceInvolved?: 'true' | 'false';
}
