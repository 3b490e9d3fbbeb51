import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/errors/api-errors';

import type { FastifyReply } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Public } from '../auth/auth.decorators';
import { DomainError } from '../common/errors/domain-error';
import { APP_CONFIG, AppConfig } from '../config/env';
import { MetricsService } from './metrics.service';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Prometheus scrape endpoint. Not a staff route (scrapers hold no session): when METRICS_TOKEN
 * is set (required in production) the scraper sends it as a bearer token.
 */
@ApiTags('operations')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiBearerAuth()
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'Prometheus text format.',
    schema: { type: 'string', example: '# TYPE http_requests_total counter\nhttp_requests_total{method="GET",route="/health",status="200"} 2\n' },
  })
  @ApiErrors(401)
  render(@Res({ passthrough: true }) reply: FastifyReply, @Headers('authorization') authorization?: string): Promise<string> {
    const token = this.config.METRICS_TOKEN;
    if (token) {
      const sent = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '';
      // Compare digests: equal length, constant time, whatever was sent.
      if (!timingSafeEqual(digest(sent), digest(token))) {
        throw new DomainError('unauthenticated', 'GET /metrics needs the METRICS_TOKEN as a bearer token.');
      }
    }
    // Set only on success: an error answer is JSON.
    void reply.header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8');
    return this.metrics.render();
  }
}
