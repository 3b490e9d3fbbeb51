import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/env';
import { AuditSigningKey } from './audit-signing-key';
import { AuditRepository, StoredCheckpoint } from './audit.repository';

export const AUDIT_SIGNING_KEY = Symbol('AUDIT_SIGNING_KEY');

export interface CheckpointOutcome {
  made: boolean;
  /** The checkpoint made, or the latest one when none was needed. */
  checkpoint: StoredCheckpoint | null;
  reason?: 'no_events' | 'unchanged' | 'too_soon' | 'busy';
}

/**
 * Signed checkpoints of the chain head. Made on demand (audit:checkpoint) and every
 * AUDIT_CHECKPOINT_INTERVAL_MINUTES by whichever instance gets there first: a transaction-scoped
 * advisory lock plus the database clock ensure one checkpoint per interval across instances.
 */
@Injectable()
export class AuditCheckpointService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('Audit');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly repo: AuditRepository,
    @Inject(AUDIT_SIGNING_KEY) private readonly key: AuditSigningKey,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get signingKeyId(): string {
    return this.key.keyId;
  }

  /**
   * Signs the current head unless it is already checkpointed. With `minIntervalMs`, also skips
   * when the latest checkpoint is younger than that (by the database clock).
   */
  async checkpoint(options: { minIntervalMs?: number } = {}): Promise<CheckpointOutcome> {
    return this.repo.transaction(async (m) => {
      if (!(await this.repo.tryCheckpointLock(m))) return { made: false, checkpoint: null, reason: 'busy' };
      const latest = await this.repo.latestCheckpoint(m);
      const head = await this.repo.head(m);
      if (!head) return { made: false, checkpoint: latest, reason: 'no_events' };
      if (latest && latest.seq === head.seq) return { made: false, checkpoint: latest, reason: 'unchanged' };
      const at = await this.repo.now(m);
      if (options.minIntervalMs && latest && Date.parse(at) - Date.parse(latest.at) < options.minIntervalMs) {
        return { made: false, checkpoint: latest, reason: 'too_soon' };
      }
      const fields = { seq: head.seq, headHash: head.hash, at, keyId: this.key.keyId };
      const row = { ...fields, publicKey: this.key.publicKeyBase64, signature: this.key.sign(fields) };
      const id = await this.repo.insertCheckpoint(m, row);
      this.log.log({ checkpointId: id, seq: head.seq, keyId: this.key.keyId }, 'audit checkpoint signed');
      return { made: true, checkpoint: { ...row, id } };
    });
  }

  /** Exported checkpoints, oldest first, in pages (for JSON lines an outsider keeps). */
  async *checkpoints(since?: Date): AsyncGenerator<StoredCheckpoint[]> {
    let after = '0';
    for (;;) {
      const page = await this.repo.checkpointsAfter(after, 1000, since);
      if (page.length === 0) return;
      yield page;
      after = page[page.length - 1].id;
    }
  }

  onApplicationBootstrap(): void {
    this.log.log({ keyId: this.key.keyId }, `audit checkpoints are signed with ${this.key.source}`);
    const minutes = this.config.AUDIT_CHECKPOINT_INTERVAL_MINUTES;
    if (!minutes) return;
    const interval = minutes * 60_000;
    this.timer = setInterval(() => {
      // 90%: a tick slightly early on another instance must not skip a whole interval
      this.checkpoint({ minIntervalMs: interval * 0.9 }).catch((e: unknown) =>
        this.log.error({ err: e instanceof Error ? e.message : String(e) }, 'periodic audit checkpoint failed'),
      );
    }, interval);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
