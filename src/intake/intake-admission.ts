import { DomainError } from '../common/errors/domain-error';
import { t } from '../common/i18n';
import { ConcurrencyGate } from '../limits/concurrency-gate';

/** Seconds a refused tip is told to wait (the error filter's Retry-After for every 503 is 5). */
export const INTAKE_BUSY_RETRY_SECONDS = 5;

/**
 * The instance's admission limit for tips: at most `maxInFlight` tips worked on at once (photo
 * cleaning, the argon2id receipt hash, the transaction). One more is refused at once with 503 and
 * Retry-After, before anything is read or written, instead of queueing behind the others: under a
 * flood the queue, the latency and the memory stay bounded, and the service recovers as soon as the
 * flood stops. Not per client (channel partners and proxies send many tips from one address; the
 * per-client limits are elsewhere).
 */
export class IntakeAdmission {
  private readonly gate: ConcurrencyGate;

  constructor(maxInFlight: number) {
    this.gate = new ConcurrencyGate({ perClient: Number.MAX_SAFE_INTEGER, global: maxInFlight, queue: 0 });
  }

  /** Runs `work` if a slot is free; otherwise throws the 503 `service_unavailable` (nothing run). */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const r = await this.gate.run('intake', work);
    if (!r.ok) {
      throw new DomainError(
        'service_unavailable',
        t('Hệ thống đang nhận quá nhiều tin báo. Vui lòng gửi lại sau ít giây; nội dung của bạn chưa được lưu.', 'The tip line is receiving too many tips. Send again in a few seconds; nothing of yours was stored.'),
        { retryAfterSeconds: INTAKE_BUSY_RETRY_SECONDS },
      );
    }
    return r.value;
  }

  /** Tips being worked on now (for tests and metrics). */
  inFlight(): number {
    return this.gate.stats().running;
  }
}
