import * as argon2 from 'argon2';

/**
 * argon2id parameters. OWASP's password storage cheat sheet and ASVS 5.0 name m=19 MiB, t=2, p=1
 * as the minimum; tipline uses m=19456 KiB, t=3, p=1 (one step above on time, ~50 ms on one
 * core here) so that logins stay fast on a small server while exceeding the floor.
 * Changing these makes every login rehash the stored hash (see needsRehash).
 */
export const ARGON2_PARAMS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 3, parallelism: 1 } as const;

/** The minimum the parameters must never fall below (checked by a spec). */
export const ARGON2_FLOOR = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export interface Argon2Parameters {
  algorithm: string;
  version: number;
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/** Reads the PHC string of a stored hash (`$argon2id$v=19$m=19456,t=3,p=1$salt$hash`). */
export function parseArgon2Hash(hash: string): Argon2Parameters | null {
  const m = /^\$(argon2(?:id|i|d))\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/.exec(hash);
  if (!m) return null;
  return { algorithm: m[1], version: Number(m[2]), memoryCost: Number(m[3]), timeCost: Number(m[4]), parallelism: Number(m[5]) };
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_PARAMS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** True when the stored hash was made with other parameters than today's (then rehash at login). */
export function needsRehash(hash: string): boolean {
  const p = parseArgon2Hash(hash);
  return (
    !p ||
    p.algorithm !== 'argon2id' ||
    p.memoryCost !== ARGON2_PARAMS.memoryCost ||
    p.timeCost !== ARGON2_PARAMS.timeCost ||
    p.parallelism !== ARGON2_PARAMS.parallelism
  );
}

let dummy: Promise<string> | undefined;
/**
 * A hash of a random password, made once: verifying against it for unknown usernames makes a
 * failed login take as long whether or not the account exists.
 */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(`dummy-${Math.random()}-${Date.now()}`);
  return dummy;
}
