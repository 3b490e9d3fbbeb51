import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ACTIONS_TAKEN, ActionTaken } from '../case-transitions';
import { defineAction } from './case-action';
import { planCommand } from './transition';
import { VersionedDto } from './versioned.dto';

export class TakeActionDto extends VersionedDto {
  @ApiProperty({ enum: ACTIONS_TAKEN, example: 'hotspot_dismantled' })
  @IsIn(ACTIONS_TAKEN)
  actionTaken!: ActionTaken;
}

/** Records what was done (verifying → actioned); "hotspot dismantled" also dismantles the linked hotspot. */
export const takeActionAction = defineAction({
  name: 'action',
  roles: ['officer', 'unit_lead'],
  input: TakeActionDto,
  concurrency: 'version',
  summary: 'Record the action taken (verifying → actioned).',
  plan(c, input, env) {
    const plan = planCommand(c, { type: 'action', actionTaken: input.actionTaken }, env);
    plan.event.metadata.actionTaken = input.actionTaken;
    if (input.actionTaken === 'hotspot_dismantled' && c.hotspotId) plan.effects = [{ kind: 'dismantle_linked_hotspot', hotspotId: c.hotspotId }];
    return plan;
  },
});
