/**
 * A small LRU of unwrapped data keys with a time limit, so a busy case does not unwrap its key on
 * every field. Bounded in size and age: a key destroyed by another instance stays usable here for
 * at most `ttlMs` (this instance evicts it at once).
 */
export class DataKeyCache {
  private readonly entries = new Map<string, { key: Buffer; at: number }>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(id: string): Buffer | undefined {
    const e = this.entries.get(id);
    if (!e) return undefined;
    if (this.now() - e.at > this.ttlMs) {
      this.delete(id);
      return undefined;
    }
    this.entries.delete(id);
    this.entries.set(id, e);
    return e.key;
  }

  set(id: string, key: Buffer): void {
    if (this.maxEntries === 0) return;
    this.entries.delete(id);
    this.entries.set(id, { key, at: this.now() });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.delete(oldest);
    }
  }

  delete(id: string): void {
    // Not zeroed: a caller may still hold the buffer between an await and its use.
    this.entries.delete(id);
  }

  clear(): void {
    for (const id of [...this.entries.keys()]) this.delete(id);
  }

  get size(): number {
    return this.entries.size;
  }
}
