import { assertMayAct, NO_CLAIM, takeClaim } from '../case-claim';
import { CaseCommand, CaseStatus, planTransition } from '../case-transitions';
import type { CaseEntity } from '../case.entity';
import type { CasePatch } from '../cases.repository';
import type { ActionEnv, ActionPlan } from './case-action';

const STATUS_TIMESTAMP: Partial<Record<CaseStatus, 'acknowledgedAt' | 'verificationStartedAt' | 'actionedAt' | 'closedAt'>> = {
  acknowledged: 'acknowledgedAt',
  verifying: 'verificationStartedAt',
  actioned: 'actionedAt',
  closed: 'closedAt',
};

/** The timeline event type of each command of the transition table. */
export const EVENT_FOR_COMMAND: Readonly<Record<CaseCommand['type'], string>> = {
  acknowledge: 'acknowledged',
  verify: 'verification_started',
  action: 'actioned',
  close: 'closed',
  reopen: 'reopened',
  transfer: 'transferred',
  assign: 'assigned',
};

/**
 * The plan of a command of the transition table (case-transitions.ts), shared by the actions
 * that are such commands. Pure. Working a case renews the actor's claim; closing or transferring
 * it lets the claim go; assigning it is not working it (the lead must not lock the new assignee
 * out for the claim's lifetime).
 */
export function planCommand(c: Readonly<CaseEntity>, command: CaseCommand, env: ActionEnv): ActionPlan {
  const claim = { claimedBy: c.claimedBy, claimedUntil: c.claimedUntil };
  assertMayAct(claim, env.actorId, env.now);
  const next = planTransition({ status: c.status, unitId: c.unitId, assigneeId: c.assigneeId, outcome: c.outcome, actionTaken: c.actionTaken }, command);
  const patch: CasePatch = { status: next.status, unitId: next.unitId, assigneeId: next.assigneeId, outcome: next.outcome, actionTaken: next.actionTaken };
  if (next.status !== c.status) {
    const ts = STATUS_TIMESTAMP[next.status];
    if (ts) patch[ts] = env.now;
    patch.stageStartedAt = env.now;
  }
  if (command.type === 'reopen') patch.reopenedAt = env.now;
  if (command.type === 'transfer') patch.transferredAt = env.now;
  if (next.status === 'closed' || command.type === 'transfer') Object.assign(patch, NO_CLAIM);
  else if (command.type !== 'assign') Object.assign(patch, takeClaim(claim, env.actorId, env.now, env.claimTtlMs));
  const type = EVENT_FOR_COMMAND[command.type];
  return { patch, event: { type, metadata: { from: c.status, to: next.status } }, audit: `case.${type}` };
}
