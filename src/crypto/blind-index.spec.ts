import { computeBlindIndex, deriveBlindIndexKey, normalizeForIndex } from './blind-index';

const masterKey = Buffer.from(Array.from({ length: 32 }, (_, i) => 0x40 + i));

describe('blind index', () => {
  it('matches the known-answer vector (HKDF-SHA256 → HMAC-SHA256, 64 bits)', () => {
    // Computed independently with Python's cryptography HKDF and hmac.
    expect(computeBlindIndex('k2026', deriveBlindIndexKey(masterKey, 'vehicle_plate'), '29a-123.45')).toBe('k2026.uY7xWqDvg_k');
  });

  it('matches equal values after normalisation, and only those', () => {
    const key = deriveBlindIndexKey(masterKey, 'vehicle_plate');
    expect(computeBlindIndex('k', key, ' 29A-123.45 ')).toBe(computeBlindIndex('k', key, '29a-123.45'));
    expect(computeBlindIndex('k', key, '29A-123.46')).not.toBe(computeBlindIndex('k', key, '29a-123.45'));
    expect(normalizeForIndex('Ａ b\tC')).toBe('abc');
  });

  it('uses a separate key per purpose', () => {
    const a = computeBlindIndex('k', deriveBlindIndexKey(masterKey, 'vehicle_plate'), 'x');
    const b = computeBlindIndex('k', deriveBlindIndexKey(masterKey, 'phone_of_dealer'), 'x');
    expect(a).not.toBe(b);
    expect(() => deriveBlindIndexKey(masterKey, 'Bad Purpose')).toThrow();
  });
});
