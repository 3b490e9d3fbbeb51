import { isPurgeDue, parseRetentionRules, purgeDueAt, RetentionRulesError, ruleFor, shortestRetentionDays } from './retention-policy';

const day = 86_400_000;
const closedAt = new Date('2026-01-01T00:00:00Z');
const base = { status: 'closed', category: 'trafficking', outcome: 'spam', closedAt, legalHold: false };

describe('retention policy', () => {
  const defaults = parseRetentionRules('*/spam=30,*/unsubstantiated=365');

  it('purges spam 30 days and unsubstantiated tips a year after closing', () => {
    expect(purgeDueAt(defaults, base)).toEqual(new Date(closedAt.getTime() + 30 * day));
    expect(isPurgeDue(defaults, base, new Date(closedAt.getTime() + 30 * day - 1))).toBe(false);
    expect(isPurgeDue(defaults, base, new Date(closedAt.getTime() + 30 * day))).toBe(true);
    expect(purgeDueAt(defaults, { ...base, outcome: 'unsubstantiated' })).toEqual(new Date(closedAt.getTime() + 365 * day));
  });

  it('keeps other outcomes unless a rule says otherwise', () => {
    expect(purgeDueAt(defaults, { ...base, outcome: 'substantiated' })).toBeNull();
  });

  it('never purges an open case, a case on legal hold, or one without a closing date', () => {
    const later = new Date('2030-01-01');
    expect(isPurgeDue(defaults, { ...base, status: 'actioned', outcome: null }, later)).toBe(false);
    expect(isPurgeDue(defaults, { ...base, legalHold: true }, later)).toBe(false);
    expect(isPurgeDue(defaults, { ...base, closedAt: null }, later)).toBe(false);
  });

  it('picks the most specific rule: exact, then outcome, then category, then */*', () => {
    const rules = parseRetentionRules('*/*=3650,trafficking/*=1825,*/spam=30,trafficking/spam=60');
    expect(ruleFor(rules, 'trafficking', 'spam')?.days).toBe(60);
    expect(ruleFor(rules, 'production', 'spam')?.days).toBe(30);
    expect(ruleFor(rules, 'trafficking', 'duplicate')?.days).toBe(1825);
    expect(ruleFor(rules, 'other', 'duplicate')?.days).toBe(3650);
    expect(shortestRetentionDays(rules)).toBe(30);
    expect(shortestRetentionDays([])).toBeNull();
  });

  it('names every bad entry', () => {
    try {
      parseRetentionRules('*/spam=30,nonsense,narcotics/*=5,*/maybe=1,*/spam=40');
      throw new Error('expected RetentionRulesError');
    } catch (e) {
      expect(e).toBeInstanceOf(RetentionRulesError);
      const p = (e as RetentionRulesError).problems.join('\n');
      expect(p).toContain('nonsense');
      expect(p).toContain('unknown category narcotics');
      expect(p).toContain('unknown outcome maybe');
      expect(p).toContain('repeats */spam');
    }
    expect(parseRetentionRules('')).toEqual([]);
  });
});
