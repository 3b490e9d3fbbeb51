import { connect, Socket } from 'node:net';
import { docsEnabled } from '../../src/app.setup';
import type { AppConfig } from '../../src/config/env';
import { createTestApp, TestApp } from '../utils/test-app';
import { FAST_PROOF_ENV, validTip } from './intake-helpers';

/** What a raw socket gets back, and when the server closed it. */
function rawExchange(port: number, chunks: string[]): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve) => {
    let text = '';
    const s: Socket = connect(port, '127.0.0.1', () => chunks.forEach((c) => s.write(c)));
    s.on('data', (d) => (text += d.toString('latin1')));
    s.on('error', () => undefined);
    s.on('close', () => resolve({ text, closed: true }));
  });
}

describe('the public surface: no 5xx, bounded connections, headers', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await createTestApp({ env: { ...FAST_PROOF_ENV, REQUEST_TIMEOUT_SECONDS: '1', MAX_CONNECTIONS_PER_CLIENT: '3' } });
    await t.app.listen(0, '127.0.0.1');
    const address = t.app.getHttpServer().address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(() => t.close());

  it('answers a stalled body 408 and closes the connection within REQUEST_TIMEOUT_SECONDS', async () => {
    const r = await rawExchange(port, ['POST /api/v1/tips HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"narr']);
    expect(r.text).toMatch(/^HTTP\/1\.1 408/);
    expect(r.closed).toBe(true);
  });

  it('closes connections beyond MAX_CONNECTIONS_PER_CLIENT at once', async () => {
    const open: Socket[] = [];
    for (let i = 0; i < 3; i++) {
      const s = connect(port, '127.0.0.1');
      s.on('error', () => undefined);
      await new Promise((r) => s.once('connect', r));
      open.push(s);
    }
    const extra = await rawExchange(port, ['GET /health HTTP/1.1\r\nHost: x\r\n\r\n']);
    expect(extra.text).toBe('');
    open.forEach((s) => s.destroy());
    // The server frees the slots when it sees the closes; on a loaded machine that may take a
    // while, so try again (a slot that is never freed still fails the test).
    let after = { text: '', closed: true };
    for (let i = 0; i < 100 && !/^HTTP\/1\.1 200/.test(after.text); i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = await rawExchange(port, ['GET /api/v1/categories HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']);
    }
    expect(after.text).toMatch(/^HTTP\/1\.1 200/);
  });

  it('answers objects where strings are expected, NULs and deep nesting with 4xx', async () => {
    const hostile = { toString: 1, valueOf: 1 };
    const cases: [string, string, unknown][] = [
      ['POST', '/api/v1/tipster/status', { receipt: hostile }],
      ['POST', '/api/v1/tipster/messages', { receipt: hostile, body: hostile }],
      ['POST', '/api/v1/tips', await validTip(t, { coordinates: { lat: hostile, lng: hostile } })],
      ['POST', '/api/v1/tips', await validTip(t, { details: { people: hostile, timesOfDay: [hostile] } })],
      ['POST', '/', { category: 'use_hotspot', province: '24', details: { people: hostile } }],
      ['POST', '/status', { receipt: hostile }],
      ['POST', '/api/v1/auth/login', { username: 'admin\u0000', password: 'x' }],
    ];
    for (const [method, url, payload] of cases) {
      const res = await t.app.inject({ method: method as 'POST', url, payload: payload as object });
      expect([url, res.statusCode >= 400 && res.statusCode < 500]).toEqual([url, true]);
    }
    const deep = `{"username":${'['.repeat(5000)}${']'.repeat(5000)},"password":"x"}`;
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: deep });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });

  it('names unknown fields in a tip and a message (400), and refuses multipart without a boundary as 400', async () => {
    const tip = await t.app.inject({ method: 'POST', url: '/api/v1/tips?lang=en', payload: await validTip(t, { extra: 1, admin: true }) });
    expect(tip.statusCode).toBe(400);
    expect(tip.json().error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['extra', 'admin']));
    const msg = await t.app.inject({ method: 'POST', url: '/api/v1/tipster/messages', payload: { receipt: '1234 1234 1234 1234', body: 'x', visibility: 'internal' } });
    expect(msg.statusCode).toBe(400);
    expect(msg.json().error.details[0].field).toBe('visibility');
    const mp = await t.app.inject({ method: 'POST', url: '/api/v1/tips', headers: { 'content-type': 'multipart/form-data' }, payload: '--x--\r\n' });
    expect(mp.statusCode).toBe(400);
  });

  it('answers a body the parser refuses on a citizen page with a page, not raw JSON', async () => {
    for (const [url, type, payload] of [
      ['/', 'application/json', '{"narrative": x'],
      ['/status', 'application/json', '{'],
      ['/status/reply', 'application/x-www-form-urlencoded', 'body=' + 'x'.repeat(1_100_000)],
    ] as const) {
      const res = await t.app.inject({ method: 'POST', url, headers: { 'content-type': type }, payload });
      expect([url, res.statusCode >= 400 && res.statusCode < 500, String(res.headers['content-type'])]).toEqual([url, true, 'text/html; charset=utf-8']);
      expect(res.body).toContain('Không gửi được');
    }
  });

  it('sends no-store and nosniff with JSON answers, a CSP with /docs, and Retry-After with every 429', async () => {
    const json = await t.app.inject({ method: 'GET', url: '/api/v1/categories' });
    expect(json.headers['cache-control']).toBe('no-store');
    expect(json.headers['x-content-type-options']).toBe('nosniff');
    const err = await t.app.inject({ method: 'POST', url: '/api/v1/tips', payload: {} });
    expect(err.headers['cache-control']).toBe('no-store');
    const docs = await t.app.inject({ method: 'GET', url: '/docs' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-security-policy']).toContain("default-src 'self'");
    expect(docs.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });
});

describe('/docs in production', () => {
  it('is off unless DOCS_ENABLED says so', () => {
    const c = (NODE_ENV: AppConfig['NODE_ENV'], DOCS_ENABLED?: 'true' | 'false') => ({ NODE_ENV, DOCS_ENABLED }) as AppConfig;
    expect(docsEnabled(c('production'))).toBe(false);
    expect(docsEnabled(c('production', 'true'))).toBe(true);
    expect(docsEnabled(c('development'))).toBe(true);
    expect(docsEnabled(c('test', 'false'))).toBe(false);
  });

  it('is not served when off', async () => {
    const t = await createTestApp({ env: { DOCS_ENABLED: 'false' } });
    try {
      expect((await t.app.inject({ method: 'GET', url: '/docs' })).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: '/docs-json' })).statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });
});
