import { inForceOn, inForceSql } from './effective-period';

describe('inForceOn', () => {
  const p = { validFrom: '2025-03-01', validTo: '2025-06-30' };
  it('includes both ends and nothing outside', () => {
    expect(inForceOn(p, '2025-02-28')).toBe(false);
    expect(inForceOn(p, '2025-03-01')).toBe(true);
    expect(inForceOn(p, '2025-06-30')).toBe(true);
    expect(inForceOn(p, '2025-07-01')).toBe(false);
  });
  it('treats a null end as open', () => {
    expect(inForceOn({ validFrom: '2025-07-01', validTo: null }, '2099-01-01')).toBe(true);
    expect(inForceOn({ validFrom: '2025-07-01', validTo: null }, '2025-06-30')).toBe(false);
  });
  it('writes the same test in SQL', () => {
    expect(inForceSql('u', '$2')).toBe('(u.valid_from <= $2::date AND (u.valid_to IS NULL OR u.valid_to >= $2::date))');
  });
});
