import { Injectable } from '@nestjs/common';
import { CasesService, MESSAGE_MAX_LENGTH, TipsterView } from '../cases/cases.service';
import type { Lang } from '../categories/category-catalogue';
import { DomainError, ValidationFailed } from '../common/errors/domain-error';
import type { RequestContext } from '../common/request-context';
import { AbuseService } from './abuse.service';
import { problem, SUMMARY } from './intake-messages';
import { newReceipt, normalizeReceipt } from './receipt';
import { TipsRepository } from '../tips/tips.repository';
import { TipsService } from './tips.service';

/** Every receipt look-up takes at least this long, found or not, so timing tells nothing. */
export const RECEIPT_LOOKUP_FLOOR_MS = 250;
/** The same limit the case side applies to every message. */
export const TIPSTER_MESSAGE_MAX = MESSAGE_MAX_LENGTH;

/** The tipster's view; `freshReceipt` once, when the receipt used was one an operator heard. */
export type TipsterViewWithReceipt = TipsterView & { freshReceipt?: string };

const withFresh = (view: TipsterView, freshReceipt: string | undefined): TipsterViewWithReceipt => (freshReceipt ? { ...view, freshReceipt } : view);

/**
 * The tipster's side of the dialogue, reached with the receipt only. A wrong receipt always
 * costs the same argon2id hash, gets the same answer, and counts against the caller's
 * HMAC-keyed failure limit (slower and slower, then refused).
 */
@Injectable()
export class TipsterService {
  constructor(
    private readonly abuse: AbuseService,
    private readonly tips: TipsRepository,
    private readonly tipsService: TipsService,
    private readonly cases: CasesService,
  ) {}

  private async findCase(receipt: unknown, client: string, lang: Lang): Promise<{ caseId: string; freshReceipt?: string }> {
    this.abuse.admitReceiptLookup(client, lang);
    const digits = normalizeReceipt(receipt);
    // Hash even a malformed receipt: the work (and the time) is the same either way.
    const hash = await this.tipsService.hasher.hash(digits ?? String(receipt ?? '').slice(0, 64));
    const tip = digits ? await this.tips.findByReceiptHash(hash) : null;
    if (!tip) {
      await this.abuse.receiptFailed(client);
      throw new DomainError('not_found', SUMMARY.receipt_not_found[lang]);
    }
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

  status(receipt: unknown, client: string, lang: Lang): Promise<TipsterViewWithReceipt> {
    return this.padded(async () => {
      const found = await this.findCase(receipt, client, lang);
      return withFresh(await this.cases.tipsterView(found.caseId, lang), found.freshReceipt);
    });
  }

  async reply(ctx: RequestContext, receipt: unknown, body: unknown, client: string, lang: Lang): Promise<TipsterViewWithReceipt> {
    const text = typeof body === 'string' ? body.trim() : '';
    if (!text) throw new ValidationFailed([problem('body', 'required', lang)], SUMMARY.invalid[lang]);
    if ([...text].length > TIPSTER_MESSAGE_MAX) throw new ValidationFailed([problem('body', 'too_long', lang)], SUMMARY.invalid[lang]);
    return this.padded(async () => {
      const found = await this.findCase(receipt, client, lang);
      await this.cases.addTipsterMessage(ctx, found.caseId, text);
      return withFresh(await this.cases.tipsterView(found.caseId, lang), found.freshReceipt);
    });
  }
}
