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
import { receiptPage } from './pages/receipt-pages';
import { texts } from './pages/texts';
import { formBinding } from './proof-of-work';
import { bodyOf, retryAfterOf, sendPage, str } from './page-helpers';
import { readSubmission } from './submission-reader';
import { TipsService } from './tips.service';

const problemsOf = (e: DomainError, lang: Lang): FieldProblem[] =>
  Array.isArray(e.details) ? e.details : [{ field: 'form', reason: e.code, message: messageIn(e, lang) }];

/**
 * The citizen form (the status pages are in status-page.controller.ts): server-rendered, no cookies, no external anything, work without JavaScript.
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
    sendPage(reply, status, nonce, body, retryAfter);
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
}
