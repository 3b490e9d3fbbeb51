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
import { readSubmission } from './submission-reader';
import { TipsService } from './tips.service';
import { TipsterService } from './tipster.service';

const problemsOf = (e: DomainError, lang: Lang): FieldProblem[] =>
  Array.isArray(e.details) ? e.details : [{ field: 'form', reason: e.code, message: messageIn(e, lang) }];

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

  private send(reply: FastifyReply, status: number, nonce: string, body: string): void {
    void reply.status(status).headers(pageHeaders(nonce)).send(body);
  }

  private async renderForm(
    reply: FastifyReply,
    status: number,
    lang: Lang,
    sel: { province?: unknown; category?: unknown; step?: unknown },
    values: Record<string, unknown>,
    problems: FieldProblem[],
  ): Promise<void> {
    const provinces = await this.places();
    const province = provinces.find((p) => p.code === sel.province) ?? null;
    const category = CATEGORIES.find((c) => c.code === sel.category) ?? null;
    const step1 = sel.step === '1';
    const communes = province && category && !step1 ? await this.places(province.code) : [];
    const nonce = randomBytes(16).toString('base64');
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
        waitToken: this.abuse.waitToken(),
        challenge: await this.abuse.challenge(),
        limits: {
          maxPhotos: this.config.INTAKE_MAX_PHOTOS,
          maxPhotoMb: Math.round(this.config.INTAKE_MAX_PHOTO_BYTES / 1_048_576),
          waitSeconds: Math.max(this.config.INTAKE_NOJS_WAIT_SECONDS, this.config.INTAKE_FORM_MIN_AGE_SECONDS),
          minAgeSeconds: this.config.INTAKE_FORM_MIN_AGE_SECONDS,
        },
      }),
    );
  }

  @Public()
  @Get()
  async form(@Query() query: Record<string, string>, @Res() reply: FastifyReply): Promise<void> {
    await this.renderForm(reply, 200, pickLang(query.lang), query, {}, []);
  }

  @Public()
  @Post()
  async submit(@Req() req: FastifyRequest, @ClientKey() client: string, @Query('lang') queryLang: string | undefined, @Ctx() ctx: RequestContext, @Res() reply: FastifyReply): Promise<void> {
    let lang = pickLang(queryLang);
    let fields: Record<string, unknown> = {};
    try {
      this.abuse.admitTip(client, lang);
      const s = await readSubmission(req, { maxPhotos: this.config.INTAKE_MAX_PHOTOS, maxPhotoBytes: this.config.INTAKE_MAX_PHOTO_BYTES }, lang);
      fields = s.fields;
      lang = pickLang(queryLang, fields.lang);
      if (s.problems.length) throw new DomainError('validation_failed', '', s.problems);
      const { lang: _l, province: _p, ...tip } = fields;
      const { reference, receipt } = await this.tips.submit(ctx, tip, s.photos, lang);
      const nonce = randomBytes(16).toString('base64');
      this.send(reply, 201, nonce, receiptPage(lang, nonce, reference, receipt));
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      const { proof: _proof, ...keep } = fields;
      await this.renderForm(reply, httpStatusFor(e.code), lang, { province: fields.province, category: fields.category }, keep, problemsOf(e, lang));
    }
  }

  @Public()
  @Get('status')
  statusForm(@Query('lang') queryLang: string | undefined, @Res() reply: FastifyReply): void {
    const nonce = randomBytes(16).toString('base64');
    this.send(reply, 200, nonce, statusPage(pickLang(queryLang), nonce, {}));
  }

  @Public()
  @Post('status')
  async status(@Req() req: FastifyRequest, @ClientKey() client: string, @Query('lang') queryLang: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const lang = pickLang(queryLang, body.lang);
    const nonce = randomBytes(16).toString('base64');
    try {
      const view = await this.tipster.status(body.receipt, client, lang);
      this.send(reply, 200, nonce, statusPage(lang, nonce, { view, receipt: String(body.receipt) }));
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      this.send(reply, httpStatusFor(e.code), nonce, statusPage(lang, nonce, { error: messageIn(e, lang) }));
    }
  }

  @Public()
  @Post('status/reply')
  async reply(@Req() req: FastifyRequest, @ClientKey() client: string, @Query('lang') queryLang: string | undefined, @Ctx() ctx: RequestContext, @Res() reply: FastifyReply): Promise<void> {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const lang = pickLang(queryLang, body.lang);
    const nonce = randomBytes(16).toString('base64');
    try {
      const view = await this.tipster.reply(ctx, body.receipt, body.body, client, lang);
      this.send(reply, 201, nonce, statusPage(lang, nonce, { view, receipt: String(body.receipt), notice: texts(lang).replySent }));
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      if (e.code === 'validation_failed') {
        const view = await this.tipster.status(body.receipt, client, lang).catch(() => undefined);
        const msg = Array.isArray(e.details) ? e.details.map((d) => d.message).join(' ') : messageIn(e, lang);
        this.send(reply, httpStatusFor(e.code), nonce, statusPage(lang, nonce, { view, receipt: String(body.receipt ?? ''), replyError: msg, error: view ? undefined : msg }));
        return;
      }
      this.send(reply, httpStatusFor(e.code), nonce, statusPage(lang, nonce, { error: messageIn(e, lang) }));
    }
  }
}
