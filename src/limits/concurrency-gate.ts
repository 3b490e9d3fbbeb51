/**
 * Admission to an expensive shared resource (the argon2id hash pool): at most `perClient` jobs in
 * flight per client key, at most `global` running at once, and at most `queue` waiting for a slot.
 * A client over its share, or arriving at a full queue, is refused at once (never queued), so one
 * client's flood cannot stand in front of everybody else. Pure bookkeeping, no timers.
 */
export class ConcurrencyGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly perKey = new Map<string, number>();

  constructor(private readonly s: { perClient: number; global: number; queue: number }) {}

  /** Runs `work` once admitted; `null` (without running it) when the client or the pool is full. */
  async run<T>(client: string, work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; reason: 'client' | 'pool' }> {
    const mine = this.perKey.get(client) ?? 0;
    if (mine >= this.s.perClient) return { ok: false, reason: 'client' };
    if (this.running >= this.s.global && this.waiting.length >= this.s.queue) return { ok: false, reason: 'pool' };
    // The map holds only clients with work in flight: it is bounded by global + queue entries.
    this.perKey.set(client, mine + 1);
    try {
      if (this.running >= this.s.global) await new Promise<void>((resolve) => this.waiting.push(resolve));
      else this.running += 1;
      try {
        return { ok: true, value: await work() };
      } finally {
        const next = this.waiting.shift();
        if (next) next();
        else this.running -= 1;
      }
    } finally {
      const left = (this.perKey.get(client) ?? 1) - 1;
      if (left <= 0) this.perKey.delete(client);
      else this.perKey.set(client, left);
    }
  }

  /** For tests and metrics. */
  stats(): { running: number; waiting: number; clients: number } {
    return { running: this.running, waiting: this.waiting.length, clients: this.perKey.size };
  }
}
