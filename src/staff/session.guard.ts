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

type Req = FastifyRequest & { staff?: StaffPrincipal; cookies?: Record<string, string | undefined> };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

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
 * checked; cookie-authenticated writes need the CSRF header. Each denial is an `access.denied`
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
      // using the public form or receipt pages stays as anonymous as every tipster.
      if (credential && !('malformed' in credential)) {
        try {
          const principal = (await this.auth.authenticate(credential.token)).principal;
          if (principal.role === 'hotline_operator') req.staff = principal;
        } catch {
          /* anonymous */
        }
      }
      return true;
    }
    if (!credential) return this.deny(req, 'unauthenticated', 'A staff session is required.');
    if ('malformed' in credential) return this.deny(req, 'session_invalid', 'The Authorization header must be "Bearer <token>".');

    let authenticated;
    try {
      authenticated = await this.auth.authenticate(credential.token);
    } catch (e) {
      if (e instanceof DomainError) return this.deny(req, e.code, e.message);
      this.logger.error({ err: e instanceof Error ? e.message : String(e) }, 'session check failed');
      throw new DomainError('service_unavailable', 'The session could not be checked; try again.');
    }
    const principal = authenticated.principal;
    req.staff = principal;

    if (credential.via === 'cookie' && !SAFE_METHODS.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !safeEqual(sent, csrfTokenFor(credential.token))) {
        return this.deny(req, 'csrf_failed', `A cookie-authenticated write needs the ${CSRF_HEADER} header from login.`, principal);
      }
    }
    if (authenticated.purpose === 'password_change' && !allowPasswordChange) {
      return this.deny(req, 'password_change_required', 'Change the password first (POST /api/v1/auth/password).', principal);
    }
    if (roles && !roles.includes(principal.role)) {
      return this.deny(req, 'forbidden', 'This role may not use this route.', principal);
    }
    return true;
  }

  private async deny(req: Req, code: ErrorCode, message: string, principal?: StaffPrincipal): Promise<never> {
    const route = `${req.method} ${req.routeOptions?.url ?? 'unmatched'}`;
    const ctx: RequestContext = {
      requestId: String(req.id),
      actor: principal ? { type: 'staff', id: principal.id, unitId: principal.unitId, role: principal.role } : { type: 'tipster' },
    };
    try {
      await this.audit.recordStandalone(ctx, {
        action: 'access.denied',
        targetType: 'route',
        targetId: route,
        unitId: principal?.unitId ?? null,
        change: { code },
      });
    } catch (e) {
      // A denial stays a denial even when the audit write fails; the failure is logged (no content).
      this.logger.error({ err: e instanceof Error ? e.message : String(e), route, code }, 'could not audit an access denial');
    }
    throw new DomainError(code, message);
  }
}
