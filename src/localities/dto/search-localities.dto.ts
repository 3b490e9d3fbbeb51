import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { LOCALITY_LEVELS, LocalityLevel } from '../locality.entity';
import { PageLimit, PLACE_SEARCH_PAGE } from '../../common/pagination';

export class SearchLocalitiesDto {
  @ApiPropertyOptional({ description: 'Name or code; diacritics and case are ignored ("bac giang" finds "Bắc Giang").' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  // PostgreSQL text cannot hold NUL; no control character belongs in a place name
  @Matches(/^[^\u0000-\u001f\u007f]*$/, { message: 'q must not contain control characters' })
  q?: string;

  @ApiPropertyOptional({ description: 'Code of the parent locality: lists its children.' })
  @IsOptional()
  @Matches(/^\d{2,5}$/, { message: 'parent must be a locality code of 2 to 5 digits' })
  parent?: string;

  @ApiPropertyOptional({ enum: LOCALITY_LEVELS })
  @IsOptional()
  @IsIn(LOCALITY_LEVELS)
  level?: LocalityLevel;

  @ApiPropertyOptional({ description: 'Day (YYYY-MM-DD) the localities must be in force; default today (Vietnam).' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'at must be a date YYYY-MM-DD' })
  at?: string;

  @PageLimit(PLACE_SEARCH_PAGE)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page.' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,400}$/, { message: 'cursor is not valid' })
  cursor?: string;
}
