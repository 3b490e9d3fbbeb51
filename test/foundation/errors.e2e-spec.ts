import { Body, Controller, Get, Post } from '@nestjs/common';
import { IsInt, IsString, Max, MinLength } from 'class-validator';
import { Public } from '../../src/auth/auth.decorators';
import { DomainError } from '../../src/common/errors/domain-error';
import { t as text } from '../../src/common/i18n';
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
  @Get('bilingual') bilingual() {
    throw new DomainError('version_conflict', text('Hồ sơ đã thay đổi.', 'The case changed.'), { field: 'version', currentVersion: 4 });
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

  const expectBody = (res: { statusCode: number; headers: Record<string, unknown>; json(): any }, status: number, code: string) => {
    expect(res.statusCode).toBe(status);
    const e = res.json().error;
    expect(e.code).toBe(code);
    expect(e.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(e.requestId).toBe(res.headers['x-request-id']);
    return e;
  };

  it('answers in Vietnamese by default and in English for Accept-Language: en, naming the field', async () => {
    const vi = expectBody(await t.app.inject({ method: 'GET', url: '/test-errors/bilingual' }), 409, 'version_conflict');
    expect(vi).toMatchObject({ message: 'Hồ sơ đã thay đổi.', field: 'version', details: { currentVersion: 4 } });
    const en = expectBody(await t.app.inject({ method: 'GET', url: '/test-errors/bilingual', headers: { 'accept-language': 'en-GB,en;q=0.9' } }), 409, 'version_conflict');
    expect(en.message).toBe('The case changed.');
    const fr = expectBody(await t.app.inject({ method: 'GET', url: '/test-errors/bilingual', headers: { 'accept-language': 'fr' } }), 409, 'version_conflict');
    expect(fr.message).toBe('Hồ sơ đã thay đổi.');
  });

  it('maps the framework\'s own 4xx to the documented body, in the caller\'s language', async () => {
    const json = { 'content-type': 'application/json' };
    const bad = expectBody(await t.app.inject({ method: 'POST', url: '/test-errors/echo', headers: json, payload: '{"name":' }), 400, 'validation_failed');
    expect(bad).toMatchObject({ field: 'body', message: 'Nội dung gửi lên không phải JSON hợp lệ.' });
    const badEn = expectBody(await t.app.inject({ method: 'POST', url: '/test-errors/echo', headers: { ...json, 'accept-language': 'en' }, payload: '{"name":' }), 400, 'validation_failed');
    expect(badEn.message).toBe('The request body is not valid JSON.');
    const empty = expectBody(await t.app.inject({ method: 'POST', url: '/test-errors/echo', headers: json, payload: '' }), 400, 'validation_failed');
    expect(empty.field).toBe('body');
    const large = expectBody(await t.app.inject({ method: 'POST', url: '/test-errors/echo', headers: json, payload: JSON.stringify({ name: 'x'.repeat(1_100_000) }) }), 413, 'payload_too_large');
    expect(large.message).toBe('Nội dung gửi lên quá lớn.');
    const media = expectBody(await t.app.inject({ method: 'POST', url: '/test-errors/echo', headers: { 'content-type': 'application/xml' }, payload: '<a/>' }), 415, 'unsupported_media_type');
    expect(media.field).toBe('content-type');
  });

  it('answers a path over the parameter limit with 414 and bad percent-encoding with 400, echoing neither', async () => {
    const long = 'q'.repeat(500);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${long}` });
    const e = expectBody(res, 414, 'uri_too_long');
    expect(e.message).toBe('Địa chỉ yêu cầu quá dài.');
    expect(res.body).not.toContain(long);
    const enc = await t.app.inject({ method: 'GET', url: '/api/v1/localities/%E0%A4%A' });
    expectBody(enc, 400, 'validation_failed');
    expect(enc.body).not.toContain('%E0%A4%A');
    const unknown = await t.app.inject({ method: 'GET', url: `/no/such/${'z'.repeat(80)}` });
    expectBody(unknown, 404, 'not_found');
    expect(unknown.body).not.toContain('zzzz');
  });

  it('logs an unmapped error under its error id and request id, without the request', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/test-errors/boom?tip=secret-tip-text', headers: { 'accept-language': 'en' } });
    const e = expectBody(res, 500, 'internal_error');
    expect(e.message).toBe('An internal error occurred.');
    const line = t.logs.parsed().find((l) => l.errorId === e.errorId);
    expect(line).toMatchObject({ requestId: e.requestId, msg: 'unhandled error' });
    expect(JSON.stringify(line)).not.toContain('secret-tip-text');
  });
});
