import { CASE_REFERENCE_PATTERN, newCaseReference } from './case-reference';

describe('case references', () => {
  it('look like TL-XXXX-XXXX in Crockford base32 and vary', () => {
    const refs = new Set(Array.from({ length: 200 }, () => newCaseReference()));
    for (const r of refs) expect(r).toMatch(CASE_REFERENCE_PATTERN);
    expect(refs.size).toBeGreaterThan(195);
    expect(newCaseReference(() => 0)).toBe('TL-0000-0000');
  });
});
