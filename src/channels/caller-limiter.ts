import { ClientLimiter } from '../intake/client-limiter';

const HOUR = 3_600_000;

/** Counts events per caller without keeping the caller: see ClientLimiter (HMAC under a rotating secret). */
export interface CallerLimiter {
  /** Counts one event for this caller; false once over the limit. The key never leaves memory. */
  admit(callerKey: string): boolean;
}

/**
 * The one place channels get their limiter (an SMS sender's number is keyed here and nowhere
 * else). It is intake's in-memory ClientLimiter today; a shared limiter swaps in here.
 */
export function createCallerLimiter(perHour: number, rotateHours: number): CallerLimiter {
  const limiter = new ClientLimiter(perHour, HOUR, rotateHours * HOUR);
  return { admit: (key) => limiter.hit(key) };
}
