import { Controller, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ErrorBodyDto } from '../../common/errors/api-errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public, StaffPrincipal } from '../../auth/auth.decorators';
import { HotlineTipAcceptedDto, HotlineTipDto } from './dto/hotline-tip.dto';
import { HotlineService } from './hotline.service';

/** The call centre's system (or an operator console) files a caller's tip. */
@ApiTags('channels')
@Controller('api/v1/channels/hotline')
export class HotlineController {
  constructor(private readonly hotline: HotlineService) {}

  @Public()
  @Post('tips')
  @ApiOperation({
    summary: 'File a tip taken by phone (signed; idempotent)',
    description:
      'Signature: `X-Tipline-Signature: v1=<hex HMAC-SHA256(signing secret, timestamp + "\\n" + METHOD + "\\n" + path?query + "\\n" + body)>` with ' +
      '`X-Tipline-Timestamp` in Unix seconds, optionally with milliseconds (e.g. 1790000000.123; at most 5 minutes off). Sign each attempt anew: the same signature twice is a replay (401). ' +
      'A retry with the same `Idempotency-Key` and body gets the first response and makes no second tip; the same key with another body is 422. ' +
      "The caller's number is never accepted: a field that could carry it is refused with 400 `caller_number_refused`.",
  })
  @ApiHeader({ name: 'X-Api-Key', required: true, description: 'The channel client’s API key (npm run cli -- channel:create --kind hotline)' })
  @ApiHeader({ name: 'X-Tipline-Timestamp', required: true })
  @ApiHeader({ name: 'X-Tipline-Signature', required: true })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: '8–128 of A-Z a-z 0-9 . _ : -; one per call' })
  @ApiBody({ type: HotlineTipDto })
  @ApiCreatedResponse({ type: HotlineTipAcceptedDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'validation_failed: field problems (caller_number_refused, unknown_field, operator_required, idempotency_key_required, …)' })
  @ApiUnauthorizedResponse({ type: ErrorBodyDto, description: 'channel_auth_failed, signature_invalid, signature_stale, signature_replayed' })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'channel_client_disabled' })
  @ApiUnprocessableEntityResponse({ type: ErrorBodyDto, description: 'idempotency_key_reused' })
  async file(@Req() req: FastifyRequest & { rawBody?: Buffer; staff?: StaffPrincipal }, @Res() reply: FastifyReply): Promise<void> {
    const r = await this.hotline.deliver({
      requestId: String(req.id),
      method: req.method,
      url: req.url,
      headers: req.headers,
      rawBody: req.rawBody,
      body: req.body,
      staff: req.staff,
    });
    void reply.status(r.status).header('content-type', r.contentType).send(r.body);
  }
}
