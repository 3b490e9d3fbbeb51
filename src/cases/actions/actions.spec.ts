import { DomainError } from '../../common/errors/domain-error';
import { CaseEntity } from '../case.entity';
import { acknowledgeAction } from './acknowledge.action';
import { AcknowledgeCaseDto } from './acknowledge.action';
import { assignAction, AssignCaseDto } from './assign.action';
import type { ActionEnv, ActionPlan, CaseAction } from './case-action';
import { claimAction, ClaimCaseDto } from './claim.action';
import { linkAction, LinkCaseDto } from './link.action';
import { messageAction, PostMessageDto } from './message.action';
import { CASE_ACTIONS } from './registry';
import { TakeActionDto, takeActionAction } from './take-action.action';
import { transferAction, TransferCaseDto } from './transfer.action';
import { ClockReasonDto, ExtendClockDto, extendAction, suspendAction } from './clock-actions';

/** Plans are pure: a case row, a validated input and a clock in, a plan out. No database here. */
const NOW = new Date('2026-12-01T03:00:00Z');
const TTL = 15 * 60_000;
const env: ActionEnv = { actorId: 'officer-1', now: NOW, claimTtlMs: TTL };

function aCase(extra: Partial<CaseEntity> = {}): CaseEntity {
  return Object.assign(new CaseEntity(), {
    id: 'case-1', reference: 'TL-AAAA-BBBB', unitId: 'unit-1', assigneeId: null, status: 'new', outcome: null, actionTaken: null,
    priority: 'normal', priorityRank: 2, category: 'dealing_point', localityCode: '00001', channel: 'web', observedAt: NOW,
    routingRuleId: null, routingReason: {}, dataKeyId: 'key-1', legalHold: false, purgedAt: null, replyWaiting: false, possiblyRelated: false,
    hotspotId: null, duplicateOf: null, claimedBy: null, claimedUntil: null, version: 4, createdAt: NOW, updatedAt: NOW, stageStartedAt: NOW,
    nextDeadlineAt: NOW, acknowledgedAt: null, verificationStartedAt: null, actionedAt: null, closedAt: null, reopenedAt: null, transferredAt: null,
    ...extra,
  });
}
const dto = <T extends object>(cls: new () => T, fields: Partial<T>): T => Object.assign(new cls(), fields);
const plan = (action: CaseAction, c: CaseEntity, body: object): ActionPlan => action.bind(body).plan(c, env);
function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('case action plans', () => {
  it('acknowledge: new → acknowledged, dated, claim taken by the actor (the clocks move the deadline); timeline and audit named', () => {
    const p = plan(acknowledgeAction, aCase(), dto(AcknowledgeCaseDto, { version: 4 }));
    expect(p.patch).toMatchObject({ status: 'acknowledged', acknowledgedAt: NOW, stageStartedAt: NOW, claimedBy: 'officer-1', claimedUntil: new Date(NOW.getTime() + TTL) });
    expect('nextDeadlineAt' in p.patch).toBe(false);
    expect(p.event).toEqual({ type: 'acknowledged', metadata: { from: 'new', to: 'acknowledged' } });
    expect(p.audit).toBe('case.acknowledged');
  });

  it('refuses to act on a case another officer has claimed (409 case_claimed)', () => {
    const c = aCase({ claimedBy: 'officer-2', claimedUntil: new Date(NOW.getTime() + 60_000) });
    expect(errorOf(() => plan(acknowledgeAction, c, dto(AcknowledgeCaseDto, { version: 4 }))).code).toBe('case_claimed');
    // a lapsed claim does not stand in the way
    const lapsed = aCase({ claimedBy: 'officer-2', claimedUntil: new Date(NOW.getTime() - 1) });
    expect(plan(acknowledgeAction, lapsed, dto(AcknowledgeCaseDto, { version: 4 })).patch.status).toBe('acknowledged');
  });

  it('claim: a closed case cannot be claimed', () => {
    expect(errorOf(() => plan(claimAction, aCase({ status: 'closed', outcome: 'spam' }), dto(ClaimCaseDto, { version: 4 }))).details).toEqual({ status: 'closed', command: 'claim', allowed: ['reopen'] });
  });

  it('transfer: to a unit that must be in force, as a new unclaimed case, with the reason kept for the timeline', () => {
    const p = plan(transferAction, aCase({ status: 'verifying', assigneeId: 's1', claimedBy: 'officer-1', claimedUntil: new Date(NOW.getTime() + 1000) }), dto(TransferCaseDto, { version: 4, unitId: 'unit-2', reason: '  wrong commune ' }));
    expect(p.patch).toMatchObject({ status: 'new', unitId: 'unit-2', assigneeId: null, claimedBy: null, claimedUntil: null, transferredAt: NOW });
    expect(p.requires).toEqual([{ kind: 'unit_in_force', unitId: 'unit-2' }]);
    expect(p.event).toMatchObject({ type: 'transferred', reason: 'wrong commune', metadata: { fromUnitId: 'unit-1', toUnitId: 'unit-2' } });
  });

  it('assign: requires an assignable officer of the case’s unit and takes no claim; null unassigns without a requirement', () => {
    const p = plan(assignAction, aCase(), dto(AssignCaseDto, { version: 4, assigneeId: 's9' }));
    expect(p.requires).toEqual([{ kind: 'assignable_staff', staffId: 's9', unitId: 'unit-1' }]);
    expect(p.patch.claimedBy).toBeUndefined();
    expect(plan(assignAction, aCase({ assigneeId: 's9' }), dto(AssignCaseDto, { version: 4, assigneeId: null })).requires).toBeUndefined();
  });

  it('action "hotspot dismantled" on a case linked to a hotspot dismantles the hotspot too; otherwise no effect', () => {
    const linked = plan(takeActionAction, aCase({ status: 'verifying', hotspotId: 'h1' }), dto(TakeActionDto, { version: 4, actionTaken: 'hotspot_dismantled' }));
    expect(linked.effects).toEqual([{ kind: 'dismantle_linked_hotspot', hotspotId: 'h1' }]);
    expect(plan(takeActionAction, aCase({ status: 'verifying' }), dto(TakeActionDto, { version: 4, actionTaken: 'hotspot_dismantled' })).effects).toBeUndefined();
  });

  it('link: needs a target, never itself; the targets must be of the caller’s scope', () => {
    expect(errorOf(() => plan(linkAction, aCase(), dto(LinkCaseDto, { version: 4 }))).code).toBe('validation_failed');
    expect(errorOf(() => plan(linkAction, aCase(), dto(LinkCaseDto, { version: 4, duplicateOf: 'case-1' }))).details).toEqual([{ field: 'duplicateOf', reason: 'self', message: 'A case cannot duplicate itself.' }]);
    const p = plan(linkAction, aCase(), dto(LinkCaseDto, { version: 4, duplicateOf: 'case-0', hotspotId: 'h1' }));
    expect(p.requires).toEqual([{ kind: 'original_case_in_scope', caseId: 'case-0' }, { kind: 'hotspot_in_scope', hotspotId: 'h1' }]);
    expect(p.event.metadata).toEqual({ duplicateOf: 'case-0', hotspotId: 'h1' });
  });

  it('message: to the tipster clears "reply waiting" and renews the writer’s own claim; a note does neither; both post the text', () => {
    const c = aCase({ replyWaiting: true, claimedBy: 'officer-1', claimedUntil: new Date(NOW.getTime() + 1000) });
    const toTipster = plan(messageAction, c, dto(PostMessageDto, { body: '  Cảm ơn bạn  ', visibility: 'tipster' }));
    expect(toTipster.patch).toEqual({ replyWaiting: false, claimedUntil: new Date(NOW.getTime() + TTL) });
    expect(toTipster.effects).toEqual([{ kind: 'post_message', body: 'Cảm ơn bạn', visibility: 'tipster' }]);
    expect(toTipster.audit).toBe('case.message_sent');
    const note = plan(messageAction, aCase({ replyWaiting: true }), dto(PostMessageDto, { body: 'ghi chú', visibility: 'internal' }));
    expect(note.patch).toEqual({});
    expect(note.event.type).toBe('internal_note');
    expect(errorOf(() => plan(messageAction, aCase(), dto(PostMessageDto, { body: '   ', visibility: 'internal' }))).code).toBe('validation_failed');
  });

  it('refuses a body that was not validated into the action’s DTO', () => {
    expect(() => acknowledgeAction.bind({ version: 4 })).toThrow(TypeError);
  });

  it('registers each action once under its own route name, versioned unless it only adds a message', () => {
    const names = CASE_ACTIONS.map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['claim', 'release', 'break-lock', 'acknowledge', 'verify', 'action', 'close', 'reopen', 'transfer', 'assign', 'link', 'messages']));
    expect(CASE_ACTIONS.filter((a) => a.concurrency === 'row_lock').map((a) => a.name)).toEqual(['messages']);
  });

  it('extend / suspend name the clock effect with the reason and the legal basis; a closed case refuses (409)', () => {
    const clockId = '3f0c5a9e-2b7d-4e61-8c4a-9d2e7f1b6a30';
    const p = plan(extendAction, aCase(), dto(ExtendClockDto, { version: 4, clockId, value: 2, unit: 'months', reason: ' Vụ việc phức tạp ', legalReference: 'BLTTHS 2015, Điều 147' }));
    expect(p.patch).toEqual({});
    expect(p.event).toEqual({ type: 'clock_extended', metadata: { clockId, legalReference: 'BLTTHS 2015, Điều 147', by: { value: 2, unit: 'months' } }, reason: 'Vụ việc phức tạp' });
    expect(p.audit).toBe('case.clock_extended');
    expect(p.effects).toEqual([{ kind: 'clock', clockId, action: { type: 'extend', by: { value: 2, unit: 'months' }, reason: ' Vụ việc phức tạp ', legalReference: 'BLTTHS 2015, Điều 147' } }]);
    const e = errorOf(() => plan(suspendAction, aCase({ status: 'closed', outcome: 'spam' }), dto(ClockReasonDto, { version: 4, clockId, reason: 'Chờ giám định', legalReference: 'BLTTHS 2015, Điều 148' })));
    expect(e.code).toBe('invalid_transition');
  });
});
