import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { t } from '../common/i18n';

type Headers = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/**
 * Why a login request looks like a cross-site form post (login CSRF: a foreign page signing the
 * browser in to an account of its choosing), or null. A cross-site form can only send
 * `application/x-www-form-urlencoded`, `multipart/form-data` or `text/plain`, so login takes JSON
 * only; and a browser's own word is believed: `Sec-Fetch-Site` other than same-origin/none, or an
 * `Origin` whose host is not the request's host. Clients that are not browsers (the CLI, scripts)
 * send neither header and JSON.
 */
export function crossSiteLoginReason(headers: Headers): string | null {
  const type = (one(headers['content-type']) ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') return 'content-type';
  const site = one(headers['sec-fetch-site'])?.toLowerCase();
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return 'sec-fetch-site';
  const origin = one(headers.origin);
  if (origin !== undefined) {
    let host: string | null = null;
    try {
      host = origin === 'null' ? null : new URL(origin).host;
    } catch {
      host = null;
    }
    if (host === null || host !== one(headers.host)) return 'origin';
  }
  return null;
}

/** Throws 403 `csrf_failed` for a login that looks cross-site (see crossSiteLoginReason). */
export function refuseCrossSiteLogin(headers: Headers): void {
  const reason = crossSiteLoginReason(headers);
  if (reason) {
    throw new DomainError(
      'csrf_failed',
      t('Chỉ đăng nhập được từ trang của hệ thống (JSON, cùng nguồn gốc).', 'Login accepts only JSON from the application\'s own pages.'),
      { field: reason },
    );
  }
}

/** The login route's guard: runs before the body is validated, so any cross-site post gets the 403. */
@Injectable()
export class SameOriginLoginGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    refuseCrossSiteLogin(context.switchToHttp().getRequest<{ headers: Headers }>().headers);
    return true;
  }
}
