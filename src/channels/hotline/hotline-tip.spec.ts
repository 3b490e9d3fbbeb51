import { isIdempotencyKey, readHotlineTip, readOutVi } from './hotline-tip';

describe('reading a hotline delivery', () => {
  const tip = { category: 'use_hotspot', locality: '07228', observedAt: '2026-11-20', narrative: 'Nhiều người tụ tập ở gầm cầu.', operatorId: 'op-17' };

  it('keeps the tip fields and the operator', () => {
    const r = readHotlineTip(tip, false);
    expect(r.problems).toEqual([]);
    expect(r.operatorId).toBe('op-17');
    expect(Object.keys(r.fields).sort()).toEqual(['category', 'locality', 'narrative', 'observedAt']);
  });

  it('refuses any caller-number field by name, without echoing its value', () => {
    for (const name of ['callerNumber', 'caller_id', 'phone', 'msisdn', 'soDienThoai', 'ANI', 'fromNumber']) {
      const r = readHotlineTip({ ...tip, [name]: '+84912345678' }, false);
      expect(r.problems.map((p) => [p.field, p.reason])).toEqual([[name, 'caller_number_refused']]);
      expect(JSON.stringify(r)).not.toContain('912345678');
    }
  });

  it('refuses unknown fields and asks for an operator unless a staff operator files it', () => {
    expect(readHotlineTip({ ...tip, extra: 1 }, false).problems.map((p) => p.reason)).toEqual(['unknown_field']);
    const { operatorId: _o, ...noOperator } = tip;
    expect(readHotlineTip(noOperator, false).problems.map((p) => p.reason)).toEqual(['operator_required']);
    expect(readHotlineTip(noOperator, true).problems).toEqual([]);
    expect(readHotlineTip({ ...tip, operatorId: 'bad id!' }, false).problems.map((p) => p.reason)).toEqual(['invalid_operator']);
    expect(readHotlineTip([1], false).problems.map((p) => p.reason)).toEqual(['body_not_object']);
  });

  it('answers in English when asked', () => {
    expect(readHotlineTip({ ...tip, phone: 'x', lang: 'en' }, false).problems[0].message).toMatch(/number/);
  });

  it('checks idempotency keys and reads a receipt out in Vietnamese', () => {
    expect(isIdempotencyKey('call-2026-000123')).toBe(true);
    expect(isIdempotencyKey('short')).toBe(false);
    expect(isIdempotencyKey('with space in it')).toBe(false);
    expect(readOutVi('0123 4567 8901 2345')).toBe('không một hai ba, bốn năm sáu bảy, tám chín không một, hai ba bốn năm');
  });
});
