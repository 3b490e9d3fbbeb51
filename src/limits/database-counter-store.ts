import type { CounterStore } from './counter-store';
import type { LimitsRepository } from './limits.repository';

/** Counters every instance shares (the limits hold in total), expired rows deleted now and then. */
export class DatabaseCounterStore implements CounterStore {
  private lastSweep = 0;

  constructor(
    private readonly repo: LimitsRepository,
    private readonly sweepEveryMs = 60_000,
  ) {}

  async add(key: string, by: number, expiresAt: number, now: number): Promise<number> {
    if (now - this.lastSweep >= this.sweepEveryMs) {
      this.lastSweep = now;
      void this.repo.deleteExpired().catch(() => undefined);
    }
    return this.repo.add(key, by, new Date(expiresAt));
  }
}
