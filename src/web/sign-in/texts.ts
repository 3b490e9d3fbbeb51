import type { ConsoleText } from '../shell/texts';

/** Texts of the sign-in, password and enrolment pages. */
export const SIGN_IN_TEXTS = {
  title: { vi: 'Đăng nhập', en: 'Sign in' },
  intro: { vi: 'Dành cho cán bộ. Cần mật khẩu và mã 6 số từ ứng dụng xác thực (hoặc một mã khôi phục).', en: 'For staff. You need your password and the 6-digit code from your authenticator app (or a recovery code).' },
  username: { vi: 'Tên đăng nhập', en: 'Username' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  code: { vi: 'Mã xác thực (6 số) hoặc mã khôi phục', en: 'Authentication code (6 digits) or recovery code' },
  codeHint: { vi: 'Mở ứng dụng xác thực và nhập mã hiện tại.', en: 'Open your authenticator app and enter the current code.' },
  submit: { vi: 'Đăng nhập', en: 'Sign in' },
  missing: { vi: 'Vui lòng nhập trường này.', en: 'Enter this field.' },
  wrong: { vi: 'Tên đăng nhập, mật khẩu hoặc mã xác thực không đúng.', en: 'The username, password or code is not correct.' },
  expired: {
    vi: 'Phiên làm việc đã hết hạn (do lâu không thao tác hoặc đã quá thời gian tối đa). Vui lòng đăng nhập lại; sau đó bạn sẽ trở lại trang đang xem.',
    en: 'Your session has expired (inactive for too long, or past its maximum length). Sign in again and you will return to the page you were on.',
  },
  ended: { vi: 'Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.', en: 'Your session has ended. Please sign in again.' },
  required: { vi: 'Vui lòng đăng nhập để mở trang này.', en: 'Sign in to open this page.' },
  signedOut: { vi: 'Bạn đã đăng xuất.', en: 'You have signed out.' },
  formExpired: {
    vi: 'Biểu mẫu đã hết hạn hoặc không được gửi từ trang của hệ thống. Vui lòng thử lại.',
    en: 'The form expired or was not sent from this site\'s own page. Please try again.',
  },
  invitationLink: { vi: 'Có mã mời hoặc mã đăng ký lại xác thực? Kích hoạt tài khoản', en: 'Have an invitation or re-enrolment code? Activate your account' },
} satisfies Record<string, ConsoleText>;
