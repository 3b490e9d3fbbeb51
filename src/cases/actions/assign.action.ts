import { ApiProperty } from '@nestjs/swagger';
import { IsUUID, ValidateIf } from 'class-validator';
import { defineAction } from './case-action';
import { planCommand } from './transition';
import { VersionedDto } from './versioned.dto';

export class AssignCaseDto extends VersionedDto {
  @ApiProperty({ description: 'An active officer or unit lead of the case’s unit; null unassigns.', example: '0b6f5d2e-3c1a-4f8e-9d7b-2a4c6e8f0a12', format: 'uuid', nullable: true, type: String })
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  assigneeId!: string | null;
}

export const assignAction = defineAction({
  name: 'assign',
  roles: ['unit_lead'],
  input: AssignCaseDto,
  concurrency: 'version',
  summary: 'Assign the case to an officer of its unit, or unassign it (unit lead).',
  plan(c, input, env) {
    const assigneeId = input.assigneeId ?? null;
    const plan = planCommand(c, { type: 'assign', assigneeId }, env);
    plan.event.metadata.assigneeId = assigneeId;
    if (assigneeId !== null) plan.requires = [{ kind: 'assignable_staff', staffId: assigneeId, unitId: c.unitId }];
    return plan;
  },
});
