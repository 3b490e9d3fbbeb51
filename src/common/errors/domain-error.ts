import { ErrorCode } from './error-codes';

/** One problem with one input field: which field, a stable reason code, and a readable message. */
export interface FieldProblem {
  field: string;
  reason: string;
  message: string;
}

/**
 * What services throw. `code` is stable and maps to an HTTP status in one filter;
 * `message` is safe to show to the caller and never contains tip content.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldProblem[] | Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class ValidationFailed extends DomainError {
  constructor(problems: FieldProblem[], message = 'The request is not valid.') {
    super('validation_failed', message, problems);
  }
}

export class NotFound extends DomainError {
  constructor(what: string) {
    super('not_found', `${what} was not found.`);
  }
}
