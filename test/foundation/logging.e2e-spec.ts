import { createTestApp, TestApp } from '../utils/test-app';

const CANARY = {
  ip: '203.0.113.77',
  realIp: '198.51.100.23',
  userAgent: 'CanaryAgent/9.9-ua-6f1d',
  cookie: 'canary_cookie_value_7c2e',
  body: 'canary-body-text-0b3a',
  header: 'canary-other-header-91d4',
};

describe('request logs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('carry a request id and never the address, user agent, cookies, headers or body', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/health?x=1',
      remoteAddress: CANARY.ip,
      headers: {
        'x-forwarded-for': CANARY.ip,
        'x-real-ip': CANARY.realIp,
        'user-agent': CANARY.userAgent,
        cookie: `sid=${CANARY.cookie}`,
        'x-custom': CANARY.header,
        'x-request-id': CANARY.header,
        'content-type': 'application/json',
      },
      payload: JSON.stringify({ narrative: CANARY.body }),
    });
    expect(res.statusCode).toBe(404);
    await t.app.inject({ method: 'GET', url: '/docs-json', headers: { 'user-agent': CANARY.userAgent } });

    const requestId = res.headers['x-request-id'];
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestId).not.toBe(CANARY.header);
    const entries = t.logs.parsed();
    expect(entries.some((e) => e.requestId === requestId)).toBe(true);
    for (const value of Object.values(CANARY)) expect(t.logs.text).not.toContain(value);
  });
});
