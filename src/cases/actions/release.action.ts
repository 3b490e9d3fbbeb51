import { releaseClaim } from '../case-claim';
import { defineAction } from './case-action';
import { VersionedDto } from './versioned.dto';

export class ReleaseCaseDto extends VersionedDto {}

/** Lets go of the actor's own claim. */
export const releaseAction = defineAction({
  name: 'release',
  roles: ['officer', 'unit_lead'],
  input: ReleaseCaseDto,
  concurrency: 'version',
  summary: 'Release your own claim on the case.',
  plan(c, _input, env) {
    const patch = releaseClaim({ claimedBy: c.claimedBy, claimedUntil: c.claimedUntil }, env.actorId, env.now);
    return { patch, event: { type: 'released', metadata: {} }, audit: 'case.released' };
  },
});
