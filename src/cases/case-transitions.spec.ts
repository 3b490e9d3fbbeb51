import { DomainError } from '../common/errors/domain-error';
import { CASE_STATUSES, CaseCommand, CaseState, planTransition, TRANSITIONS } from './case-transitions';

const base: CaseState = { status: 'new', unitId: 'u1', assigneeId: null, outcome: null, actionTaken: null };
const at = (status: CaseState['status'], extra: Partial<CaseState> = {}): CaseState => ({ ...base, status, ...extra });

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('case transitions', () => {
  it('walks the happy path new → acknowledged → verifying → actioned → closed', () => {
    let s = planTransition(base, { type: 'acknowledge' });
    expect(s.status).toBe('acknowledged');
    s = planTransition(s, { type: 'verify' });
    expect(s.status).toBe('verifying');
    s = planTransition(s, { type: 'action', actionTaken: 'hotspot_dismantled' });
    expect(s).toMatchObject({ status: 'actioned', actionTaken: 'hotspot_dismantled' });
    s = planTransition(s, { type: 'close', outcome: 'substantiated' });
    expect(s).toMatchObject({ status: 'closed', outcome: 'substantiated', actionTaken: 'hotspot_dismantled' });
  });

  it('refuses every command not in the table with a 409 naming the allowed ones', () => {
    const commands: CaseCommand[] = [
      { type: 'acknowledge' },
      { type: 'verify' },
      { type: 'action', actionTaken: 'administrative_action' },
      { type: 'close', outcome: 'spam' },
      { type: 'reopen', reason: 'new evidence' },
      { type: 'transfer', toUnitId: 'u2', reason: 'wrong commune' },
      { type: 'assign', assigneeId: 's1' },
    ];
    for (const status of CASE_STATUSES) {
      for (const c of commands) {
        if (TRANSITIONS[status].includes(c.type)) {
          expect(() => planTransition(at(status), c)).not.toThrow();
        } else {
          const e = errorOf(() => planTransition(at(status), c));
          expect(e.code).toBe('invalid_transition');
          expect(e.details).toEqual({ status, command: c.type, allowed: [...TRANSITIONS[status]] });
          expect(e.message).toContain(TRANSITIONS[status].join(', '));
        }
      }
    }
  });

  it('closes as substantiated only after an action', () => {
    expect(errorOf(() => planTransition(at('verifying'), { type: 'close', outcome: 'substantiated' })).code).toBe('invalid_transition');
    expect(planTransition(at('new'), { type: 'close', outcome: 'spam' }).status).toBe('closed');
  });

  it('rejects unknown outcomes and actions as bad input', () => {
    expect(errorOf(() => planTransition(at('verifying'), { type: 'close', outcome: 'nope' as never })).code).toBe('validation_failed');
    expect(errorOf(() => planTransition(at('verifying'), { type: 'action', actionTaken: 'nope' as never })).code).toBe('validation_failed');
  });

  it('needs a reason to reopen or transfer', () => {
    for (const reason of ['', '   ']) {
      expect(errorOf(() => planTransition(at('closed'), { type: 'reopen', reason })).code).toBe('validation_failed');
      expect(errorOf(() => planTransition(at('new'), { type: 'transfer', toUnitId: 'u2', reason })).code).toBe('validation_failed');
    }
  });

  it('reopens a closed case to acknowledged and clears the outcome', () => {
    expect(planTransition(at('closed', { outcome: 'duplicate' }), { type: 'reopen', reason: 'not a duplicate' })).toMatchObject({
      status: 'acknowledged',
      outcome: null,
    });
  });

  it('transfers to another unit as a new, unassigned case; never to the same unit', () => {
    expect(planTransition(at('verifying', { assigneeId: 's1' }), { type: 'transfer', toUnitId: 'u2', reason: 'x' })).toMatchObject({
      status: 'new',
      unitId: 'u2',
      assigneeId: null,
    });
    expect(errorOf(() => planTransition(at('new'), { type: 'transfer', toUnitId: 'u1', reason: 'x' })).code).toBe('validation_failed');
  });

  it('assigns and unassigns without changing the status', () => {
    expect(planTransition(at('verifying'), { type: 'assign', assigneeId: 's9' })).toMatchObject({ status: 'verifying', assigneeId: 's9' });
    expect(planTransition(at('verifying', { assigneeId: 's9' }), { type: 'assign', assigneeId: null }).assigneeId).toBeNull();
  });
});
