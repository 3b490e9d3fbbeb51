import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { createHmac, randomBytes } from 'node:crypto';
import { clientAddressOf, NO_TRUSTED_PROXIES, TrustedProxies } from './client-address';

/**
 * The one place tipline looks at a client's network address. Every request gets a `clientKey`:
 * HMAC-SHA256(secret, client address), the secret random, held only in this process's memory
 * and replaced every `rotateMs`. Rate limits and login throttles count per key, so the address
 * itself never travels past the HTTP edge: no service, log or table can receive it. The client
 * address is the socket peer's, or, only when that peer is one of TRUSTED_PROXIES, the one the
 * proxies name in their header (clientAddressOf); Fastify's own trustProxy stays off, so
 * `request.ip` never carries a forwarded address anywhere else.
 */
export class ClientKeys {
  private secret = randomBytes(32);
  private bornAt: number;

  constructor(
    private readonly rotateMs: number,
    private readonly now: () => number = Date.now,
    private readonly proxies: TrustedProxies = NO_TRUSTED_PROXIES,
  ) {
    this.bornAt = now();
  }

  /**
   * The client key of a request: what every per-client limit and throttle counts under. The one
   * function that turns a request into it (configureApp calls it for every request).
   */
  clientKeyOfRequest(request: { socket: { remoteAddress?: string }; headers: Record<string, string | string[] | undefined> }): string {
    return this.keyFor(clientAddressOf(request.socket.remoteAddress, request.headers, this.proxies));
  }

  keyFor(address: string | undefined): string {
    const t = this.now();
    if (t - this.bornAt >= this.rotateMs) {
      this.secret = randomBytes(32);
      this.bornAt = t;
    }
    return createHmac('sha256', this.secret).update(address ?? 'unknown').digest('base64url');
  }
}

/** The request's keyed client (see ClientKeys), for rate limits and throttles. */
export const ClientKey = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const key = ctx.switchToHttp().getRequest<{ clientKey?: string }>().clientKey;
  if (!key) throw new Error('clientKey missing: configureApp sets it on every request');
  return key;
});
