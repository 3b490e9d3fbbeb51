/**
 * The one transition table of a case. Every state change goes through `planTransition`, which
 * takes the current state and the requested command and returns the new state, or throws a 409
 * naming the commands that are allowed from the current status. Pure: no clock, no database.
 */
import { DomainError } from '../common/errors/domain-error';
import { illegalTransitionText } from './case-texts';

export const CASE_STATUSES = ['new', 'acknowledged', 'verifying', 'actioned', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const OPEN_STATUSES: readonly CaseStatus[] = ['new', 'acknowledged', 'verifying', 'actioned'];

/** What was done once the tip was verified (the `actioned` status carries one). */
export const ACTIONS_TAKEN = [
  'referred_for_investigation',
  'administrative_action',
  'hotspot_dismantled',
  'referred_for_treatment',
] as const;
export type ActionTaken = (typeof ACTIONS_TAKEN)[number];

/** How a case ended (the `closed` status carries one). */
export const CASE_OUTCOMES = [
  'substantiated',
  'unsubstantiated',
  'duplicate',
  'out_of_jurisdiction',
  'insufficient_information',
  'spam',
] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

/** Outcomes that need the case to have been actioned first: a tip is only "substantiated" once something was done. */
const OUTCOMES_NEEDING_ACTION: readonly CaseOutcome[] = ['substantiated'];

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];
/** Sort rank of a priority (0 = most urgent); stored beside the priority so the queue sorts on an index. */
export function priorityRank(p: Priority): number {
  return PRIORITIES.indexOf(p);
}

export type CaseCommand =
  | { type: 'acknowledge' }
  | { type: 'verify' }
  | { type: 'action'; actionTaken: ActionTaken }
  | { type: 'close'; outcome: CaseOutcome }
  | { type: 'reopen'; reason: string }
  | { type: 'transfer'; toUnitId: string; reason: string }
  | { type: 'assign'; assigneeId: string | null };

export type CaseCommandType = CaseCommand['type'];

export interface CaseState {
  status: CaseStatus;
  unitId: string;
  assigneeId: string | null;
  outcome: CaseOutcome | null;
  actionTaken: ActionTaken | null;
}

/** Which commands each status allows. The single source of truth; the 409 quotes it. */
export const TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseCommandType[]>> = {
  new: ['acknowledge', 'close', 'transfer', 'assign'],
  acknowledged: ['verify', 'close', 'transfer', 'assign'],
  verifying: ['action', 'close', 'transfer', 'assign'],
  actioned: ['close', 'assign'],
  closed: ['reopen'],
};

export function allowedCommands(status: CaseStatus): readonly CaseCommandType[] {
  return TRANSITIONS[status];
}

/** How the refusal reads ("cannot be verified", not "verifyd"; and in Vietnamese): case-texts.ts. */
export function illegalTransition(status: CaseStatus, command: CaseCommandType): DomainError {
  const allowed = TRANSITIONS[status];
  return new DomainError(
    'invalid_transition',
    illegalTransitionText(status, command, allowed),
    { status, command, allowed: [...allowed] },
  );
}

function requireReason(reason: string): void {
  if (typeof reason !== 'string' || reason.trim().length === 0) {
    throw new DomainError('validation_failed', 'A reason is required.', [
      { field: 'reason', reason: 'required', message: 'A reason is required.' },
    ]);
  }
}

/**
 * The state after `command`, or a DomainError: 409 `invalid_transition` (naming the allowed
 * commands) or 400 for a missing reason / an outcome that the status does not permit.
 */
export function planTransition(state: CaseState, command: CaseCommand): CaseState {
  if (!TRANSITIONS[state.status].includes(command.type)) throw illegalTransition(state.status, command.type);
  switch (command.type) {
    case 'acknowledge':
      return { ...state, status: 'acknowledged' };
    case 'verify':
      return { ...state, status: 'verifying' };
    case 'action':
      if (!(ACTIONS_TAKEN as readonly string[]).includes(command.actionTaken)) {
        throw new DomainError('validation_failed', 'Unknown action taken.', [
          { field: 'actionTaken', reason: 'isIn', message: `actionTaken must be one of ${ACTIONS_TAKEN.join(', ')}` },
        ]);
      }
      return { ...state, status: 'actioned', actionTaken: command.actionTaken };
    case 'close':
      if (!(CASE_OUTCOMES as readonly string[]).includes(command.outcome)) {
        throw new DomainError('validation_failed', 'Unknown outcome.', [
          { field: 'outcome', reason: 'isIn', message: `outcome must be one of ${CASE_OUTCOMES.join(', ')}` },
        ]);
      }
      if (OUTCOMES_NEEDING_ACTION.includes(command.outcome) && state.status !== 'actioned') {
        throw new DomainError('invalid_transition', `A case can only be closed as ${command.outcome} once it was actioned.`, {
          status: state.status,
          command: 'close',
          allowed: [...TRANSITIONS[state.status]],
        });
      }
      return { ...state, status: 'closed', outcome: command.outcome };
    case 'reopen':
      requireReason(command.reason);
      // Back to work where an officer confirms it again; the earlier outcome is kept on the timeline only.
      return { ...state, status: 'acknowledged', outcome: null };
    case 'transfer':
      requireReason(command.reason);
      if (command.toUnitId === state.unitId) {
        throw new DomainError('validation_failed', 'The case is already with that unit.', [
          { field: 'unitId', reason: 'same_unit', message: 'The case is already with that unit.' },
        ]);
      }
      // The receiving unit starts afresh: it acknowledges the case itself; nobody there holds it yet.
      return { ...state, status: 'new', unitId: command.toUnitId, assigneeId: null };
    case 'assign':
      return { ...state, assigneeId: command.assigneeId };
    default: {
      const unreachable: never = command;
      throw new Error(`unknown command ${JSON.stringify(unreachable)}`);
    }
  }
}

export function isOpen(status: CaseStatus): boolean {
  return status !== 'closed';
}
