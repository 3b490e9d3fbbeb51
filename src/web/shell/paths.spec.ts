import { isConsolePath, refererPath, safeNext } from './paths';

describe('safeNext (the page to return to after sign-in)', () => {
  it.each([
    ['/console/queue', '/console/queue'],
    ['/console/cases/1?tab=timeline', '/console/cases/1?tab=timeline'],
    ['/console', '/console'],
    ['/console/account?lang=en&x=1', '/console/account?x=1'],
  ])('keeps the console path %s', (next, kept) => {
    expect(safeNext(next)).toBe(kept);
  });

  it.each([
    'https://evil.example/console',
    '//evil.example/console',
    '/\\evil.example/console',
    '\\\\evil.example',
    '/console\u0000',
    '/console\n/x',
    'javascript:alert(1)',
    '/api/v1/auth/me',
    '/consolex',
    '/console/../api/v1/auth/me',
    '/console/%2e%2e/api',
    '/console/sign-in?next=//evil',
    '/console/sign-out',
    '',
    'x'.repeat(2001),
    undefined,
    ['/console/queue'],
  ])('sends bad next #%# to /console instead', (next) => {
    expect(safeNext(next)).toBe('/console');
  });

  it('recognises console paths only', () => {
    expect(isConsolePath('/console')).toBe(true);
    expect(isConsolePath('/console/queue?x=1')).toBe(true);
    expect(isConsolePath('/consoles')).toBe(false);
    expect(isConsolePath('/')).toBe(false);
  });
});

describe('refererPath (the page a form was posted from)', () => {
  it('is the console page of the same host', () => {
    expect(refererPath({ referer: 'http://app.example/console/cases/1?tab=x', host: 'app.example' })).toBe('/console/cases/1?tab=x');
  });
  it.each([
    [{ referer: 'http://evil.example/console/cases/1', host: 'app.example' }],
    [{ referer: 'http://app.example/api/v1/auth/me', host: 'app.example' }],
    [{ referer: 'not a url', host: 'app.example' }],
    [{ host: 'app.example' }],
  ])('is /console otherwise (%p)', (headers) => {
    expect(refererPath(headers)).toBe('/console');
  });
});
