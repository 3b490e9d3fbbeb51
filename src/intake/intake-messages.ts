import { FieldProblem } from '../common/errors/domain-error';
import type { Lang } from '../categories/category-catalogue';

/** Reason codes of intake's field problems; each has a message in both languages. */
export const REASONS = {
  required: { vi: 'Vui lòng điền mục này.', en: 'Please fill in this field.' },
  invalid_category: { vi: 'Vui lòng chọn một loại tin trong danh sách.', en: 'Please choose a category from the list.' },
  invalid_locality: { vi: 'Không tìm thấy xã, phường này. Vui lòng chọn lại trong danh sách.', en: 'This commune or ward was not found. Please choose it again from the list.' },
  invalid_date: { vi: 'Ngày giờ không hợp lệ.', en: 'This date is not valid.' },
  future_date: { vi: 'Thời điểm này chưa đến. Vui lòng nhập thời điểm đã chứng kiến.', en: 'This time is in the future. Please give the time you saw it.' },
  too_old: { vi: 'Thời điểm quá xa (hơn 10 năm).', en: 'This is too long ago (more than 10 years).' },
  too_short: { vi: 'Vui lòng viết ít nhất 10 ký tự để cán bộ hiểu được sự việc.', en: 'Please write at least 10 characters so officers can understand.' },
  too_long: { vi: 'Nội dung quá dài.', en: 'This is too long.' },
  invalid_coordinates: { vi: 'Tọa độ không hợp lệ (vĩ độ, kinh độ trong lãnh thổ Việt Nam).', en: 'These coordinates are not valid (latitude, longitude within Viet Nam).' },
  invalid_type: { vi: 'Giá trị không hợp lệ.', en: 'This value is not valid.' },
  invalid_option: { vi: 'Lựa chọn không có trong danh sách.', en: 'This choice is not in the list.' },
  invalid_number: { vi: 'Vui lòng nhập một số (0 trở lên).', en: 'Please enter a number (0 or more).' },
  unreadable_body: { vi: 'Không đọc được dữ liệu gửi lên. Vui lòng tải lại trang và gửi lại.', en: 'The submitted data could not be read. Please reload the page and send again.' },
  not_allowed: { vi: 'Mục này không được chấp nhận.', en: 'This field is not accepted.' },
  unknown_field: { vi: 'Mục này không thuộc loại tin đã chọn.', en: 'This question does not belong to the chosen category.' },
  proof_missing: { vi: 'Thiếu mã kiểm tra chống spam. Vui lòng tải lại trang.', en: 'The anti-spam check is missing. Please reload the page.' },
  proof_invalid: { vi: 'Mã kiểm tra chống spam không hợp lệ. Vui lòng tải lại trang.', en: 'The anti-spam check is not valid. Please reload the page.' },
  proof_expired: { vi: 'Biểu mẫu đã hết hạn. Vui lòng gửi lại.', en: 'The form has expired. Please send it again.' },
  proof_too_fast: { vi: 'Bạn gửi quá nhanh. Vui lòng đợi vài giây rồi gửi lại.', en: 'That was too fast. Please wait a few seconds and send again.' },
  proof_used: { vi: 'Biểu mẫu này đã được gửi. Vui lòng tải lại trang để gửi tin mới.', en: 'This form was already sent. Please reload the page to send a new tip.' },
  photo_type: { vi: 'Chỉ nhận ảnh JPEG, PNG hoặc WebP.', en: 'Only JPEG, PNG or WebP photos are accepted.' },
  photo_too_large: { vi: 'Ảnh quá lớn.', en: 'The photo is too large.' },
  too_many_photos: { vi: 'Quá nhiều ảnh.', en: 'Too many photos.' },
  photo_unreadable: { vi: 'Không đọc được ảnh này.', en: 'This photo could not be read.' },
} as const satisfies Record<string, Record<Lang, string>>;

export type Reason = keyof typeof REASONS;

export const SUMMARY = {
  invalid: { vi: 'Thông tin chưa hợp lệ. Vui lòng sửa các mục được đánh dấu.', en: 'Some information is not valid. Please correct the marked fields.' },
  rate_limited: { vi: 'Có quá nhiều yêu cầu. Vui lòng thử lại sau.', en: 'Too many requests. Please try again later.' },
  receipt_not_found: { vi: 'Không tìm thấy tin nào với mã biên nhận này.', en: 'No tip was found with this receipt.' },
} as const;

export function problem(field: string, reason: Reason, lang: Lang): FieldProblem {
  return { field, reason, message: REASONS[reason][lang] };
}

/** The tipster's language: `?lang=en` or a `lang` field; Vietnamese otherwise (never a header). */
export function pickLang(...candidates: unknown[]): Lang {
  for (const c of candidates) if (c === 'en' || c === 'vi') return c;
  return 'vi';
}
