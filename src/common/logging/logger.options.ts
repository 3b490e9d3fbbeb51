import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';

/**
 * Request logs name the method, the route path (without the query string), the status and the
 * timing. They never contain the client's address, user agent, cookies, headers or body: the
 * serializers below are an allow-list, so a new header can never slip in.
 */
export function loggerOptions(level: string, stream?: DestinationStream): Params {
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
    },
  };
}
