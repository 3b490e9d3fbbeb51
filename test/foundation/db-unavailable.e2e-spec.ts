import { Controller, Get } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Public } from '../../src/auth/auth.decorators';
import { errorResponse, isDatabaseUnavailable } from '../../src/common/errors/error.filter';
import { createTestApp, TestApp } from '../utils/test-app';

/** A route whose database connection dies under it (the server terminates its own backend). */
@Public()
@Controller('test-db')
class DyingConnectionController {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}
  @Get('terminated') async terminated() {
    await this.ds.query('SELECT pg_terminate_backend(pg_backend_pid())');
  }
}

const caught = async (work: () => Promise<unknown>): Promise<unknown> => {
  try {
    await work();
  } catch (e) {
    return e;
  }
  throw new Error('did not fail');
};

describe('database unavailable → 503 service_unavailable, not 500', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ extra: { controllers: [DyingConnectionController] } });
  });
  afterAll(() => t.close());

  it('a refused connection (nothing listens on the port) is a 503', async () => {
    const e = await caught(async () => {
      const c = new Client({ host: '127.0.0.1', port: 1, user: 'x', database: 'x', connectionTimeoutMillis: 2000 });
      await c.connect();
    });
    expect(isDatabaseUnavailable(e)).toBe(true);
    expect(errorResponse(e, 'en', 'r-1')).toMatchObject({ status: 503, body: { error: { code: 'service_unavailable', requestId: 'r-1' } } });
  });

  it('a connection the server terminates mid-request answers 503 with Retry-After and the request id', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/test-db/terminated' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json().error).toMatchObject({ code: 'service_unavailable', message: 'Dịch vụ tạm thời không khả dụng. Vui lòng thử lại.', requestId: res.headers['x-request-id'] });
  });

  it('an ordinary SQL error is still a 500 (not every database error is an outage)', () => {
    const e = Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });
    expect(isDatabaseUnavailable(e)).toBe(false);
    expect(errorResponse(e, 'vi', 'r-2').status).toBe(500);
  });
});
