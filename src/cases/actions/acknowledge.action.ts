import { defineAction } from './case-action';
import { planCommand } from './transition';
import { VersionedDto } from './versioned.dto';

export class AcknowledgeCaseDto extends VersionedDto {}

export const acknowledgeAction = defineAction({
  name: 'acknowledge',
  roles: ['officer', 'unit_lead'],
  input: AcknowledgeCaseDto,
  concurrency: 'version',
  summary: 'Acknowledge a new case (new → acknowledged).',
  plan: (c, _input, env) => planCommand(c, { type: 'acknowledge' }, env),
});
