import { createHmac, randomBytes } from 'node:crypto';

/**
 * Counts events per client without knowing the client: the key is HMAC(secret, address), the
 * secret is random, lives only in this object and is replaced every `rotateMs` (which also
 * forgets every counter). The address itself is never kept, so a memory dump after rotation
 * links nothing to anybody. Fixed one-hour-style windows; the map is capped so a flood of
 * addresses cannot exhaust memory (when full it is cleared, erring towards letting people in).
 */
export class ClientLimiter {
  private secret = randomBytes(32);
  private secretSince: number;
  private readonly counts = new Map<string, { count: number; windowStart: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly rotateMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 200_000,
  ) {
    this.secretSince = now();
  }

  private key(address: string): string {
    const t = this.now();
    if (t - this.secretSince >= this.rotateMs) {
      this.secret = randomBytes(32);
      this.secretSince = t;
      this.counts.clear();
    }
    return createHmac('sha256', this.secret).update(address).digest('base64url');
  }

  private entry(address: string): { count: number; windowStart: number } {
    const k = this.key(address);
    const t = this.now();
    let e = this.counts.get(k);
    if (!e || t - e.windowStart >= this.windowMs) {
      if (!e && this.counts.size >= this.maxEntries) this.counts.clear();
      e = { count: 0, windowStart: t };
      this.counts.set(k, e);
    }
    return e;
  }

  /** How many events this client has had in the current window. */
  count(address: string): number {
    return this.entry(address).count;
  }

  /** True while the client is under its limit (the check does not count). */
  allows(address: string): boolean {
    return this.entry(address).count < this.limit;
  }

  /** Counts one event; returns false once the client is over its limit. */
  hit(address: string): boolean {
    const e = this.entry(address);
    e.count += 1;
    return e.count <= this.limit;
  }

  /** Milliseconds until the current window of this client ends. */
  retryAfterMs(address: string): number {
    const e = this.entry(address);
    return Math.max(0, e.windowStart + this.windowMs - this.now());
  }

  /** For tests: the keys held (HMACs only). */
  keys(): string[] {
    return [...this.counts.keys()];
  }
}
