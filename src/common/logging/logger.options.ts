import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';

/**
 * Nest's start-up chatter (a line per module, controller and route: about 95 lines) is logged at
 * `info` only when LOG_LEVEL is debug or trace; at the default level it would bury the line that
 * says where tipline serves.
 */
const START_UP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);
const INFO = 30;

/**
 * Request logs name the method, the route path (without the query string), the status and the
 * timing. They never contain the client's address, user agent, cookies, headers or body: the
 * serializers below are an allow-list, so a new header can never slip in.
 */
export function loggerOptions(level: string, stream?: DestinationStream): Params {
  const verbose = level === 'debug' || level === 'trace';
  return {
    pinoHttp: {
      level,
      stream,
      // Always the server-made id Fastify assigned (see createFastifyAdapter): a client-chosen
      // one could tie requests to a person.
      genReqId: (req: IncomingMessage) => (req as { id?: string }).id ?? randomUUID(),
      customProps: (req: IncomingMessage) => ({ requestId: (req as { id?: string }).id }),
      serializers: {
        req: (req: { id?: string; method?: string; url?: string }) => ({
          id: req.id,
          method: req.method,
          path: (req.url ?? '').split('?')[0],
        }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
        err: (err: Error) => ({ type: err?.name, message: err?.message }),
      },
      redact: { paths: ['req.headers', 'req.remoteAddress', 'req.remotePort'], remove: true },
      customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
        err || res.statusCode >= 500 ? 'error' : 'info',
      quietReqLogger: false,
      hooks: {
        logMethod(args, method, lvl) {
          const first = args[0] as unknown;
          const context = typeof first === 'object' && first !== null ? (first as { context?: unknown }).context : undefined;
          if (!verbose && lvl === INFO && typeof context === 'string' && START_UP_CONTEXTS.has(context)) return;
          method.apply(this, args);
        },
      },
    },
  };
}
