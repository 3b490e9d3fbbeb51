import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorResponse } from './error.filter';

/**
 * Error pages that a feature renders as HTML instead of the JSON error body (the staff console's
 * pages under /console). Common imports no feature, so the feature registers its renderer here
 * when its module starts (src/web/web.module.ts), and the one error filter asks it first.
 */
export interface HtmlErrorPages {
  /** Whether this request's errors are pages (e.g. its path is under /console). */
  handles(request: FastifyRequest): boolean;
  /** Sends the page (or a redirect) for the error; the filter has already logged unmapped errors. */
  send(request: FastifyRequest, reply: FastifyReply, error: ErrorResponse, exception: unknown): void;
}

const registered: HtmlErrorPages[] = [];

/** Adds a renderer (idempotent: registering the same object twice keeps one). */
export function registerHtmlErrorPages(pages: HtmlErrorPages): void {
  if (!registered.includes(pages)) registered.push(pages);
}

/** The renderer for this request, if a feature registered one that handles it. */
export function htmlErrorPagesFor(request: FastifyRequest | undefined): HtmlErrorPages | undefined {
  if (!request) return undefined;
  return registered.find((p) => p.handles(request));
}
