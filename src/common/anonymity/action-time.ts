import type { RequestContext } from '../request-context';

/** Rounds down to a multiple of `minutes` (UTC-aligned), never later than the truth. */
export function coarseTime(d: Date, minutes: number): Date {
  const step = Math.max(1, Math.floor(minutes)) * 60_000;
  return new Date(Math.floor(d.getTime() / step) * step);
}

/**
 * The time to store for an action: exact for staff and the system; for a tipster (on the web or
 * through a channel) rounded DOWN to the context's granularity (TIPSTER_TIME_GRANULARITY_MINUTES), so
 * no stored time lines up with a connection in network flow records, and a legal clock started
 * from it never starts later than the truth.
 */
export function actionTime(ctx: RequestContext, now: Date = new Date()): Date {
  return ctx.actor.type === 'tipster' || ctx.actor.type === 'channel' ? coarseTime(now, ctx.timeGranularityMinutes ?? 60) : now;
}

/** The request id to store with an event: none for a tipster (it is in the log line and the reply). */
export function storedRequestId(ctx: RequestContext): string {
  return ctx.actor.type === 'tipster' ? 'tipster' : ctx.requestId;
}
