import { ValidationError } from 'class-validator';
import { FieldProblem, ValidationFailed } from './domain-error';

/** Flattens class-validator's nested errors into field/reason pairs (`place.description`). */
export function toFieldProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    for (const [reason, message] of Object.entries(e.constraints ?? {})) {
      out.push({ field, reason, message });
    }
    if (e.children?.length) out.push(...toFieldProblems(e.children, field));
  }
  return out;
}

export function validationExceptionFactory(errors: ValidationError[]): ValidationFailed {
  return new ValidationFailed(toFieldProblems(errors));
}
