import { authenticator } from 'otplib';
import { createHash, randomBytes } from 'node:crypto';

/** RFC 6238 TOTP: 30 s steps, 6 digits, SHA-1 (what authenticator apps support), ±1 step of drift. */
export const TOTP_STEP_SECONDS = 30;
export const TOTP_WINDOW = 1;
export const TOTP_ISSUER = 'tipline';

/** A new base32 secret of 160 bits (RFC 4226 recommends the HMAC-SHA1 block of 20 bytes). */
export function generateTotpSecret(): string {
  return authenticator.generateSecret(20);
}

export function totpUri(username: string, secret: string): string {
  return authenticator.keyuri(username, TOTP_ISSUER, secret);
}

/** The code for a secret at a time (tests and the CLI use it; production only verifies). */
export function totpCode(secret: string, at: number = Date.now()): string {
  return authenticator.clone({ epoch: at }).generate(secret);
}

/**
 * The time step a code matches within ±1 step of `now`, or null. Single use: the caller accepts
 * the code only if the step is later than the last step used by the account, then stores it.
 */
export function matchTotpStep(secret: string, code: string, now: number = Date.now()): number | null {
  if (typeof code !== 'string' || !/^\d{6}$/.test(code)) return null;
  let delta: number | null;
  try {
    delta = authenticator.clone({ epoch: now, window: TOTP_WINDOW }).checkDelta(code, secret);
  } catch {
    return null;
  }
  if (delta === null) return null;
  return Math.floor(now / 1000 / TOTP_STEP_SECONDS) + delta;
}

/** Accepts a code once: it must match and its step must come after the last step used. */
export function acceptTotp(secret: string, code: string, lastUsedStep: number | null, now: number = Date.now()): number | null {
  const step = matchTotpStep(secret, code, now);
  if (step === null) return null;
  if (lastUsedStep !== null && step <= lastUsedStep) return null;
  return step;
}

/** Ten one-time recovery codes, 10 base32-like characters each (50 bits), shown once. */
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(10);
    const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/**
 * Recovery codes carry ~49 bits from a CSPRNG and are single use, so a keyed fast hash is enough
 * (no need for argon2's cost); normalised so that case and dashes do not matter.
 */
export function hashRecoveryCode(code: string): string {
  const normal = String(code).toLowerCase().replace(/[^a-z0-9]/g, '');
  return createHash('sha256').update(`tipline-recovery:${normal}`).digest('hex');
}
