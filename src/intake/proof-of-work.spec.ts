import { ProofOfWork, solveForTest } from './proof-of-work';

describe('ProofOfWork', () => {
  let now = 1_800_000_000_000;
  const pow = new ProofOfWork({ secret: 's3cret', difficulty: 200, minAgeSeconds: 2, maxAgeSeconds: 600, waitSeconds: 10 }, () => now);

  it('accepts a solved challenge once it is old enough, refuses tampering and expiry', async () => {
    const challenge = await pow.challenge();
    const proof = await solveForTest(challenge);
    expect(await pow.verify(proof)).toEqual({ ok: false, reason: 'too_fast', remainingSeconds: 2 });
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
    const token = pow.waitToken('form-a');
    const onForm = { waitFor: 'form-a' };
    now += 5000;
    expect(await pow.verify(token, onForm)).toEqual({ ok: false, reason: 'too_fast', remainingSeconds: 5 });
    now += 6000;
    expect(await pow.verify(token, onForm)).toMatchObject({ ok: true, kind: 'wait' });
    expect(await pow.verify(token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), onForm)).toEqual({ ok: false, reason: 'invalid' });
    expect(await pow.verify('')).toEqual({ ok: false, reason: 'missing' });
    expect(await pow.verify('altcha:!!!')).toEqual({ ok: false, reason: 'invalid' });
    expect(await pow.verify(Buffer.from('{"challenge":1}').toString('base64'))).toEqual({ ok: false, reason: 'invalid' });
  });

  it('accepts exactly one spelling of a wait token, only on the form it was rendered into', async () => {
    const token = pow.waitToken('form-a');
    now += 11_000;
    const onForm = { waitFor: 'form-a' };
    expect((await pow.verify(token, onForm)).ok).toBe(true);
    // Suffixes, extra parts, padding, spaces: each is another string, so each is refused.
    for (const variant of [`${token}.1`, `${token}.`, `${token}=`, ` ${token}`, `${token}\n`, token.replace('wait:', 'WAIT:'), `${token.split('.')[0]}..${token.split('.')[1]}`]) {
      expect(await pow.verify(variant, onForm)).toEqual({ ok: false, reason: 'invalid' });
    }
    // Not on the JSON API (no form), not on another form, not for a receipt look-up.
    expect(await pow.verify(token)).toEqual({ ok: false, reason: 'invalid' });
    expect(await pow.verify(token, { waitFor: 'form-b' })).toEqual({ ok: false, reason: 'invalid' });
    expect(await pow.verify(token, { waitFor: 'form-a', purpose: 'receipt' })).toEqual({ ok: false, reason: 'invalid' });
  });

  it('accepts one spelling of a solved challenge, for its own purpose only', async () => {
    const tipProof = await solveForTest(await pow.challenge());
    now += 3000;
    expect((await pow.verify(tipProof)).ok).toBe(true);
    const b64 = tipProof.slice('altcha:'.length);
    expect(await pow.verify(b64)).toEqual({ ok: false, reason: 'invalid' });
    expect(await pow.verify(`altcha:${b64}=`)).toEqual({ ok: false, reason: 'invalid' });
    expect(await pow.verify(`altcha:${b64.slice(0, -4)}`)).toEqual({ ok: false, reason: 'invalid' });
    expect(await pow.verify(`${tipProof}.1`)).toEqual({ ok: false, reason: 'invalid' });
    expect(await pow.verify(tipProof, { purpose: 'receipt' })).toEqual({ ok: false, reason: 'invalid' });
    const receiptProof = await solveForTest(await pow.challenge('receipt'));
    now += 3000;
    expect((await pow.verify(receiptProof, { purpose: 'receipt' })).ok).toBe(true);
    expect(await pow.verify(receiptProof)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('makes a receipt wait token (the JS-off way past a failed-address lock) wait receiptFactor times longer, for look-ups only', async () => {
    const hard = new ProofOfWork({ secret: 's3cret', difficulty: 200, minAgeSeconds: 2, maxAgeSeconds: 600, waitSeconds: 10, receiptFactor: 6 }, () => now);
    expect(hard.receiptWaitSeconds).toBe(60);
    const token = hard.waitToken('status-page', 'receipt');
    const onStatus = { waitFor: 'status-page', purpose: 'receipt' as const };
    now += 11_000;
    expect(await hard.verify(token, onStatus)).toEqual({ ok: false, reason: 'too_fast', remainingSeconds: 49 });
    now += 49_000;
    expect(await hard.verify(token, onStatus)).toMatchObject({ ok: true, kind: 'wait' });
    // Not a tip's proof (not even on the same binding), not on another page, not on the JSON API.
    expect(await hard.verify(token, { waitFor: 'status-page' })).toEqual({ ok: false, reason: 'invalid' });
    expect(await hard.verify(token, { waitFor: 'form-a', purpose: 'receipt' })).toEqual({ ok: false, reason: 'invalid' });
    expect(await hard.verify(token, { purpose: 'receipt' })).toEqual({ ok: false, reason: 'invalid' });
    // A tip's wait token is no receipt proof.
    expect(await hard.verify(hard.waitToken('status-page'), onStatus)).toEqual({ ok: false, reason: 'invalid' });
  });
});
