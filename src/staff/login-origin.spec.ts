import { crossSiteLoginReason } from './login-origin';

const json = { 'content-type': 'application/json', host: 'tipline.example' };

describe('crossSiteLoginReason', () => {
  it('lets a JSON login through from the same origin or from a non-browser client', () => {
    expect(crossSiteLoginReason(json)).toBeNull();
    expect(crossSiteLoginReason({ ...json, 'content-type': 'application/json; charset=utf-8' })).toBeNull();
    expect(crossSiteLoginReason({ ...json, 'sec-fetch-site': 'same-origin', origin: 'https://tipline.example' })).toBeNull();
    expect(crossSiteLoginReason({ ...json, 'sec-fetch-site': 'none' })).toBeNull();
  });

  it.each([
    [{ ...json, 'content-type': 'application/x-www-form-urlencoded' }, 'content-type'],
    [{ ...json, 'content-type': 'multipart/form-data; boundary=x' }, 'content-type'],
    [{ ...json, 'content-type': 'text/plain' }, 'content-type'],
    [{ host: 'tipline.example' }, 'content-type'],
    [{ ...json, 'sec-fetch-site': 'cross-site' }, 'sec-fetch-site'],
    [{ ...json, 'sec-fetch-site': 'same-site' }, 'sec-fetch-site'],
    [{ ...json, origin: 'https://evil.example' }, 'origin'],
    [{ ...json, origin: 'null' }, 'origin'],
    [{ ...json, origin: 'not a url' }, 'origin'],
  ])('refuses %j (%s)', (headers, reason) => {
    expect(crossSiteLoginReason(headers)).toBe(reason);
  });
});
