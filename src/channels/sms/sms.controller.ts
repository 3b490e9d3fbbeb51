import { Controller, Headers, Post, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ApiErrors } from '../../common/errors/api-errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../auth/auth.decorators';
import { SmsService } from './sms.service';
import type { FormParams } from './twilio-signature';

/** The webhook a Twilio-compatible SMS gateway calls for each inbound text. */
@ApiTags('channels')
@Controller('api/v1/channels/sms')
export class SmsController {
  constructor(private readonly sms: SmsService) {}

  @Public()
  @Post('inbound')
  @ApiOperation({
    summary: 'Inbound SMS webhook (Twilio-compatible; signed)',
    description:
      'Form-encoded `From`, `To`, `Body`, `MessageSid`, … signed with `X-Twilio-Signature` over the public URL configured for the client ' +
      '(channel:create --kind sms --url …). Answers TwiML with the receipt (Vietnamese). A text beginning with a receipt continues that tip; ' +
      "the receipt alone reads the officers' questions. `MessageSid` is the idempotency key. The sender's number is used only in memory for a rate limit.",
  })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiProduces('text/xml')
  @ApiHeader({ name: 'X-Twilio-Signature', required: true })
  @ApiOkResponse({
    description: 'TwiML <Response><Message>…</Message></Response>',
    schema: { type: 'string', example: '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Tin bao da duoc tiep nhan. Ma bien nhan: 4821 0937 5520 1184. Hay giu kin ma nay. …</Message></Response>' },
  })
  @ApiErrors(401, 429)
  async inbound(@Req() req: FastifyRequest, @Headers('x-twilio-signature') signature: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const body = req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as FormParams) : {};
    const r = await this.sms.inbound(String(req.id), body, signature);
    void reply.status(r.status).header('content-type', r.contentType).send(r.body);
  }
}
