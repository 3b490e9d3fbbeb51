import { Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { Public } from '../auth/auth.decorators';
import type { Lang } from '../categories/category-catalogue';
import { DomainError, FieldProblem, messageIn } from '../common/errors/domain-error';
import { httpStatusFor } from '../common/errors/error-codes';
import { ClientKey } from '../common/anonymity/client-key';
import { Ctx, RequestContext } from '../common/request-context';
import { AbuseService } from './abuse.service';
import { unknownFields } from './field-allowlist';
import { pickLang } from './intake-messages';
import { bodyOf, retryAfterOf, sendPage, str } from './page-helpers';
import { statusPage } from './pages/receipt-pages';
import { texts } from './pages/texts';
import { TipsterService } from './tipster.service';

/** A page to show instead of an error, when the error is the failed-address lock or its proof. */
interface ProofPage {
  status: number;
  error: string;
  proof: string;
  retryAfter?: number;
}

/**
 * The tipster's status pages (no JavaScript needed). An address past its failure limit is not
 * locked out here either: where the JSON API asks for a harder proof-of-work, these pages hand
 * out a receipt wait token (bound to these pages, single use, `receiptFactor` times the form's
 * wait, minted at most INTAKE_RECEIPT_FAILURES_PER_HOUR times an hour per client) and keep what
 * the tipster typed, so the tipster only waits and presses the button again.
 */
@ApiExcludeController()
@Controller()
export class StatusPageController {
  constructor(
    private readonly abuse: AbuseService,
    private readonly tipster: TipsterService,
  ) {}

  /**
   * The lock (429 asking for a receipt proof) gets a fresh wait token; a token sent too early is
   * kept with the seconds that remain; a spent, expired or foreign one gets a fresh one. Null for
   * any other error.
   */
  private async proofPage(e: DomainError, sent: unknown, client: string, lang: Lang): Promise<ProofPage | null> {
    const t = texts(lang);
    const details = e.details;
    const proofProblem = Array.isArray(details) ? (details.find((p: FieldProblem) => p.field === 'proof') as (FieldProblem & { remainingSeconds?: number }) | undefined) : undefined;
    const locked = e.code === 'rate_limited' && !!details && !Array.isArray(details) && details.proofRequired === 'receipt';
    if (!locked && !proofProblem) return null;
    if (proofProblem?.reason === 'proof_too_fast' && typeof sent === 'string' && sent.startsWith('wait:')) {
      return { status: 400, error: t.receiptWaitMore(proofProblem.remainingSeconds ?? 1), proof: sent };
    }
    const token = await this.abuse.receiptWaitToken(client);
    const wait = this.abuse.pow.receiptWaitSeconds;
    if (!token) return null;
    return { status: locked ? 429 : 400, error: t.receiptWait(wait), proof: token, retryAfter: Math.max(1, wait) };
  }

  private failed(reply: FastifyReply, nonce: string, lang: Lang, e: DomainError): void {
    const retryAfter = retryAfterOf(e);
    const limited = e.code === 'rate_limited';
    const message = limited && retryAfter !== undefined ? `${messageIn(e, lang)} ${texts(lang).retryIn(retryAfter)}` : messageIn(e, lang);
    sendPage(reply, httpStatusFor(e.code), nonce, statusPage(lang, nonce, { error: message }), retryAfter);
  }

  @Public()
  @Get('status')
  statusForm(@Query('lang') queryLang: unknown, @Query('sent') sent: unknown, @Res() reply: FastifyReply): void {
    const lang = pickLang(queryLang);
    const nonce = randomBytes(16).toString('base64');
    sendPage(reply, 200, nonce, statusPage(lang, nonce, { notice: sent === '1' ? texts(lang).replySent : undefined }));
  }

  @Public()
  @Post('status')
  async status(@Req() req: FastifyRequest, @ClientKey() client: string, @Query('lang') queryLang: unknown, @Res() reply: FastifyReply): Promise<void> {
    const body = bodyOf(req);
    const lang = pickLang(queryLang, body.lang);
    const nonce = randomBytes(16).toString('base64');
    const unknown = unknownFields(body, ['receipt', 'lang', 'proof'], lang);
    if (unknown.length) {
      sendPage(reply, 400, nonce, statusPage(lang, nonce, { error: unknown.map((p) => p.message).join(' ') }));
      return;
    }
    try {
      const view = await this.tipster.status(body.receipt, client, lang, body.proof, { onStatusPage: true });
      sendPage(reply, 200, nonce, statusPage(lang, nonce, { view, receipt: str(body.receipt) ?? '' }));
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      const p = await this.proofPage(e, body.proof, client, lang);
      if (p) {
        sendPage(reply, p.status, nonce, statusPage(lang, nonce, { error: p.error, proof: p.proof, receipt: str(body.receipt) ?? '' }), p.retryAfter);
        return;
      }
      this.failed(reply, nonce, lang, e);
    }
  }

  /** A reply, then a redirect (303) to the status page: reloading never sends it twice. */
  @Public()
  @Post('status/reply')
  async reply(@Req() req: FastifyRequest, @ClientKey() client: string, @Query('lang') queryLang: unknown, @Ctx() ctx: RequestContext, @Res() reply: FastifyReply): Promise<void> {
    const body = bodyOf(req);
    const lang = pickLang(queryLang, body.lang);
    const nonce = randomBytes(16).toString('base64');
    const receipt = str(body.receipt) ?? '';
    try {
      const unknown = unknownFields(body, ['receipt', 'body', 'lang', 'proof'], lang);
      if (unknown.length) throw new DomainError('validation_failed', '', unknown);
      const view = await this.tipster.reply(ctx, body.receipt, body.body, client, lang, body.proof, { onStatusPage: true });
      if (view.freshReceipt) {
        // The receipt was one an operator heard and has just been replaced: a redirect would lose
        // the new one, so this answer shows it (once) with the status.
        sendPage(reply, 201, nonce, statusPage(lang, nonce, { view, notice: texts(lang).replySentFresh }));
        return;
      }
      void reply.status(303).header('location', lang === 'en' ? '/status?lang=en&sent=1' : '/status?sent=1').header('cache-control', 'no-store').send();
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      const p = await this.proofPage(e, body.proof, client, lang);
      if (p) {
        // The reply waits for its token: the same text comes back in the reply form.
        sendPage(reply, p.status, nonce, statusPage(lang, nonce, { error: p.error, proof: p.proof, receipt, draft: str(body.body) ?? '' }), p.retryAfter);
        return;
      }
      if (e.code === 'validation_failed') {
        const view = await this.tipster.status(body.receipt, client, lang).catch(() => undefined);
        const msg = Array.isArray(e.details) ? e.details.map((d) => d.message).join(' ') : messageIn(e, lang);
        sendPage(reply, httpStatusFor(e.code), nonce, statusPage(lang, nonce, { view, receipt, replyError: msg, error: view ? undefined : msg }));
        return;
      }
      this.failed(reply, nonce, lang, e);
    }
  }
}
