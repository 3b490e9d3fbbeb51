import { NotFound } from '../common/errors/domain-error';
import type { RequestContext } from '../common/request-context';
import type { AuditService } from '../audit/audit.service';

/** Thrown inside a scoped transaction when the target is not in the caller's units (or absent). */
export class OutOfScope extends Error {}

/**
 * Runs `work`; an OutOfScope from it becomes a 404 (so existence does not leak) and an
 * `access.denied` audit event. The event is written in its own transaction AFTER the work's
 * transaction rolled back: writing it from inside would hold two pool connections per request,
 * and a burst of such requests would starve the pool.
 */
export async function deniedWhenOutOfScope<T>(
  audit: AuditService,
  ctx: RequestContext,
  target: { type: string; id: string; what: string },
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (!(e instanceof OutOfScope)) throw e;
    await audit.recordStandalone(ctx, { action: 'access.denied', targetType: target.type, targetId: target.id, unitId: null, change: { code: 'not_found' } });
    throw new NotFound(target.what);
  }
}
