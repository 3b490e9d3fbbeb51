import { DomainError } from '../common/errors/domain-error';
import { IntakeAdmission } from './intake-admission';

/** A promise the test settles itself. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('IntakeAdmission', () => {
  it('refuses one tip over the limit at once with service_unavailable and a wait, without running it', async () => {
    const admission = new IntakeAdmission(2);
    const a = deferred<string>();
    const b = deferred<string>();
    const first = admission.run(() => a.promise);
    const second = admission.run(() => b.promise);
    expect(admission.inFlight()).toBe(2);
    let ran = false;
    const refused = await admission.run(async () => (ran = true)).catch((e: unknown) => e);
    expect(ran).toBe(false);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('service_unavailable');
    expect((refused as DomainError).details).toEqual({ retryAfterSeconds: 5 });
    expect((refused as DomainError).text?.vi).toMatch(/gửi lại/);
    a.resolve('a');
    b.resolve('b');
    await expect(first).resolves.toBe('a');
    await expect(second).resolves.toBe('b');
  });

  it('admits again as soon as a slot is free, also after a failed tip', async () => {
    const admission = new IntakeAdmission(1);
    await expect(admission.run(() => Promise.reject(new Error('bad tip')))).rejects.toThrow('bad tip');
    expect(admission.inFlight()).toBe(0);
    await expect(admission.run(async () => 'ok')).resolves.toBe('ok');
  });
});
