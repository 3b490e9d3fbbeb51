import { ERROR_CODES, httpStatusFor } from './error-codes';

describe('httpStatusFor', () => {
  it('maps every stable code to a 4xx/5xx status', () => {
    for (const code of ERROR_CODES) {
      const status = httpStatusFor(code);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(600);
    }
  });
  it('maps validation to 400 and unknown errors to 500', () => {
    expect(httpStatusFor('validation_failed')).toBe(400);
    expect(httpStatusFor('internal_error')).toBe(500);
    expect(httpStatusFor('not_found')).toBe(404);
  });
});
