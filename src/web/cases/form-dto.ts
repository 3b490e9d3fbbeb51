import type { Type } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainError, FieldProblem, ValidationFailed } from '../../common/errors/domain-error';
import { toFieldProblems } from '../../common/errors/validation';
import type { ConsoleLang } from '../shell/console-context';
import type { FormProblem } from '../shell/forms';

/**
 * Validates a plain object into the API's own DTO class with the API's own rules (the global
 * ValidationPipe's options: whitelist, forbidNonWhitelisted, transform), so a console form accepts
 * exactly what the matching API route accepts. Throws ValidationFailed with field problems.
 */
export async function validateDto<T extends object>(cls: Type<T>, plain: Record<string, unknown>): Promise<T> {
  const instance = plainToInstance(cls, plain);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw new ValidationFailed(toFieldProblems(errors));
  return instance;
}

/** Field problems in Vietnamese by their stable reason (class-validator and the services write English). */
const VI_REASONS: Record<string, string> = {
  isIn: 'Hãy chọn một giá trị trong danh sách.',
  isEnum: 'Hãy chọn một giá trị trong danh sách.',
  isUuid: 'Mã định danh không hợp lệ.',
  isUUID: 'Mã định danh không hợp lệ.',
  maxLength: 'Nội dung quá dài.',
  minLength: 'Nội dung quá ngắn.',
  isLength: 'Độ dài không hợp lệ.',
  isInt: 'Hãy nhập một số nguyên.',
  min: 'Số quá nhỏ.',
  max: 'Số quá lớn.',
  isString: 'Trường này là bắt buộc.',
  required: 'Trường này là bắt buộc.',
  matches: 'Định dạng không hợp lệ.',
  isDate: 'Ngày không hợp lệ.',
  invalid: 'Giá trị không hợp lệ.',
  conflict: 'Các giá trị mâu thuẫn nhau.',
  whitelistValidation: 'Trường không được phép.',
  not_in_unit: 'Người được giao phải là cán bộ đang hoạt động của đơn vị thụ lý hồ sơ.',
  unknown: 'Không tìm thấy (hoặc không còn hoạt động).',
  same_unit: 'Hồ sơ đã ở đơn vị này.',
  self: 'Hồ sơ không thể trùng với chính nó.',
  is_duplicate: 'Hồ sơ đó cũng là bản trùng; hãy liên kết với hồ sơ gốc của nó.',
  too_long: 'Nội dung quá dài.',
  empty: 'Nội dung không được để trống.',
};

/** A domain error's field problems in the page's language (the message stays English in English). */
export function localizedProblems(e: DomainError, lang: ConsoleLang, fallbackField = ''): FormProblem[] {
  const details: FieldProblem[] = Array.isArray(e.details) ? e.details : [];
  if (details.length === 0) return [{ field: fallbackField, message: e.text ? e.text[lang] : e.message }];
  // One problem per field: a missing value first (class-validator also reports every other rule a missing value breaks).
  const missing = new Set(['isString', 'required', 'isDefined', 'isNotEmpty']);
  const byField = new Map<string, FieldProblem>();
  for (const d of details) {
    const seen = byField.get(d.field);
    if (!seen || (missing.has(d.reason) && !missing.has(seen.reason))) byField.set(d.field, d);
  }
  return [...byField.values()].map((d) => ({ field: d.field, message: lang === 'vi' ? (VI_REASONS[d.reason] ?? 'Giá trị không hợp lệ.') : d.message }));
}
