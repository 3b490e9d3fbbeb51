import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { createHmac, randomBytes } from 'node:crypto';
import { clientPrefix } from './client-address';

/**
 * The one place tipline looks at a client's network address. Every request gets a `clientKey`:
 * HMAC-SHA256(secret, client prefix), where the prefix is the IPv4 address or the IPv6 /64 (see
 * clientPrefix) and the secret is random and rotating. With `shared` (the rate limits' secret,
 * which every instance reads from the database) all instances key a client alike, so limits hold
 * in total; without it a process-local secret is used. Rate limits and login throttles count
 * per key, so the address itself never travels past the HTTP edge: no service, log or table can
 * receive it. Proxy headers are never read (Fastify's trustProxy is off).
 */
export class ClientKeys {
  private secret = randomBytes(32);
  private bornAt: number;

  constructor(
    private readonly rotateMs: number,
    private readonly now: () => number = Date.now,
    private readonly shared?: () => Promise<Buffer>,
  ) {
    this.bornAt = now();
  }

  private localSecret(): Buffer {
    const t = this.now();
    if (t - this.bornAt >= this.rotateMs) {
      this.secret = randomBytes(32);
      this.bornAt = t;
    }
    return this.secret;
  }

  async keyFor(address: string | undefined): Promise<string> {
    const secret = this.shared ? await this.shared() : this.localSecret();
    return createHmac('sha256', secret).update(clientPrefix(address)).digest('base64url');
  }

  /** Synchronous, process-local key (counting open connections, before any request exists). */
  localKeyFor(address: string | undefined): string {
    return createHmac('sha256', this.localSecret()).update(clientPrefix(address)).digest('base64url');
  }
}

/** The request's keyed client (see ClientKeys), for rate limits and throttles. */
export const ClientKey = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const key = ctx.switchToHttp().getRequest<{ clientKey?: string }>().clientKey;
  if (!key) throw new Error('clientKey missing: configureApp sets it on every request');
  return key;
});
