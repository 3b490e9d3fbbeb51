/**
 * Internal targets for a case until the deadlines feature brings legal clocks (working days,
 * holidays, extensions). Each stage gets a target measured from the moment the stage started;
 * `next_deadline_at` holds the target of the current stage and drives the queue's default sort.
 * Pure: values in, values out.
 *
 * Defaults (calendar time):
 *   new          → acknowledge within  urgent 2 h, high 8 h, normal 24 h, low 72 h
 *   acknowledged → start verifying in  urgent 1 day, otherwise 3 days
 *   verifying    → actioned within     20 days (the legal verification period is 20 days)
 *   actioned     → closed within       7 days
 *   closed       → no deadline
 */
import { CaseStatus, Priority } from './case-transitions';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const INTERNAL_TARGETS_MS: Readonly<Record<Exclude<CaseStatus, 'closed'>, Readonly<Record<Priority, number>>>> = {
  new: { urgent: 2 * HOUR, high: 8 * HOUR, normal: 24 * HOUR, low: 72 * HOUR },
  acknowledged: { urgent: 1 * DAY, high: 3 * DAY, normal: 3 * DAY, low: 3 * DAY },
  verifying: { urgent: 20 * DAY, high: 20 * DAY, normal: 20 * DAY, low: 20 * DAY },
  actioned: { urgent: 7 * DAY, high: 7 * DAY, normal: 7 * DAY, low: 7 * DAY },
};

/** The deadline of the stage that starts at `stageStartedAt`, or null for a closed case. */
export function nextDeadline(status: CaseStatus, priority: Priority, stageStartedAt: Date): Date | null {
  if (status === 'closed') return null;
  return new Date(stageStartedAt.getTime() + INTERNAL_TARGETS_MS[status][priority]);
}

export type DeadlineState = 'on_time' | 'at_risk' | 'breached' | 'none';

/** Share of the stage's time left under which a deadline is "at risk". */
export const AT_RISK_FRACTION = 0.25;

/**
 * On time, at risk (less than a quarter of the stage's time left), breached (past the
 * deadline), or none (no deadline running).
 */
export function deadlineState(
  deadlineAt: Date | null,
  stageStartedAt: Date | null,
  now: Date,
  atRiskFraction = AT_RISK_FRACTION,
): DeadlineState {
  if (!deadlineAt) return 'none';
  const left = deadlineAt.getTime() - now.getTime();
  if (left <= 0) return 'breached';
  const span = stageStartedAt ? deadlineAt.getTime() - stageStartedAt.getTime() : 0;
  if (span > 0 && left <= span * atRiskFraction) return 'at_risk';
  return 'on_time';
}
