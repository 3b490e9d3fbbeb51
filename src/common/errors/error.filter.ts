import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Lang, langOfHeader } from '../i18n';
import { DomainError, FieldProblem } from './domain-error';
import { ErrorCode, httpStatusFor } from './error-codes';
import { isCitizenPage, sendCitizenErrorPage } from './citizen-error-page';
import { htmlErrorPagesFor } from './html-error-pages';
import { CODE_MESSAGES, FRAMEWORK_ERRORS } from './error-messages';

/** The documented error body (README "Errors"). */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    /** The input at fault, when one is: a body field, a path parameter, `body`, `url`... */
    field?: string;
    details?: FieldProblem[] | Record<string, unknown>;
    requestId: string;
    /** Only on 500: the id of the log line that holds the cause. */
    errorId?: string;
  };
}

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  /** An unmapped error: log it under `body.error.errorId` (name, message, stack; no request data). */
  unmapped?: unknown;
}

/** The code of a framework HTTP status (Nest's NotFoundException for unknown routes, pipes' 400...). */
function codeForHttpStatus(status: number): ErrorCode | null {
  // 406: @fastify/multipart's "not multipart" (a body it cannot read is the client's mistake): 400.
  if (status === 400 || status === 406 || status === 422) return 'validation_failed';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 405) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'payload_too_large';
  if (status === 414) return 'uri_too_long';
  if (status === 415) return 'unsupported_media_type';
  if (status === 429) return 'rate_limited';
  if (status === 503) return 'service_unavailable';
  if (status >= 400 && status < 500) return 'validation_failed';
  return null;
}

function firstField(details: DomainError['details']): string | undefined {
  if (Array.isArray(details)) return details[0]?.field;
  return typeof details?.field === 'string' ? details.field : undefined;
}

/**
 * Every error to its status and documented body, in the caller's language: domain errors keep their
 * code, details and text; the framework's own 4xx (bad JSON, body too large, unsupported media
 * type, URI too long, unknown route...) get our code and a generic text that never echoes the
 * request; anything else is a 500 with an error id.
 */
export function errorResponse(exception: unknown, lang: Lang, requestId: string): ErrorResponse {
  if (exception instanceof DomainError) {
    const field = firstField(exception.details);
    return {
      status: httpStatusFor(exception.code),
      body: {
        error: {
          code: exception.code,
          message: exception.text ? exception.text[lang] : exception.message || CODE_MESSAGES[exception.code][lang],
          ...(field !== undefined ? { field } : {}),
          ...(exception.details !== undefined ? { details: exception.details } : {}),
          requestId,
        },
      },
    };
  }
  const fastifyCode = (exception as { code?: unknown } | null)?.code;
  const known = typeof fastifyCode === 'string' ? FRAMEWORK_ERRORS[fastifyCode] : undefined;
  const status =
    exception instanceof HttpException ? exception.getStatus() : (exception as { statusCode?: unknown } | null)?.statusCode;
  const code = known?.code ?? (typeof status === 'number' ? codeForHttpStatus(status) : null);
  if (code) {
    const text = known?.text ?? CODE_MESSAGES[code];
    return {
      status: known || status === 406 ? httpStatusFor(code) : (status as number) >= 400 && (status as number) < 500 ? (status as number) : httpStatusFor(code),
      body: { error: { code, message: text[lang], ...(known?.field ? { field: known.field } : {}), requestId } },
    };
  }
  if (isDatabaseUnavailable(exception)) {
    return { status: 503, body: { error: { code: 'service_unavailable', message: CODE_MESSAGES.service_unavailable[lang], requestId } } };
  }
  return {
    status: 500,
    body: { error: { code: 'internal_error', message: CODE_MESSAGES.internal_error[lang], requestId, errorId: randomUUID() } },
    unmapped: exception,
  };
}

/**
 * A Fastify 4xx error (its `code` is one of FRAMEWORK_ERRORS) as the domain error it stands for,
 * or null. Nest re-wraps Fastify's errors as bare HttpExceptions (losing the code) before the filter
 * sees them; the adapter converts them first (app.setup.ts), so the filter keeps field and text.
 */
