import { ValidationPipe } from '@nestjs/common';
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
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The HTTP server: Fastify never trusts proxy headers (request.ip is the socket's; only ClientKeys
 * reads them, from TRUSTED_PROXIES, into a keyed HMAC), ignores any
 * client-sent request id and makes its own, and limits bodies to 1 MiB unless a route says more.
 */
export function createFastifyAdapter(): FastifyAdapter {
  return new TiplineFastifyAdapter({
    trustProxy: false,
    bodyLimit: 1_048_576,
    requestIdHeader: false,
    genReqId: () => randomUUID(),
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
    new ValidationPipe({
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
  // The client's address is turned into a keyed HMAC here and goes no further (see ClientKeys).
  const config = app.get<AppConfig>(APP_CONFIG);
  const { proxies } = parseTrustedProxies(config.TRUSTED_PROXIES, config.TRUSTED_PROXY_HEADER);
  const clientKeys = new ClientKeys(config.INTAKE_RATE_SECRET_ROTATE_HOURS * 3_600_000, Date.now, proxies);
  fastify.addHook('onRequest', async (request, reply) => {
    // The request logger reads the id from the raw request; clients see it to quote in reports.
    (request.raw as { id?: string }).id = request.id;
    (request as { clientKey?: string }).clientKey = clientKeys.clientKeyOfRequest(request.raw);
    void reply.header('x-request-id', request.id);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    metrics.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('tipline')
      .setDescription('Anonymous tip line for drug crime: public intake, staff case work, audit and reports.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
