import { Inject, Injectable } from '@nestjs/common';
import type { Challenge } from 'altcha-lib';
import { EntityManager } from 'typeorm';
import { DomainError, ValidationFailed } from '../common/errors/domain-error';
import { APP_CONFIG, AppConfig } from '../config/env';
import type { Lang } from '../categories/category-catalogue';
import { ClientLimiter } from './client-limiter';
import { INTAKE_SECRETS, IntakeSecrets } from './intake-secrets';
import { problem, SUMMARY } from './intake-messages';
import { IntakeRepository } from './intake.repository';
import { ProofOfWork } from './proof-of-work';

const HOUR = 3_600_000;

/**
 * Abuse control without identity: proofs (work or a wait) that are single use, and per-client
 * limits keyed by an HMAC of the client address under a secret that only this process holds
 * and replaces every few hours. Callers hand in the request's client key (already an HMAC of the
 * address, made at the HTTP edge: see ClientKeys), which the limiters key once more.
 */
@Injectable()
export class AbuseService {
  readonly pow: ProofOfWork;
  private readonly tipLimiter: ClientLimiter;
  private readonly receiptLimiter: ClientLimiter;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(INTAKE_SECRETS) secrets: IntakeSecrets,
    private readonly repository: IntakeRepository,
  ) {
    this.pow = new ProofOfWork({
      secret: secrets.proofSecret,
      difficulty: config.INTAKE_POW_DIFFICULTY,
      minAgeSeconds: config.INTAKE_FORM_MIN_AGE_SECONDS,
      maxAgeSeconds: config.INTAKE_FORM_MAX_AGE_SECONDS,
      waitSeconds: config.INTAKE_NOJS_WAIT_SECONDS,
    });
    const rotate = config.INTAKE_RATE_SECRET_ROTATE_HOURS * HOUR;
    this.tipLimiter = new ClientLimiter(config.INTAKE_TIPS_PER_HOUR, HOUR, rotate);
    this.receiptLimiter = new ClientLimiter(config.INTAKE_RECEIPT_FAILURES_PER_HOUR, HOUR, rotate);
  }

  challenge(): Promise<Challenge> {
    return this.pow.challenge();
  }

  waitToken(): string {
    return this.pow.waitToken();
  }

  /** Counts one tip from this client; refuses with 429 over the hourly limit. */
  admitTip(client: string, lang: Lang): void {
    if (!this.tipLimiter.hit(client)) throw new DomainError('rate_limited', SUMMARY.rate_limited[lang]);
  }

  /** Refuses receipt look-ups from a client that has had too many wrong receipts. */
  admitReceiptLookup(client: string, lang: Lang): void {
    if (!this.receiptLimiter.allows(client)) throw new DomainError('rate_limited', SUMMARY.rate_limited[lang]);
  }

  /** A wrong receipt: counted, and answered more slowly the more there have been. */
  async receiptFailed(client: string): Promise<void> {
    this.receiptLimiter.hit(client);
    const failures = this.receiptLimiter.count(client);
    if (failures > 3) await new Promise((r) => setTimeout(r, Math.min(250 * (failures - 3), 3000)));
  }

  /** Checks the proof (before any transaction: it is cheap and refuses bots early). */
  async checkProof(proof: unknown, lang: Lang): Promise<{ digest: string; expiresAt: Date }> {
    const check = await this.pow.verify(proof);
    if (!check.ok) throw new ValidationFailed([problem('proof', `proof_${check.reason}`, lang)], SUMMARY.invalid[lang]);
    return check;
  }

  /** Spends the proof inside the tip's transaction: a rolled-back tip leaves it unspent. */
  async spendProof(manager: EntityManager, proof: { digest: string; expiresAt: Date }, lang: Lang): Promise<void> {
    if (!(await this.repository.spendProof(manager, proof.digest, proof.expiresAt))) {
      throw new ValidationFailed([problem('proof', 'proof_used', lang)], SUMMARY.invalid[lang]);
    }
  }
}
