import { deadlineState, nextDeadline } from './case-deadlines';

const t0 = new Date('2026-01-01T00:00:00Z');
const plus = (ms: number) => new Date(t0.getTime() + ms);
const H = 3_600_000;

describe('internal deadlines', () => {
  it('gives each open stage a target from its start, by priority', () => {
    expect(nextDeadline('new', 'normal', t0)).toEqual(plus(24 * H));
    expect(nextDeadline('new', 'urgent', t0)).toEqual(plus(2 * H));
    expect(nextDeadline('verifying', 'low', t0)).toEqual(plus(20 * 24 * H));
    expect(nextDeadline('closed', 'urgent', t0)).toBeNull();
  });

  it('is on time, at risk in the last quarter, breached at and after the deadline', () => {
    const due = plus(24 * H);
    expect(deadlineState(due, t0, plus(1 * H))).toBe('on_time');
    expect(deadlineState(due, t0, plus(17 * H))).toBe('on_time');
    expect(deadlineState(due, t0, plus(18 * H))).toBe('at_risk');
    expect(deadlineState(due, t0, plus(24 * H - 1))).toBe('at_risk');
    expect(deadlineState(due, t0, due)).toBe('breached');
    expect(deadlineState(due, t0, plus(30 * H))).toBe('breached');
    expect(deadlineState(null, t0, plus(30 * H))).toBe('none');
  });
});
