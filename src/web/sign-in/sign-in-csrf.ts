import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { crossSiteLoginReason } from '../../staff/login-origin';
import { safeEqual } from '../../staff/session-token';

/**
 * The sign-in form's CSRF token, before there is a session (login CSRF: a foreign page must not
 * sign the browser in to an account of its choosing): a random value in a SameSite=Strict cookie
 * that the form echoes in `_csrf` (double submit). A cross-site post carries no such cookie.
 */
export const SIGN_IN_CSRF_COOKIE = '__Host-tipline_signin';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

type CookieRequest = FastifyRequest & { cookies?: Record<string, string | undefined> };
type CookieReply = FastifyReply & { setCookie(name: string, value: string, options: Record<string, unknown>): FastifyReply };

/** The token of this browser's sign-in cookie, made (and set) when it has none. */
export function signInToken(request: FastifyRequest, reply: FastifyReply): string {
  const existing = (request as CookieRequest).cookies?.[SIGN_IN_CSRF_COOKIE];
  if (existing && TOKEN.test(existing)) return existing;
  const token = randomBytes(32).toString('base64url');
  (reply as CookieReply).setCookie(SIGN_IN_CSRF_COOKIE, token, { path: '/', httpOnly: true, secure: true, sameSite: 'strict', maxAge: 12 * 3600 });
  return token;
}

/** Whether the posted form carries this browser's sign-in token. */
export function signInTokenMatches(request: FastifyRequest, sent: string): boolean {
  const cookie = (request as CookieRequest).cookies?.[SIGN_IN_CSRF_COOKIE];
  return !!cookie && TOKEN.test(cookie) && safeEqual(cookie, sent);
}

/**
 * Whether a form posted to a public console page (sign-in, invitation) came from this site's own
 * page in this browser: the browser's Origin / Sec-Fetch-Site, and the double-submit token.
 */
export function publicFormIsOwn(request: FastifyRequest, sent: string): boolean {
  return crossSiteLoginReason({ ...request.headers, 'content-type': 'application/json' }) === null && signInTokenMatches(request, sent);
}
