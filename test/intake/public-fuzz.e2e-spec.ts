import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../utils/test-app';
import { COMMUNE, FAST_PROOF_ENV } from './intake-helpers';

/**
 * Property-based fuzzing of every public route: JSON, URL-encoded and multipart bodies (valid
 * and broken), objects where strings are expected, prototype keys, NULs, deep nesting. Whatever
 * arrives, the answer is never a 5xx and the database does not change (content tables; the
 * audit trail too, except for logins, whose refusals are audited by design).
 */
const ROUTES = [
  'POST /',
  'POST /status',
  'POST /status/reply',
  'POST /api/v1/tips',
  'POST /api/v1/tipster/status',
  'POST /api/v1/tipster/messages',
  'POST /api/v1/auth/login',
  'GET /',
  'GET /status',
  'GET /api/v1/localities',
  'GET /api/v1/intake/challenge',
  'GET /api/v1/categories',
] as const;

const FIELDS = ['category', 'locality', 'observedAt', 'narrative', 'details', 'place', 'coordinates', 'localPoliceInvolved', 'proof', 'lang', 'province', 'receipt', 'body', 'username', 'password', 'totp', 'step', '__proto__', 'constructor', 'toString', 'details[people]', 'details[timesOfDay]', 'details[__proto__]'];

const hostileJson = fc.constantFrom(
  '{"toString":1,"valueOf":1}',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"x":1}}}',
  '"\\u0000"',
  '"a\\u0000b"',
  '[]',
  '[{"toString":1}]',
  'null',
  'true',
  '1e309',
  '-0',
  '"' + 'x'.repeat(6000) + '"',
  '{"lat":{"toString":1},"lng":"105"}',
  '{"people":{"valueOf":1},"timesOfDay":[{"toString":1}]}',
  `"${COMMUNE}"`,
  '"use_hotspot"',
  '"2026-11-20T21:30"',
  '"1234 5678 9012 3456"',
  '"wait:abc.def"',
  '"altcha:e30="',
);
const leaf = fc.oneof(hostileJson, fc.string({ maxLength: 30 }).map((s) => JSON.stringify(s)), fc.integer().map(String), fc.double().map((d) => (Number.isFinite(d) ? String(d) : '0')));
const jsonObject = fc.array(fc.tuple(fc.constantFrom(...FIELDS), leaf), { maxLength: 8 }).map((kv) => `{${kv.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`);
const deep = fc.integer({ min: 40, max: 5000 }).chain((n) => fc.constantFrom(`${'['.repeat(n)}${']'.repeat(n)}`, `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`, `{"username":${'['.repeat(n)}${']'.repeat(n)},"password":"x"}`));
const brokenJson = fc.constantFrom('{', '{"a":', '{"narrative": "x" x}', '\u0000', '', '[1,2', '{"__proto__":1}');
const jsonBody = fc.oneof({ weight: 5, arbitrary: jsonObject }, { weight: 1, arbitrary: deep }, { weight: 1, arbitrary: brokenJson }, { weight: 1, arbitrary: leaf });

const formValue = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('\u0000', 'a\u0000b', COMMUNE, 'use_hotspot', '2026-11-20', 'choose', 'change', 'x'.repeat(70_000)));
const formPairs = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 10 })), formValue), { maxLength: 10 });

function multipart(pairs: [string, string][], variant: number, boundary: string): { type: string; payload: Buffer } {
  const parts = pairs.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k.replace(/"/g, '')}"\r\n\r\n${v}\r\n`);
  const file = `--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\nnot really\r\n`;
  const full = `${parts.join('')}${variant % 2 ? file : ''}--${boundary}--\r\n`;
  switch (variant) {
    case 0:
    case 1:
      return { type: `multipart/form-data; boundary=${boundary}`, payload: Buffer.from(full) };
    case 2:
      return { type: 'multipart/form-data', payload: Buffer.from(full) }; // no boundary
    case 3:
      return { type: `multipart/form-data; boundary=wrong${boundary}`, payload: Buffer.from(full) };
    case 4:
      return { type: `multipart/form-data; boundary=${boundary}`, payload: Buffer.from(full.slice(0, Math.floor(full.length / 2))) }; // truncated
    case 5:
      return { type: `multipart/form-data; boundary=${boundary}`, payload: Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="details"\r\nContent-Type: application/json\r\n\r\n{broken\r\n--${boundary}--\r\n`) };
    default:
      return { type: `multipart/form-data; boundary="${boundary}"`, payload: Buffer.from(`--${boundary}\r\nno headers here\r\n\r\n--${boundary}`) };
  }
}

