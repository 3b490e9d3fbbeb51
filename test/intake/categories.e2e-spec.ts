import { createTestApp, TestApp } from '../utils/test-app';

describe('GET /api/v1/categories and the OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lists every category with its fields, without a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/categories' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { code: string; name: { vi: string }; fields: { key: string }[] }[];
    expect(items.map((c) => c.code)).toContain('dealing_point');
    expect(items.find((c) => c.code === 'trafficking')?.fields.map((f) => f.key)).toContain('vehicles');
    expect(items.find((c) => c.code === 'use_hotspot')?.name.vi).toBe('Tụ điểm sử dụng ma túy');
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs-json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/categories', '/api/v1/intake/challenge', '/api/v1/tips', '/api/v1/tipster/status', '/api/v1/tipster/messages']),
    );
    expect(Object.keys(doc.paths['/api/v1/tips'].post.requestBody.content)).toEqual(['application/json', 'multipart/form-data']);
    // The citizen pages are HTML, not API.
    expect(Object.keys(doc.paths)).not.toContain('/');
  });
});
