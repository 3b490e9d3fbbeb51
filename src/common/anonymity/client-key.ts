import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { createHmac, randomBytes } from 'node:crypto';

/**
 * The one place tipline looks at a client's network address. Every request gets a `clientKey`:
 * HMAC-SHA256(secret, socket address), the secret random, held only in this process's memory
 * and replaced every `rotateMs`. Rate limits and login throttles count per key, so the address
 * itself never travels past the HTTP edge: no service, log or table can receive it. Proxy
 * headers are never read (Fastify's trustProxy is off).
 */
export class ClientKeys {
  private secret = randomBytes(32);
  private bornAt: number;

  constructor(
    private readonly rotateMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.bornAt = now();
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
