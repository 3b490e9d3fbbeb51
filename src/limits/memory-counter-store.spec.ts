import { MemoryCounterStore } from './memory-counter-store';

describe('MemoryCounterStore', () => {
  it('counts until the entry expires', async () => {
    let t = 1_000;
    const s = new MemoryCounterStore(10, () => t);
    expect(await s.add('k', 1, t + 100, t)).toBe(1);
    expect(await s.add('k', 1, t + 100, t)).toBe(2);
    t += 101;
    expect(await s.add('k', 1, t + 100, t)).toBe(1);
  });

  it('evicts the least recently used entries one at a time, never everything', async () => {
    const t = 1_000;
    const s = new MemoryCounterStore(100, () => t);
    for (let i = 0; i < 5; i++) await s.add('blocked', 1, t + 3_600_000, t);
    // A flood of fresh keys, the blocked client touching its counter now and then.
    for (let i = 0; i < 1_000; i++) {
      await s.add(`junk-${i}`, 1, t + 3_600_000, t);
      if (i % 50 === 0) await s.add('blocked', 0, t + 3_600_000, t);
    }
    expect(s.size()).toBe(100);
    expect(await s.add('blocked', 1, t + 3_600_000, t)).toBe(6);
  });
});
