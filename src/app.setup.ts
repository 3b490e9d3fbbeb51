import { MemoValidationPipe } from './common/validation/memo-validation.pipe';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import fastifyMultipart from '@fastify/multipart';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { ErrorFilter, frameworkErrorAsDomain, sendError } from './common/errors/error.filter';
import { validationExceptionFactory } from './common/errors/validation';
import { MetricsService } from './metrics/metrics.service';
import { ClientKeys } from './common/anonymity/client-key';
import { parseTrustedProxies } from './common/anonymity/client-address';
import { APP_CONFIG, AppConfig } from './config/env';
import { collectRoutes } from './staff/route-registry';
import fastifyCookie from '@fastify/cookie';
import { LimitsService } from './limits/limits.service';
import { registerConsoleHttp } from './web/shell/security';
import { limitConnectionsPerClient, MAX_BODY_DEPTH, nestingDepthExceeds } from './common/http/request-guards';

/** Swagger UI's own script and styles, nothing from elsewhere. */
const DOCS_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** /docs: on unless production, or as DOCS_ENABLED says. */
export function docsEnabled(config: AppConfig): boolean {
  return config.DOCS_ENABLED ? config.DOCS_ENABLED === 'true' : config.NODE_ENV !== 'production';
}
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The HTTP server: Fastify never trusts proxy headers (request.ip is the socket's; only ClientKeys
 * reads them, from TRUSTED_PROXIES, into a keyed HMAC), ignores any
 * client-sent request id and makes its own, and limits bodies to 1 MiB unless a route says more.
 * A request not fully received within `requestTimeoutSeconds` (REQUEST_TIMEOUT_SECONDS) is
 * answered 408 by Node and its connection closed (checked every second).
 */
export function createFastifyAdapter(opts: { requestTimeoutSeconds?: number } = {}): FastifyAdapter {
  const timeoutMs = (opts.requestTimeoutSeconds ?? 30) * 1000;
  return new TiplineFastifyAdapter({
    trustProxy: false,
    bodyLimit: 1_048_576,
    requestIdHeader: false,
    genReqId: () => randomUUID(),
    requestTimeout: timeoutMs,
    // Headers too must arrive in time (Node's default is 60 s; it may not exceed requestTimeout).
    http: { connectionsCheckingInterval: Math.min(1000, timeoutMs), headersTimeout: timeoutMs } as never,
    // Router errors that happen before Nest sees the request (a bad percent-encoding, a path
    // parameter over the length limit: 414) get the same error body as everything else.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => sendError(error, request, reply),
  });
}

/**
 * Nest re-wraps Fastify's own errors (bad JSON, body too large, unsupported media type) as bare
 * HttpExceptions, losing their code; this adapter hands them to the error filter as the domain
 * errors they stand for, so the one filter answers them with field and text.
 */
class TiplineFastifyAdapter extends FastifyAdapter {
  override setErrorHandler(handler: Parameters<FastifyAdapter['setErrorHandler']>[0]) {
    return super.setErrorHandler(((err: unknown, request: FastifyRequest, reply: FastifyReply) =>
      (handler as (e: unknown, q: FastifyRequest, r: FastifyReply) => unknown)(frameworkErrorAsDomain(err) ?? err, request, reply)) as never);
  }
}

/**
 * Everything that makes the app behave as tipline, shared by main.ts and the tests:
 * logger, validation, the error filter, metrics hooks and the OpenAPI document.
 */
export function configureApp(app: NestFastifyApplication): NestFastifyApplication {
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(
    new MemoValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationExceptionFactory,
    }),
  );
  app.useGlobalFilters(new ErrorFilter());

  const metrics = app.get(MetricsService);
  const fastify = app.getHttpAdapter().getInstance();
  // Every registered route, for the authorization matrix test (test/staff/authorization-matrix).
  collectRoutes(fastify);
  // Parses the staff session cookie (request.cookies) and lets login set it (reply.setCookie).
  void app.register(fastifyCookie as never);
  // multipart/form-data for the citizen form and the tips API's photos; files are read part by
  // part with the limits intake sets. Registered here, before init, like every Fastify plugin:
  // registering during module init bypassed the app's error handler for body parse errors.
  void app.register(fastifyMultipart as never, { throwFileSizeLimit: true } as never);
  // The staff console's security headers (helmet, for /console only) and its language cookie.
  registerConsoleHttp(fastify);
  // The client's address is turned into a keyed HMAC here and goes no further (see ClientKeys).
  // The secret is the limits' shared one, so every instance keys a client alike.
  const config = app.get<AppConfig>(APP_CONFIG);
  const limits = app.get(LimitsService);
  const { proxies } = parseTrustedProxies(config.TRUSTED_PROXIES, config.TRUSTED_PROXY_HEADER);
  const clientKeys = new ClientKeys(config.INTAKE_RATE_SECRET_ROTATE_HOURS * 3_600_000, Date.now, proxies, () => limits.secret());
  fastify.addHook('onRequest', async (request, reply) => {
    // The request logger reads the id from the raw request; clients see it to quote in reports.
    (request.raw as { id?: string }).id = request.id;
    (request as { clientKey?: string }).clientKey = await clientKeys.clientKeyOfRequest(request.raw);
    (request as { timeGranularityMinutes?: number }).timeGranularityMinutes = config.TIPSTER_TIME_GRANULARITY_MINUTES;
    void reply.header('x-request-id', request.id);
  });
  limitConnectionsPerClient(fastify.server, config.MAX_CONNECTIONS_PER_CLIENT, (address) => clientKeys.localKeyFor(address));
  // Bodies nested deeper than any tipline request are refused before validation recurses into them.
  fastify.addHook('preValidation', async (request, reply) => {
    if (nestingDepthExceeds(request.body, MAX_BODY_DEPTH)) {
      await reply.status(400).send({ error: { code: 'validation_failed', message: `Dữ liệu lồng nhau quá sâu (tối đa ${MAX_BODY_DEPTH} mức). / The body is nested too deeply (at most ${MAX_BODY_DEPTH} levels).`, details: [{ field: 'body', reason: 'too_deep', message: 'nested too deeply' }], requestId: request.id } });
    }
  });
  // JSON answers are never cached or sniffed (citizen pages set their own headers).
  fastify.addHook('onSend', async (request, reply, payload) => {
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('application/json') || type.includes('+json')) {
      if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
      void reply.header('x-content-type-options', 'nosniff');
    }
    if (request.url.startsWith('/docs')) {
      void reply.header('content-security-policy', DOCS_CSP);
      void reply.header('x-content-type-options', 'nosniff');
    }
    return payload;
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    metrics.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });

  // Built always (tests read it); served only when docs are on.
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('tipline')
      .setDescription('Anonymous tip line for drug crime: public intake, staff case work, audit and reports.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  if (docsEnabled(config)) SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
