import { acceptTotp, generateRecoveryCodes, generateTotpSecret, hashRecoveryCode, matchTotpStep, totpCode } from './totp';

describe('TOTP', () => {
  const secret = generateTotpSecret();
  const now = 1_800_000_015_000; // inside a step
  const step = Math.floor(now / 30000);

  it('accepts the current code and ±1 step of drift, not ±2', () => {
    expect(matchTotpStep(secret, totpCode(secret, now), now)).toBe(step);
    expect(matchTotpStep(secret, totpCode(secret, now - 30000), now)).toBe(step - 1);
    expect(matchTotpStep(secret, totpCode(secret, now + 30000), now)).toBe(step + 1);
    expect(matchTotpStep(secret, totpCode(secret, now - 60000), now)).toBeNull();
    expect(matchTotpStep(secret, totpCode(secret, now + 60000), now)).toBeNull();
  });
  it('refuses malformed codes', () => {
    expect(matchTotpStep(secret, '12345', now)).toBeNull();
    expect(matchTotpStep(secret, 'abcdef', now)).toBeNull();
    expect(matchTotpStep(secret, undefined as unknown as string, now)).toBeNull();
  });
  it('accepts a code once: a step at or before the last used step is refused', () => {
    const code = totpCode(secret, now);
    const used = acceptTotp(secret, code, null, now);
    expect(used).toBe(step);
    expect(acceptTotp(secret, code, used, now)).toBeNull();
    expect(acceptTotp(secret, totpCode(secret, now - 30000), used, now)).toBeNull();
    expect(acceptTotp(secret, totpCode(secret, now + 30000), used, now)).toBe(step + 1);
  });
  it('makes 10 distinct recovery codes whose hash ignores case and dashes', () => {
    const codes = generateRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    expect(hashRecoveryCode(codes[0])).toBe(hashRecoveryCode(codes[0].toUpperCase().replace('-', '')));
    expect(hashRecoveryCode(codes[0])).not.toBe(hashRecoveryCode(codes[1]));
  });
});
