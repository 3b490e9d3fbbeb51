import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { CASE_OUTCOMES, CaseOutcome } from '../case-transitions';
import { defineAction } from './case-action';
import { planCommand } from './transition';
import { VersionedDto } from './versioned.dto';

export class CloseCaseDto extends VersionedDto {
  @ApiProperty({ enum: CASE_OUTCOMES, example: 'substantiated' })
  @IsIn(CASE_OUTCOMES)
  outcome!: CaseOutcome;
}

export const closeAction = defineAction({
  name: 'close',
  roles: ['officer', 'unit_lead'],
  input: CloseCaseDto,
  concurrency: 'version',
  summary: 'Close the case with an outcome (substantiated only once actioned).',
  plan(c, input, env) {
    const plan = planCommand(c, { type: 'close', outcome: input.outcome }, env);
    plan.event.metadata.outcome = input.outcome;
    return plan;
  },
});
