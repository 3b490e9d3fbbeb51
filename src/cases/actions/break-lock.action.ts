import { breakClaim } from '../case-claim';
import { defineAction } from './case-action';
import { VersionedDto } from './versioned.dto';

export class BreakLockDto extends VersionedDto {}

/** A unit lead breaks whoever's claim (the holder is named on the timeline). */
export const breakLockAction = defineAction({
  name: 'break-lock',
  roles: ['unit_lead'],
  input: BreakLockDto,
  concurrency: 'version',
  summary: 'Break the current claim on the case (unit lead).',
  plan(c, _input, env) {
    const broken = breakClaim({ claimedBy: c.claimedBy, claimedUntil: c.claimedUntil }, env.now);
    return { patch: broken.claim, event: { type: 'lock_broken', metadata: { brokenHolder: broken.brokenHolder } }, audit: 'case.lock_broken' };
  },
});
