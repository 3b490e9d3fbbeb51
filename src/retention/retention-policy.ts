import { CATEGORY_CODES } from '../categories/category-codes';
import { CASE_OUTCOMES } from '../cases/case-transitions';

/**
 * Retention policy: how long after closing a case's content (tips, photos, messages, notes) is
 * kept before its data key is destroyed. Rules come from RETENTION_RULES, e.g.
 * `*\/spam=30,*\/unsubstantiated=365,official_misconduct/*=3650`. Pure: values in, values out.
 */
export interface RetentionRule {
  category: string; // a category code or '*'
  outcome: string; // an outcome code or '*'
  days: number;
}

export interface RetentionCase {
  status: string;
  category: string;
  outcome: string | null;
  closedAt: Date | null;
  legalHold: boolean;
}

export const DEFAULT_RETENTION_RULES = '*/spam=30,*/unsubstantiated=365';

export class RetentionRulesError extends Error {
  constructor(readonly problems: string[]) {
    super(`RETENTION_RULES ${problems.join('; ')}`);
    this.name = 'RetentionRulesError';
  }
}

/** Parses `category/outcome=days,...`; names every bad entry at once. */
export function parseRetentionRules(value: string): RetentionRule[] {
  const rules: RetentionRule[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const raw of value.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const m = /^([a-z_*]+)\/([a-z_*]+)=(\d{1,6})$/.exec(raw);
    if (!m) {
      problems.push(`entry "${raw}" must look like category/outcome=days (use * for any)`);
      continue;
    }
    const [, category, outcome, days] = m;
    if (category !== '*' && !(CATEGORY_CODES as readonly string[]).includes(category)) problems.push(`entry "${raw}": unknown category ${category}`);
    if (outcome !== '*' && !(CASE_OUTCOMES as readonly string[]).includes(outcome)) problems.push(`entry "${raw}": unknown outcome ${outcome}`);
    if (seen.has(`${category}/${outcome}`)) problems.push(`entry "${raw}" repeats ${category}/${outcome}`);
    seen.add(`${category}/${outcome}`);
    rules.push({ category, outcome, days: Number(days) });
  }
  if (problems.length > 0) throw new RetentionRulesError(problems);
  return rules;
}

/**
 * The rule for a category and outcome, most specific first: exact category and outcome, then the
 * outcome for any category (spam is spam whatever it claimed to be), then the category for any
 * outcome, then `*\/*`. None: the content is kept until someone decides otherwise.
 */
export function ruleFor(rules: RetentionRule[], category: string, outcome: string): RetentionRule | null {
  const find = (c: string, o: string) => rules.find((r) => r.category === c && r.outcome === o);
  return find(category, outcome) ?? find('*', outcome) ?? find(category, '*') ?? find('*', '*') ?? null;
}

/** When the case's content is due for destruction, or null (open, on legal hold, or no rule). */
export function purgeDueAt(rules: RetentionRule[], c: RetentionCase): Date | null {
  if (c.status !== 'closed' || c.legalHold || c.closedAt === null || c.outcome === null) return null;
  const rule = ruleFor(rules, c.category, c.outcome);
  if (!rule) return null;
  return new Date(c.closedAt.getTime() + rule.days * 86_400_000);
}

export function isPurgeDue(rules: RetentionRule[], c: RetentionCase, now: Date): boolean {
  const due = purgeDueAt(rules, c);
  return due !== null && due.getTime() <= now.getTime();
}

/** The shortest retention of any rule: no case closed after `now - shortest` can be due. */
export function shortestRetentionDays(rules: RetentionRule[]): number | null {
  return rules.length === 0 ? null : Math.min(...rules.map((r) => r.days));
}
