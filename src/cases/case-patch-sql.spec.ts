import { patchAssignments } from './case-patch-sql';

describe('patchAssignments', () => {
  const columns: Record<string, string> = { claimedBy: 'claimed_by', claimedUntil: 'claimed_until', status: 'status' };
  const columnOf = (p: string) => columns[p];

  it('numbers the parameters from the first free one, one per defined key, in the patch order', () => {
    const until = new Date('2026-12-03T08:00:00Z');
    expect(patchAssignments({ claimedBy: 'u1', claimedUntil: until }, columnOf, 4)).toEqual({
      sql: ['"claimed_by" = $4', '"claimed_until" = $5'],
      params: ['u1', until],
    });
  });

  it('leaves undefined out but sets null (a release clears the claim)', () => {
    expect(patchAssignments({ claimedBy: null, claimedUntil: undefined, status: 'new' }, columnOf, 1)).toEqual({
      sql: ['"claimed_by" = $1', '"status" = $2'],
      params: [null, 'new'],
    });
  });

  it('sets nothing for an empty patch', () => {
    expect(patchAssignments({}, columnOf, 4)).toEqual({ sql: [], params: [] });
  });

  it('refuses a property with no column instead of guessing one', () => {
    expect(() => patchAssignments({ 'x" = 1; --': 'v' }, columnOf, 1)).toThrow('case patch: no column for property');
  });
});
