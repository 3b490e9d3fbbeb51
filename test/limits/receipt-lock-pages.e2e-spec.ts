import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../utils/test-app';
import { FAST_PROOF_ENV, validTip } from '../intake/intake-helpers';

const ENV = {
  ...FAST_PROOF_ENV,
  INTAKE_RECEIPT_FAILURES_PER_HOUR: '3',
  INTAKE_RECEIPT_POW_FACTOR: '2',
  INTAKE_PROOF_SECRET: 'receipt-lock-pages-proof-secret-0123456789',
  RECEIPT_PEPPER: 'receipt-lock-pages-receipt-pepper-0123456789',
  MASTER_KEYS: `lockpages:${Buffer.alloc(32, 9).toString('base64')}`,
};

const form = (fields: Record<string, string>) => ({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });
const proofOf = (page: string) => /name="proof" value="([^"]*)"/.exec(page)?.[1];

/**
 * The no-JavaScript status pages past a failed-address lock: where the JSON API asks for a harder
 * proof-of-work, the page hands out a receipt wait token and keeps what was typed. No clock is
 * involved: instance `now` has no wait (a token is good at once), instance `slow` (same database
 * and secrets) needs 20 minutes, so "too early" and "after the wait" are both certain.
 */
describe('JS-off status pages past a failed-address lock', () => {
  let now: TestApp;
  let slow: TestApp;
  beforeAll(async () => {
    now = await createTestApp({ env: ENV });
    slow = await createTestApp({ env: { ...ENV, INTAKE_NOJS_WAIT_SECONDS: '600' }, db: now.db });
  });
  afterAll(async () => {
    await slow.close();
    await now.close();
  });

  const madeTip = async () => (await now.app.inject({ method: 'POST', url: '/api/v1/tips', remoteAddress: '198.51.100.200', payload: await validTip(now) })).json() as { receipt: string; reference: string };
  const check = (t: TestApp, from: string, fields: Record<string, string>) => t.app.inject({ method: 'POST', url: '/status', remoteAddress: from, ...form({ lang: 'vi', ...fields }) });
  const failThrice = async (from: string) => {
    for (let i = 0; i < 3; i++) expect((await check(now, from, { receipt: `9999 0000 1111 000${i}` })).statusCode).toBe(404);
  };

  it('offers a wait token instead of a lock, keeps the receipt, lets the right receipt through once, and a reply too', async () => {
    const { receipt, reference } = await madeTip();
    const from = '198.51.100.210';
    await failThrice(from);

    const locked = await check(now, from, { receipt });
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(locked.body).toContain('quá nhiều lần nhập sai mã biên nhận');
    expect(locked.body).not.toContain(reference);
    const token = proofOf(locked.body)!;
    expect(token).toMatch(/^wait:/);
    expect(locked.body).toContain(`value="${receipt}"`);

    const through = await check(now, from, { receipt, proof: token });
    expect(through.statusCode).toBe(200);
    expect(through.body).toContain(reference);

    // Single use: the same token again is refused, and a fresh one is offered in its place.
    const reused = await check(now, from, { receipt, proof: token });
    expect(reused.statusCode).toBe(400);
    expect(reused.body).not.toContain(reference);
    const second = proofOf(reused.body)!;
    expect(second).toMatch(/^wait:/);
    expect(second).not.toBe(token);

    // A reply from the locked address waits for a token too, and keeps its text meanwhile.
    const text = 'Họ đổi chỗ sang <bãi xe> phía sau chợ.';
    const reply = (fields: Record<string, string>) => now.app.inject({ method: 'POST', url: '/status/reply', remoteAddress: from, ...form({ lang: 'vi', receipt, body: text, ...fields }) });
    const held = await reply({});
    expect(held.statusCode).toBe(429);
    expect(held.body).toContain('&lt;bãi xe&gt;');
    expect(held.body).toContain('action="/status/reply"');
    const replyToken = proofOf(held.body)!;
    expect(replyToken).toMatch(/^wait:/);
    const sent = await reply({ proof: replyToken });
    expect(sent.statusCode).toBe(303);
    const [{ n }] = await now.app.get(DataSource).query(
      `SELECT count(*)::int AS n FROM case_messages m JOIN cases c ON c.id = m.case_id WHERE c.reference = $1 AND m.author = 'tipster'`,
      [reference],
    );
    expect(n).toBe(1);

    // Tokens are minted at most INTAKE_RECEIPT_FAILURES_PER_HOUR (3) times an hour per client:
    // after that the page says when to come back and carries no token.
    // A tip form's wait token is no receipt proof (and the client has had its three tokens).
    const step2 = await now.app.inject({ method: 'GET', url: '/?province=24&category=use_hotspot', remoteAddress: from });
    const tipToken = proofOf(step2.body)!;
    expect(tipToken).toMatch(/^wait:/);
    const foreign = await check(now, from, { receipt, proof: tipToken });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.body).not.toContain(reference);
    expect(proofOf(foreign.body)).toBeUndefined();
    const spent = await check(now, from, { receipt });
    expect(spent.statusCode).toBe(429);
    expect(proofOf(spent.body)).toBeUndefined();
    expect(spent.body).toContain('Vui lòng thử lại sau');
    expect(spent.body).not.toContain(reference);
  });

  it('a token sent before its wait is over is kept, with the seconds that remain, and counts once the wait is over', async () => {
    const { receipt, reference } = await madeTip();
    const from = '198.51.100.220';
    await failThrice(from);
    const locked = await check(slow, from, { receipt });
    expect(locked.statusCode).toBe(429);
    expect(locked.body).toContain('20 phút');
    const token = proofOf(locked.body)!;

    const early = await check(slow, from, { receipt, proof: token });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('Chưa đủ thời gian chờ');
    expect(early.body).not.toContain(reference);
    expect(proofOf(early.body)).toBe(token);
    expect(early.body).toContain(`value="${receipt}"`);

    // The instance without a wait plays "20 minutes later": the same token now counts.
    const later = await check(now, from, { receipt, proof: token });
    expect(later.statusCode).toBe(200);
    expect(later.body).toContain(reference);
  });

  it('the JSON API still takes no wait token, only the harder proof-of-work', async () => {
    const { receipt } = await madeTip();
    const from = '198.51.100.230';
    await failThrice(from);
    const token = proofOf((await check(now, from, { receipt })).body)!;
    expect(token).toMatch(/^wait:/);
    const api = await now.app.inject({ method: 'POST', url: '/api/v1/tipster/status', remoteAddress: from, payload: { receipt, proof: token } });
    expect(api.statusCode).toBe(400);
    expect(api.json().error.details).toEqual([expect.objectContaining({ field: 'proof', reason: 'proof_invalid' })]);
  });
});
