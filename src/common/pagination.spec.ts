import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ADMIN_LIST_PAGE, AT_RISK_PAGE, PageLimit, pageLimit, PLACE_SEARCH_PAGE, WORK_LIST_PAGE } from './pagination';

class Q {
  @PageLimit(WORK_LIST_PAGE)
  limit?: number;
}
const problems = (limit: unknown) => validateSync(plainToInstance(Q, { limit })).map((e) => e.property);

describe('pagination', () => {
  it('uses the default when no size is asked for and keeps a size within 1..max', () => {
    for (const rule of [WORK_LIST_PAGE, ADMIN_LIST_PAGE, PLACE_SEARCH_PAGE, AT_RISK_PAGE]) {
      expect(pageLimit(undefined, rule)).toBe(rule.defaultLimit);
      expect(pageLimit(0, rule)).toBe(1);
      expect(pageLimit(rule.maxLimit + 1, rule)).toBe(rule.maxLimit);
      expect(pageLimit(7, rule)).toBe(7);
      expect(rule.defaultLimit).toBeLessThanOrEqual(rule.maxLimit);
    }
  });

  it('refuses a limit outside 1..max or not a whole number on `limit`, and reads a query string', () => {
    expect(problems(undefined)).toEqual([]);
    expect(problems('200')).toEqual([]);
    for (const bad of ['0', '201', '1.5', 'ten', '-3']) expect({ bad, p: problems(bad) }).toEqual({ bad, p: ['limit'] });
  });
});
