import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { PUBLIC_ROUTE, Role, ROUTE_ROLES, StaffPrincipal } from '../auth/auth.decorators';
import { AuditService } from '../audit/audit.service';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { RequestContext } from '../common/request-context';
import { AuthService } from './auth.service';
import { csrfTokenFor, safeEqual } from './session-token';
import { ALLOW_PASSWORD_CHANGE_SESSION, CSRF_HEADER, SESSION_COOKIE } from './staff.decorators';
import { StaffRepository } from './staff.repository';
import { MetricsService } from '../metrics/metrics.service';
import { t } from '../common/i18n';

type Req = FastifyRequest & { staff?: StaffPrincipal; cookies?: Record<string, string | undefined> };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The form field that carries the CSRF token in the console's HTML forms (urlencoded POSTs). */
export const CSRF_FORM_FIELD = '_csrf';

function isUrlencoded(req: Req): boolean {
  return String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

/**
 * Whether the request carries the CSRF token that login handed out for this session token: in the
 * x-csrf-token header (API clients, scripts) or, for an HTML form post (urlencoded), in its
 * `_csrf` field (the console's forms, which work without JavaScript). A page on another origin can
 * make the browser send the cookie but cannot know the token.
 */
function hasCsrfProof(req: Req, token: string): boolean {
  const expected = csrfTokenFor(token);
  const sent = req.headers[CSRF_HEADER];
  if (typeof sent === 'string') return safeEqual(sent, expected);
  if (!isUrlencoded(req)) return false;
  const field = (req.body as Record<string, unknown> | null | undefined)?.[CSRF_FORM_FIELD];
  return typeof field === 'string' && safeEqual(field, expected);
}

/** The proven form field is no input of the route (DTOs forbid unknown fields): taken out of the body. */
function dropCsrfField(req: Req): void {
  const body = req.body as Record<string, unknown> | null | undefined;
  if (body && typeof body === 'object' && CSRF_FORM_FIELD in body) delete body[CSRF_FORM_FIELD];
}

/** Where the caller's session token came from: an Authorization header or the session cookie. */
export function credentialOf(req: Req): { token: string; via: 'bearer' | 'cookie' } | { malformed: true } | null {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const m = /^Bearer ([^\s]+)$/i.exec(String(header).trim());
    return m ? { token: m[1], via: 'bearer' } : { malformed: true };
  }
  const cookie = req.cookies?.[SESSION_COOKIE];
  if (cookie !== undefined && cookie !== '') return { token: cookie, via: 'cookie' };
  return null;
}

/**
 * The global guard: every route needs a live staff session unless it is @Public(); @Roles() are
 * checked; cookie-authenticated writes need the CSRF token (header or `_csrf` form field). Each denial is an `access.denied`
 * audit event and a 401/403 with a stable code.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  private readonly logger = new Logger('SessionGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly repo: StaffRepository,
    private readonly metrics: MetricsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) === true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROUTE_ROLES, targets);
    const allowPasswordChange = this.reflector.getAllAndOverride<boolean>(ALLOW_PASSWORD_CHANGE_SESSION, targets) === true;
    const req = context.switchToHttp().getRequest<Req>();

    const credential = credentialOf(req);
    if (isPublic) {
      // Public routes stay reachable. A hotline operator's session names them as the actor (they
      // file tips on a caller's behalf and list what they filed today); any other staff member
      // using the public form or receipt pages stays as anonymous as every tipster. A session
      // cookie counts only with the CSRF proof: a browser sends the cookie along with a cross-site
      // form post too, and that must not file a tip in an operator's name.
      if (credential && !('malformed' in credential) && (credential.via === 'bearer' || hasCsrfProof(req, credential.token))) {
        let principal: StaffPrincipal | undefined;
        try {
          principal = (await this.auth.authenticate(credential.token)).principal;
        } catch (e) {
          // An invalid or expired session is anonymous; a session that could not be READ is not:
          // going on as anonymous would file an operator's tip as a web tip.
          if (!(e instanceof DomainError) || e.code === 'service_unavailable') throw this.unavailable(e);
        }
        if (principal?.role === 'hotline_operator') req.staff = principal;
      }
      return true;
    }
    if (!credential) return this.deny(req, 'unauthenticated', 'A staff session is required.');
    if ('malformed' in credential) return this.deny(req, 'session_invalid', 'The Authorization header must be "Bearer <token>".');

    let authenticated;
    try {
      authenticated = await this.auth.authenticate(credential.token);
    } catch (e) {
      if (e instanceof DomainError && e.code !== 'service_unavailable') return this.deny(req, e.code, e.message);
      throw this.unavailable(e);
    }
    const principal = authenticated.principal;
    req.staff = principal;

    if (credential.via === 'cookie' && !SAFE_METHODS.has(req.method)) {
      if (!hasCsrfProof(req, credential.token)) {
        return this.deny(req, 'csrf_failed', `A cookie-authenticated write needs the ${CSRF_HEADER} header (or a form's ${CSRF_FORM_FIELD} field) from login.`, principal);
      }
      dropCsrfField(req);
    }
    if (authenticated.purpose === 'password_change' && !allowPasswordChange) {
      return this.deny(req, 'password_change_required', 'Change the password first (POST /api/v1/auth/password).', principal);
    }
    if (roles && !roles.includes(principal.role)) {
      return this.deny(req, 'forbidden', 'This role may not use this route.', principal);
    }
    return true;
  }

  private unavailable(e: unknown): DomainError {
    this.logger.error({ err: e instanceof Error ? e.message : String(e) }, 'session check failed');
    return new DomainError('service_unavailable', t('Không kiểm tra được phiên đăng nhập; vui lòng thử lại.', 'The session could not be checked; try again.'));
  }

  /**
   * A refusal. With no authenticated principal it names nobody: counted in metrics, not audited
   * (one client could otherwise write chained audit rows as fast as it sends requests). A refused
   * authenticated staff member is audited one by one, as themselves.
   */
  private async deny(req: Req, code: ErrorCode, message: string, principal?: StaffPrincipal): Promise<never> {
    if (!principal) {
      this.metrics.countUnauthenticatedDenial(code);
      throw new DomainError(code, message);
    }
    const route = `${req.method} ${req.routeOptions?.url ?? 'unmatched'}`;
    const ctx: RequestContext = {
      requestId: String(req.id),
      actor: { type: 'staff', id: principal.id, unitId: principal.unitId, role: principal.role },
    };
    try {
      await this.audit.recordStandalone(ctx, {
        action: 'access.denied',
        targetType: 'route',
        targetId: route,
        unitId: principal.unitId,
        change: { code },
      });
    } catch (e) {
      // A denial stays a denial even when the audit write fails; the failure is logged (no content).
      this.logger.error({ err: e instanceof Error ? e.message : String(e), route, code }, 'could not audit an access denial');
    }
    throw new DomainError(code, message);
  }
}
