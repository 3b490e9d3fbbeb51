import { ConcurrencyGate } from './concurrency-gate';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('ConcurrencyGate', () => {
  it('refuses a client over its share at once and lets others in', async () => {
    const gate = new ConcurrencyGate({ perClient: 2, global: 10, queue: 10 });
    const d = deferred();
    const a1 = gate.run('a', () => d.promise);
    const a2 = gate.run('a', () => d.promise);
    expect(await gate.run('a', async () => 1)).toEqual({ ok: false, reason: 'client' });
    expect(await gate.run('b', async () => 2)).toEqual({ ok: true, value: 2 });
    d.resolve();
    await Promise.all([a1, a2]);
    expect(await gate.run('a', async () => 3)).toEqual({ ok: true, value: 3 });
    expect(gate.stats()).toEqual({ running: 0, waiting: 0, clients: 0 });
  });

  it('queues up to the limit behind a full pool, then refuses', async () => {
    const gate = new ConcurrencyGate({ perClient: 5, global: 1, queue: 1 });
    const d = deferred();
    const order: string[] = [];
    const first = gate.run('a', async () => { await d.promise; order.push('first'); });
    const second = gate.run('b', async () => { order.push('second'); });
    expect(await gate.run('c', async () => 0)).toEqual({ ok: false, reason: 'pool' });
    expect(gate.stats()).toMatchObject({ running: 1, waiting: 1 });
    d.resolve();
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'second']);
    expect(gate.stats()).toEqual({ running: 0, waiting: 0, clients: 0 });
  });

  it('frees the slot when the work throws', async () => {
    const gate = new ConcurrencyGate({ perClient: 1, global: 1, queue: 0 });
    await expect(gate.run('a', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(await gate.run('a', async () => 1)).toEqual({ ok: true, value: 1 });
  });
});
