import { DataSource } from 'typeorm';
import { solveForTest } from '../../src/intake/proof-of-work';
import { TipsService } from '../../src/intake/tips.service';
import { createTestApp, TestApp } from '../utils/test-app';
import { FAST_PROOF_ENV, validTip } from '../intake/intake-helpers';

const ENV = {
  ...FAST_PROOF_ENV,
  INTAKE_TIPS_PER_HOUR: '3',
  INTAKE_RECEIPT_FAILURES_PER_HOUR: '5',
  INTAKE_RECEIPT_LOOKUPS_PER_HOUR: '1000',
  INTAKE_LOOKUPS_PER_RECEIPT_PER_HOUR: '4',
  INTAKE_MESSAGES_PER_RECEIPT_PER_HOUR: '2',
  INTAKE_RECEIPT_POW_FACTOR: '2',
  HASH_CONCURRENCY_PER_CLIENT: '64',
  HASH_POOL_QUEUE: '1000',
  // Instances behind one load balancer share these (as production requires).
  INTAKE_PROOF_SECRET: 'limits-test-proof-secret-0123456789',
  RECEIPT_PEPPER: 'limits-test-receipt-pepper-0123456789',
  MASTER_KEYS: `limits:${Buffer.alloc(32, 7).toString('base64')}`,
};

/**
 * The limits hold: across two instances on one database, against concurrent requests (counted
 * before the work), for successes too, and fairly for a tipster behind a guesser's address.
 */
describe('limits that hold (two instances, one database)', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await createTestApp({ env: ENV });
    b = await createTestApp({ env: ENV, db: a.db });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  const tip = async (t: TestApp, from: string) => t.app.inject({ method: 'POST', url: '/api/v1/tips', remoteAddress: from, payload: await validTip(a) });
  const lookup = (t: TestApp, from: string, receipt: string, extra: Record<string, unknown> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/v1/tipster/status', remoteAddress: from, payload: { receipt, ...extra } });

  it('counts tips in total over both instances, keys an IPv6 /64 as one client, and says when to retry', async () => {
    const v6 = (n: number) => `2001:db8:77:1::${n}`;
    expect((await tip(a, v6(1))).statusCode).toBe(201);
    expect((await tip(b, v6(2))).statusCode).toBe(201);
    expect((await tip(a, v6(3))).statusCode).toBe(201);
    const refused = await tip(b, v6(4));
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(3600);
    // Another /64 is another client.
    expect((await tip(b, '2001:db8:77:2::1')).statusCode).toBe(201);
    // Junk counts too (admission runs before validation), and nothing identifying is stored.
    const ds = a.app.get(DataSource);
    const counters: { key: string }[] = await ds.query('SELECT key FROM limit_counters');
    expect(counters.length).toBeGreaterThan(0);
    expect(JSON.stringify(counters)).not.toMatch(/2001|db8|127\.0\.0\.1/);
    const [{ n: secrets }] = await ds.query('SELECT count(*)::int AS n FROM limit_secrets');
    expect(secrets).toBe(1);
    const [{ persistence }] = await ds.query(`SELECT string_agg(relpersistence::text, '') AS persistence FROM pg_class WHERE relname IN ('limit_counters', 'limit_secrets')`);
    expect(persistence).toBe('uu');
  });

  it('counts each look-up before the hash: concurrent wrong receipts stop at the limit', async () => {
    const from = '198.51.100.60';
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, i) => lookup(i % 2 ? a : b, from, `1234 5678 0000 ${String(1000 + i)}`)),
    );
    const codes = answers.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 404).length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(11);
    expect(codes.every((c) => c === 404 || c === 429)).toBe(true);
    for (const r of answers.filter((x) => x.statusCode === 429)) expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('lets the right receipt through a failed address with a harder proof-of-work (no hard lock)', async () => {
    const made = await tip(a, '198.51.100.70');
    const { receipt } = made.json();
    const from = '198.51.100.71';
    for (let i = 0; i < 5; i++) expect((await lookup(a, from, `9999 0000 0000 000${i}`)).statusCode).toBe(404);
    const locked = await lookup(b, from, receipt);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.details).toMatchObject({ proofRequired: 'receipt' });
    // A tip's proof is not accepted here; a solved receipt challenge is, once.
    const tipProof = await solveForTest((await a.app.inject({ method: 'GET', url: '/api/v1/intake/challenge' })).json());
    expect((await lookup(b, from, receipt, { proof: tipProof })).statusCode).toBe(400);
    const hard = await solveForTest((await a.app.inject({ method: 'GET', url: '/api/v1/intake/challenge?purpose=receipt' })).json());
    const through = await lookup(b, from, receipt, { proof: hard });
    expect(through.statusCode).toBe(200);
    expect(through.json().reference).toBe(made.json().reference);
    expect((await lookup(a, from, receipt, { proof: hard })).statusCode).toBe(400);
  });

  it('limits successes too: look-ups per receipt, and messages per receipt under concurrency', async () => {
    const made = await tip(b, '198.51.100.80');
    const { receipt, reference } = made.json();
    const msgs = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 ? a : b).app.inject({ method: 'POST', url: '/api/v1/tipster/messages', remoteAddress: `198.51.100.${90 + i}`, payload: { receipt, body: `tin nhắn số ${i}` } }),
      ),
    );
    const ok = msgs.filter((r) => r.statusCode === 201).length;
    expect(ok).toBeLessThanOrEqual(2);
    expect(msgs.every((r) => r.statusCode === 201 || r.statusCode === 429)).toBe(true);
    const [{ n }] = await a.app.get(DataSource).query(
      `SELECT count(*)::int AS n FROM case_messages m JOIN cases c ON c.id = m.case_id WHERE c.reference = $1 AND m.author = 'tipster'`,
      [reference],
    );
    expect(n).toBe(ok);
    // Look-ups of this receipt (the message calls looked it up too) are now over 4 per hour.
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await lookup(i % 2 ? a : b, `198.51.100.${110 + i}`, receipt)).statusCode);
    expect(codes).toContain(429);
  });
});

