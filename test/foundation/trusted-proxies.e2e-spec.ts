import { createTestApp, TestApp } from '../utils/test-app';

/**
 * TRUSTED_PROXIES: only a trusted peer may name the client's address (X-Forwarded-For here), and
 * only under the rotating in-memory HMAC (ClientKeys). Observed through a per-client limit: two
 * wrong receipts and the client is refused (429), while another client is not.
 */
describe('the client address behind a reverse proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { TRUSTED_PROXIES: '10.0.0.0/8', INTAKE_RECEIPT_FAILURES_PER_HOUR: '2', LOG_LEVEL: 'trace' } });
  });
  afterAll(() => t.close());

  const lookup = async (peer: string, headers: Record<string, string> = {}) =>
    (await t.app.inject({ method: 'POST', url: '/api/v1/tipster/status', remoteAddress: peer, headers, payload: { receipt: '1234 1234 1234 1234' } })).statusCode;

  it('from an untrusted peer, spoofed X-Forwarded-For and Forwarded headers change nothing', async () => {
    const peer = '198.51.100.30';
    expect(await lookup(peer, { 'x-forwarded-for': '203.0.113.101' })).toBe(404);
    expect(await lookup(peer, { 'x-forwarded-for': '203.0.113.102', forwarded: 'for=203.0.113.103' })).toBe(404);
    // Two failures of this peer, whatever it claimed: refused, under any new claimed address.
    expect(await lookup(peer, { 'x-forwarded-for': '203.0.113.104' })).toBe(429);
    expect(await lookup(peer, { 'x-forwarded-for': '10.0.0.9, 203.0.113.105' })).toBe(429);
    expect(await lookup(peer)).toBe(429);
    // another peer is its own client
    expect(await lookup('198.51.100.31', { 'x-forwarded-for': '203.0.113.104' })).toBe(404);
  });

  it('from a trusted proxy, the client named in X-Forwarded-For is the one counted, across proxies', async () => {
    const client = '203.0.113.7';
    expect(await lookup('10.0.0.5', { 'x-forwarded-for': client })).toBe(404);
    // through another proxy of the set, behind a client-supplied (spoofed) entry: still 203.0.113.7
    expect(await lookup('10.0.0.6', { 'x-forwarded-for': `6.6.6.6, ${client}` })).toBe(404);
    expect(await lookup('10.0.0.5', { 'x-forwarded-for': client })).toBe(429);
    // a chain of trusted proxies: the nearest untrusted hop is the client
    expect(await lookup('10.0.0.5', { 'x-forwarded-for': `${client}, 10.1.2.3` })).toBe(429);
    // other clients of the same proxy are not refused with it
    expect(await lookup('10.0.0.5', { 'x-forwarded-for': '203.0.113.8' })).toBe(404);
    // the proxy's own requests (no header) count as the proxy's
    expect(await lookup('10.0.0.5')).toBe(404);
  });

  it('never writes a client address to the logs', () => {
    expect(t.logs.lines.length).toBeGreaterThan(0);
    for (const a of ['203.0.113.7', '203.0.113.8', '203.0.113.101', '198.51.100.30', '10.0.0.5', '6.6.6.6']) expect(t.logs.text).not.toContain(a);
  });
});
