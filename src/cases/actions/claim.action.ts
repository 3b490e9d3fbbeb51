import { DomainError } from '../../common/errors/domain-error';
import { takeClaim } from '../case-claim';
import { defineAction } from './case-action';
import { VersionedDto } from './versioned.dto';

export class ClaimCaseDto extends VersionedDto {}

/** Takes (or renews) the edit lock: one officer works a case at a time. */
export const claimAction = defineAction({
  name: 'claim',
  roles: ['officer', 'unit_lead'],
  input: ClaimCaseDto,
  concurrency: 'version',
  summary: 'Claim the case (edit lock) for CASE_CLAIM_TTL_MINUTES after the last activity.',
  plan(c, _input, env) {
    if (c.status === 'closed') {
      throw new DomainError('invalid_transition', 'A closed case cannot be claimed; allowed: reopen.', { status: c.status, command: 'claim', allowed: ['reopen'] });
    }
    const patch = takeClaim({ claimedBy: c.claimedBy, claimedUntil: c.claimedUntil }, env.actorId, env.now, env.claimTtlMs);
    return { patch, event: { type: 'claimed', metadata: {} }, audit: 'case.claimed' };
  },
});
