import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Response schemas of the audit routes (documentation only: the services build these shapes). */

class CheckpointRefDto {
  @ApiProperty({ example: '42' }) id!: string;
  @ApiProperty({ example: '18250' }) seq!: string;
}

class UncoveredDto {
  @ApiProperty({ example: '12' }) events!: string;
  @ApiProperty({ nullable: true, type: String, example: '18251' }) oldestSeq!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', example: '2026-12-01T03:10:00.000Z' }) oldestAt!: string | null;
}

class WitnessDto {
  @ApiProperty({ example: '/var/lib/tipline/witness/checkpoints.jsonl' }) source!: string;
  @ApiProperty({ example: true }) present!: boolean;
}

/** GET /api/v1/audit/verify: one of two shapes, told apart by `ok`. */
export class AuditVerifyReportDto {
  @ApiProperty({ example: true, description: 'false: the trail failed verification (kind, position, firstBad, lastGood, reason are set).' }) ok!: boolean;
  @ApiPropertyOptional({ example: '18262', description: 'On success: events read.' }) events?: string;
  @ApiPropertyOptional({ example: 'b7f0c1e2d3a4958671f0e1d2c3b4a59687f0e1d2c3b4a59687f0e1d2c3b4a596' }) headHash?: string;
  @ApiPropertyOptional({ example: 42 }) checkpoints?: number;
  @ApiProperty({ type: CheckpointRefDto, nullable: true }) lastCheckpoint!: CheckpointRefDto | null;
  @ApiProperty({ example: '18250', description: 'Events under a signed checkpoint that a witness holds.' }) covered!: string;
  @ApiPropertyOptional({ type: UncoveredDto }) uncovered?: UncoveredDto;
  @ApiPropertyOptional({ nullable: true, type: Number, example: 540 }) uncoveredAgeSeconds?: number | null;
  @ApiPropertyOptional({ example: false, description: 'The uncovered tail is older than two checkpoint intervals.' }) stale?: boolean;
  @ApiProperty({ type: WitnessDto }) witness!: WitnessDto;
  @ApiPropertyOptional({ example: 'event_hash', description: 'On failure: what failed.' }) kind?: string;
  @ApiPropertyOptional({ example: '1207' }) position?: string;
  @ApiPropertyOptional({ example: '1207' }) firstBad?: string;
  @ApiPropertyOptional({ example: '1206' }) lastGood?: string;
  @ApiPropertyOptional({ example: 'the event’s hash does not match its fields' }) reason?: string;
}

export class AuditIncidentDto {
  @ApiProperty({ example: '3' }) id!: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-01T03:00:00.000Z' }) detectedAt!: string;
  @ApiProperty({ example: 'event_hash' }) kind!: string;
  @ApiProperty({ nullable: true, type: String, example: '1207' }) position!: string | null;
  @ApiProperty({ example: 'the event’s hash does not match its fields' }) reason!: string;
  @ApiProperty({ example: '18262' }) headSeq!: string;
  @ApiProperty({ nullable: true, type: String, example: 'b7f0c1e2d3a4958671f0e1d2c3b4a59687f0e1d2c3b4a59687f0e1d2c3b4a596' }) headHash!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', example: null }) acknowledgedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, example: null }) acknowledgedBy!: string | null;
  @ApiProperty({ nullable: true, type: String, example: null }) acknowledgement!: string | null;
}

export class AuditIncidentPageDto {
  @ApiProperty({ type: [AuditIncidentDto] }) items!: AuditIncidentDto[];
  @ApiProperty({ nullable: true, type: String, example: null, description: 'Always null: every incident is listed.' }) nextCursor!: null;
}

class ProofCoverageDto {
  @ApiProperty({ example: 7 }) covered!: number;
  @ApiProperty({ example: 1 }) uncovered!: number;
}

/** A case's audit proof (check it offline with verifyCaseProof, README "Audit"). */
export class CaseProofDto {
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({ example: 'case' }) targetType!: string;
  @ApiProperty({ format: 'uuid', example: '3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a' }) targetId!: string;
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'Per signed checkpoint: the checkpoint, the link it starts from, and the case’s events (other events only as digests).',
    example: [{ checkpoint: { id: '42', seq: '18250' }, startSeq: '18190', startPrevHash: '9a0b…', items: [{ digest: '5c1d…' }] }],
  })
  segments!: object[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Events after the latest checkpoint: not covered by a signature yet.', example: [] })
  unanchored!: object[];
  @ApiProperty({ type: ProofCoverageDto }) coverage!: ProofCoverageDto;
}
