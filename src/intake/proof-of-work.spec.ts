import { ProofOfWork, solveForTest } from './proof-of-work';

describe('ProofOfWork', () => {
  let now = 1_800_000_000_000;
  const pow = new ProofOfWork({ secret: 's3cret', difficulty: 200, minAgeSeconds: 2, maxAgeSeconds: 600, waitSeconds: 10 }, () => now);

  it('accepts a solved challenge once it is old enough, refuses tampering and expiry', async () => {
    const challenge = await pow.challenge();
    const proof = await solveForTest(challenge);
    expect(await pow.verify(proof)).toEqual({ ok: false, reason: 'too_fast' });
    now += 3000;
    const ok = await pow.verify(proof);
    expect(ok).toMatchObject({ ok: true, kind: 'pow' });
    const forged = await solveForTest({ ...challenge, parameters: { ...challenge.parameters, cost: 1, keyPrefix: '00' } });
    expect(await pow.verify(forged)).toEqual({ ok: false, reason: 'invalid' });
    const other = new ProofOfWork({ secret: 'other', difficulty: 200, minAgeSeconds: 0, maxAgeSeconds: 600, waitSeconds: 0 }, () => now);
    expect((await other.verify(proof)).ok).toBe(false);
    now += 601_000;
    expect(await pow.verify(proof)).toEqual({ ok: false, reason: 'expired' });
  });

  it('makes the no-JavaScript token wait, and refuses garbage', async () => {
    const token = pow.waitToken();
    now += 5000;
    expect(await pow.verify(token)).toEqual({ ok: false, reason: 'too_fast' });
    now += 6000;
    expect(await pow.verify(token)).toMatchObject({ ok: true, kind: 'wait' });
    expect(await pow.verify(token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).toEqual({ ok: false, reason: 'invalid' });
    expect(await pow.verify('')).toEqual({ ok: false, reason: 'missing' });
    expect(await pow.verify('altcha:!!!')).toEqual({ ok: false, reason: 'invalid' });
    expect(await pow.verify(Buffer.from('{"challenge":1}').toString('base64'))).toEqual({ ok: false, reason: 'invalid' });
  });
});
