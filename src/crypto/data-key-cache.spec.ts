import { DataKeyCache } from './data-key-cache';

describe('DataKeyCache', () => {
  const k = (n: number) => Buffer.alloc(32, n);

  it('evicts the least recently used entry beyond its size', () => {
    const c = new DataKeyCache(2, 60_000);
    c.set('a', k(1));
    c.set('b', k(2));
    expect(c.get('a')).toEqual(k(1)); // a is now the most recent
    c.set('c', k(3));
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toEqual(k(1));
    expect(c.get('c')).toEqual(k(3));
  });

  it('forgets entries older than its time limit', () => {
    let t = 0;
    const c = new DataKeyCache(10, 1000, () => t);
    c.set('a', k(1));
    t = 1000;
    expect(c.get('a')).toEqual(k(1));
    t = 1001;
    expect(c.get('a')).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it('holds nothing with size 0, and deletes on request', () => {
    const off = new DataKeyCache(0, 1000);
    off.set('a', k(1));
    expect(off.get('a')).toBeUndefined();
    const c = new DataKeyCache(5, 1000);
    c.set('a', k(1));
    c.delete('a');
    expect(c.get('a')).toBeUndefined();
  });
});
