import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/auth.decorators';
import { ConsoleContext, ConsoleCtx } from '../shell/console-context';
import { sendPage } from '../shell/render';
import { ADMIN_AREA_ROLES } from './admin-ui';
import { AdminIndexPage } from './index-page';

@ApiExcludeController()
@Controller('console/admin')
export class AdminIndexController {
  /** The admin pages the user may open (admins all; auditors and supervisors the read-only ones). */
  @Get()
  @Roles(...ADMIN_AREA_ROLES)
  index(@ConsoleContext() ctx: ConsoleCtx, @Res() reply: FastifyReply) {
    return sendPage(reply, <AdminIndexPage ctx={ctx} />);
  }
}
