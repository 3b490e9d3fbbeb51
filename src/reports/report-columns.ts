/**
 * The columns of each report as exported: key (the SQL column), Vietnamese and English headers,
 * and a type that decides how a value is written (hours and ratios as numbers, never as text).
 */
import { AGE_BUCKETS, CLOCK_KINDS } from './reports.repository';
import type { ReportLang } from './report-filters';

export type ColumnType = 'text' | 'int' | 'number' | 'hours' | 'ratio' | 'datetime' | 'bool' | 'label';

export interface Column {
  key: string;
  vi: string;
  en: string;
  type: ColumnType;
}

const c = (key: string, vi: string, en: string, type: ColumnType = 'text'): Column => ({ key, vi, en, type });

/** Code values shown to people (directions, clock states, age buckets). */
export const LABELS: Record<string, { vi: string; en: string }> = {
  up: { vi: 'tăng', en: 'up' },
  down: { vi: 'giảm', en: 'down' },
  same: { vi: 'không đổi', en: 'same' },
  breached: { vi: 'quá hạn', en: 'breached' },
  at_risk: { vi: 'sắp đến hạn', en: 'at risk' },
  on_time: { vi: 'trong hạn', en: 'on time' },
  paused: { vi: 'tạm dừng', en: 'paused' },
  none: { vi: 'không có thời hạn', en: 'no deadline' },
  lt_1d: { vi: 'dưới 1 ngày', en: '< 1 day' },
  '1_3d': { vi: '1–3 ngày', en: '1–3 days' },
  '3_7d': { vi: '3–7 ngày', en: '3–7 days' },
  '7_30d': { vi: '7–30 ngày', en: '7–30 days' },
  gt_30d: { vi: 'trên 30 ngày', en: '> 30 days' },
  equal_share: { vi: 'chia đều cho các xã kế thừa', en: 'equal shares over the successors' },
  case_place: { vi: 'theo nơi của vụ việc liên kết', en: 'by the place of its linked case' },
};

export function label(value: unknown, lang: ReportLang): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return s
    .split(', ')
    .map((part) => LABELS[part]?.[lang] ?? part)
    .join(', ');
}

const CLOCK_NAMES: Record<(typeof CLOCK_KINDS)[number], { vi: string; en: string }> = {
  acknowledge: { vi: 'tiếp nhận', en: 'acknowledge' },
  first_action: { vi: 'xử lý đầu tiên', en: 'first action' },
  legal_transfer: { vi: 'chuyển tin (luật)', en: 'legal transfer' },
  legal_notify: { vi: 'thông báo (luật)', en: 'legal notify' },
  legal_verify: { vi: 'xác minh (luật)', en: 'legal verify' },
};

const GROUP_HEADERS: Record<string, { vi: string; en: string }> = {
  unit: { vi: 'Đơn vị', en: 'Unit' },
  locality: { vi: 'Địa bàn', en: 'Place' },
  category: { vi: 'Loại tin', en: 'Category' },
  month: { vi: 'Tháng', en: 'Month' },
};

export function responseTimesColumns(groupBy: string): Column[] {
  const g = GROUP_HEADERS[groupBy];
  const cols: Column[] = [
    c('group_key', `${g.vi} (mã)`, `${g.en} (code)`),
    c('group_label', g.vi, g.en),
    c('cases', 'Số vụ việc', 'Cases', 'int'),
    c('acknowledged', 'Đã tiếp nhận', 'Acknowledged', 'int'),
    c('first_actioned', 'Đã xử lý', 'First action taken', 'int'),
    c('closed', 'Đã kết thúc', 'Closed', 'int'),
    c('ack_p50', 'Tiếp nhận – trung vị (giờ)', 'To acknowledge – p50 (hours)', 'hours'),
    c('ack_p90', 'Tiếp nhận – p90 (giờ)', 'To acknowledge – p90 (hours)', 'hours'),
    c('first_action_p50', 'Xử lý đầu tiên – trung vị (giờ)', 'To first action – p50 (hours)', 'hours'),
    c('first_action_p90', 'Xử lý đầu tiên – p90 (giờ)', 'To first action – p90 (hours)', 'hours'),
    c('close_p50', 'Kết thúc – trung vị (giờ)', 'To close – p50 (hours)', 'hours'),
    c('close_p90', 'Kết thúc – p90 (giờ)', 'To close – p90 (hours)', 'hours'),
    c('paused_hours', 'Thời gian tạm dừng (giờ, không tính vào thời gian xử lý)', 'Paused time (hours, excluded from the times)', 'hours'),
    c('cases_paused', 'Số vụ có tạm dừng', 'Cases with a pause', 'int'),
  ];
  for (const k of CLOCK_KINDS) {
    const n = CLOCK_NAMES[k];
    cols.push(
      c(`${k}_met`, `Hạn ${n.vi}: đúng hạn`, `Clock ${n.en}: met`, 'int'),
      c(`${k}_breached`, `Hạn ${n.vi}: quá hạn`, `Clock ${n.en}: breached`, 'int'),
      c(`${k}_attainment`, `Hạn ${n.vi}: tỷ lệ đúng hạn`, `Clock ${n.en}: attainment`, 'ratio'),
      c(`${k}_running`, `Hạn ${n.vi}: đang chạy`, `Clock ${n.en}: still running`, 'int'),
    );
  }
  cols.push(c('extensions', 'Số lần gia hạn', 'Extensions', 'int'), c('suspensions', 'Số lần tạm đình chỉ', 'Suspensions', 'int'));
  return cols;
}

