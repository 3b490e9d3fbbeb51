import { randomInt } from 'node:crypto';

/** Crockford base32 without I, L, O, U: easy to read aloud and to type back. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A short public reference for a case, e.g. `TL-7K3M-Q9PX` (40 random bits). It names the case
 * to the tipster and to staff; it is not a secret (the receipt is) and carries no date or place.
 */
export function newCaseReference(random: (max: number) => number = randomInt): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += ALPHABET[random(ALPHABET.length)];
  return `TL-${s.slice(0, 4)}-${s.slice(4)}`;
}

export const CASE_REFERENCE_PATTERN = /^TL-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
