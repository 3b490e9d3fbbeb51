import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.decorators';
import { QUEUE_SCRIPT } from './assets';

/** The queue's small script (keyboard shortcuts); only the pages that use it are signed in. */
@ApiExcludeController()
@Controller('console/assets')
export class CasesAssetsController {
  @Get('cases-queue.js')
  @Roles('officer', 'unit_lead', 'supervisor')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'private, max-age=31536000, immutable')
  queueScript(): string {
    return QUEUE_SCRIPT;
  }
}
