import { actionTime, coarseTime, storedRequestId } from './action-time';

describe('action times', () => {
  const t = new Date('2026-11-20T21:37:12.345Z');

  it('round down, never up', () => {
    expect(coarseTime(t, 60).toISOString()).toBe('2026-11-20T21:00:00.000Z');
    expect(coarseTime(t, 15).toISOString()).toBe('2026-11-20T21:30:00.000Z');
    expect(coarseTime(new Date('2026-11-20T21:59:59.999Z'), 60).getTime()).toBeLessThanOrEqual(new Date('2026-11-20T21:59:59.999Z').getTime());
  });

  it('coarsen a tipster\'s and a channel\'s actions only, and drop a tipster\'s request id', () => {
    expect(actionTime({ requestId: 'r', actor: { type: 'tipster' } }, t).toISOString()).toBe('2026-11-20T21:00:00.000Z');
    expect(actionTime({ requestId: 'r', actor: { type: 'channel', id: 'c' }, timeGranularityMinutes: 60 }, t).toISOString()).toBe('2026-11-20T21:00:00.000Z');
    expect(actionTime({ requestId: 'r', actor: { type: 'system' }, timeGranularityMinutes: 15 }, t)).toBe(t);
    expect(storedRequestId({ requestId: 'r1', actor: { type: 'tipster' } })).toBe('tipster');
    expect(storedRequestId({ requestId: 'r1', actor: { type: 'system' } })).toBe('r1');
  });
});
