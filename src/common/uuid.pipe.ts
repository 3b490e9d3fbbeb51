import { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { NotFound, ValidationFailed } from './errors/domain-error';
import { t } from './i18n';

/** Whether `v` is a UUID (any version), by class-validator's check: the one UUID test of tipline. */
export const isUuid = (v: unknown): boolean => typeof v === 'string' && isUUID(v, 'all');

/**
 * The one UUID check for path parameters. By default a malformed id is a 400 `validation_failed`
 * naming the parameter; `new UuidPipe({ notFound: 'Case' })` answers it as the 404 of an unknown
 * id instead, for routes where a malformed id and a missing (or out-of-scope) one must look alike.
 * Use it as an instance: `@Param('id', new UuidPipe())`.
 */
export class UuidPipe implements PipeTransform<unknown, string> {
  constructor(private readonly options: { notFound?: string } = {}) {}

  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && isUuid(value)) return value;
    if (this.options.notFound) throw new NotFound(this.options.notFound);
    const field = metadata.data ?? 'id';
    throw new ValidationFailed([
      { field, reason: 'isUuid', message: `${field} must be a UUID` },
    ], t(`${field} phải là một mã UUID.`, `${field} must be a UUID.`));
  }
}
