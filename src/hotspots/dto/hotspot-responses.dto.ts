import { ApiProperty } from '@nestjs/swagger';
import { HOTSPOT_STATUSES } from '../hotspot-transitions';

/** Response schemas of the hotspot routes (documentation only). */
export class HotspotDto {
  @ApiProperty({ format: 'uuid', example: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' }) id!: string;
  @ApiProperty({ format: 'uuid', example: '6f1c2a4e-8d3b-4c7a-9e2f-1b5d7c9a3e40' }) unitId!: string;
  @ApiProperty({ example: '00004' }) localityCode!: string;
  @ApiProperty({ example: 'Bãi đất trống sau chợ Long Biên' }) description!: string;
  @ApiProperty({ enum: HOTSPOT_STATUSES, example: 'verified' }) status!: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-20T02:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-25T02:00:00.000Z' }) statusChangedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: '2026-11-25T02:00:00.000Z' }) verifiedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: null }) dismantledAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: null }) reEmergedAt!: string | null;
  @ApiProperty({ example: 2 }) version!: number;
}

export class HotspotPageDto {
  @ApiProperty({ type: [HotspotDto] }) items!: HotspotDto[];
  @ApiProperty({ nullable: true, type: String, example: null }) nextCursor!: string | null;
}

export class HotspotStatusChangeDto {
  @ApiProperty({ enum: HOTSPOT_STATUSES, nullable: true, example: 'suspected' }) from!: string | null;
  @ApiProperty({ enum: HOTSPOT_STATUSES, example: 'verified' }) to!: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-25T02:00:00.000Z' }) at!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, example: '0b6f5d2e-3c1a-4f8e-9d7b-2a4c6e8f0a12' }) actorId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, example: null }) caseId!: string | null;
}

export class HotspotWithHistoryDto extends HotspotDto {
  @ApiProperty({ type: [HotspotStatusChangeDto] }) history!: HotspotStatusChangeDto[];
}
