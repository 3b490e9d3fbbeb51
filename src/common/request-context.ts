import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/**
 * Who acts, for the audit trail. A tipster has no identifier at all; a channel client is named
 * by its configured client id; `system` is a scheduled job or the CLI.
 */
export type Actor =
  | { type: 'staff'; id: string; unitId: string; role: string }
  | { type: 'tipster' }
  | { type: 'system'; id?: string }
  | { type: 'channel'; id: string };

/**
 * What the session guard puts on `request.staff`, as much of it as the context reads. Declared here
 * (structurally) so that common imports no feature; the staff principal satisfies it.
 */
interface AuthenticatedStaff {
  id: string;
  unitId: string;
  role: string;
}

export interface RequestContext {
  requestId: string;
  actor: Actor;
  /** How coarsely a tipster's actions are timed when stored (TIPSTER_TIME_GRANULARITY_MINUTES; see actionTime). */
  timeGranularityMinutes?: number;
}

/** The request's context: its server-made id and the actor (staff if authenticated, else tipster). */
export const Ctx = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestContext => {
  const req = ctx.switchToHttp().getRequest<{ id: string; staff?: AuthenticatedStaff; channelClientId?: string; timeGranularityMinutes?: number }>();
  const actor: Actor = req.staff
    ? { type: 'staff', id: req.staff.id, unitId: req.staff.unitId, role: req.staff.role }
    : req.channelClientId
      ? { type: 'channel', id: req.channelClientId }
      : { type: 'tipster' };
  return { requestId: String(req.id), actor, timeGranularityMinutes: req.timeGranularityMinutes };
});

/** Context for work that no request started (CLI, scheduled jobs). */
export function systemContext(id = 'system', requestId = `system:${Date.now()}`): RequestContext {
  return { requestId, actor: { type: 'system', id } };
}
