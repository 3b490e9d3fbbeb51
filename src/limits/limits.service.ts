import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { hmacSha256 } from '../common/hmac-key';
import { APP_CONFIG, AppConfig } from '../config/env';
import { ConcurrencyGate } from './concurrency-gate';
import type { CounterStore } from './counter-store';
import { DatabaseCounterStore } from './database-counter-store';
import { LimitsRepository } from './limits.repository';
import { MemoryCounterStore } from './memory-counter-store';

export interface Rule {
  /** Events allowed per window. */
  limit: number;
  windowMs: number;
}

export interface Verdict {
  ok: boolean;
  /** The count after this event. */
  count: number;
  /** Whole seconds until the window ends (for Retry-After). */
  retryAfterSeconds: number;
}

/** The 429 every limit answers with; the error filter turns `retryAfterSeconds` into Retry-After. */
export function rateLimited(message: string, retryAfterSeconds: number, extra: Record<string, unknown> = {}): DomainError {
  return new DomainError('rate_limited', message, { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)), ...extra });
}

/**
 * Limits without identity, for every public channel. A subject (a client key, a receipt's case,
 * a channel client) is counted per fixed window under a key HMAC(secret, bucket | subject |
 * window); the secret is random, changes every INTAKE_RATE_SECRET_ROTATE_HOURS and is shared by
 * the instances through an UNLOGGED table, so the limits hold in total across instances while
 * nothing stored names anybody. Every event is counted BEFORE the work it admits (requests in
 * flight count); a caller may give the count back afterwards (a receipt that turned out right).
 */
@Injectable()
export class LimitsService {
  private readonly store: CounterStore;
  private readonly rotateMs: number;
  private cached: { period: number; secret: Promise<Buffer> } | null = null;
  /** Admission to the argon2id pool (receipt hashes). */
  readonly hashGate: ConcurrencyGate;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly repo: LimitsRepository,
  ) {
    this.rotateMs = config.INTAKE_RATE_SECRET_ROTATE_HOURS * 3_600_000;
    this.store = config.LIMITS_STORE === 'memory' ? new MemoryCounterStore(config.LIMITS_MEMORY_MAX_ENTRIES) : new DatabaseCounterStore(repo);
    this.hashGate = new ConcurrencyGate({ perClient: config.HASH_CONCURRENCY_PER_CLIENT, global: config.HASH_POOL_CONCURRENCY, queue: config.HASH_POOL_QUEUE });
  }

  /** The secret of the current rotation period (the same in every instance). */
  secret(now = Date.now()): Promise<Buffer> {
    const period = Math.floor(now / this.rotateMs);
    if (this.cached?.period !== period) {
      const secret = this.repo.secretFor(period);
      this.cached = { period, secret };
      secret.catch(() => {
        if (this.cached?.secret === secret) this.cached = null;
      });
    }
    return this.cached.secret;
  }

  private async key(bucket: string, subject: string, window: number): Promise<string> {
    return hmacSha256(await this.secret()).update(`${bucket}\u0000${subject}\u0000${window}`).digest('base64url');
  }

  /** Counts one event of `subject` in `bucket` and says whether it is within the rule. */
  async consume(bucket: string, subject: string, rule: Rule, now = Date.now()): Promise<Verdict> {
    const window = Math.floor(now / rule.windowMs);
    const end = (window + 1) * rule.windowMs;
    const count = await this.store.add(await this.key(bucket, subject, window), 1, end, now);
    return { ok: count <= rule.limit, count, retryAfterSeconds: Math.ceil((end - now) / 1000) };
  }

  /** Gives back one event counted by consume() in the same window (e.g. the receipt was right). */
  async giveBack(bucket: string, subject: string, rule: Rule, now = Date.now()): Promise<void> {
    const window = Math.floor(now / rule.windowMs);
    await this.store.add(await this.key(bucket, subject, window), -1, (window + 1) * rule.windowMs, now);
  }

  /** Counts and refuses with 429 (`message` in the caller's language) over the limit. */
  async require(bucket: string, subject: string, rule: Rule, message: string): Promise<Verdict> {
    const v = await this.consume(bucket, subject, rule);
    if (!v.ok) throw rateLimited(message, v.retryAfterSeconds);
    return v;
  }
}
