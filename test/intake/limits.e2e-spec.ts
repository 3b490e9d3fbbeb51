import { RECEIPT_LOOKUP_FLOOR_MS } from '../../src/intake/tipster.service';
import { createTestApp, TestApp } from '../utils/test-app';
import { FAST_PROOF_ENV, validTip } from './intake-helpers';

describe('limits keyed by an HMAC of the client address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { ...FAST_PROOF_ENV, INTAKE_TIPS_PER_HOUR: '2', INTAKE_RECEIPT_FAILURES_PER_HOUR: '2' } });
  });
  afterAll(() => t.close());

  it('answers right and wrong receipts no sooner than the floor, then refuses a client after repeated failures', async () => {
    const a = '198.51.100.10';
    const tip = await t.app.inject({ method: 'POST', url: '/api/v1/tips', remoteAddress: a, payload: await validTip(t) });
    expect(tip.statusCode).toBe(201);
    const { receipt } = tip.json();
    const timed = async (r: string, from = a) => {
      const s = Date.now();
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/tipster/status', remoteAddress: from, payload: { receipt: r } });
      return { status: res.statusCode, ms: Date.now() - s, body: res.json() };
    };
    const right = await timed(receipt);
    const wrong = await timed('1234 1234 1234 1234');
    expect([right.status, wrong.status]).toEqual([200, 404]);
    expect(right.ms).toBeGreaterThanOrEqual(RECEIPT_LOOKUP_FLOOR_MS - 5);
    expect(wrong.ms).toBeGreaterThanOrEqual(RECEIPT_LOOKUP_FLOOR_MS - 5);
    expect((await timed('1234 1234 1234 1235')).status).toBe(404);
    // Two failures: this client is refused now, even with the right receipt; another is not.
    const refused = await timed(receipt);
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toBe('Có quá nhiều yêu cầu. Vui lòng thử lại sau.');
    expect((await timed(receipt, '198.51.100.11')).status).toBe(200);
  });

  it('counts tips per client', async () => {
    const b = '198.51.100.20';
    const send = async (from: string) => (await t.app.inject({ method: 'POST', url: '/api/v1/tips?lang=en', remoteAddress: from, payload: await validTip(t) })).statusCode;
    expect(await send(b)).toBe(201);
    expect(await send(b)).toBe(201);
    expect(await send(b)).toBe(429);
    expect(await send('198.51.100.21')).toBe(201);
  });
});
