import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConsumes, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Open311DefinitionDto, Open311ErrorDto, Open311RequestAnswerDto, Open311ServiceDto, Open311TokenDto } from './dto/open311-responses.dto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../auth/auth.decorators';
import type { Lang } from '../../categories/category-catalogue';
import { DomainError } from '../../common/errors/domain-error';
import { CONTENT_TYPE, Format, render, splitFormat } from './open311-format';
import { Open311Failure, Open311Service } from './open311.service';

const langOf = (q: unknown): Lang => (q === 'en' ? 'en' : 'vi');
const formatOfUrl = (url: string): Format => (url.split('?')[0].endsWith('.xml') ? 'xml' : 'json');

/**
 * Open311 GeoReport v2 (a subset): services, a service's attributes, POST requests (answered
 * with a token), tokens. Requests are never listed or shown publicly. Errors use the spec's
 * `[{ code, description }]` in the chosen format.
 */
@ApiTags('open311')
@Controller('open311/v2')
export class Open311Controller {
  constructor(private readonly open311: Open311Service) {}

  private async answer(
    reply: FastifyReply,
    format: Format,
    kind: Parameters<typeof render>[1],
    work: () => unknown,
    status = 200,
  ): Promise<void> {
    try {
      const value = await work();
      void reply.status(status).header('content-type', CONTENT_TYPE[format]).send(render(format, kind, value));
    } catch (e) {
      let failure: Open311Failure;
      if (e instanceof Open311Failure) failure = e;
      else if (e instanceof DomainError && e.code === 'rate_limited') failure = new Open311Failure(429, [{ code: 429, description: e.message }]);
      else throw e;
      void reply.status(failure.status).header('content-type', CONTENT_TYPE[format]).send(render(format, 'errors', failure.errors));
    }
  }

  @Public()
  @Get(['services.json', 'services.xml'])
  @ApiOperation({ summary: 'GeoReport v2: the tip categories as services' })
  @ApiProduces('application/json', 'text/xml')
  @ApiOkResponse({ type: [Open311ServiceDto] })
  @ApiTooManyRequestsResponse({ type: [Open311ErrorDto], description: 'GeoReport v2 errors.' })
  services(@Req() req: FastifyRequest, @Query('lang') lang: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    return this.answer(reply, formatOfUrl(req.url), 'services', () => this.open311.services(langOf(lang)));
  }

  @Public()
  @Get('services/:file')
  @ApiOperation({ summary: 'GeoReport v2: a service definition (services/{service_code}.json|xml)' })
  @ApiProduces('application/json', 'text/xml')
  @ApiOkResponse({ type: Open311DefinitionDto })
  @ApiNotFoundResponse({ type: [Open311ErrorDto], description: 'No such service (GeoReport v2 errors).' })
  definition(@Param('file') file: string, @Query('lang') lang: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const f = splitFormat(file);
    return this.answer(reply, f?.format ?? 'json', 'definition', () => this.open311.definition(f?.name ?? file, langOf(lang)));
  }

  @Public()
  @Post(['requests.json', 'requests.xml'])
  @HttpCode(201)
  @ApiOperation({
    summary: 'GeoReport v2: submit a tip (api_key of an open311 channel client)',
    description:
      'Answers `[{ token, service_notice }]`; GET tokens/{token} gives the service_request_id. Personal fields (email, device_id, account_id, ' +
      'first_name, last_name, phone) are dropped unread and never stored or logged. `media_url` is refused (never fetched). `jurisdiction_id` is a province code.',
  })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiProduces('application/json', 'text/xml')
  @ApiCreatedResponse({ type: [Open311RequestAnswerDto] })
  @ApiBadRequestResponse({ type: [Open311ErrorDto], description: 'Field problems (GeoReport v2 errors).' })
  @ApiForbiddenResponse({ type: [Open311ErrorDto], description: 'A missing, wrong or disabled api_key.' })
  @ApiNotFoundResponse({ type: [Open311ErrorDto], description: 'No such service_code.' })
  @ApiTooManyRequestsResponse({ type: [Open311ErrorDto] })
  create(@Req() req: FastifyRequest, @Query('lang') lang: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const body = req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? { ...(req.body as Record<string, unknown>) } : {};
    return this.answer(reply, formatOfUrl(req.url), 'requests', () => this.open311.create(String(req.id), body, lang), 201);
  }

  @Public()
  @Get(['requests.json', 'requests.xml'])
  @ApiOperation({ summary: 'GeoReport v2: not offered — tips are never listed publicly (404 with an explanation)' })
  @ApiProduces('application/json', 'text/xml')
  @ApiNotFoundResponse({ type: [Open311ErrorDto], description: 'Always: requests are never listed publicly.' })
  list(@Req() req: FastifyRequest, @Query('lang') lang: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    return this.answer(reply, formatOfUrl(req.url), 'errors', () => this.open311.notListed(langOf(lang)));
  }

  @Public()
  @Get('requests/:file')
  @ApiOperation({ summary: 'GeoReport v2: not offered — a tip is never shown publicly (404 with an explanation)' })
  @ApiProduces('application/json', 'text/xml')
  @ApiNotFoundResponse({ type: [Open311ErrorDto], description: 'Always: a tip is never shown publicly.' })
  one(@Param('file') file: string, @Query('lang') lang: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    return this.answer(reply, splitFormat(file)?.format ?? 'json', 'errors', () => this.open311.notListed(langOf(lang)));
  }

  @Public()
  @Get('tokens/:file')
  @ApiOperation({ summary: 'GeoReport v2: the service_request_id a token stands for' })
  @ApiProduces('application/json', 'text/xml')
  @ApiOkResponse({ type: [Open311TokenDto] })
  @ApiNotFoundResponse({ type: [Open311ErrorDto], description: 'No such token.' })
  token(@Param('file') file: string, @Query('lang') lang: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const f = splitFormat(file);
    return this.answer(reply, f?.format ?? 'json', 'tokens', () => this.open311.token(f?.name ?? '', langOf(lang)));
  }
}
