import { Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { Public } from '../auth/auth.decorators';
import { CATEGORIES, Lang } from '../categories/category-catalogue';
import { DomainError, FieldProblem, messageIn } from '../common/errors/domain-error';
import { httpStatusFor } from '../common/errors/error-codes';
import { ClientKey } from '../common/anonymity/client-key';
import { Ctx, RequestContext } from '../common/request-context';
import { APP_CONFIG, AppConfig } from '../config/env';
import { LocalitiesService } from '../localities/localities.service';
import { AbuseService } from './abuse.service';
import { pickLang } from './intake-messages';
import { formPage, PlaceOption } from './pages/form-page';
import { pageHeaders } from './pages/layout';
import { receiptPage, statusPage } from './pages/receipt-pages';
import { texts } from './pages/texts';
import { formBinding } from './proof-of-work';
import { readSubmission } from './submission-reader';
import { TipsService } from './tips.service';
import { TipsterService } from './tipster.service';
import { unknownFields } from './field-allowlist';

const problemsOf = (e: DomainError, lang: Lang): FieldProblem[] =>
  Array.isArray(e.details) ? e.details : [{ field: 'form', reason: e.code, message: messageIn(e, lang) }];

const retryAfterOf = (e: unknown): number | undefined => {
  const d = e instanceof DomainError ? (e.details as { retryAfterSeconds?: unknown } | undefined) : undefined;
  return d && !Array.isArray(d) && typeof d.retryAfterSeconds === 'number' ? d.retryAfterSeconds : undefined;
};

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const bodyOf = (req: FastifyRequest): Record<string, unknown> =>
  req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};

/**
 * The citizen pages: server-rendered, no cookies, no external anything, work without JavaScript.
 * A domain error is shown on the page it came from, with the status of the one mapping
 * (`httpStatusFor`, as the JSON filter uses); anything else goes to the error filter (500).
 */
