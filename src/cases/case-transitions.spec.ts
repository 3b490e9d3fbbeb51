import { DomainError } from '../common/errors/domain-error';
import { CaseCommand, CaseState, planTransition } from './case-transitions';

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

  /**
   * The expected table, written out by hand (not read from TRANSITIONS): the status each command
   * leads to from each status, or null where the command is refused. A change to the rules must
   * change this table too.
   */
  const EXPECTED: Record<CaseState['status'], Record<CaseCommand['type'], CaseState['status'] | null>> = {
    new: { acknowledge: 'acknowledged', verify: null, action: null, close: 'closed', reopen: null, transfer: 'new', assign: 'new' },
    acknowledged: { acknowledge: null, verify: 'verifying', action: null, close: 'closed', reopen: null, transfer: 'new', assign: 'acknowledged' },
    verifying: { acknowledge: null, verify: null, action: 'actioned', close: 'closed', reopen: null, transfer: 'new', assign: 'verifying' },
    actioned: { acknowledge: null, verify: null, action: null, close: 'closed', reopen: null, transfer: null, assign: 'actioned' },
    closed: { acknowledge: null, verify: null, action: null, close: null, reopen: 'acknowledged', transfer: null, assign: null },
  };
  const ALLOWED_TEXT: Record<CaseState['status'], string[]> = {
    new: ['acknowledge', 'close', 'transfer', 'assign'],
    acknowledged: ['verify', 'close', 'transfer', 'assign'],
    verifying: ['action', 'close', 'transfer', 'assign'],
    actioned: ['close', 'assign'],
    closed: ['reopen'],
  };
  const commands: CaseCommand[] = [
    { type: 'acknowledge' },
    { type: 'verify' },
    { type: 'action', actionTaken: 'administrative_action' },
    { type: 'close', outcome: 'spam' },
    { type: 'reopen', reason: 'new evidence' },
    { type: 'transfer', toUnitId: 'u2', reason: 'wrong commune' },
    { type: 'assign', assigneeId: 's1' },
  ];

  it.each(Object.keys(EXPECTED) as CaseState['status'][])('from %s: each command leads where the hand-written table says, or is a 409 naming the allowed ones', (status) => {
    for (const c of commands) {
      const expected = EXPECTED[status][c.type];
      if (expected === null) {
        const e = errorOf(() => planTransition(at(status), c));
        expect({ command: c.type, code: e.code, details: e.details }).toEqual({ command: c.type, code: 'invalid_transition', details: { status, command: c.type, allowed: ALLOWED_TEXT[status] } });
        expect(e.message).toContain(ALLOWED_TEXT[status].join(', '));
      } else {
        expect({ command: c.type, to: planTransition(at(status), c).status }).toEqual({ command: c.type, to: expected });
      }
    }
  });

  it('says what cannot be done in plain words (verified, reopened, transferred, assigned)', () => {
    expect(errorOf(() => planTransition(at('new'), { type: 'verify' })).message).toBe('A case that is new cannot be verified; allowed: acknowledge, close, transfer, assign.');
    expect(errorOf(() => planTransition(at('new'), { type: 'reopen', reason: 'x' })).message).toContain('cannot be reopened;');
    expect(errorOf(() => planTransition(at('closed'), { type: 'transfer', toUnitId: 'u2', reason: 'x' })).message).toContain('cannot be transferred;');
    expect(errorOf(() => planTransition(at('closed'), { type: 'assign', assigneeId: null })).message).toContain('cannot be assigned;');
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
