import { CATEGORIES } from '../../categories/category-catalogue';
import type { ConsoleText } from '../shell/texts';

type Texts = Record<string, ConsoleText>;

const t = (vi: string, en: string): ConsoleText => ({ vi, en });

/** The cases area's texts (queue, case page, hotspots), Vietnamese first. */
export const CASES_TEXTS = {
  queueTitle: t('Hàng đợi hồ sơ', 'Case queue'),
  atRiskTitle: t('Sắp quá hạn và quá hạn', 'At risk and breached'),
  atRiskNone: t('Không có thời hạn nào sắp đến hoặc đã quá.', 'No deadline is near or past.'),
  filters: t('Bộ lọc', 'Filters'),
  apply: t('Lọc', 'Apply'),
  clear: t('Bỏ lọc', 'Clear filters'),
  status: t('Trạng thái', 'Status'),
  openStatuses: t('Mọi trạng thái đang mở', 'Every open status'),
  category: t('Loại tin', 'Kind of tip'),
  priority: t('Mức ưu tiên', 'Priority'),
  locality: t('Mã địa bàn (xã/phường)', 'Locality code (commune)'),
  deadlineBefore: t('Hạn trước ngày', 'Deadline before'),
  assignment: t('Phân công', 'Assignment'),
  anyone: t('Tất cả', 'Anyone'),
  assignedToMe: t('Giao cho tôi', 'Assigned to me'),
  unassigned: t('Chưa giao', 'Unassigned'),
  related: t('Có thể liên quan', 'Possibly related'),
  relatedYes: t('Chỉ hồ sơ có thể liên quan', 'Only possibly related'),
  relatedNo: t('Chỉ hồ sơ không liên quan', 'Only not related'),
  sort: t('Sắp xếp theo', 'Sort by'),
  sortDeadline: t('Hạn gần nhất', 'Nearest deadline'),
  sortPriority: t('Mức ưu tiên', 'Priority'),
  sortAge: t('Cũ nhất', 'Oldest'),
  any: t('Tất cả', 'Any'),
  reference: t('Mã hồ sơ', 'Reference'),
  place: t('Địa bàn', 'Place'),
  deadline: t('Thời hạn', 'Deadline'),
  received: t('Tiếp nhận lúc', 'Received'),
  assignee: t('Cán bộ được giao', 'Assignee'),
  flags: t('Ghi chú', 'Flags'),
  replyWaiting: t('Người báo tin đã trả lời', 'Tipster replied'),
  claimedByMe: t('Bạn đang xử lý', 'You hold it'),
  claimedByOther: t('Người khác đang xử lý', 'Held by someone else'),
  noCases: t('Không có hồ sơ nào khớp bộ lọc.', 'No case matches the filters.'),
  next: t('Trang sau', 'Next page'),
  prev: t('Trang trước', 'Previous page'),
  first: t('Trang đầu', 'First page'),
  paging: t('Phân trang', 'Pages'),
  keysHint: t(
    'Phím tắt (khi bật JavaScript): j / k chọn hồ sơ tiếp / trước, Enter mở hồ sơ. Không có JavaScript: dùng Tab.',
    'Shortcuts (with JavaScript): j / k move to the next / previous case, Enter opens it. Without JavaScript: use Tab.',
  ),
  none: t('—', '—'),
  // clock states: colour AND text
  on_time: t('Đúng hạn', 'On time'),
  at_risk: t('Sắp quá hạn', 'At risk'),
  breached: t('Quá hạn', 'Breached'),
  noDeadline: t('Không có hạn', 'No deadline'),
  met: t('Đã đáp ứng', 'Met'),
  cancelled: t('Đã hủy', 'Cancelled'),
  paused: t('Tạm dừng', 'Suspended'),
  // case page
  caseTitle: t('Hồ sơ', 'Case'),
  summary: t('Tóm tắt', 'Summary'),
  channel: t('Kênh', 'Channel'),
  observedAt: t('Thời điểm sự việc', 'Observed at'),
  outcome: t('Kết quả', 'Outcome'),
  actionTaken: t('Biện pháp đã áp dụng', 'Action taken'),
  hotspot: t('Điểm nóng', 'Hotspot'),
  duplicateOf: t('Trùng với hồ sơ', 'Duplicate of'),
  claim: t('Khóa xử lý', 'Claim'),
  claimedUntil: t('đến', 'until'),
  nobodyHolds: t('Chưa ai nhận xử lý.', 'Nobody holds this case.'),
  version: t('Phiên bản', 'Version'),
  routing: t('Lý do phân tuyến', 'Routing reason'),
  routingRule: t('Quy tắc', 'Rule'),
  routingNoRule: t('Theo địa bàn (không có quy tắc riêng)', 'By place (no rule of its own)'),
  content: t('Nội dung tin báo', 'Tip content'),
  contentDestroyed: t('Nội dung đã bị hủy theo chính sách lưu trữ.', 'The content was destroyed under the retention policy.'),
  tip: t('Tin báo', 'Tip'),
  narrative: t('Mô tả', 'Narrative'),
  placeDescription: t('Mô tả nơi chốn', 'Place description'),
  coordinates: t('Tọa độ', 'Coordinates'),
  details: t('Chi tiết', 'Details'),
  localPolice: t('Người báo nói có công an địa phương liên quan', 'The tipster says local police are involved'),
  photos: t('Ảnh (đã xóa siêu dữ liệu)', 'Photos (metadata removed)'),
  photoAlt: t('Ảnh kèm tin báo', 'Photo sent with the tip'),
  noPhotos: t('Không có ảnh.', 'No photos.'),
  clocks: t('Thời hạn', 'Deadlines'),
  clockKind: t('Loại', 'Kind'),
  clockState: t('Tình trạng', 'State'),
  dueAt: t('Hạn', 'Due'),
  legalBasis: t('Căn cứ', 'Legal basis'),
  extensions: t('Số lần gia hạn', 'Extensions'),
  legal: t('theo luật', 'legal'),
  internal: t('nội bộ', 'internal'),
  timeline: t('Diễn biến', 'Timeline'),
  when: t('Thời gian', 'When'),
  event: t('Sự kiện', 'Event'),
  by: t('Bởi', 'By'),
  reason: t('Lý do', 'Reason'),
  messages: t('Trao đổi', 'Messages'),
  noMessages: t('Chưa có trao đổi.', 'No messages yet.'),
  fromTipster: t('Người báo tin', 'Tipster'),
  toTipster: t('Gửi người báo tin', 'To the tipster'),
  internalNote: t('Ghi chú nội bộ', 'Internal note'),
  destroyedMessage: t('(nội dung đã bị hủy)', '(content destroyed)'),
  actions: t('Thao tác', 'Actions'),
  staleHint: t(
    'Mỗi biểu mẫu mang phiên bản hồ sơ bạn đang xem; nếu người khác đã thay đổi hồ sơ, thao tác sẽ không được thực hiện.',
    'Each form carries the version of the case you are looking at; if someone else changed the case, the action is not made.',
  ),
  doClaim: t('Nhận xử lý', 'Claim'),
  doRelease: t('Trả lại', 'Release'),
  doBreakLock: t('Gỡ khóa xử lý', 'Break the claim'),
  doAcknowledge: t('Tiếp nhận', 'Acknowledge'),
  doVerify: t('Bắt đầu xác minh', 'Start verifying'),
  doAction: t('Ghi nhận biện pháp', 'Record the action'),
  doClose: t('Đóng hồ sơ', 'Close the case'),
  doReopen: t('Mở lại hồ sơ', 'Reopen the case'),
  doTransfer: t('Chuyển đơn vị', 'Transfer'),
  doAssign: t('Giao việc', 'Assign'),
  doLink: t('Liên kết', 'Link'),
  doMessage: t('Gửi cho người báo tin', 'Send to the tipster'),
  doNote: t('Thêm ghi chú', 'Add the note'),
  doExtend: t('Gia hạn', 'Extend'),
  doSuspend: t('Tạm dừng thời hạn', 'Suspend'),
  doResume: t('Tiếp tục thời hạn', 'Resume'),
  claimSection: t('Nhận / trả hồ sơ', 'Claim and release'),
  statusSection: t('Chuyển trạng thái', 'Change the status'),
  transferSection: t('Chuyển cho đơn vị khác', 'Transfer to another unit'),
  assignSection: t('Giao cho cán bộ', 'Assign to an officer'),
  linkSection: t('Liên kết với điểm nóng hoặc hồ sơ khác', 'Link to a hotspot or another case'),
  messageSection: t('Nhắn người báo tin', 'Write to the tipster'),
  noteSection: t('Ghi chú nội bộ', 'Internal note'),
  clockSection: t('Gia hạn / tạm dừng thời hạn', 'Extend or suspend a deadline'),
  messageBody: t('Nội dung tin nhắn', 'Message'),
  messageHint: t('Người báo tin đọc tin này bằng mã biên nhận. Không ghi thông tin nhận dạng.', 'The tipster reads this with the receipt. Write nothing identifying.'),
  noteBody: t('Nội dung ghi chú', 'Note'),
  noteHint: t('Chỉ đơn vị đọc được ghi chú này.', 'Only the unit reads this note.'),
  unit: t('Đơn vị nhận', 'Receiving unit'),
  findUnit: t('Tìm đơn vị (mã hoặc tên)', 'Find a unit (code or name)'),
  find: t('Tìm', 'Find'),
  chooseUnit: t('— chọn đơn vị —', '— choose a unit —'),
  noUnitsFound: t('Không tìm thấy đơn vị nào đang hoạt động.', 'No unit in force matches.'),
  officer: t('Cán bộ', 'Officer'),
  nobody: t('— bỏ giao —', '— unassign —'),
  linkHotspot: t('Điểm nóng', 'Hotspot'),
  noChange: t('— giữ nguyên —', '— leave as it is —'),
  unlink: t('— bỏ liên kết —', '— unlink —'),
  linkCase: t('Hồ sơ gốc (dán đường dẫn hoặc mã định danh)', 'Original case (paste its link or id)'),
  linkCaseHint: t('Để trống nếu không đổi; "-" để bỏ liên kết.', 'Leave empty to keep it; "-" to unlink.'),
  clock: t('Thời hạn', 'Deadline'),
  value: t('Thêm', 'Add'),
  durationUnit: t('Đơn vị thời gian', 'Unit of time'),
  hours: t('giờ', 'hours'),
  working_days: t('ngày làm việc', 'working days'),
  days: t('ngày', 'days'),
  months: t('tháng', 'months'),
  legalReference: t('Căn cứ pháp lý', 'Legal basis'),
  chooseClock: t('— chọn thời hạn —', '— choose a deadline —'),
  choose: t('— chọn —', '— choose —'),
  noOpenClocks: t('Không có thời hạn nào đang chạy.', 'No deadline is running.'),
  done: t('Đã thực hiện.', 'Done.'),
  messageSent: t('Đã gửi tin nhắn cho người báo tin.', 'The message was sent to the tipster.'),
  noteAdded: t('Đã thêm ghi chú.', 'The note was added.'),
  backToQueue: t('Về hàng đợi', 'Back to the queue'),
  // hotspots
  hotspotsTitle: t('Điểm nóng', 'Hotspots'),
  hotspotTitle: t('Điểm nóng', 'Hotspot'),
  description: t('Mô tả', 'Description'),
  statusChangedAt: t('Đổi trạng thái lúc', 'Status changed'),
  createdAt: t('Tạo lúc', 'Created'),
  noHotspots: t('Không có điểm nóng nào.', 'No hotspots.'),
  history: t('Lịch sử trạng thái', 'Status history'),
  from: t('Từ', 'From'),
  to: t('Sang', 'To'),
  viaCase: t('Theo hồ sơ', 'Via case'),
  hotspotCases: t('Hồ sơ liên kết', 'Linked cases'),
  open: t('Mở', 'Open'),
} satisfies Texts;