@ApiExcludeController()
@Controller()
export class FormController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly abuse: AbuseService,
    private readonly tips: TipsService,
    private readonly tipster: TipsterService,
    private readonly localities: LocalitiesService,
  ) {}

  private async places(parent?: string): Promise<PlaceOption[]> {
    const out: PlaceOption[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.localities.search({ level: parent ? 'commune' : 'province', parent, limit: 100, cursor });
      out.push(...page.items.map((l) => ({ code: l.code, name: l.fullName || l.name })));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && out.length < 2000);
    return out;
  }

  private send(reply: FastifyReply, status: number, nonce: string, body: string, retryAfter?: number): void {
    void reply.status(status).headers(pageHeaders(nonce));
    if (status === 429) void reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfter ?? 60))));
    void reply.send(body);
  }

  private async renderForm(
    reply: FastifyReply,
    client: string,
    status: number,
    lang: Lang,
    sel: { province?: unknown; category?: unknown; step?: unknown },
    values: Record<string, unknown>,
    problems: FieldProblem[],
    opts: { keepToken?: string; notices?: string[]; retryAfter?: number } = {},
  ): Promise<void> {
    const provinces = await this.places();
    const province = provinces.find((p) => p.code === sel.province) ?? null;
    const category = CATEGORIES.find((c) => c.code === sel.category) ?? null;
    const step1 = sel.step === '1' || sel.step === 'change';
    const communes = province && category && !step1 ? await this.places(province.code) : [];
    const nonce = randomBytes(16).toString('base64');
    const showsTipForm = !!(province && category && !step1);
    // A "too fast" form keeps its token (and so its original wait); other forms get a new one,
    // bound to this form and counted against the client's hourly allowance.
    const waitToken = !showsTipForm ? null : (opts.keepToken ?? (await this.abuse.waitToken(client, formBinding(lang, province.code, category.code))));
    this.send(
      reply,
      status,
      nonce,
      formPage({
        lang,
        nonce,
        provinces,
        step1,
        province,
        category,
        communes,
        values,
        problems,
        notices: opts.notices,
        waitToken,
        challenge: await this.abuse.challenge(),
        limits: {
          maxPhotos: this.config.INTAKE_MAX_PHOTOS,
          maxPhotoMb: Math.round(this.config.INTAKE_MAX_PHOTO_BYTES / 1_048_576),
          waitSeconds: Math.max(this.config.INTAKE_NOJS_WAIT_SECONDS, this.config.INTAKE_FORM_MIN_AGE_SECONDS),
          minAgeSeconds: this.config.INTAKE_FORM_MIN_AGE_SECONDS,
        },
      }),
      opts.retryAfter,
    );
  }

  /**
   * The form. Its own step 1 posts (so province and kind of tip never enter the URL or the
   * browser history); `?province=&category=` links made elsewhere still open step 2.
   */
  @Public()
  @Get()
  async form(@Query() query: Record<string, unknown>, @ClientKey() client: string, @Res() reply: FastifyReply): Promise<void> {
    await this.renderForm(reply, client, 200, pickLang(query.lang), { province: str(query.province), category: str(query.category), step: str(query.step) }, {}, []);
  }

  @Public()
  @Post()
  async submit(@Req() req: FastifyRequest, @ClientKey() client: string, @Query('lang') queryLang: unknown, @Ctx() ctx: RequestContext, @Res() reply: FastifyReply): Promise<void> {
    let lang = pickLang(queryLang);
    let fields: Record<string, unknown> = {};
    let photosSent = 0;
    const type = String(req.headers['content-type'] ?? '');
    // Step 1 (and "change"): a small URL-encoded POST choosing province and kind of tip.
    if (!type.startsWith('multipart/form-data')) {
      const b = bodyOf(req);
      if (b.step === 'choose' || b.step === 'change') {
        const l = pickLang(queryLang, b.lang);
        await this.renderForm(reply, client, 200, l, { province: str(b.province), category: str(b.category), step: b.step === 'change' ? 'change' : undefined }, {}, []);
        return;
      }
    }
    try {
      await this.abuse.admitTip(client, lang);
      const s = await readSubmission(req, { maxPhotos: this.config.INTAKE_MAX_PHOTOS, maxPhotoBytes: this.config.INTAKE_MAX_PHOTO_BYTES }, lang);
      fields = s.fields;
      photosSent = s.photos.length + s.problems.filter((p) => p.field.startsWith('photos')).length;
      lang = pickLang(queryLang, fields.lang);
      if (s.problems.length) throw new DomainError('validation_failed', '', s.problems);
      const { lang: _l, province: _p, ...tip } = fields;
      const { reference, receipt } = await this.tips.submit(ctx, tip, s.photos, lang, { waitFor: formBinding(fields.lang ?? lang, fields.province, fields.category) });
      const nonce = randomBytes(16).toString('base64');
      this.send(reply, 201, nonce, receiptPage(lang, nonce, reference, receipt));
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      const problems = problemsOf(e, lang);
      const limited = e.code === 'rate_limited';
      const status = httpStatusFor(e.code);
      const t = texts(lang);
      const notices: string[] = [];
      const retryAfter = retryAfterOf(e);
      if (limited && retryAfter !== undefined) notices.push(t.retryIn(retryAfter));
      const tooFast = problems.find((p) => p.reason === 'proof_too_fast') as (FieldProblem & { remainingSeconds?: number }) | undefined;
      let keepToken: string | undefined;
      if (tooFast && typeof fields.proof === 'string' && fields.proof.startsWith('wait:')) {
        // The same token again: the citizen waits only what remains, not the whole wait anew.
        keepToken = fields.proof;
        notices.push(t.waitMore(tooFast.remainingSeconds ?? 1));
      }
      if (photosSent > 0) notices.push(t.reattachPhotos);
      const { proof: _proof, ...keep } = fields;
      await this.renderForm(reply, client, status, lang, { province: fields.province, category: fields.category }, keep, problems, { keepToken, notices, retryAfter });
    }
  }

  @Public()
  @Get('status')
  statusForm(@Query('lang') queryLang: unknown, @Query('sent') sent: unknown, @Res() reply: FastifyReply): void {
    const lang = pickLang(queryLang);
    const nonce = randomBytes(16).toString('base64');
    this.send(reply, 200, nonce, statusPage(lang, nonce, { notice: sent === '1' ? texts(lang).replySent : undefined }));
  }

  @Public()
  @Post('status')
  async status(@Req() req: FastifyRequest, @ClientKey() client: string, @Query('lang') queryLang: unknown, @Res() reply: FastifyReply): Promise<void> {
    const body = bodyOf(req);
    const lang = pickLang(queryLang, body.lang);
    const nonce = randomBytes(16).toString('base64');
    const unknown = unknownFields(body, ['receipt', 'lang'], lang);
    if (unknown.length) {
      this.send(reply, 400, nonce, statusPage(lang, nonce, { error: unknown.map((p) => p.message).join(' ') }));
      return;
    }
    try {
      const view = await this.tipster.status(body.receipt, client, lang);
      this.send(reply, 200, nonce, statusPage(lang, nonce, { view, receipt: str(body.receipt) ?? '' }));
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      const retryAfter = retryAfterOf(e);
      const limited = e.code === 'rate_limited';
      const message = limited && retryAfter !== undefined ? `${messageIn(e, lang)} ${texts(lang).retryIn(retryAfter)}` : messageIn(e, lang);
      this.send(reply, httpStatusFor(e.code), nonce, statusPage(lang, nonce, { error: message }), retryAfter);
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
      const unknown = unknownFields(body, ['receipt', 'body', 'lang'], lang);
      if (unknown.length) throw new DomainError('validation_failed', '', unknown);
      const view = await this.tipster.reply(ctx, body.receipt, body.body, client, lang);
      if (view.freshReceipt) {
        // The receipt was one an operator heard and has just been replaced: a redirect would lose
        // the new one, so this answer shows it (once) with the status.
        this.send(reply, 201, nonce, statusPage(lang, nonce, { view, notice: texts(lang).replySentFresh }));
        return;
      }
      void reply.status(303).header('location', lang === 'en' ? '/status?lang=en&sent=1' : '/status?sent=1').header('cache-control', 'no-store').send();
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      if (e.code === 'validation_failed') {
        const view = await this.tipster.status(body.receipt, client, lang).catch(() => undefined);
        const msg = Array.isArray(e.details) ? e.details.map((d) => d.message).join(' ') : messageIn(e, lang);
        this.send(reply, httpStatusFor(e.code), nonce, statusPage(lang, nonce, { view, receipt, replyError: msg, error: view ? undefined : msg }));
        return;
      }
      const retryAfter = retryAfterOf(e);
      const limited = e.code === 'rate_limited';
      const message = limited && retryAfter !== undefined ? `${messageIn(e, lang)} ${texts(lang).retryIn(retryAfter)}` : messageIn(e, lang);
      this.send(reply, httpStatusFor(e.code), nonce, statusPage(lang, nonce, { error: message }), retryAfter);
    }
  }
}
