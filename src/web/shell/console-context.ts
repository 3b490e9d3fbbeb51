import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { StaffPrincipal } from '../../auth/auth.decorators';
import { langOfHeader } from '../../common/i18n';
import { csrfTokenFor } from '../../staff/session-token';
import { SESSION_COOKIE } from '../../staff/staff.decorators';
import { refererPath } from './paths';

export type ConsoleLang = 'vi' | 'en';

/** What every console page needs to render: who, in which language, the form token, where. */
export interface ConsoleCtx {
  lang: ConsoleLang;
  user: StaffPrincipal;
  /** The session's CSRF token, put in every form's hidden `_csrf` field. */
  csrf: string;
  /**
   * The current URL, path and query (e.g. `/console/queue?sort=due`); for a form's POST answered
   * with a page (a form shown again with its problems), the page the form was on, so that links
   * such as the language switch lead to a page that exists.
   */
  path: string;
}

/** The cookie that keeps the language chosen with the switch (not a secret; read on the server only). */
export const LANG_COOKIE = 'tipline_console_lang';

type ConsoleRequest = FastifyRequest & { staff?: StaffPrincipal; cookies?: Record<string, string | undefined> };

const asLang = (v: unknown): ConsoleLang | null => (v === 'vi' || v === 'en' ? v : null);

/** The language of a console request: `?lang=`, then the switch's cookie, then Accept-Language (vi by default). */
export function consoleLang(request: FastifyRequest): ConsoleLang {
  const query = asLang((request.query as Record<string, unknown> | undefined)?.lang);
  if (query) return query;
  const cookie = asLang((request as ConsoleRequest).cookies?.[LANG_COOKIE]);
  return cookie ?? langOfHeader(request.headers['accept-language']);
}

/** The CSRF token of the request's session cookie ('' without one). */
export function consoleCsrf(request: FastifyRequest): string {
  const token = (request as ConsoleRequest).cookies?.[SESSION_COOKIE];
  return token ? csrfTokenFor(token) : '';
}

/** The context of a request the global SessionGuard has let through (a signed-in staff member). */
export function consoleContextOf(request: FastifyRequest): ConsoleCtx {
  const user = (request as ConsoleRequest).staff;
  // The guard runs before every console route that is not @Public(); a public route has no user.
  if (!user) throw new Error('ConsoleContext used on a route without a signed-in staff member');
  const path = request.method === 'GET' || request.method === 'HEAD' ? request.url : refererPath(request.headers);
  return { lang: consoleLang(request), user, csrf: consoleCsrf(request), path };
}

/** `@ConsoleContext() ctx: ConsoleCtx` in a console controller's handler. */
export const ConsoleContext = createParamDecorator((_: unknown, ctx: ExecutionContext): ConsoleCtx =>
  consoleContextOf(ctx.switchToHttp().getRequest<FastifyRequest>()),
);
