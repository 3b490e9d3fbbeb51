import { Localized, t } from '../common/i18n';
import type { CaseStatus } from './case-transitions';

/** Each case status as staff read it, in both languages. */
export const STATUS_TEXT: Readonly<Record<CaseStatus, Localized>> = {
  new: t('mới', 'new'),
  acknowledged: t('đã tiếp nhận', 'acknowledged'),
  verifying: t('đang xác minh', 'verifying'),
  actioned: t('đã xử lý', 'actioned'),
  closed: t('đã đóng', 'closed'),
};

/** What a command does to a case, as it reads after "cannot be" (en) / "không thể" (vi). */
export const COMMAND_DONE_TEXT: Readonly<Record<string, Localized>> = {
  acknowledge: t('tiếp nhận', 'acknowledged'),
  verify: t('chuyển sang xác minh', 'verified'),
  action: t('ghi nhận xử lý', 'actioned'),
  close: t('đóng', 'closed'),
  reopen: t('mở lại', 'reopened'),
  transfer: t('chuyển đơn vị', 'transferred'),
  assign: t('giao cho cán bộ', 'assigned'),
  claim: t('nhận xử lý', 'claimed'),
  release: t('trả lại', 'released'),
  link: t('liên kết', 'linked'),
};

/** The 409 text of a command the case's status does not allow, naming what is allowed. */
export function illegalTransitionText(status: CaseStatus, command: string, allowed: readonly string[]): Localized {
  const done = COMMAND_DONE_TEXT[command] ?? t(command, command);
  const s = STATUS_TEXT[status];
  return t(
    `Hồ sơ ${s.vi} không thể ${done.vi}; được phép: ${allowed.join(', ') || 'không có'}.`,
    `A case that is ${s.en} cannot be ${done.en}; allowed: ${allowed.join(', ') || 'none'}.`,
  );
}
