import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, MaxLength, Min } from 'class-validator';
import { HOTSPOT_STATUSES, HotspotStatus } from '../hotspot-transitions';

export class CreateHotspotDto {
  @IsString() @Length(1, 20)
  localityCode: string;

  /** Plain, non-identifying description of the place (never tip text). */
  @IsString() @Length(1, 500)
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

  @IsOptional() @IsString() @MaxLength(20)
  locality?: string;

  @IsOptional() @IsString() @MaxLength(200)
  cursor?: string;

  @IsOptional() @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value)) @IsInt() @Min(1)
  limit?: number;
}