const request = fc.record({
  route: fc.constantFrom(...ROUTES),
  encoding: fc.constantFrom('json', 'json', 'form', 'multipart', 'text', 'none'),
  json: jsonBody,
  form: formPairs,
  variant: fc.integer({ min: 0, max: 6 }),
  boundary: fc.constantFrom('XyZ', '----tipline1', 'a b', 'é'),
  query: fc.array(fc.tuple(fc.constantFrom('lang', 'province', 'category', 'step', 'purpose', 'level', 'parent', 'q', 'cursor', 'limit', 'sent', '__proto__'), formValue.map((v) => v.slice(0, 50))), { maxLength: 3 }),
});

describe('public routes under fuzzing (fast-check)', () => {
  let t: TestApp;
  let ds: DataSource;
  beforeAll(async () => {
    t = await createTestApp({
      env: { ...FAST_PROOF_ENV, INTAKE_TIPS_PER_HOUR: '100000', INTAKE_RECEIPT_LOOKUPS_PER_HOUR: '100000', INTAKE_RECEIPT_FAILURES_PER_HOUR: '100000', INTAKE_WAIT_TOKENS_PER_HOUR: '100000', HASH_POOL_QUEUE: '1000', LOGIN_CLIENT_FREE_FAILURES: '0' },
    });
    ds = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const counts = async () => {
    const [r] = await ds.query(`SELECT (SELECT count(*) FROM tips)::int AS tips, (SELECT count(*) FROM cases)::int AS cases,
      (SELECT count(*) FROM case_messages)::int AS messages, (SELECT count(*) FROM case_events)::int AS events,
      (SELECT count(*) FROM tip_photos)::int AS photos, (SELECT count(*) FROM intake_used_proofs)::int AS proofs,
      (SELECT count(*) FROM staff_sessions)::int AS sessions, (SELECT count(*) FROM audit_events)::int AS audit`);
    return r as Record<string, number>;
  };

  it('never answers 5xx and never changes the database', async () => {
    const seen = new Map<string, number>();
    const slow: string[] = [];
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const [method, path] = r.route.split(' ') as ['GET' | 'POST', string];
        const qs = new URLSearchParams(r.query).toString();
        const url = qs ? `${path}?${qs}` : path;
        let payload: string | Buffer | undefined;
        const headers: Record<string, string> = {};
        if (method === 'POST') {
          if (r.encoding === 'json') [headers['content-type'], payload] = ['application/json', r.json];
          else if (r.encoding === 'form') [headers['content-type'], payload] = ['application/x-www-form-urlencoded', new URLSearchParams(r.form).toString()];
          else if (r.encoding === 'multipart') {
            const m = multipart(r.form, r.variant, r.boundary);
            [headers['content-type'], payload] = [m.type, m.payload];
          } else if (r.encoding === 'text') [headers['content-type'], payload] = ['text/plain', r.json];
        }
        const before = await counts();
        const started = Date.now();
        const res = await t.app.inject({ method, url, headers, payload });
        if (Date.now() - started > 5000) slow.push(`${method} ${url} [${headers['content-type']}] ${String(payload).slice(0, 80)}`);
        const after = await counts();
        seen.set(`${res.statusCode}`, (seen.get(`${res.statusCode}`) ?? 0) + 1);
        if (res.statusCode >= 500) throw new Error(`${method} ${url} [${headers['content-type']}] ${String(payload).slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 300)}`);
        if (path === '/api/v1/auth/login') after.audit = before.audit;
        expect(after).toEqual(before);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 100), seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined, interruptAfterTimeLimit: 150_000, markInterruptAsFailure: false },
    );
    // The fuzzer reached past the parsers (validation answers), not only parse errors.
    if (slow.length) console.log('slow requests', slow);
    expect([...seen.keys()]).toEqual(expect.arrayContaining(['200', '400']));
  }, 240_000);
});
