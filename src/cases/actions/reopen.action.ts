import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { defineAction } from './case-action';
import { planCommand } from './transition';
import { VersionedDto } from './versioned.dto';

export class ReopenCaseDto extends VersionedDto {
  @ApiProperty({ example: 'A new tip names the same house.', maxLength: 2000 })
  @IsString()
  @MaxLength(2000)
  reason!: string;
}

export const reopenAction = defineAction({
  name: 'reopen',
  roles: ['officer', 'unit_lead'],
  input: ReopenCaseDto,
  concurrency: 'version',
  summary: 'Reopen a closed case with a reason (closed → acknowledged).',
  plan(c, input, env) {
    const plan = planCommand(c, { type: 'reopen', reason: input.reason }, env);
    plan.event.reason = input.reason.trim();
    return plan;
  },
});