export const STATUS_LABELS: Record<string, ConsoleText> = {
  new: t('Mới', 'New'),
  acknowledged: t('Đã tiếp nhận', 'Acknowledged'),
  verifying: t('Đang xác minh', 'Verifying'),
  actioned: t('Đã xử lý', 'Actioned'),
  closed: t('Đã đóng', 'Closed'),
};

export const PRIORITY_LABELS: Record<string, ConsoleText> = {
  urgent: t('Khẩn cấp', 'Urgent'),
  high: t('Cao', 'High'),
  normal: t('Thường', 'Normal'),
  low: t('Thấp', 'Low'),
};

export const OUTCOME_LABELS: Record<string, ConsoleText> = {
  substantiated: t('Có cơ sở', 'Substantiated'),
  unsubstantiated: t('Không có cơ sở', 'Unsubstantiated'),
  duplicate: t('Trùng lặp', 'Duplicate'),
  out_of_jurisdiction: t('Ngoài thẩm quyền', 'Out of jurisdiction'),
  insufficient_information: t('Không đủ thông tin', 'Insufficient information'),
  spam: t('Tin rác', 'Spam'),
};

export const ACTION_TAKEN_LABELS: Record<string, ConsoleText> = {
  referred_for_investigation: t('Chuyển điều tra', 'Referred for investigation'),
  administrative_action: t('Xử lý hành chính', 'Administrative action'),
  hotspot_dismantled: t('Triệt phá tụ điểm', 'Hotspot dismantled'),
  referred_for_treatment: t('Chuyển cai nghiện', 'Referred for treatment'),
};

