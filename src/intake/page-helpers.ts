import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../common/errors/domain-error';
import { pageHeaders } from './pages/layout';

/** Shared by the citizen page controllers (form and status). */
export const retryAfterOf = (e: unknown): number | undefined => {
  const d = e instanceof DomainError ? (e.details as { retryAfterSeconds?: unknown } | undefined) : undefined;
  return d && !Array.isArray(d) && typeof d.retryAfterSeconds === 'number' ? d.retryAfterSeconds : undefined;
};

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const bodyOf = (req: FastifyRequest): Record<string, unknown> =>
  req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};

/** A page with the strict page headers; a 429 always says when to retry. */
export function sendPage(reply: FastifyReply, status: number, nonce: string, body: string, retryAfter?: number): void {
  void reply.status(status).headers(pageHeaders(nonce));
  if (status === 429) void reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfter ?? 60))));
  void reply.send(body);
}
