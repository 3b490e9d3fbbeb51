import { Inject, Injectable } from '@nestjs/common';
import type { Challenge } from 'altcha-lib';
import { EntityManager } from 'typeorm';
import { ValidationFailed } from '../common/errors/domain-error';
import { UnitOfWork } from '../common/unit-of-work';
import { APP_CONFIG, AppConfig } from '../config/env';
import type { Lang } from '../categories/category-catalogue';
import { LimitsService, rateLimited, Rule } from '../limits/limits.service';
import { INTAKE_SECRETS, IntakeSecrets } from './intake-secrets';
import { problem, SUMMARY } from './intake-messages';
import { IntakeRepository } from './intake.repository';
import { ProofCheck, ProofOfWork, ProofPurpose, STATUS_PAGE_BINDING, VerifyOptions } from './proof-of-work';

const HOUR = 3_600_000;

export interface CheckedProof {
  digest: string;
  expiresAt: Date;
}

/**
 * Abuse control without identity: proofs (work, or a wait on the HTML form) that are single use,
 * and limits (src/limits) keyed by the request's client key, every event counted before the
 * work it admits.
 */
@Injectable()
export class AbuseService {
  readonly pow: ProofOfWork;
  readonly rules: {
    tip: Rule;
    lookup: Rule;
    failure: Rule;
    perReceipt: Rule;
    messagePerReceipt: Rule;
    messagePerClient: Rule;
    waitToken: Rule;
  };

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(INTAKE_SECRETS) secrets: IntakeSecrets,
    private readonly repository: IntakeRepository,
    readonly limits: LimitsService,
    private readonly uow: UnitOfWork,
  ) {
    this.pow = new ProofOfWork({
      secret: secrets.proofSecret,
      difficulty: config.INTAKE_POW_DIFFICULTY,
      minAgeSeconds: config.INTAKE_FORM_MIN_AGE_SECONDS,
      maxAgeSeconds: config.INTAKE_FORM_MAX_AGE_SECONDS,
      waitSeconds: config.INTAKE_NOJS_WAIT_SECONDS,
      receiptFactor: config.INTAKE_RECEIPT_POW_FACTOR,
    });
    const perHour = (limit: number): Rule => ({ limit, windowMs: HOUR });
    this.rules = {
      tip: perHour(config.INTAKE_TIPS_PER_HOUR),
      lookup: perHour(config.INTAKE_RECEIPT_LOOKUPS_PER_HOUR),
      failure: perHour(config.INTAKE_RECEIPT_FAILURES_PER_HOUR),
      perReceipt: perHour(config.INTAKE_LOOKUPS_PER_RECEIPT_PER_HOUR),
      messagePerReceipt: perHour(config.INTAKE_MESSAGES_PER_RECEIPT_PER_HOUR),
      messagePerClient: perHour(config.INTAKE_MESSAGES_PER_RECEIPT_PER_HOUR * 3),
      waitToken: perHour(config.INTAKE_WAIT_TOKENS_PER_HOUR),
    };
  }

  challenge(purpose: ProofPurpose = 'tip'): Promise<Challenge> {
    return this.pow.challenge(purpose);
  }

  /** A wait token for this rendered form, or null once the client has been given too many. */
  async waitToken(client: string, form: string): Promise<string | null> {
    const v = await this.limits.consume('wait-token', client, this.rules.waitToken);
    return v.ok ? this.pow.waitToken(form) : null;
  }

  /**
   * A receipt wait token for the HTML status page of a client past its failure limit (the JS-off
   * counterpart of the harder proof-of-work), or null once the client has been given as many this
   * hour as it may fail: a guesser gains at most that many slow look-ups, a tipster still gets in.
   */
  async receiptWaitToken(client: string): Promise<string | null> {
    const v = await this.limits.consume('receipt-wait-token', client, this.rules.failure);
    return v.ok ? this.pow.waitToken(STATUS_PAGE_BINDING, 'receipt') : null;
  }

  /** Counts one tip from this client before anything is read; 429 over the hourly limit. */
  async admitTip(client: string, lang: Lang): Promise<void> {
    await this.limits.require('tip', client, this.rules.tip, SUMMARY.rate_limited[lang]);
  }

  /** Checks the proof (before any transaction or photo decoding: it is cheap and refuses bots early). */
  async checkProof(proof: unknown, lang: Lang, opts: VerifyOptions = {}): Promise<CheckedProof> {
    const check: ProofCheck = await this.pow.verify(proof, opts);
    if (!check.ok) {
      const p = problem('proof', `proof_${check.reason}`, lang);
      if (check.remainingSeconds !== undefined) {
        (p as { remainingSeconds?: number }).remainingSeconds = check.remainingSeconds;
      }
      throw new ValidationFailed([p], SUMMARY.invalid[lang]);
    }
    return check;
  }

  /** Spends the proof inside the tip's transaction: a rolled-back tip leaves it unspent. */
  async spendProof(manager: EntityManager, proof: CheckedProof, lang: Lang): Promise<void> {
    // Kept until the next hour after expiry: an exact expiry would date the challenge, and so the tip.
    const keepUntil = new Date(Math.ceil(proof.expiresAt.getTime() / HOUR) * HOUR);
    if (!(await this.repository.spendProof(manager, proof.digest, keepUntil))) {
      throw new ValidationFailed([problem('proof', 'proof_used', lang)], SUMMARY.invalid[lang]);
    }
  }

  /** Spends a proof on its own (a receipt look-up's harder proof). */
  async spendProofAlone(proof: CheckedProof, lang: Lang): Promise<void> {
    await this.uow.run((m) => this.spendProof(m, proof, lang));
  }

  /** 429 with Retry-After, the message in the tipster's language. */
  tooMany(lang: Lang, retryAfterSeconds: number, extra: Record<string, unknown> = {}) {
    return rateLimited(SUMMARY.rate_limited[lang], retryAfterSeconds, extra);
  }
}