describe('admission to the hash pool', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      env: { ...FAST_PROOF_ENV, HASH_CONCURRENCY_PER_CLIENT: '1', HASH_POOL_CONCURRENCY: '1', HASH_POOL_QUEUE: '2', INTAKE_RECEIPT_FAILURES_PER_HOUR: '1000', INTAKE_RECEIPT_LOOKUPS_PER_HOUR: '1000', INTAKE_WAIT_TOKENS_PER_HOUR: '2' },
    });
  });
  afterAll(() => t.close());

  it('refuses a client with a hash in flight at once, so it cannot queue in front of others', async () => {
    // Hold the first hash until every other request of the flood has been answered, so the test
    // does not depend on how fast one hash runs on this machine.
    const hasher = t.app.get(TipsService).hasher;
    const real = hasher.hash.bind(hasher);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    hasher.hash = async (s: string) => {
      await held;
      return real(s);
    };
    try {
      let answered = 0;
      const flood = Array.from({ length: 12 }, (_, i) =>
        t.app.inject({ method: 'POST', url: '/api/v1/tipster/status', remoteAddress: '203.0.113.5', payload: { receipt: `5555 0000 0000 ${1000 + i}` } }).then((r) => {
          answered += 1;
          return r;
        }),
      );
      const other = t.app.inject({ method: 'POST', url: '/api/v1/tipster/status', remoteAddress: '203.0.113.6', payload: { receipt: '5555 1111 0000 0000' } });
      for (let spins = 0; answered < 11 && spins < 2000; spins++) await new Promise((r) => setTimeout(r, 5));
      expect(answered).toBe(11);
      release();
      const codes = (await Promise.all(flood)).map((r) => r.statusCode);
      expect(codes.filter((c) => c === 429)).toHaveLength(11);
      expect(codes.filter((c) => c === 404)).toHaveLength(1);
      expect((await other).statusCode).toBe(404);
    } finally {
      release();
      hasher.hash = real;
    }
  });
});

describe('wait tokens and the order of checks', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { ...FAST_PROOF_ENV, INTAKE_WAIT_TOKENS_PER_HOUR: '2' } });
  });
  afterAll(() => t.close());

  const tokenOf = (body: string) => /name="proof" value="([^"]*)"/.exec(body)![1];

  it('mints wait tokens at a bounded rate per client, and the JSON API refuses them', async () => {
    const get = () => t.app.inject({ method: 'GET', url: '/?province=24&category=use_hotspot', remoteAddress: '192.0.2.44' });
    const first = tokenOf((await get()).body);
    expect(first).toMatch(/^wait:/);
    expect(tokenOf((await get()).body)).toMatch(/^wait:/);
    const third = await get();
    expect(tokenOf(third.body)).toBe('');
    expect(third.body).toContain('bật JavaScript');
    // A wait token (however old) is no proof on the JSON API.
    const api = await t.app.inject({ method: 'POST', url: '/api/v1/tips', remoteAddress: '192.0.2.45', payload: await validTip(t, { proof: first }) });
    expect(api.statusCode).toBe(400);
    expect(api.json().error.details).toEqual([expect.objectContaining({ field: 'proof', reason: 'proof_invalid' })]);
  });

  it('checks the proof before any photo is decoded', async () => {
    const boundary = 'tiplineorder';
    const fields = Object.entries({ category: 'use_hotspot', locality: '07228', observedAt: '2026-11-20', narrative: 'Nhiều người tụ tập dưới gầm cầu mỗi tối.' });
    const body = Buffer.concat([
      ...fields.map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)),
      // Sniffs as PNG, but no decoder could read it: decoding would answer photo_unreadable.
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/tips', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { field: string; reason: string }) => `${d.field}:${d.reason}`)).toEqual(['proof:proof_missing']);
  });
});
