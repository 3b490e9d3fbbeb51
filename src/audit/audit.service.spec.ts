import { toPending } from './audit.service';

describe('toPending (what an audit event holds)', () => {
  const at = new Date('2026-03-04T05:06:07.089Z');
  const unit = '22222222-2222-4222-8222-222222222222';

  it('gives a tipster no identifier at all (no request id, a coarse time), and staff their id and unit', () => {
    expect(toPending({ requestId: 'r', actor: { type: 'tipster' } }, { action: 'tip.submitted', targetType: 'tip', targetId: 't' }, at)).toEqual({
      at: '2026-03-04T05:00:00.000Z',
      actorType: 'tipster',
      actorId: null,
      action: 'tip.submitted',
      targetType: 'tip',
      targetId: 't',
      unitId: null,
      requestId: 'tipster',
      changeDigest: null,
    });
    expect(toPending({ requestId: 'r', actor: { type: 'tipster' }, timeGranularityMinutes: 15 }, { action: 'a.b', targetType: 'x', targetId: null }, at).at).toBe('2026-03-04T05:00:00.000Z');
    expect(toPending({ requestId: 'r', actor: { type: 'system' } }, { action: 'a.b', targetType: 'x', targetId: null }, at)).toMatchObject({ at: '2026-03-04T05:06:07.089Z', requestId: 'r' });
    const staff = toPending(
      { requestId: 'r', actor: { type: 'staff', id: 's1', unitId: unit.toUpperCase(), role: 'officer' } },
      { action: 'case.viewed', targetType: 'case', targetId: 'c', change: { a: 1 } },
      at,
    );
    expect(staff).toMatchObject({ actorType: 'staff', actorId: 's1', unitId: unit });
    expect(staff.changeDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(toPending({ requestId: 'r', actor: { type: 'system' } }, { action: 'a.b', targetType: 'x', targetId: null }, at)).toMatchObject({
      actorType: 'system',
      actorId: 'system',
    });
    expect(toPending({ requestId: 'r', actor: { type: 'channel', id: 'sms-gw' } }, { action: 'a.b', targetType: 'x', targetId: null, unitId: null }, at)).toMatchObject({
      actorType: 'channel',
      actorId: 'sms-gw',
      unitId: null,
    });
  });

  it('refuses malformed codes and ids at once', () => {
    const ctx = { requestId: 'r', actor: { type: 'tipster' as const } };
    expect(() => toPending(ctx, { action: 'Viewed', targetType: 'case', targetId: 'c' }, at)).toThrow('dotted code');
    expect(() => toPending(ctx, { action: 'case.viewed', targetType: 'Case', targetId: 'c' }, at)).toThrow('snake_case');
    expect(() => toPending(ctx, { action: 'case.viewed', targetType: 'case', targetId: '' }, at)).toThrow('targetId');
    expect(() => toPending(ctx, { action: 'case.viewed', targetType: 'case', targetId: 'c', unitId: 'x' }, at)).toThrow('unitId');
    expect(() => toPending(ctx, { action: 'case.viewed', targetType: 'case', targetId: 'c', change: { n: Number.NaN } }, at)).toThrow('non-finite');
  });
});
