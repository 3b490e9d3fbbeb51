import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';

/**
 * Sends a console page: `<!DOCTYPE html>` and the rendered component (preact escapes every text
 * and attribute), never cached. The security headers (CSP and the rest of helmet's) are set for
 * every /console response by the console's onRequest hook (src/web/shell/security.ts).
 */
export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(`<!DOCTYPE html>${render(page)}`);
}

/** A 303 See Other (POST/redirect/GET), never cached. */
export function redirect(reply: FastifyReply, location: string): FastifyReply {
  return reply.status(303).header('cache-control', 'no-store').header('location', location).send();
}
