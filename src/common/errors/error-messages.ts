import { Localized, t } from '../i18n';
import { ErrorCode } from './error-codes';

/**
 * The generic message of each code in both languages: what the caller reads when the error came
 * from the framework (bad JSON, body too large, unknown route...) or carries no text of its own.
 * Never echoes the request (no URL, no body).
 */
export const CODE_MESSAGES: Readonly<Record<ErrorCode, Localized>> = {
  validation_failed: t('Yêu cầu không hợp lệ.', 'The request is not valid.'),
  not_found: t('Không tìm thấy.', 'Not found.'),
  conflict: t('Yêu cầu xung đột với dữ liệu hiện có.', 'The request conflicts with the current data.'),
  unauthenticated: t('Cần đăng nhập bằng tài khoản cán bộ.', 'A staff session is required.'),
  forbidden: t('Không có quyền thực hiện thao tác này.', 'This action is not allowed.'),
  rate_limited: t('Có quá nhiều yêu cầu. Vui lòng thử lại sau.', 'Too many requests. Please try again later.'),
  payload_too_large: t('Nội dung gửi lên quá lớn.', 'The request body is too large.'),
  uri_too_long: t('Địa chỉ yêu cầu quá dài.', 'The request address is too long.'),
  unsupported_media_type: t('Kiểu nội dung không được hỗ trợ.', 'This content type is not supported.'),
  service_unavailable: t('Dịch vụ tạm thời không khả dụng. Vui lòng thử lại.', 'The service is temporarily unavailable; try again.'),
  internal_error: t('Đã xảy ra lỗi nội bộ.', 'An internal error occurred.'),
  invalid_credentials: t('Tên đăng nhập, mật khẩu hoặc mã xác thực không đúng.', 'The username, password or code is not correct.'),
  session_invalid: t('Phiên đăng nhập không hợp lệ hoặc đã hết hạn.', 'The session is not valid or has expired.'),
  csrf_failed: t('Thiếu hoặc sai mã chống giả mạo yêu cầu (CSRF).', 'The anti-forgery (CSRF) proof is missing or wrong.'),
  password_change_required: t('Cần đổi mật khẩu trước.', 'Change the password first.'),
  self_change_forbidden: t('Không ai được tự thay đổi vai trò, đơn vị hay trạng thái của chính mình.', 'Nobody may change their own role, unit or status.'),
  invitation_invalid: t('Mã mời không hợp lệ, đã dùng hoặc đã hết hạn.', 'The invitation code is not valid, already used or expired.'),
  channel_auth_failed: t('Khóa API của kênh không hợp lệ.', 'The channel API key is not valid.'),
  channel_client_disabled: t('Kênh này đã bị vô hiệu hóa.', 'This channel client is disabled.'),
  signature_invalid: t('Chữ ký của yêu cầu không hợp lệ.', 'The request signature is not valid.'),
  signature_stale: t('Chữ ký đã quá cũ (quá 5 phút).', 'The signature is too old (over 5 minutes).'),
  signature_replayed: t('Chữ ký này đã được dùng.', 'This signature was already used.'),
  idempotency_key_reused: t('Idempotency-Key đã được dùng với một nội dung khác.', 'The Idempotency-Key was already used with a different body.'),
  invalid_transition: t('Hồ sơ không thể chuyển sang trạng thái này.', 'The case cannot make this change from its current status.'),
  version_conflict: t('Hồ sơ đã được người khác thay đổi; hãy tải lại.', 'The case was changed by someone else; reload it.'),
  case_claimed: t('Một cán bộ khác đang xử lý hồ sơ này.', 'Another officer is working on this case.'),
  claim_not_held: t('Bạn chưa nhận xử lý hồ sơ này.', 'You do not hold this case.'),
  unknown_reference: t('Mã tham chiếu không tồn tại.', 'The reference does not exist.'),
  overlapping_period: t('Khoảng thời gian trùng với một khoảng đã có.', 'The period overlaps an existing one.'),
  unit_cycle: t('Đơn vị không thể là cấp trên của chính nó.', 'A unit cannot be its own parent.'),
  unit_not_in_force: t('Đơn vị không còn hiệu lực vào ngày này.', 'The unit is not in force on this date.'),
  clock_extension_limit: t('Thời hạn này đã hết số lần gia hạn.', 'This clock has no extensions left.'),
};

/** Fastify's own 4xx errors, by their code: which of ours, which field, and the text. */
export const FRAMEWORK_ERRORS: Readonly<Record<string, { code: ErrorCode; field?: string; text?: Localized }>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'validation_failed', field: 'body', text: t('Nội dung gửi lên không phải JSON hợp lệ.', 'The request body is not valid JSON.') },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'validation_failed', field: 'body', text: t('Nội dung JSON không được để trống.', 'The JSON body must not be empty.') },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'validation_failed', field: 'content-length', text: t('Độ dài nội dung không khớp.', 'The content length does not match the body.') },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large', field: 'body' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported_media_type', field: 'content-type' },
  FST_ERR_CTP_INVALID_TYPE: { code: 'unsupported_media_type', field: 'content-type' },
  FST_ERR_BAD_URL: { code: 'validation_failed', field: 'url', text: t('Địa chỉ yêu cầu có ký tự không hợp lệ.', 'The request address has an invalid character sequence.') },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'uri_too_long', field: 'url' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { code: 'unsupported_media_type', field: 'content-type' },
  FST_REQ_FILE_TOO_LARGE: { code: 'payload_too_large', field: 'photos' },
  FST_FILES_LIMIT: { code: 'payload_too_large', field: 'photos' },
  FST_PARTS_LIMIT: { code: 'payload_too_large', field: 'body' },
  FST_FIELDS_LIMIT: { code: 'payload_too_large', field: 'body' },
};
