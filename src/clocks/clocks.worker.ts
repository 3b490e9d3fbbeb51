import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/env';
import { ClocksService } from './clocks.service';

type Runner = { stop(): Promise<void>; promise: Promise<void> };

/**
 * The deadline sweep on graphile-worker, a job queue kept in PostgreSQL: its cron schedules one
 * `clocks_sweep` job per minute for the whole cluster (the cron's known_crontabs row is shared, so
 * any number of instances enqueue each tick once) and one instance runs it. The sweep itself is
 * exactly-once by construction (ClocksService.sweep: row locks, one transaction per batch), so a
 * retried or duplicated job does no harm.
 *
 * graphile-worker is an ES module; it is loaded with a real dynamic import (TypeScript would
 * turn `import()` into `require()` under CommonJS).
 */
@Injectable()
export class ClocksWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(ClocksWorker.name);
  private runner?: Runner;

  constructor(
    private readonly clocks: ClocksService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.config.JOB_WORKER === 'on' || (this.config.JOB_WORKER === 'auto' && this.config.NODE_ENV !== 'test');
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    const importEsm = new Function('s', 'return import(s)') as (s: string) => Promise<typeof import('graphile-worker')>;
    const { run } = await importEsm('graphile-worker');
    this.runner = await run({
      connectionString: this.config.DATABASE_URL,
      concurrency: 1,
      noHandleSignals: true,
      pollInterval: 2000,
      crontab: `${this.config.CLOCK_SWEEP_CRON} clocks_sweep ?max=1&jobKey=clocks_sweep&jobKeyMode=preserve_run_at`,
      taskList: {
        clocks_sweep: async () => {
          await this.clocks.sweep();
        },
      },
    });
    this.log.log('graphile-worker started (clocks_sweep on cron)');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner?.stop().catch((e: unknown) => this.log.warn(`graphile-worker stop: ${(e as Error).message}`));
  }
}
