/** Where windowed counters live: this process (MemoryCounterStore) or the shared database. */
export interface CounterStore {
  /** Adds `by` (may be negative) to the counter `key`, created to expire at `expiresAt`; returns the new count. */
  add(key: string, by: number, expiresAt: number, now: number): Promise<number>;
}
