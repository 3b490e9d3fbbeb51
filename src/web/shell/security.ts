import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LANG_COOKIE } from './console-context';
import { isConsolePath } from './paths';

/** The console's Content-Security-Policy: only its own stylesheet (and scripts, if any), nothing inline. */
export const CONSOLE_CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** helmet's options for /console (its defaults otherwise: nosniff, HSTS, COOP, CORP, X-Frame-Options...). */
export const CONSOLE_HELMET = {
  contentSecurityPolicy: { useDefaults: false, directives: CONSOLE_CSP_DIRECTIVES },
  // same-origin: the console's error pages can link back to the page a form was posted from; no
  // other site ever learns a console URL.
  referrerPolicy: { policy: 'same-origin' as const },
  xFrameOptions: { action: 'deny' as const },
};

type HelmetReply = FastifyReply & { helmet?: (opts?: object) => void; setCookie(name: string, value: string, opts: object): FastifyReply };

/**
 * Registers @fastify/helmet for the console only (global: false: the citizen pages and /docs set
 * their own, different policies) and a hook that applies it to every /console response, errors
 * and unknown paths included. `?lang=vi|en` on a console URL also stores the choice in a cookie.
 * Call before the app is initialised (configureApp).
 */
export function registerConsoleHttp(fastify: FastifyInstance): void {
  void fastify.register(helmet as never, { global: false, ...CONSOLE_HELMET } as never);
  // Registered after helmet (so reply.helmet exists), and not encapsulated, so the hook sees every route.
  const plugin = async (instance: FastifyInstance) => {
    instance.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      if (!isConsolePath(request.url)) return;
      const r = reply as HelmetReply;
      r.helmet?.();
      void reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
      const lang = (request.query as Record<string, unknown> | undefined)?.lang;
      if (lang === 'vi' || lang === 'en') {
        r.setCookie(LANG_COOKIE, lang, { path: '/console', httpOnly: true, secure: true, sameSite: 'strict', maxAge: 365 * 24 * 3600 });
      }
    });
  };
  (plugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
  void fastify.register(plugin);
}
