import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from './domain-error';
import { ErrorCode, httpStatusFor } from './error-codes';
import { isCitizenPage, sendCitizenErrorPage } from './citizen-error-page';

/** Maps framework HTTP exceptions (404 for unknown routes, 413 from the body parser...) to codes. */
function codeForHttpStatus(status: number): ErrorCode {
  // 406: @fastify/multipart's "not multipart" (a body it cannot read is the client's mistake).
  if (status === 400 || status === 406 || status === 422) return 'validation_failed';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 405) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 429) return 'rate_limited';
  if (status === 503) return 'service_unavailable';
  return 'internal_error';
}

/**
 * The one filter. Domain errors keep their code and details; framework HTTP errors get the code
 * of their status; anything else is a 500 with an error id (logged with its stack, never sent).
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const requestId = String(request?.id ?? '');

    if (exception instanceof DomainError) {
      const status = httpStatusFor(exception.code);
      // Every 429 says when to come back (limits put the wait in their details).
      const wait = (exception.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
      if (status === 429) void reply.header('retry-after', String(typeof wait === 'number' && wait > 0 ? Math.ceil(wait) : 60));
      void reply.status(status).send({
        error: { code: exception.code, message: exception.message, details: exception.details, requestId },
      });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = codeForHttpStatus(status);
      if (code !== 'internal_error' && isCitizenPage(request) && status !== 408) {
        sendCitizenErrorPage(reply, httpStatusFor(code), requestId);
        return;
      }
      if (code !== 'internal_error') {
        void reply.status(status).send({ error: { code, message: safeMessage(exception), requestId } });
        return;
      }
    }
    // Fastify's own errors (body too large, bad JSON, wrong content type) carry a statusCode.
    const fastifyStatus = (exception as { statusCode?: number })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      const code = codeForHttpStatus(fastifyStatus);
      if (isCitizenPage(request) && fastifyStatus !== 408) {
        sendCitizenErrorPage(reply, httpStatusFor(code), requestId);
        return;
      }
      if (fastifyStatus === 408) {
        void reply.status(408).header('connection', 'close').send({ error: { code: 'validation_failed', message: 'Request timeout', requestId } });
        return;
      }
      void reply.status(httpStatusFor(code)).send({
        error: { code, message: (exception as Error).message, requestId },
      });
      return;
    }
    const errorId = randomUUID();
    // The stack goes to the log only; tip content never reaches an Error message in tipline.
    this.logger.error({ errorId, err: exception instanceof Error ? { name: exception.name, message: exception.message, stack: exception.stack } : String(exception) }, 'unhandled error');
    void reply.status(500).send({
      error: { code: 'internal_error', message: 'An internal error occurred.', errorId, requestId },
    });
  }
}

function safeMessage(e: HttpException): string {
  const r = e.getResponse();
  if (typeof r === 'string') return r;
  const m = (r as { message?: unknown }).message;
  return Array.isArray(m) ? m.join('; ') : typeof m === 'string' ? m : e.message;
}
