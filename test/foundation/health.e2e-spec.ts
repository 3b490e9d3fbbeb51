import { createTestDatabase } from '../utils/test-database';
import { createTestApp, TestApp } from '../utils/test-app';

describe('GET /health', () => {
  it('answers 200 while the database answers and 503 once it is gone', async () => {
    const db = await createTestDatabase();
    const t: TestApp = await createTestApp({ db });
    try {
      const ok = await t.app.inject({ method: 'GET', url: '/health' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({ status: 'ok', database: 'up' });

      await db.drop(); // terminates the app's connections and removes the database
      const down = await t.app.inject({ method: 'GET', url: '/health' });
      expect(down.statusCode).toBe(503);
      expect(down.json()).toEqual({ status: 'error', database: 'down' });
    } finally {
      await t.app.close();
    }
  });
});
