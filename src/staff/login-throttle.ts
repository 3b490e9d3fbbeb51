import { createHmac, randomBytes } from 'node:crypto';

export interface ThrottleOptions {
  /** Failures allowed before delays start. */
  freeFailures: number;
  /** First delay after the free failures, doubled at each further failure. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A failure is forgotten after this long without another. */
  forgetAfterMs: number;
  /** The HMAC key is replaced (and every counter dropped) this often. */
  keyRotationMs: number;
  maxEntries: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = {
  freeFailures: 5,
  baseDelayMs: 1000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
  keyRotationMs: 24 * 3600_000,
  maxEntries: 100_000,
};

interface Entry {
  failures: number;
  lastFailure: number;
  blockedUntil: number;
}

/**
 * Login throttling keyed by HMAC(random in-memory key, kind + value): neither the client address
 * nor the username is kept in the clear, and the key never leaves the process (it is rotated,
 * which also forgets every counter). Usernames are counted whether or not an account exists, so
 * a lockout reveals nothing. After `freeFailures` failures, each further failure blocks the key
 * for a delay that doubles (1 s, 2 s, 4 s... up to 15 min). Per instance: with several instances
 * an attacker gets at most N times the attempts, still a growing delay on each.
 */
export class LoginThrottle {
  private key = randomBytes(32);
  private keyBornAt: number;
  private readonly entries = new Map<string, Entry>();
  /** Attempts started and not yet finished, per key (see begin). */
  private readonly inFlight = new Map<string, number>();

  constructor(
    private readonly options: ThrottleOptions = DEFAULT_THROTTLE,
    private readonly clock: () => number = Date.now,
  ) {
    this.keyBornAt = clock();
  }

  private rotateIfDue(now: number): void {
    if (now - this.keyBornAt >= this.options.keyRotationMs) {
      this.key = randomBytes(32);
      this.keyBornAt = now;
      this.entries.clear();
    }
  }

  keyFor(kind: 'account' | 'client', value: string): string {
    this.rotateIfDue(this.clock());
    return createHmac('sha256', this.key).update(`${kind}\0${value}`).digest('base64url');
  }

  /**
   * Milliseconds the caller must still wait for any of these keys (0: may try now). Attempts in
   * flight count against the free failures left: an attempt's failure is only recorded after its
   * (slow) verification, so without this, many concurrent requests would all pass the check
   * before the first failure blocked the key. Once the free failures are used up, one attempt
   * at a time.
   */
  retryAfterMs(keys: string[]): number {
    const now = this.clock();
    let wait = 0;
    for (const k of keys) {
      const e = this.entries.get(k);
      if (e && e.blockedUntil > now) wait = Math.max(wait, e.blockedUntil - now);
      const pending = this.inFlight.get(k) ?? 0;
      const failures = e && now - e.lastFailure <= this.options.forgetAfterMs ? e.failures : 0;
      if (pending > 0 && pending >= Math.max(1, this.options.freeFailures - failures)) wait = Math.max(wait, this.options.baseDelayMs);
    }
    return wait;
  }

  /** An attempt on these keys starts (call after retryAfterMs gave 0); call finish when it is recorded. */
  begin(keys: string[]): void {
    for (const k of keys) this.inFlight.set(k, (this.inFlight.get(k) ?? 0) + 1);
  }

  finish(keys: string[]): void {
    for (const k of keys) {
      const n = (this.inFlight.get(k) ?? 0) - 1;
      if (n > 0) this.inFlight.set(k, n);
      else this.inFlight.delete(k);
    }
  }

  recordFailure(keys: string[]): void {
    const now = this.clock();
    for (const k of keys) {
      let e = this.entries.get(k);
      if (!e || now - e.lastFailure > this.options.forgetAfterMs) e = { failures: 0, lastFailure: now, blockedUntil: 0 };
      e.failures += 1;
      e.lastFailure = now;
      const over = e.failures - this.options.freeFailures;
      if (over > 0) {
        const delay = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** Math.min(over - 1, 30));
        e.blockedUntil = now + delay;
      }
      this.entries.delete(k);
      this.entries.set(k, e);
    }
    this.prune(now);
  }

  recordSuccess(keys: string[]): void {
    for (const k of keys) this.entries.delete(k);
  }

  private prune(now: number): void {
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.options.maxEntries && now - e.lastFailure <= this.options.forgetAfterMs) break;
      this.entries.delete(k); // Map keeps insertion order: the oldest failures go first.
    }
  }
}
