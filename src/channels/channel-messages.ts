import type { Lang } from '../categories/category-catalogue';
import type { FieldProblem } from '../common/errors/domain-error';

/** Field problems particular to channel deliveries, in both languages (Vietnamese first). */
export const CHANNEL_REASONS = {
  caller_number_refused: {
    vi: 'Không được gửi số điện thoại của người báo tin. Hệ thống không nhận và không lưu thông tin này.',
    en: "The caller's number must not be sent. The system neither accepts nor stores it.",
  },
  unknown_field: { vi: 'Trường này không được hỗ trợ.', en: 'This field is not supported.' },
  operator_required: {
    vi: 'Cần mã điều hành viên (operatorId) hoặc phiên đăng nhập của điều hành viên đường dây nóng.',
    en: 'An operator id (operatorId) or a hotline operator session is required.',
  },
  invalid_operator: { vi: 'Mã điều hành viên không hợp lệ (1–64 ký tự a-z 0-9 . _ -).', en: 'The operator id is not valid (1–64 of a-z 0-9 . _ -).' },
  idempotency_key_required: {
    vi: 'Cần tiêu đề Idempotency-Key (8–128 ký tự A-Z a-z 0-9 . _ : -) để gửi lại không tạo tin trùng.',
    en: 'The Idempotency-Key header (8–128 of A-Z a-z 0-9 . _ : -) is required so that a retry never makes a second tip.',
  },
  body_not_object: { vi: 'Nội dung phải là một đối tượng JSON.', en: 'The body must be a JSON object.' },
} as const satisfies Record<string, Record<Lang, string>>;

export type ChannelReason = keyof typeof CHANNEL_REASONS;

export function channelProblem(field: string, reason: ChannelReason, lang: Lang): FieldProblem {
  return { field, reason, message: CHANNEL_REASONS[reason][lang] };
}

/**
 * Field names that would carry a caller's or sender's number. Such a field is refused by name
 * and its value is never read, echoed or logged.
 */
export function isCallerNumberField(name: string): boolean {
  const n = name.toLowerCase().replace(/[^a-z]/g, '');
  // short codes only as the whole name ("ani" and "cli" hide inside ordinary words)
  if (['ani', 'cli', 'sdt', 'from', 'msisdn', 'tel'].includes(n)) return true;
  return /(caller|phone|msisdn|mobile|telephone|sodienthoai|dienthoai|number)/.test(n);
}
