import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { HealthDto } from './health-response.dto';
import { HealthRepository } from './health.repository';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthRepository) {}

  @Get()
  @ApiOkResponse({ type: HealthDto, description: 'The service and its database answer.' })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'The database does not answer.', example: { status: 'error', database: 'down' } })
  async check(@Res({ passthrough: true }) reply: FastifyReply) {
    const up = await this.health.ping(2000);
    if (!up) reply.status(503);
    return { status: up ? 'ok' : 'error', database: up ? 'up' : 'down' };
  }
}
