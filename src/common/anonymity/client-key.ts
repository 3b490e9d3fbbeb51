import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hmacSha256 } from '../hmac-key';
import { clientAddressOf, clientPrefix, NO_TRUSTED_PROXIES, TrustedProxies } from './client-address';

/**
 * The one place tipline looks at a client's network address. Every request gets a `clientKey`:
 * HMAC-SHA256(secret, client prefix). The client address is the socket peer's, or, only when
 * that peer is one of TRUSTED_PROXIES, the one the proxies name in their header (clientAddressOf);
 * Fastify's own trustProxy stays off, so `request.ip` never carries a forwarded address anywhere
 * else. The prefix is that address for IPv4, or its IPv6 /64 (clientPrefix). With `shared` (the
 * rate limits' rotating secret, which every instance reads from the database) all instances key
 * a client alike, so limits hold in total; without it a random process-local secret is used,
 * replaced every `rotateMs`. Rate limits and login throttles count per key, so the address itself
 * never travels past the HTTP edge: no service, log or table can receive it.
 */
export class ClientKeys {
  private secret = randomBytes(32);
  private bornAt: number;
  constructor(
    private readonly rotateMs: number,
    private readonly now: () => number = Date.now,
    private readonly proxies: TrustedProxies = NO_TRUSTED_PROXIES,
    private readonly shared?: () => Promise<Buffer>,
  ) {
    this.bornAt = now();
  }

  /**
   * The client key of a request: what every per-client limit and throttle counts under. The one
   * function that turns a request into it (configureApp calls it for every request): the
   * trusted-proxy-aware address first, then its /64 (IPv6), then the keyed HMAC.
   */
  async clientKeyOfRequest(request: { socket: { remoteAddress?: string }; headers: Record<string, string | string[] | undefined> }): Promise<string> {
    return this.keyFor(clientAddressOf(request.socket.remoteAddress, request.headers, this.proxies));
  }

  private localSecret(): Buffer {
    const t = this.now();
    if (t - this.bornAt >= this.rotateMs) {
      this.secret = randomBytes(32);
      this.bornAt = t;
    }
    return this.secret;
  }

  /** The key of a client address (already derived; see clientKeyOfRequest). */
  async keyFor(address: string | undefined): Promise<string> {
    const secret = this.shared ? await this.shared() : this.localSecret();
    return hmacSha256(secret).update(clientPrefix(address)).digest('base64url');
  }

  /**
   * Synchronous, process-local key of a socket peer (counting open connections, before any
   * request exists); undefined for a trusted proxy's socket, which carries many clients.
   */
  localKeyFor(peer: string | undefined): string | undefined {
    if (!this.proxies.none && peer !== undefined && this.proxies.trusts(peer, 0)) return undefined;
    return hmacSha256(this.localSecret()).update(clientPrefix(peer)).digest('base64url');
  }
}

/** The request's keyed client (see ClientKeys), for rate limits and throttles. */
export const ClientKey = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const key = ctx.switchToHttp().getRequest<{ clientKey?: string }>().clientKey;
  if (!key) throw new Error('clientKey missing: configureApp sets it on every request');
  return key;
});
