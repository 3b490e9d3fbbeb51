import type { ConsoleLang } from './console-context';

/** A console text in both languages. */
export interface ConsoleText {
  vi: string;
  en: string;
}

/** The text in the page's language: `tr(ctx, { vi: 'Hàng đợi', en: 'Queue' })`. */
export function tr(ctx: { lang: ConsoleLang }, text: ConsoleText): string {
  return text[ctx.lang];
}

/** The shell's own texts (header, navigation, forms, errors). */
export const SHELL_TEXTS = {
  appName: { vi: 'Tipline — Cán bộ', en: 'Tipline — Staff' },
  skip: { vi: 'Bỏ qua đến nội dung chính', en: 'Skip to main content' },
  nav: { vi: 'Điều hướng chính', en: 'Main navigation' },
  queue: { vi: 'Hàng đợi', en: 'Queue' },
  hotspots: { vi: 'Điểm nóng', en: 'Hotspots' },
  dashboard: { vi: 'Tổng quan', en: 'Dashboard' },
  audit: { vi: 'Kiểm toán', en: 'Audit' },
  admin: { vi: 'Quản trị', en: 'Administration' },
  account: { vi: 'Tài khoản', en: 'Account' },
  signOut: { vi: 'Đăng xuất', en: 'Sign out' },
  signedInAs: { vi: 'Đăng nhập với tên', en: 'Signed in as' },
  switchLang: { vi: 'English', en: 'Tiếng Việt' },
  switchLangLabel: { vi: 'Switch to English', en: 'Chuyển sang tiếng Việt' },
  current: { vi: '(trang hiện tại)', en: '(current page)' },
  problemsTitle: { vi: 'Có lỗi cần sửa', en: 'There is a problem' },
  required: { vi: '(bắt buộc)', en: '(required)' },
  errorPrefix: { vi: 'Lỗi:', en: 'Error:' },
} satisfies Record<string, ConsoleText>;
