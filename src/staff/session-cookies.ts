import type { FastifyReply } from 'fastify';
import type { IssuedSession } from './auth.service';
import { CSRF_COOKIE, SESSION_COOKIE } from './staff.decorators';

type CookieReply = FastifyReply & {
  setCookie(name: string, value: string, options: Record<string, unknown>): FastifyReply;
  clearCookie(name: string, options: Record<string, unknown>): FastifyReply;
};

const COOKIE_OPTIONS = { path: '/', httpOnly: true, secure: true, sameSite: 'strict' } as const;

/** The session cookie (HttpOnly) and its CSRF twin (readable by scripts), shared by the API and the console. */
export function setSessionCookies(reply: FastifyReply, s: IssuedSession): void {
  const r = reply as CookieReply;
  const expires = new Date(s.expiresAt);
  r.setCookie(SESSION_COOKIE, s.token, { ...COOKIE_OPTIONS, expires });
  // Readable by the console's script, which echoes it in the x-csrf-token header.
  r.setCookie(CSRF_COOKIE, s.csrfToken, { ...COOKIE_OPTIONS, httpOnly: false, expires });
}

export function clearSessionCookies(reply: FastifyReply): void {
  (reply as CookieReply).clearCookie(SESSION_COOKIE, COOKIE_OPTIONS);
  (reply as CookieReply).clearCookie(CSRF_COOKIE, { ...COOKIE_OPTIONS, httpOnly: false });
}
