import { ApiProperty } from '@nestjs/swagger';

/** Response schemas of the routing admin routes (documentation only: the service builds these shapes). */

const RULE_TARGET_EXAMPLE = { type: 'covering', kind: 'commune_police' };

export class RoutingRuleDto {
  @ApiProperty({ format: 'uuid', example: '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' }) id!: string;
  @ApiProperty({ nullable: true, type: String, example: 'dealing_point', description: 'null: a fallback rule for every category.' }) category!: string | null;
  @ApiProperty({ enum: ['national', 'province', 'district', 'commune'], example: 'province' }) scopeLevel!: string;
  @ApiProperty({ nullable: true, type: String, example: '24' }) scopeCode!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: '{ type: "unit", unitId } or { type: "covering", kind }.', example: RULE_TARGET_EXAMPLE }) target!: object;
  @ApiProperty({ type: 'array', items: { type: 'object' }, example: [{ type: 'unit', unitId: '0e5d8c7b-6a49-4382-9170-6f5e4d3c2b1a' }] }) notify!: object[];
  @ApiProperty({ enum: ['low', 'normal', 'high', 'urgent'], example: 'normal' }) priority!: string;
  @ApiProperty({ format: 'date', example: '2025-07-01' }) validFrom!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String, example: null }) validTo!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Điểm bán lẻ: công an xã nơi xảy ra' }) description!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, example: null, description: 'The rule this one replaced.' }) replacesId!: string | null;
}

export class RoutingRulePageDto {
  @ApiProperty({ type: [RoutingRuleDto] }) items!: RoutingRuleDto[];
  @ApiProperty({ nullable: true, type: String, example: null, description: 'Pass as cursor for the next page; null on the last.' }) nextCursor!: string | null;
}

export class UnitRefDto {
  @ApiProperty({ format: 'uuid', example: '6f1c2a4e-8d3b-4c7a-9e2f-1b5d7c9a3e40' }) id!: string;
  @ApiProperty({ example: 'CA-24-07210' }) code!: string;
  @ApiProperty({ example: 'Công an xã Tân Yên' }) name!: string;
  @ApiProperty({ example: 'commune_police' }) kind!: string;
}

/** Where a tip would go and why: the decision intake makes. */
export class RoutingDecisionDto {
  @ApiProperty({ type: UnitRefDto }) unit!: UnitRefDto;
  @ApiProperty({ type: [UnitRefDto] }) notify!: UnitRefDto[];
  @ApiProperty({ enum: ['low', 'normal', 'high', 'urgent'], example: 'normal' }) priority!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, example: '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' }) ruleId!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '07210' }) resolvedLocalityCode!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The explanation: policy, snapshot version, date, place (requested, status, version, successors), rule, target, conflict of interest, skipped rules.',
    example: {
      policy: 'tipline.routing/v1',
      snapshotVersion: '17',
      date: '2026-12-01',
      category: 'dealing_point',
      localPoliceInvolved: false,
      place: { requested: '07210', status: 'in_force', version: { code: '07210', level: 'commune', fullName: 'Xã Tân Yên, Tỉnh Bắc Ninh', validFrom: '2025-07-01', validTo: null }, successors: [], chain: ['07210', '24'] },
      rule: { id: '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', category: 'dealing_point', scope: 'province:24', validFrom: '2025-07-01', description: null },
      target: RULE_TARGET_EXAMPLE,
      conflictOfInterest: { applies: false, because: [], excluded: [] },
      skipped: [],
      notifySkipped: [],
    },
  })
  reason!: object;
}
