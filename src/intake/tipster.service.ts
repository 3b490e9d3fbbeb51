import { Injectable } from '@nestjs/common';
import { CasesService, TipsterView } from '../cases/cases.service';
import { MESSAGE_MAX_LENGTH, textLength } from '../common/text-limits';
import type { Lang } from '../categories/category-catalogue';
import { DomainError, ValidationFailed } from '../common/errors/domain-error';
import type { RequestContext } from '../common/request-context';
import { AbuseService } from './abuse.service';
import { problem, SUMMARY } from './intake-messages';
import { STATUS_PAGE_BINDING } from './proof-of-work';
import { newReceipt, normalizeReceipt } from './receipt';
import { TipsRepository } from '../tips/tips.repository';
import { TipsService } from './tips.service';

/** Every receipt look-up takes at least this long, found or not, so timing tells nothing. */
export const RECEIPT_LOOKUP_FLOOR_MS = 250;

/** Where a look-up came from: the HTML status page also takes a receipt wait token as its proof. */
export interface PageProof {
  onStatusPage?: boolean;
}

/** The tipster's view; `freshReceipt` once, when the receipt used was one an operator heard. */
export type TipsterViewWithReceipt = TipsterView & { freshReceipt?: string };

const withFresh = (view: TipsterView, freshReceipt: string | undefined): TipsterViewWithReceipt => (freshReceipt ? { ...view, freshReceipt } : view);

/**
 * The tipster's side of the dialogue, reached with the receipt only. Every look-up is counted
 * before any work: per client (all look-ups), as a failure until it turns out right (so 60
 * concurrent wrong receipts cannot all pass the check before any is counted), and per receipt.
 * A wrong receipt always costs the same argon2id hash and gets the same answer. A client past
 * its failure limit is not locked out: it must send a harder proof-of-work with each look-up
 * (`proof`, from GET /api/v1/intake/challenge?purpose=receipt), so a tipster behind the same
 * carrier address as a guesser still gets through, slowly. At most a few hashes per client run
 * at once, and the pool admits a bounded queue.
 */
@Injectable()
export class TipsterService {
  constructor(
    private readonly abuse: AbuseService,
    private readonly tips: TipsRepository,
    private readonly tipsService: TipsService,
    private readonly cases: CasesService,
  ) {}

  private async findCase(receipt: unknown, client: string, lang: Lang, proof: unknown, page: PageProof): Promise<{ caseId: string; freshReceipt?: string }> {
    const { limits, rules } = this.abuse;
    await limits.require('lookup', client, rules.lookup, SUMMARY.rate_limited[lang]);
    // Counted as a failure now; given back if the receipt is right.
    const failures = await limits.consume('receipt-failure', client, rules.failure);
    if (!failures.ok) {
      if (proof === undefined || proof === null || proof === '') throw this.abuse.tooMany(lang, failures.retryAfterSeconds, { proofRequired: 'receipt' });
      const checked = await this.abuse.checkProof(proof, lang, { purpose: 'receipt', waitFor: page.onStatusPage ? STATUS_PAGE_BINDING : undefined });
      await this.abuse.spendProofAlone(checked, lang);
    }
    const digits = normalizeReceipt(receipt);
    // Hash even a malformed receipt: the work (and the time) is the same either way.
    const hashed = await limits.hashGate.run(client, () => this.tipsService.hasher.hash(digits ?? (typeof receipt === 'string' ? receipt.slice(0, 64) : '')));
    if (!hashed.ok) throw this.abuse.tooMany(lang, 1);
    const hash = hashed.value;
    const tip = digits ? await this.tips.findByReceiptHash(hash) : null;
    if (!tip) {
      if (failures.count > 3) await new Promise((r) => setTimeout(r, Math.min(250 * (failures.count - 3), 3000)));
      throw new DomainError('not_found', SUMMARY.receipt_not_found[lang]);
    }
    await limits.giveBack('receipt-failure', client, rules.failure);
    await limits.require('receipt', tip.caseId, rules.perReceipt, SUMMARY.rate_limited[lang]);
    if (!tip.receiptReissue) return { caseId: tip.caseId };
    // An operator heard this receipt (hotline): the tipster gets one nobody else knows, and the old one stops working.
    const fresh = newReceipt();
    const replaced = await this.tips.reissueReceipt(tip.id, hash, await this.tipsService.hasher.hash(fresh.replace(/ /g, '')));
    return replaced ? { caseId: tip.caseId, freshReceipt: fresh } : { caseId: tip.caseId };
  }

  /** Runs a receipt operation and answers no sooner than the floor, found or not. */
  private async padded<T>(work: () => Promise<T>): Promise<T> {
    const started = Date.now();
    try {
      return await work();
    } finally {
      const wait = RECEIPT_LOOKUP_FLOOR_MS - (Date.now() - started);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  }

  status(receipt: unknown, client: string, lang: Lang, proof?: unknown, page: PageProof = {}): Promise<TipsterViewWithReceipt> {
    return this.padded(async () => {
      const found = await this.findCase(receipt, client, lang, proof, page);
      return withFresh(await this.cases.tipsterView(found.caseId, lang), found.freshReceipt);
    });
  }

  async reply(ctx: RequestContext, receipt: unknown, body: unknown, client: string, lang: Lang, proof?: unknown, page: PageProof = {}): Promise<TipsterViewWithReceipt> {
    const text = typeof body === 'string' ? body.trim() : '';
    if (body !== undefined && typeof body !== 'string') throw new ValidationFailed([problem('body', 'invalid_type', lang)], SUMMARY.invalid[lang]);
    if (!text) throw new ValidationFailed([problem('body', 'required', lang)], SUMMARY.invalid[lang]);
    if (textLength(text) > MESSAGE_MAX_LENGTH) throw new ValidationFailed([problem('body', 'too_long', lang)], SUMMARY.invalid[lang]);
    return this.padded(async () => {
      const { limits, rules } = this.abuse;
      await limits.require('message-client', client, rules.messagePerClient, SUMMARY.rate_limited[lang]);
      const found = await this.findCase(receipt, client, lang, proof, page);
      await limits.require('message-receipt', found.caseId, rules.messagePerReceipt, SUMMARY.rate_limited[lang]);
      await this.cases.addTipsterMessage(ctx, found.caseId, text);
      return withFresh(await this.cases.tipsterView(found.caseId, lang), found.freshReceipt);
    });
  }
}
