/**
 * The edit lock ("claim") on a case: one officer works a case at a time. A claim lapses after
 * a period without activity (CASE_CLAIM_TTL_MINUTES, 15 by default); every action by the holder
 * extends it. Pure: the caller passes the clock.
 */
import { DomainError } from '../common/errors/domain-error';

export interface Claim {
  claimedBy: string | null;
  claimedUntil: Date | null;
}

export const NO_CLAIM: Claim = { claimedBy: null, claimedUntil: null };

/** Who holds a live claim at `now` (null when nobody does or the claim lapsed). */
export function claimHolder(claim: Claim, now: Date): string | null {
  if (!claim.claimedBy || !claim.claimedUntil) return null;
  return claim.claimedUntil.getTime() > now.getTime() ? claim.claimedBy : null;
}

function heldByOther(holder: string): DomainError {
  return new DomainError('case_claimed', 'Another officer is working on this case.', { claimedBy: holder });
}

/** Throws 409 `case_claimed` when someone else holds a live claim. */
export function assertMayAct(claim: Claim, actorId: string, now: Date): void {
  const holder = claimHolder(claim, now);
  if (holder && holder !== actorId) throw heldByOther(holder);
}

/** Claims (or renews the claim) for `actorId`: activity keeps the lock for another `ttlMs`. */
export function takeClaim(claim: Claim, actorId: string, now: Date, ttlMs: number): Claim {
  assertMayAct(claim, actorId, now);
  return { claimedBy: actorId, claimedUntil: new Date(now.getTime() + ttlMs) };
}

/** Releases the actor's own live claim; a lapsed or foreign claim is a 409 `claim_not_held`. */
export function releaseClaim(claim: Claim, actorId: string, now: Date): Claim {
  const holder = claimHolder(claim, now);
  if (holder !== actorId) {
    throw new DomainError(
      'claim_not_held',
      holder ? 'Another officer holds this case.' : 'You do not hold this case (your claim lapsed or was broken).',
      { claimedBy: holder },
    );
  }
  return NO_CLAIM;
}

/** Breaks whoever's live claim (unit lead); nothing to break is a 409 `claim_not_held`. */
export function breakClaim(claim: Claim, now: Date): { claim: Claim; brokenHolder: string } {
  const holder = claimHolder(claim, now);
  if (!holder) throw new DomainError('claim_not_held', 'Nobody holds this case.', { claimedBy: null });
  return { claim: NO_CLAIM, brokenHolder: holder };
}
