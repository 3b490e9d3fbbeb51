import { DomainError } from '../../common/errors/domain-error';
import type { ConsoleLang } from '../shell/console-context';
import type { FormProblem } from '../shell/forms';
import { tr } from '../shell/texts';
import { ACCOUNT_TEXTS as T } from './texts';

const REASONS: Record<string, keyof typeof T> = {
  too_short: 'tooShort',
  too_long: 'tooLong',
  common: 'common',
  contains_username: 'containsUsername',
  unchanged: 'unchanged',
};

/** A password policy refusal (ValidationFailed with reason codes) in the page's language, at `field`. */
export function passwordProblems(e: DomainError, lang: ConsoleLang, field: string): FormProblem[] | null {
  if (e.code !== 'validation_failed' || !Array.isArray(e.details)) return null;
  return e.details.map((d) => ({ field, message: REASONS[d.reason] ? tr({ lang }, T[REASONS[d.reason]]) : d.message }));
}
