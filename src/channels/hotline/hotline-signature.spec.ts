import { checkHotlineSignature, hotlineSignature } from './hotline-signature';

describe('hotline signature', () => {
  const secret = 'tls_test-secret-0123456789abcdef';
  const now = 1_790_000_000;
  const parts = { timestamp: String(now), method: 'POST', path: '/api/v1/channels/hotline/tips', body: '{"a":1}' };
  const sig = hotlineSignature(secret, parts);

  it('accepts its own signature within five minutes either way', () => {
    expect(checkHotlineSignature(secret, parts, sig, now)).toEqual({ ok: true });
    expect(checkHotlineSignature(secret, parts, sig, now + 300)).toEqual({ ok: true });
    expect(checkHotlineSignature(secret, parts, sig, now - 300)).toEqual({ ok: true });
  });

  it('takes a timestamp with milliseconds', () => {
    const ms = { ...parts, timestamp: `${now}.123` };
    expect(checkHotlineSignature(secret, ms, hotlineSignature(secret, ms), now)).toEqual({ ok: true });
    const bad = { ...parts, timestamp: `${now}.1234` };
    expect(checkHotlineSignature(secret, bad, hotlineSignature(secret, bad), now)).toEqual({ ok: false, reason: 'signature_invalid' });
  });

  it('refuses a stale or future timestamp as stale', () => {
    expect(checkHotlineSignature(secret, parts, sig, now + 301)).toEqual({ ok: false, reason: 'signature_stale' });
    expect(checkHotlineSignature(secret, parts, sig, now - 301)).toEqual({ ok: false, reason: 'signature_stale' });
  });

  it('binds the timestamp, method, path and body, and the secret', () => {
    for (const changed of [
      { ...parts, timestamp: String(now + 1) },
      { ...parts, method: 'PUT' },
      { ...parts, path: '/api/v1/channels/hotline/tips?x=1' },
      { ...parts, body: '{"a":2}' },
    ]) {
      expect(checkHotlineSignature(secret, changed, sig, now)).toEqual({ ok: false, reason: 'signature_invalid' });
    }
    expect(checkHotlineSignature(`${secret}x`, parts, sig, now)).toEqual({ ok: false, reason: 'signature_invalid' });
  });

  it('refuses missing or malformed signatures and timestamps', () => {
    for (const bad of [undefined, '', 'v1=zz', sig.slice(3), `v2=${sig.slice(3)}`]) {
      expect(checkHotlineSignature(secret, parts, bad, now)).toEqual({ ok: false, reason: 'signature_invalid' });
    }
    expect(checkHotlineSignature(secret, { ...parts, timestamp: 'yesterday' }, sig, now)).toEqual({ ok: false, reason: 'signature_invalid' });
  });
});