export function frameworkErrorAsDomain(err: unknown): DomainError | null {
  const code = (err as { code?: unknown } | null)?.code;
  const known = typeof code === 'string' ? FRAMEWORK_ERRORS[code] : undefined;
  if (!known) return null;
  return new DomainError(known.code, known.text ?? CODE_MESSAGES[known.code], known.field ? { field: known.field } : undefined);
}

/** SQLSTATEs of a database that is gone or going: connection exceptions (class 08), shutdown (57P01-3). */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03']);
const UNAVAILABLE_NET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);
// node-postgres's own words for a connection that died under a query (`not queryable`), besides
// the server's shutdown and start-up messages.
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|the database system is (starting up|shutting down|not yet accepting connections|in recovery mode)|is not queryable|Connection ended unexpectedly/i;

const RELEASED_RUNNER_ERRORS = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError']);

/**
 * Whether an error says the database cannot be reached right now (down, restarting, connection
 * lost or refused, pool timeout): the client did nothing wrong and may retry, so 503, not 500.
 * TypeORM wraps the driver's error (`driverError`); node-postgres sets `code` to the SQLSTATE or
 * the socket's error code.
 */
export function isDatabaseUnavailable(e: unknown): boolean {
  for (let err = e, depth = 0; err && typeof err === 'object' && depth < 3; err = (err as { driverError?: unknown; cause?: unknown }).driverError ?? (err as { cause?: unknown }).cause, depth++) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && (code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_NET_CODES.has(code))) return true;
    if (err instanceof Error && UNAVAILABLE_MESSAGES.test(err.message)) return true;
    // TypeORM's words when the connection died under a transaction and the rollback then finds
    // its query runner released (the chaos harness saw these for tips in flight at a postmaster kill).
    if (err instanceof Error && RELEASED_RUNNER_ERRORS.has(err.name)) return true;
  }
  return false;
}

/** What the log keeps of an unmapped error: its name, message and stack; never the request. */
function loggable(e: unknown): unknown {
  return e instanceof Error ? { name: e.name, message: e.message, stack: e.stack } : typeof e;
}

const logger = new Logger('ErrorFilter');

/** Sends the error response for a request (the filter, and Fastify's router errors before Nest). */
export function sendError(exception: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const requestId = String(request?.id ?? '');
  const r = errorResponse(exception, langOfHeader(request?.headers?.['accept-language']), requestId);
  if (r.unmapped !== undefined) {
    // Tipline never puts tip content into an Error's message; the request itself is not logged.
    logger.error({ errorId: r.body.error.errorId, requestId, err: loggable(r.unmapped) }, 'unhandled error');
  }
  void reply.header('x-request-id', requestId);
  if (r.status === 503) void reply.header('retry-after', '5');
  if (r.status === 429) {
    // Every 429 says when to come back (limits put the wait in their details).
    const wait = exception instanceof DomainError ? (exception.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds : undefined;
    void reply.header('retry-after', String(typeof wait === 'number' && wait > 0 ? Math.ceil(wait) : 60));
  }
  // Pages registered by a feature (the staff console): an HTML page or a redirect, never JSON.
  const pages = htmlErrorPagesFor(request);
  if (pages && r.status !== 408) {
    pages.send(request, reply, r, exception);
    return;
  }
  // A body the framework refused before a citizen page's handler ran (the page handlers render
  // their own errors): a page, never raw JSON.
  if (r.status >= 400 && r.status < 500 && r.status !== 408 && isCitizenPage(request)) {
    sendCitizenErrorPage(reply, r.status, requestId);
    return;
  }
  // A body that did not arrive in time: answered, and the connection closed.
  if (r.status === 408) void reply.header('connection', 'close');
  void reply.status(r.status).send(r.body);
}

/** The one filter: every exception a route throws becomes the documented error body. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    sendError(exception, host.switchToHttp().getRequest<FastifyRequest>(), host.switchToHttp().getResponse<FastifyReply>());
  }
}
