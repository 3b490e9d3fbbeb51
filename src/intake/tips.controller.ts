import { Controller, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { ValidationFailed } from '../common/errors/domain-error';
import { ClientKey } from '../common/anonymity/client-key';
import { Ctx, RequestContext } from '../common/request-context';
import { APP_CONFIG, AppConfig } from '../config/env';
import { ApiErrors } from '../common/errors/api-errors';
import { AbuseService } from './abuse.service';
import { SubmitTipDto, SubmittedTipDto } from './dto/submit-tip.dto';
import { pickLang, SUMMARY } from './intake-messages';
import { readSubmission } from './submission-reader';
import { SubmittedTip, TipsService } from './tips.service';

@ApiTags('public')
@Controller('api/v1/tips')
export class TipsController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tips: TipsService,
    private readonly abuse: AbuseService,
  ) {}

  @Public()
  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Submit an anonymous tip (JSON, or multipart/form-data with photos)' })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: SubmitTipDto })
  @ApiQuery({ name: 'lang', required: false, enum: ['vi', 'en'] })
  @ApiCreatedResponse({ type: SubmittedTipDto })
  @ApiErrors(400, 413, 415, 429, 503)
  async submit(@Req() req: FastifyRequest, @ClientKey() client: string, @Query('lang') queryLang: string | undefined, @Ctx() ctx: RequestContext): Promise<SubmittedTip> {
    const hint = pickLang(queryLang);
    await this.abuse.admitTip(client, hint);
    const s = await readSubmission(req, { maxPhotos: this.config.INTAKE_MAX_PHOTOS, maxPhotoBytes: this.config.INTAKE_MAX_PHOTO_BYTES }, hint);
    const lang = pickLang(queryLang, s.fields.lang);
    if (s.problems.length) throw new ValidationFailed(s.problems, SUMMARY.invalid[lang]);
    const { lang: _l, ...fields } = s.fields;
    return this.tips.submit(ctx, fields, s.photos, lang);
  }
}