export const HOTSPOT_STATUS_LABELS: Record<string, ConsoleText> = {
  suspected: t('Nghi vấn', 'Suspected'),
  verified: t('Đã xác minh', 'Verified'),
  dismantled: t('Đã triệt phá', 'Dismantled'),
  re_emerged: t('Tái hoạt động', 'Re-emerged'),
};

export const CHANNEL_LABELS: Record<string, ConsoleText> = {
  web: t('Trang web', 'Web'),
  hotline: t('Đường dây nóng', 'Hotline'),
  sms: t('Tin nhắn SMS', 'SMS'),
  open311: t('Open311', 'Open311'),
};

export const CLOCK_KIND_LABELS: Record<string, ConsoleText> = {
  acknowledge: t('Tiếp nhận', 'Acknowledge'),
  first_action: t('Hành động đầu tiên', 'First action'),
  legal_transfer: t('Chuyển tin (24 giờ)', 'Pass on (24 hours)'),
  legal_notify: t('Thông báo người báo tin', 'Notify the tipster'),
  legal_verify: t('Xác minh, giải quyết', 'Verify and decide'),
};

export const EVENT_LABELS: Record<string, ConsoleText> = {
  opened: t('Tiếp nhận tin báo', 'Tip received'),
  claimed: t('Nhận xử lý', 'Claimed'),
  released: t('Trả lại', 'Released'),
  lock_broken: t('Gỡ khóa xử lý', 'Claim broken'),
  acknowledged: t('Tiếp nhận', 'Acknowledged'),
  verification_started: t('Bắt đầu xác minh', 'Verification started'),
  actioned: t('Ghi nhận biện pháp', 'Action recorded'),
  closed: t('Đóng hồ sơ', 'Closed'),
  reopened: t('Mở lại', 'Reopened'),
  transferred: t('Chuyển đơn vị', 'Transferred'),
  assigned: t('Giao việc', 'Assigned'),
  linked: t('Liên kết', 'Linked'),
  message_to_tipster: t('Nhắn người báo tin', 'Message to the tipster'),
  internal_note: t('Ghi chú nội bộ', 'Internal note'),
  tipster_replied: t('Người báo tin trả lời', 'Tipster replied'),
  clock_extended: t('Gia hạn thời hạn', 'Deadline extended'),
  clock_suspended: t('Tạm dừng thời hạn', 'Deadline suspended'),
  clock_resumed: t('Tiếp tục thời hạn', 'Deadline resumed'),
  purged: t('Hủy nội dung (lưu trữ)', 'Content purged (retention)'),
};

/** A label from a table, or the code itself when the table does not know it (a new code reads as itself). */
export function labelOf(table: Record<string, ConsoleText>, code: string | null | undefined, lang: 'vi' | 'en'): string {
  if (code === null || code === undefined) return '—';
  return table[code]?.[lang] ?? code;
}

/** A category's name in the page's language (the intake catalogue's). */
export function categoryName(code: string, lang: 'vi' | 'en'): string {
  return CATEGORIES.find((c) => c.code === code)?.name[lang] ?? code;
}

/** Every category as select options. */
export function categoryOptions(lang: 'vi' | 'en') {
  return CATEGORIES.map((c) => ({ value: c.code, label: c.name[lang] }));
}
