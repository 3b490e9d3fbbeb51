import { ApiProperty } from '@nestjs/swagger';
import { DURATION_UNITS } from '../clock-arithmetic';

/** Response schemas of the clock routes (documentation only: the service builds these shapes). */

export class AtRiskClockDto {
  @ApiProperty({ format: 'uuid', example: '4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b' }) clockId!: string;
  @ApiProperty({ format: 'uuid', example: '3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a' }) caseId!: string;
  @ApiProperty({ example: 'TL-VY40-GT9T' }) reference!: string;
  @ApiProperty({ format: 'uuid', example: '6f1c2a4e-8d3b-4c7a-9e2f-1b5d7c9a3e40' }) unitId!: string;
  @ApiProperty({ example: 'legal_verify' }) kind!: string;
  @ApiProperty({ example: true }) legal!: boolean;
  @ApiProperty({ format: 'date-time', example: '2026-12-02T03:00:00.000Z' }) dueAt!: string;
  @ApiProperty({ enum: ['running', 'breached'], example: 'running' }) status!: string;
  @ApiProperty({ enum: ['on_time', 'at_risk', 'breached', 'met', 'paused', 'cancelled'], example: 'at_risk' }) state!: string;
}

export class AtRiskPageDto {
  @ApiProperty({ type: [AtRiskClockDto] }) items!: AtRiskClockDto[];
  @ApiProperty({ nullable: true, type: String, example: null }) nextCursor!: null;
}

export class ClockPolicyViewDto {
  @ApiProperty({ format: 'uuid', example: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d' }) id!: string;
  @ApiProperty({ example: 'legal_verify' }) kind!: string;
  @ApiProperty({ example: true }) legal!: boolean;
  @ApiProperty({ nullable: true, type: String, example: null }) category!: string | null;
  @ApiProperty({ nullable: true, type: String, example: null }) priority!: string | null;
  @ApiProperty({ nullable: true, type: [String], example: null }) unitKinds!: string[] | null;
  @ApiProperty({ example: 20 }) durationValue!: number;
  @ApiProperty({ enum: DURATION_UNITS, example: 'days' }) durationUnit!: string;
  @ApiProperty({ type: [String], example: ['actioned', 'closed'] }) metBy!: string[];
  @ApiProperty({ example: true }) pausable!: boolean;
  @ApiProperty({ example: 2 }) maxExtensions!: number;
  @ApiProperty({ nullable: true, type: Number, example: 62 }) maxExtensionDays!: number | null;
  @ApiProperty({ nullable: true, type: String, example: 'BLTTHS 2015, Điều 147 khoản 1' }) legalReference!: string | null;
  @ApiProperty({ format: 'date-time', example: '2025-07-01T00:00:00.000Z' }) validFrom!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: null }) validTo!: string | null;
}

export class ClockPolicyPageDto {
  @ApiProperty({ type: [ClockPolicyViewDto] }) items!: ClockPolicyViewDto[];
  @ApiProperty({ nullable: true, type: String, example: null }) nextCursor!: null;
}

export class ClockPolicyCreatedDto {
  @ApiProperty({ type: ClockPolicyViewDto }) policy!: ClockPolicyViewDto;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, example: null, description: 'The version it replaced.' }) replaced!: string | null;
  @ApiProperty({ example: 0, description: 'Open clocks recomputed with the new duration.' }) recomputed!: number;
}
