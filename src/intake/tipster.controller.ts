import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import type { TipsterView } from '../cases/cases.service';
import { ClientKey } from '../common/anonymity/client-key';
import { Ctx, RequestContext } from '../common/request-context';
import { ReceiptDto, TipsterMessageDto } from './dto/submit-tip.dto';
import { pickLang } from './intake-messages';
import { TipsterService } from './tipster.service';

type Json = Record<string, unknown> | undefined;

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
  @ApiOkResponse({ description: '{ reference, status, updates, messages }; a wrong receipt gets 404 with a generic message' })
  status(@ClientKey() client: string, @Body() body: Json, @Query('lang') lang?: string): Promise<TipsterView> {
    return this.tipster.status(body?.receipt, client, pickLang(lang, body?.lang));
  }

  @Public()
  @Post('messages')
  @HttpCode(201)
  @ApiOperation({ summary: "The tipster's answer; it lands on the case timeline" })
  @ApiBody({ type: TipsterMessageDto })
  @ApiQuery({ name: 'lang', required: false, enum: ['vi', 'en'] })
  reply(@ClientKey() client: string, @Body() body: Json, @Ctx() ctx: RequestContext, @Query('lang') lang?: string): Promise<TipsterView> {
    return this.tipster.reply(ctx, body?.receipt, body?.body, client, pickLang(lang, body?.lang));
  }
}
