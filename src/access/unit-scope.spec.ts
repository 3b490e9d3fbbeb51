import { UnitScope } from './unit-scope';

describe('UnitScope', () => {
  it('refuses an empty or malformed scope', () => {
    expect(() => new UnitScope([])).toThrow();
    expect(() => new UnitScope([''])).toThrow();
    expect(() => new UnitScope(undefined as unknown as string[])).toThrow();
  });
  it('knows its units', () => {
    const s = new UnitScope(['a', 'b', 'a']);
    expect(s.unitIds).toEqual(['a', 'b']);
    expect(s.includes('b')).toBe(true);
    expect(s.includes('c')).toBe(false);
    expect(s.includes(undefined)).toBe(false);
  });
});
