import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import type { TipsterView } from '../cases/cases.service';
import { ClientKey } from '../common/anonymity/client-key';
import { Ctx, RequestContext } from '../common/request-context';
import { ApiErrors } from '../common/errors/api-errors';
import { ReceiptDto, TipsterMessageDto, TipsterViewDto } from './dto/submit-tip.dto';
import { ValidationFailed } from '../common/errors/domain-error';
import { unknownFields } from './field-allowlist';
import { pickLang, problem, SUMMARY } from './intake-messages';
import { TipsterService } from './tipster.service';

type Json = unknown;

/** The body as an object with only `allowed` fields, or a 400 naming the others. */
function fieldsOf(body: Json, allowed: readonly string[], queryLang: unknown): { b: Record<string, unknown>; lang: ReturnType<typeof pickLang> } {
  const b = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const lang = pickLang(queryLang, b.lang);
  if (body !== undefined && body !== null && b !== body) throw new ValidationFailed([problem('body', 'invalid_type', lang)], SUMMARY.invalid[lang]);
  const unknown = unknownFields(b, allowed, lang);
  if (unknown.length) throw new ValidationFailed(unknown, SUMMARY.invalid[lang]);
  return { b, lang };
}

@ApiTags('public')
@Controller('api/v1/tipster')
export class TipsterController {
  constructor(private readonly tipster: TipsterService) {}

  @Public()
  @Post('status')
  @HttpCode(200)
  @ApiOperation({ summary: "The tip's public status, updates and officers' questions, by receipt" })
  @ApiBody({ type: ReceiptDto })
  @ApiQuery({ name: 'lang', required: false, enum: ['vi', 'en'] })
  @ApiOkResponse({ type: TipsterViewDto, description: 'A wrong receipt gets 404 with a generic message.' })
  @ApiErrors(400, 404, 429)
  status(@ClientKey() client: string, @Body() body: Json, @Query('lang') queryLang?: unknown): Promise<TipsterView> {
    const { b, lang } = fieldsOf(body, ['receipt', 'lang', 'proof'], queryLang);
    return this.tipster.status(b.receipt, client, lang, b.proof);
  }

  @Public()
  @Post('messages')
  @HttpCode(201)
  @ApiOperation({ summary: "The tipster's answer; it lands on the case timeline" })
  @ApiBody({ type: TipsterMessageDto })
  @ApiQuery({ name: 'lang', required: false, enum: ['vi', 'en'] })
  @ApiCreatedResponse({ type: TipsterViewDto, description: 'The view after the answer.' })
  @ApiErrors(400, 404, 409, 429)
  reply(@ClientKey() client: string, @Body() body: Json, @Ctx() ctx: RequestContext, @Query('lang') queryLang?: unknown): Promise<TipsterView> {
    const { b, lang } = fieldsOf(body, ['receipt', 'body', 'lang', 'proof'], queryLang);
    return this.tipster.reply(ctx, b.receipt, b.body, client, lang, b.proof);
  }
}
