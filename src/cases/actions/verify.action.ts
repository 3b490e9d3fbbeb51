import { defineAction } from './case-action';
import { planCommand } from './transition';
import { VersionedDto } from './versioned.dto';

export class VerifyCaseDto extends VersionedDto {}

export const verifyAction = defineAction({
  name: 'verify',
  roles: ['officer', 'unit_lead'],
  input: VerifyCaseDto,
  concurrency: 'version',
  summary: 'Start verifying the tip (acknowledged → verifying).',
  plan: (c, _input, env) => planCommand(c, { type: 'verify' }, env),
});
