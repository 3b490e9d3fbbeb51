import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainError, FieldProblem } from '../../common/errors/domain-error';
import { CODE_MESSAGES } from '../../common/errors/error-messages';
import { toFieldProblems } from '../../common/errors/validation';
import type { Lang } from '../../common/i18n';
import { FormBody, formText } from '../shell/form-input';
import type { FormProblem } from '../shell/forms';
import { REASONS } from './texts';

export type { FormBody, FormProblem };

/** The field's value as the shell reads it: trimmed, '' when absent, repeated or not a string. */
export function text(body: FormBody, name: string): string {
  return formText(body, name);
}

/** The field's value, or undefined when empty. */
export function optional(body: FormBody, name: string): string | undefined {
  return text(body, name) || undefined;
}

/** A checkbox: present and not "false". */
export function checked(body: FormBody, name: string): boolean {
  const v = text(body, name);
  return v !== '' && v !== 'false';
}

/** "a, b c" → ['a', 'b', 'c'] (comma or space separated lists). */
export function list(value: string): string[] {
  return value.split(/[\s,]+/).filter(Boolean);
}

/** The string fields of a form, to refill it after a problem (never `_csrf`, never a secret). */
export function refill(body: FormBody, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, text(body, n)]));
}

/**
 * Checks `plain` with the same class-validator DTO the API validates its body with, so a form
 * and the API refuse the same input. Returns the problems (empty: valid).
 */
export async function checkWith<T extends object>(dto: new () => T, plain: object): Promise<FieldProblem[]> {
  const errors = await validate(plainToInstance(dto, plain), { whitelist: true, forbidNonWhitelisted: false });
  return toFieldProblems(errors);
}

/** The problems of a domain error by field: its details, or the error itself under `details.field`. */
export function problemsOf(e: DomainError): FieldProblem[] {
  if (Array.isArray(e.details)) return e.details;
  const field = e.details && typeof e.details.field === 'string' ? e.details.field : '';
  return [{ field, reason: e.code, message: e.message }];
}

/**
 * A problem's text in `lang`: a known `field:reason` or `reason` text; else, for the error's own
 * problem (not one of its listed details), the error's text in both languages when it has one;
 * else the service's (English) message, after the code's generic Vietnamese text in Vietnamese.
 */
export function problemText(p: FieldProblem, lang: Lang, error?: DomainError): string {
  const known = REASONS[`${p.field}:${p.reason}`] ?? REASONS[p.reason];
  if (known) return known[lang];
  const own = error !== undefined && !Array.isArray(error.details);
  if (own && error.text) return error.text[lang];
  if (lang === 'en') return p.message;
  const generic = error ? CODE_MESSAGES[error.code].vi : CODE_MESSAGES.validation_failed.vi;
  return `${generic} (${p.message})`;
}

/**
 * What a form shows for a list of problems or a domain error: each on its field (renamed by
 * `fields` when the form's field is named otherwise, `fields['']` for a problem that names none;
 * a field the form lacks becomes '', shown in the summary only).
 */
export function formProblems(
  source: DomainError | FieldProblem[],
  lang: Lang,
  formFields: readonly string[],
  fields: Record<string, string> = {},
): FormProblem[] {
  const error = source instanceof DomainError ? source : undefined;
  const problems = error ? problemsOf(error) : (source as FieldProblem[]);
  return problems.map((p) => {
    const field = fields[p.field] ?? p.field;
    return { field: formFields.includes(field) ? field : '', message: problemText(p, lang, error) };
  });
}

/** The problem shown next to `field`, if any. */
export function errorFor(problems: readonly FormProblem[] | undefined, field: string): string | undefined {
  const mine = problems?.filter((p) => p.field === field).map((p) => p.message);
  return mine && mine.length ? mine.join(' ') : undefined;
}

/** Whether a domain error belongs on the form (the input's fault) rather than on an error page. */
export function isFormError(e: unknown): e is DomainError {
  return (
    e instanceof DomainError &&
    ['validation_failed', 'conflict', 'unknown_reference', 'overlapping_period', 'unit_cycle', 'unit_not_in_force'].includes(e.code)
  );
}
