import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength } from 'class-validator';
import { defineAction } from './case-action';
import { planCommand } from './transition';
import { VersionedDto } from './versioned.dto';

export class TransferCaseDto extends VersionedDto {
  @ApiProperty({ description: 'The receiving unit (in force today).', example: '6f1c2a4e-8d3b-4c7a-9e2f-1b5d7c9a3e40', format: 'uuid' })
  @IsUUID()
  unitId!: string;

  @ApiProperty({ example: 'The place is in the neighbouring commune.', maxLength: 2000 })
  @IsString()
  @MaxLength(2000)
  reason!: string;
}

/** Passes the case to another unit, which starts afresh (new, unassigned, unclaimed). */
export const transferAction = defineAction({
  name: 'transfer',
  roles: ['unit_lead'],
  input: TransferCaseDto,
  concurrency: 'version',
  summary: 'Transfer the case to another unit in force, with a reason (unit lead).',
  plan(c, input, env) {
    const plan = planCommand(c, { type: 'transfer', toUnitId: input.unitId, reason: input.reason }, env);
    plan.event.metadata = { ...plan.event.metadata, fromUnitId: c.unitId, toUnitId: input.unitId };
    plan.event.reason = input.reason.trim();
    plan.requires = [{ kind: 'unit_in_force', unitId: input.unitId }];
    return plan;
  },
});
