import { CATEGORY_CODES } from './category-codes';
import { CATEGORIES, categoryByCode, normalizeDetails } from './category-catalogue';

describe('category catalogue', () => {
  it('describes every stable code once, in both languages, with a one-line explanation', () => {
    expect(CATEGORIES.map((c) => c.code).sort()).toEqual([...CATEGORY_CODES].sort());
    for (const c of CATEGORIES) {
      for (const text of [c.name, c.explanation]) {
        expect(text.vi.trim().length).toBeGreaterThan(3);
        expect(text.en.trim().length).toBeGreaterThan(3);
        expect(text.vi).not.toContain('\n');
      }
      expect(new Set(c.fields.map((f) => f.key)).size).toBe(c.fields.length);
      for (const f of c.fields) if (f.kind === 'choice' || f.kind === 'multi') expect(f.options?.length).toBeGreaterThan(1);
    }
  });

  it('normalises form and JSON answers and names every bad field', () => {
    const c = categoryByCode('trafficking');
    expect(normalizeDetails(c, { vehicles: 'motorbike', people: '3', frequency: '', vehicleDescription: ' red ' })).toEqual({
      details: { vehicles: ['motorbike'], people: 3, vehicleDescription: 'red' },
      problems: [],
    });
    const bad = normalizeDetails(c, { vehicles: ['plane'], people: -1, weapons: 'yes', vehicleDescription: 'x'.repeat(500) });
    expect(bad.problems).toEqual([
      { field: 'details.vehicles', reason: 'invalid_option' },
      { field: 'details.people', reason: 'invalid_number' },
      { field: 'details.weapons', reason: 'unknown_field' },
      { field: 'details.vehicleDescription', reason: 'too_long' },
    ]);
    expect(normalizeDetails(c, 'nope').problems).toEqual([{ field: 'details', reason: 'invalid_type' }]);
  });
});
