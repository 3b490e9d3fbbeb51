import { isLocalized, Localized, t } from '../i18n';
import { ErrorCode } from './error-codes';

/** One problem with one input field: which field, a stable reason code, and a readable message. */
export interface FieldProblem {
  field: string;
  reason: string;
  message: string;
}

/**
 * What services throw. `code` is stable and maps to an HTTP status in one filter; the message is
 * safe to show to the caller and never contains tip content. Give it in both languages (`t(vi, en)`)
 * and the filter answers in the caller's (`Accept-Language`, Vietnamese by default); a plain string
 * is a text the thrower already put in the caller's language (the citizen pages choose by `?lang`).
 */
export class DomainError extends Error {
  /** The message in both languages, when the thrower gave both. */
  readonly text?: Localized;

  constructor(
    readonly code: ErrorCode,
    message: string | Localized,
    readonly details?: FieldProblem[] | Record<string, unknown>,
  ) {
    super(typeof message === 'string' ? message : message.en);
    this.name = 'DomainError';
    if (isLocalized(message)) this.text = message;
  }
}

/** The error's message in `lang` (the thrower's text when it gave only one). */
export function messageIn(e: DomainError, lang: 'vi' | 'en'): string {
  return e.text ? e.text[lang] : e.message;
}

export class ValidationFailed extends DomainError {
  constructor(problems: FieldProblem[], message: string | Localized = t('Yêu cầu không hợp lệ.', 'The request is not valid.')) {
    super('validation_failed', message, problems);
  }
}

/** The things a 404 may name, in both languages (`what` of NotFound). */
const NOT_FOUND_NAMES: Record<string, Localized> = {
  Case: t('Hồ sơ', 'Case'),
  Hotspot: t('Điểm nóng', 'Hotspot'),
  Photo: t('Ảnh', 'Photo'),
  Unit: t('Đơn vị', 'Unit'),
  Coverage: t('Phạm vi phụ trách', 'Coverage'),
  'Routing rule': t('Quy tắc phân tuyến', 'Routing rule'),
  'Staff account': t('Tài khoản cán bộ', 'Staff account'),
  Locality: t('Địa bàn', 'Locality'),
  'Case to link': t('Hồ sơ cần liên kết', 'Case to link'),
  'The data key': t('Khóa dữ liệu', 'The data key'),
  'The staff account': t('Tài khoản cán bộ', 'The staff account'),
  Page: t('Trang', 'Page'),
};

/** `what` in both languages: a known name, possibly followed by an id or code (`Unit CA-24-07210`). */
function nameOf(what: string): Localized {
  for (const [key, name] of Object.entries(NOT_FOUND_NAMES)) {
    if (what === key) return name;
    if (what.startsWith(`${key} `)) return t(`${name.vi}${what.slice(key.length)}`, what);
  }
  return t(what, what);
}

export class NotFound extends DomainError {
  constructor(what: string) {
    const name = nameOf(what);
    super('not_found', t(`Không tìm thấy ${name.vi.charAt(0).toLowerCase()}${name.vi.slice(1)}.`, `${what} was not found.`));
  }
}
