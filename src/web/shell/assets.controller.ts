import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../../auth/auth.decorators';
import { CONSOLE_CSS } from './assets';

/** The console's stylesheet (public: the sign-in page needs it too). */
@ApiExcludeController()
@Controller('console/assets')
export class ConsoleAssetsController {
  @Public()
  @Get('console.css')
  @Header('content-type', 'text/css; charset=utf-8')
  // The page links it with ?v=<hash of the content>: a changed stylesheet has a new URL.
  @Header('cache-control', 'public, max-age=31536000, immutable')
  stylesheet(): string {
    return CONSOLE_CSS;
  }
}
