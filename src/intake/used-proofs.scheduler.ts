import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { UnitOfWork } from '../common/unit-of-work';
import { IntakeRepository } from './intake.repository';

/** How often expired spent proofs are forgotten (they expire an hour after being handed out). */
export const USED_PROOFS_CLEANUP_MS = 10 * 60_000;

/**
 * Forgets expired spent proofs every USED_PROOFS_CLEANUP_MS on every instance; the advisory lock in
 * IntakeRepository.forgetExpiredProofs keeps it to one instance at a time, and the clean-up is
 * idempotent. Like the retention scheduler: a PostgreSQL-coordinated timer, no queue.
 */
@Injectable()
export class UsedProofsScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(UsedProofsScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly repo: IntakeRepository,
    private readonly uow: UnitOfWork,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), USED_PROOFS_CLEANUP_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One clean-up: the number of proofs forgotten, or null when another instance is at it. */
  async runOnce(now = new Date()): Promise<number | null> {
    const forgotten = await this.uow.run((m) => this.repo.forgetExpiredProofs(m, now));
    if (forgotten) this.log.log({ forgotten }, 'expired spent proofs forgotten');
    return forgotten;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.runOnce()
      .catch((e: unknown) => this.log.error(`spent-proof clean-up failed: ${(e as Error).message}`))
      .finally(() => (this.running = undefined));
  }
}
