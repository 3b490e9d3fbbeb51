import { DEFAULT_THROTTLE, LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  let now = 1_000_000;
  const clock = () => now;

  it('lets 5 failures through, then blocks for a doubling delay', () => {
    const t = new LoginThrottle(DEFAULT_THROTTLE, clock);
    const k = [t.keyFor('account', 'alice')];
    for (let i = 0; i < 5; i++) {
      expect(t.retryAfterMs(k)).toBe(0);
      t.recordFailure(k);
    }
    expect(t.retryAfterMs(k)).toBe(0);
    t.recordFailure(k); // 6th
    expect(t.retryAfterMs(k)).toBe(1000);
    now += 1000;
    expect(t.retryAfterMs(k)).toBe(0);
    t.recordFailure(k); // 7th
    expect(t.retryAfterMs(k)).toBe(2000);
    now += 2000;
    t.recordFailure(k); // 8th
    expect(t.retryAfterMs(k)).toBe(4000);
    t.recordSuccess(k);
    expect(t.retryAfterMs(k)).toBe(0);
  });

  it('counts attempts in flight: concurrent tries cannot outrun the free failures, then one at a time', () => {
    const t = new LoginThrottle(DEFAULT_THROTTLE, clock);
    const k = [t.keyFor('account', 'carol')];
    // 5 free failures: 5 concurrent attempts may start, the 6th must wait
    for (let i = 0; i < 5; i++) {
      expect(t.retryAfterMs(k)).toBe(0);
      t.begin(k);
    }
    expect(t.retryAfterMs(k)).toBe(1000);
    for (let i = 0; i < 4; i++) {
      t.recordFailure(k);
      t.finish(k);
    }
    // 4 failures recorded, one attempt still in flight: it uses the last free try
    expect(t.retryAfterMs(k)).toBe(1000);
    t.recordFailure(k);
    t.finish(k);
    expect(t.retryAfterMs(k)).toBe(0);
    // free tries used up: one attempt at a time
    t.begin(k);
    expect(t.retryAfterMs(k)).toBe(1000);
    t.recordFailure(k);
    t.finish(k);
    expect(t.retryAfterMs(k)).toBe(1000); // now blocked by the 6th failure itself
  });

  it('keys are HMACs, distinct per kind, and change when the key rotates', () => {
    const t = new LoginThrottle({ ...DEFAULT_THROTTLE, keyRotationMs: 10_000 }, clock);
    const a = t.keyFor('client', '203.0.113.7');
    expect(a).not.toContain('203.0.113.7');
    expect(a).toBe(t.keyFor('client', '203.0.113.7'));
    expect(a).not.toBe(t.keyFor('account', '203.0.113.7'));
    for (let i = 0; i < 6; i++) t.recordFailure([a]);
    expect(t.retryAfterMs([a])).toBeGreaterThan(0);
    now += 10_000;
    const b = t.keyFor('client', '203.0.113.7');
    expect(b).not.toBe(a);
    expect(t.retryAfterMs([a, b])).toBe(0);
  });

  it('never delays more than the maximum', () => {
    const t = new LoginThrottle(DEFAULT_THROTTLE, clock);
    const k = [t.keyFor('account', 'bob')];
    for (let i = 0; i < 60; i++) t.recordFailure(k);
    expect(t.retryAfterMs(k)).toBe(DEFAULT_THROTTLE.maxDelayMs);
  });
});
