import { Body, Controller, Get, Post } from '@nestjs/common';
import { IsInt, IsString, Max, MinLength } from 'class-validator';
import { Public } from '../../src/auth/auth.decorators';
import { DomainError } from '../../src/common/errors/domain-error';
import { createTestApp, TestApp } from '../utils/test-app';

class EchoDto {
  @IsString() @MinLength(3) name: string;
  @IsInt() @Max(10) count: number;
}

// Anonymous on purpose: the global session guard answers 401 to routes without @Public().
@Public()
@Controller('test-errors')
class ErrorsTestController {
  @Post('echo') echo(@Body() dto: EchoDto) {
    return dto;
  }
  @Get('conflict') conflict() {
    throw new DomainError('conflict', 'Somebody else changed it.');
  }
  @Get('boom') boom() {
    throw new Error('secret internal detail');
  }
}

describe('errors', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ extra: { controllers: [ErrorsTestController] } });
  });
  afterAll(() => t.close());

  it('returns 400 with each bad field and its reason', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/test-errors/echo', payload: { name: 'x', count: 99, extra: 1 } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('validation_failed');
    const fields = body.error.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['count', 'extra', 'name']);
    expect(body.error.details.find((d: { field: string }) => d.field === 'count').reason).toBe('max');
  });

  it('maps a domain error code to its status', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/test-errors/conflict' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'conflict', message: 'Somebody else changed it.' });
  });

  it('hides unknown errors behind an error id, with no stack', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/test-errors/boom' });
    expect(res.statusCode).toBe(500);
    const body = res.json();
    expect(body.error.code).toBe('internal_error');
    expect(body.error.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body).not.toContain('secret internal detail');
    expect(res.body).not.toContain('at ');
    expect(t.logs.text).toContain(body.error.errorId);
  });

  it('answers malformed JSON and unknown routes with stable codes', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/test-errors/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    const missing = await t.app.inject({ method: 'GET', url: '/no/such/route' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
  });
});
