import { DomainError } from '../common/errors/domain-error';
import { assertMayAct, breakClaim, claimHolder, NO_CLAIM, releaseClaim, takeClaim } from './case-claim';

const t0 = new Date('2026-01-01T00:00:00Z');
const min = (m: number) => new Date(t0.getTime() + m * 60_000);
const TTL = 15 * 60_000;

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).code;
  }
  return 'no error';
}

describe('case claims', () => {
  it('locks a case for the holder for the ttl, then lapses', () => {
    const c = takeClaim(NO_CLAIM, 'a', t0, TTL);
    expect(claimHolder(c, min(14))).toBe('a');
    expect(claimHolder(c, min(15))).toBeNull();
    expect(code(() => assertMayAct(c, 'b', min(5)))).toBe('case_claimed');
    expect(code(() => assertMayAct(c, 'a', min(5)))).toBe('no error');
    expect(code(() => assertMayAct(c, 'b', min(16)))).toBe('no error');
  });

  it('renews on activity and lets another officer take a lapsed claim', () => {
    const c = takeClaim(takeClaim(NO_CLAIM, 'a', t0, TTL), 'a', min(10), TTL);
    expect(claimHolder(c, min(20))).toBe('a');
    expect(code(() => takeClaim(c, 'b', min(20), TTL))).toBe('case_claimed');
    expect(takeClaim(c, 'b', min(26), TTL).claimedBy).toBe('b');
  });

  it('releases only the own live claim', () => {
    const c = takeClaim(NO_CLAIM, 'a', t0, TTL);
    expect(releaseClaim(c, 'a', min(1))).toEqual(NO_CLAIM);
    expect(code(() => releaseClaim(c, 'b', min(1)))).toBe('claim_not_held');
    expect(code(() => releaseClaim(c, 'a', min(16)))).toBe('claim_not_held');
  });

  it('breaks a live claim and names its holder; nothing to break is a conflict', () => {
    const c = takeClaim(NO_CLAIM, 'a', t0, TTL);
    expect(breakClaim(c, min(1))).toEqual({ claim: NO_CLAIM, brokenHolder: 'a' });
    expect(code(() => breakClaim(c, min(20)))).toBe('claim_not_held');
  });
});
