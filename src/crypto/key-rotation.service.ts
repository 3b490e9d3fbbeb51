import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../common/request-context';
import { CryptoRepository } from './crypto.repository';
import { CryptoService } from './crypto.service';
import { UnitOfWork } from '../common/unit-of-work';

export interface RotationOptions {
  batchSize?: number;
  /** Called with the pending count before the first batch. */
  onStart?: (pending: number) => void;
  /** Called after each committed batch with its size. */
  onBatch?: (rewrapped: number) => void;
}

export interface RotationResult {
  masterKeyId: string;
  rewrapped: number;
  /** Keys still on an older master key (held by a concurrent rotation, or created meanwhile). */
  remaining: number;
}

/**
 * `keys:rotate`: re-wraps every live data key under the newest master key. Each batch is its own
 * short transaction, so an interrupted run loses at most the batch in flight (rolled back) and
 * the next run simply continues with the keys still on an older master key. Field ciphertexts are
 * never touched: they name their data key, not the master key.
 */
@Injectable()
export class KeyRotationService {
  private readonly log = new Logger(KeyRotationService.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly crypto: CryptoService,
    private readonly repo: CryptoRepository,
    private readonly audit: AuditService,
  ) {}

  async rotate(ctx: RequestContext, options: RotationOptions = {}): Promise<RotationResult> {
    const batchSize = options.batchSize ?? 1000;
    const masterKeyId = this.crypto.currentMasterKeyId;
    const pending = await this.uow.run(async (m) => {
      const n = await this.crypto.countToRewrap(m);
      await this.audit.record(m, ctx, { action: 'keys.rotation_started', targetType: 'master_key', targetId: masterKeyId, change: { masterKeyId, pending: n } });
      return n;
    });
    this.log.log(`key rotation to master key ${masterKeyId} started: ${pending} data key(s) to re-wrap`);
    options.onStart?.(pending);
    let rewrapped = 0;
    for (;;) {
      const n = await this.crypto.rewrapBatch(batchSize);
      if (n === 0) break;
      rewrapped += n;
      options.onBatch?.(n);
    }
    const remaining = await this.uow.run(async (m) => {
      const left = await this.crypto.countToRewrap(m);
      await this.audit.record(m, ctx, {
        action: 'keys.rotation_finished',
        targetType: 'master_key',
        targetId: masterKeyId,
        change: { masterKeyId, rewrapped, remaining: left },
      });
      return left;
    });
    this.log.log(`key rotation to master key ${masterKeyId} finished: ${rewrapped} re-wrapped, ${remaining} remaining`);
    return { masterKeyId, rewrapped, remaining };
  }
}
