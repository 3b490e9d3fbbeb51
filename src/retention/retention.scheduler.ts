import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { systemContext } from '../common/request-context';
import { APP_CONFIG, AppConfig } from '../config/env';
import { RetentionService } from './retention.service';

/**
 * Runs retention every RETENTION_INTERVAL_MINUTES on every instance; the advisory lock in
 * RetentionService.run makes the passes exclusive across instances, and a pass is idempotent
 * (a purged case is not a candidate any more), so an extra pass by another instance is harmless.
 * A PostgreSQL-coordinated timer rather than pg-boss: one periodic, idempotent task needs no
 * queue tables or worker.
 */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(RetentionScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly retention: RetentionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const minutes = this.config.RETENTION_INTERVAL_MINUTES;
    if (minutes === 0) return;
    this.timer = setInterval(() => this.tick(), minutes * 60_000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.retention
      .run(systemContext('retention', `retention:${Date.now()}`))
      .catch((e: unknown) => this.log.error(`retention run failed: ${(e as Error).message}`))
      .finally(() => (this.running = undefined));
  }
}
