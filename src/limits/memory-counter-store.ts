import { LRUCache } from 'lru-cache';
import type { CounterStore } from './counter-store';

/**
 * Counters in this process only (one instance, or tests): lru-cache with a per-entry TTL (the end
 * of the counter's window) and a fixed number of entries. When full, the least recently used
 * counters are evicted one by one; nothing is ever cleared wholesale, so a flood of fresh keys
 * cannot reset the counter of a client that is being refused (that client keeps touching it).
 */
export class MemoryCounterStore implements CounterStore {
  private readonly counts: LRUCache<string, { n: number }>;

  constructor(maxEntries: number, now: () => number = Date.now) {
    this.counts = new LRUCache<string, { n: number }>({ max: maxEntries, ttlAutopurge: false, ttlResolution: 0, perf: { now } });
  }

  async add(key: string, by: number, expiresAt: number, now: number): Promise<number> {
    const e = this.counts.get(key);
    if (e) {
      e.n += by;
      return e.n;
    }
    this.counts.set(key, { n: by }, { ttl: Math.max(1, expiresAt - now) });
    return by;
  }

  size(): number {
    return this.counts.size;
  }
}
