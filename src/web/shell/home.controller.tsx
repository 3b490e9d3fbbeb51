import { Controller, Get, Res } from '@nestjs/common';
import { NotFound } from '../../common/errors/domain-error';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Role, Roles, ROLES } from '../../auth/auth.decorators';
import { ConsoleContext, ConsoleCtx } from './console-context';
import { Page } from './page';
import { redirect, sendPage } from './render';
import { tr } from './texts';

/** Where each role starts its work. */
export const HOME_OF: Partial<Record<Role, string>> = {
  officer: '/console/queue',
  unit_lead: '/console/queue',
  supervisor: '/console/dashboard',
  auditor: '/console/audit',
  admin: '/console/admin',
};

/** /console: a redirect to the role's own page (a hotline operator, who has none, gets a page with the public form's link). */
@ApiExcludeController()
@Controller('console')
export class ConsoleHomeController {
  @Roles(...ROLES)
  @Get()
  home(@ConsoleContext() ctx: ConsoleCtx, @Res() reply: FastifyReply) {
    const target = HOME_OF[ctx.user.role];
    if (target) return redirect(reply, target);
    return sendPage(
      reply,
      <Page ctx={ctx} title={tr(ctx, { vi: 'Trang chính', en: 'Home' })}>
        <p>
          {tr(ctx, { vi: 'Vai trò của bạn không có trang riêng trong bảng điều khiển. Tiếp nhận tin báo qua ', en: 'Your role has no page of its own in the console. File tips through ' })}
          <a href="/">{tr(ctx, { vi: 'biểu mẫu báo tin', en: 'the tip form' })}</a>.
        </p>
      </Page>,
    );
  }
}

/**
 * Any other /console path: a 404 page, but only after the session guard has run, so that a
 * signed-out visitor is sent to sign in (and back) and a signed-in one sees the navigation.
 * Fastify's router prefers every static or parametric route to this wildcard.
 */
@ApiExcludeController()
@Controller('console')
export class ConsoleNotFoundController {
  @Roles(...ROLES)
  @Get('*')
  notFound(): never {
    throw new NotFound('Page');
  }
}
