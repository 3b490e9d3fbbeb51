import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, Min } from 'class-validator';
import { HOTSPOT_STATUSES, HotspotStatus } from '../hotspot-transitions';

/** A locality code (2 digits for a province, 5 for a commune); anything else cannot name a place. */
const LOCALITY_CODE = /^\d{2,5}$/;
/** PostgreSQL text cannot hold NUL: refuse it here (400) instead of at the INSERT (500). */
const NO_NUL = /^[^\u0000]*$/;

export class CreateHotspotDto {
  @IsString() @Matches(LOCALITY_CODE, { message: 'localityCode must be a locality code of 2 to 5 digits' })
  localityCode: string;

  /** Plain, non-identifying description of the place (never tip text). */
  @IsString() @Length(1, 500) @Matches(NO_NUL, { message: 'description must not contain NUL characters' })
  description: string;

  @IsOptional() @IsIn(HOTSPOT_STATUSES)
  status?: HotspotStatus;
}

export class ChangeHotspotStatusDto {
  @IsIn(HOTSPOT_STATUSES)
  status: HotspotStatus;

  @IsOptional() @IsInt() @Min(1)
  version?: number;

  @IsOptional() @IsUUID()
  caseId?: string;
}

export class ListHotspotsDto {
  @IsOptional() @IsIn(HOTSPOT_STATUSES)
  status?: HotspotStatus;

  @IsOptional() @IsString() @Matches(LOCALITY_CODE, { message: 'locality must be a locality code of 2 to 5 digits' })
  locality?: string;

  @IsOptional() @IsString() @MaxLength(200)
  cursor?: string;

  @IsOptional() @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value)) @IsInt() @Min(1)
  limit?: number;
}
