import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, Min } from 'class-validator';
import { HOTSPOT_STATUSES, HotspotStatus } from '../hotspot-transitions';
import { CURSOR_MAX_LENGTH, PageLimit, WORK_LIST_PAGE } from '../../common/pagination';

/** A locality code (2 digits for a province, 5 for a commune); anything else cannot name a place. */
const LOCALITY_CODE = /^\d{2,5}$/;
/** PostgreSQL text cannot hold NUL: refuse it here (400) instead of at the INSERT (500). */
const NO_NUL = /^[^\u0000]*$/;

export class CreateHotspotDto {
  @ApiProperty({ description: 'The commune (or province) code.', example: '00004' })
  @IsString() @Matches(LOCALITY_CODE, { message: 'localityCode must be a locality code of 2 to 5 digits' })
  localityCode: string;

  /** Plain, non-identifying description of the place (never tip text). */
  @ApiProperty({ description: 'Plain, non-identifying description of the place (never tip text).', example: 'Bãi đất trống sau chợ Long Biên', maxLength: 500 })
  @IsString() @Length(1, 500) @Matches(NO_NUL, { message: 'description must not contain NUL characters' })
  description: string;

  @ApiPropertyOptional({ enum: HOTSPOT_STATUSES, example: 'suspected', description: 'Default suspected.' })
  @IsOptional() @IsIn(HOTSPOT_STATUSES)
  status?: HotspotStatus;
}

export class ChangeHotspotStatusDto {
  @ApiProperty({ enum: HOTSPOT_STATUSES, example: 'verified' })
  @IsIn(HOTSPOT_STATUSES)
  status: HotspotStatus;

  @ApiPropertyOptional({ description: 'The hotspot version the client saw; a stale one is a 409 with the current version.', example: 2, minimum: 1 })
  @IsOptional() @IsInt() @Min(1)
  version?: number;

  @ApiPropertyOptional({ description: 'A case of your scope that prompted the change.', example: '3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a', format: 'uuid' })
  @IsOptional() @IsUUID()
  caseId?: string;
}

export class ListHotspotsDto {
  @ApiPropertyOptional({ enum: HOTSPOT_STATUSES, example: 'verified' })
  @IsOptional() @IsIn(HOTSPOT_STATUSES)
  status?: HotspotStatus;

  @ApiPropertyOptional({ description: 'Locality code.', example: '00004' })
  @IsOptional() @IsString() @Matches(LOCALITY_CODE, { message: 'locality must be a locality code of 2 to 5 digits' })
  locality?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page.' })
  @IsOptional() @IsString() @MaxLength(CURSOR_MAX_LENGTH)
  cursor?: string;

  @PageLimit(WORK_LIST_PAGE)
  limit?: number;
}