export const RESPONSE_TIMES_CASE_COLUMNS: Column[] = [
  c('reference', 'Mã vụ việc', 'Case reference'),
  c('unit_code', 'Đơn vị', 'Unit'),
  c('locality_code', 'Mã địa bàn', 'Place code'),
  c('category', 'Loại tin', 'Category'),
  c('status', 'Trạng thái', 'Status'),
  c('created_at', 'Thời điểm mở (giờ Việt Nam)', 'Opened (Vietnam time)', 'datetime'),
  c('ack_h', 'Đến khi tiếp nhận (giờ)', 'To acknowledge (hours)', 'hours'),
  c('first_action_h', 'Đến xử lý đầu tiên (giờ)', 'To first action (hours)', 'hours'),
  c('close_h', 'Đến khi kết thúc (giờ)', 'To close (hours)', 'hours'),
  c('paused_h', 'Tạm dừng (giờ)', 'Paused (hours)', 'hours'),
];

export const HOTSPOT_COLUMNS: Column[] = [
  c('province_code', 'Mã tỉnh', 'Province code'),
  c('locality_code', 'Mã xã/phường', 'Commune code'),
  c('locality_name', 'Xã/phường', 'Commune'),
  ...(['found', 'verified', 'dismantled', 're_emerged'] as const).flatMap((m) => {
    const n = { found: ['Phát hiện', 'Found'], verified: ['Xác minh', 'Verified'], dismantled: ['Triệt phá', 'Dismantled'], re_emerged: ['Tái hoạt động', 'Re-emerged'] }[m];
    return [
      c(m, `${n[0]} (năm nay)`, `${n[1]} (this year)`, 'number'),
      c(`${m}_prev`, `${n[0]} (năm trước)`, `${n[1]} (previous year)`, 'number'),
      c(`${m}_change`, `${n[0]}: thay đổi`, `${n[1]}: change`, 'number'),
      c(`${m}_direction`, `${n[0]}: xu hướng`, `${n[1]}: direction`, 'label'),
    ];
  }),
  c('mapped', 'Chuyển từ địa bàn cũ', 'Carried from earlier places', 'bool'),
  c('mapped_from', 'Mã địa bàn cũ', 'Earlier place codes'),
  c('apportioned', 'Cách phân bổ xã bị chia tách', 'How a split was apportioned', 'label'),
];

export const BACKLOG_COLUMNS: Column[] = [
  c('unit_code', 'Mã đơn vị', 'Unit code'),
  c('unit_name', 'Đơn vị', 'Unit'),
  c('age_bucket', 'Thời gian tồn đọng', 'Age', 'label'),
  c('clock_state', 'Tình trạng thời hạn', 'Deadline state', 'label'),
  c('cases', 'Số vụ việc', 'Cases', 'int'),
];

export const AT_RISK_COLUMNS: Column[] = [
  c('reference', 'Mã vụ việc', 'Case reference'),
  c('unit_code', 'Đơn vị', 'Unit'),
  c('category', 'Loại tin', 'Category'),
  c('locality_code', 'Mã địa bàn', 'Place code'),
  c('status', 'Trạng thái', 'Status'),
  c('created_at', 'Thời điểm mở (giờ Việt Nam)', 'Opened (Vietnam time)', 'datetime'),
  c('age_h', 'Tuổi (giờ)', 'Age (hours)', 'hours'),
  c('clock_kind', 'Thời hạn', 'Clock'),
  c('due_at', 'Hạn (giờ Việt Nam)', 'Due (Vietnam time)', 'datetime'),
  c('hours_left', 'Còn lại (giờ, âm = quá hạn)', 'Hours left (negative = overdue)', 'hours'),
  c('clock_state', 'Tình trạng', 'State', 'label'),
];

export { AGE_BUCKETS };
