import { CATEGORY_CODES, CategoryCode } from './category-codes';

import type { Localized } from '../common/i18n';

/** The one definition of the two languages lives in common/i18n; re-exported for the citizen pages. */
export { LANGS } from '../common/i18n';
export type { Lang, Localized } from '../common/i18n';

export interface ChoiceOption {
  value: string;
  label: Localized;
}

/**
 * One structured question of a category's questionnaire. `choice` takes one option,
 * `multi` several, `count` a whole number, `text` a short free text (at most `maxLength`).
 */
export interface DetailField {
  key: string;
  kind: 'choice' | 'multi' | 'count' | 'text';
  label: Localized;
  options?: ChoiceOption[];
  max?: number;
  maxLength?: number;
}

export interface Category {
  code: CategoryCode;
  name: Localized;
  explanation: Localized;
  fields: DetailField[];
}

const o = (value: string, vi: string, en: string): ChoiceOption => ({ value, label: { vi, en } });

const TIMES_OF_DAY: DetailField = {
  key: 'timesOfDay',
  kind: 'multi',
  label: { vi: 'Thường vào lúc nào trong ngày', en: 'Usual times of day' },
  options: [
    o('morning', 'Buổi sáng', 'Morning'),
    o('afternoon', 'Buổi chiều', 'Afternoon'),
    o('evening', 'Buổi tối', 'Evening'),
    o('night', 'Đêm khuya', 'Late at night'),
  ],
};
const HOW_OFTEN: DetailField = {
  key: 'frequency',
  kind: 'choice',
  label: { vi: 'Mức độ thường xuyên', en: 'How often' },
  options: [
    o('once', 'Một lần', 'Once'),
    o('weekly', 'Vài lần mỗi tuần', 'A few times a week'),
    o('daily', 'Hằng ngày', 'Every day'),
    o('unknown', 'Không rõ', 'Not sure'),
  ],
};
const PEOPLE: DetailField = {
  key: 'people',
  kind: 'count',
  label: { vi: 'Khoảng bao nhiêu người liên quan', en: 'About how many people are involved' },
  max: 1000,
};
const VEHICLES: DetailField = {
  key: 'vehicles',
  kind: 'multi',
  label: { vi: 'Phương tiện sử dụng', en: 'Vehicles used' },
  options: [
    o('motorbike', 'Xe máy', 'Motorbike'),
    o('car', 'Ô tô', 'Car'),
    o('truck', 'Xe tải', 'Truck'),
    o('boat', 'Tàu, thuyền', 'Boat'),
    o('on_foot', 'Đi bộ', 'On foot'),
    o('parcel', 'Gửi hàng, bưu kiện', 'Parcels or courier'),
  ],
};
const VEHICLE_PLATES: DetailField = {
  key: 'vehicleDescription',
  kind: 'text',
  label: { vi: 'Mô tả phương tiện (màu, loại, biển số nếu biết)', en: 'Vehicle description (colour, type, plate if known)' },
  maxLength: 200,
};
const SUBSTANCES: DetailField = {
  key: 'substances',
  kind: 'multi',
  label: { vi: 'Loại ma túy (nếu biết)', en: 'Kind of drug (if known)' },
  options: [
    o('heroin', 'Heroin', 'Heroin'),
    o('methamphetamine', 'Ma túy đá, hồng phiến', 'Methamphetamine (crystal, pills)'),
    o('ecstasy', 'Thuốc lắc', 'Ecstasy'),
    o('cannabis', 'Cần sa', 'Cannabis'),
    o('ketamine', 'Ketamine', 'Ketamine'),
    o('other', 'Loại khác', 'Other'),
    o('unknown', 'Không rõ', 'Not sure'),
  ],
};
const PLACE_KIND: DetailField = {
  key: 'placeKind',
  kind: 'choice',
  label: { vi: 'Loại địa điểm', en: 'Kind of place' },
  options: [
    o('house', 'Nhà riêng, phòng trọ', 'House or rented room'),
    o('cafe_bar', 'Quán cà phê, karaoke, quán bar', 'Café, karaoke, bar'),
    o('hotel', 'Nhà nghỉ, khách sạn', 'Guesthouse or hotel'),
    o('street', 'Đường phố, bãi đất trống, gầm cầu', 'Street, waste ground, under a bridge'),
    o('field', 'Nương rẫy, vườn', 'Field or garden'),
    o('other', 'Nơi khác', 'Elsewhere'),
  ],
};

/**
 * The category catalogue: stable codes (category-codes.ts) with names, a one-line explanation in
 * plain language and the structured questions each category asks. Vocabulary follows Kế hoạch
 * 84-KH/TU (tố giác, tụ điểm, đường dây, tiền chất, cai nghiện).
 */
export const CATEGORIES: readonly Category[] = [
  {
    code: 'trafficking',
    name: { vi: 'Mua bán, vận chuyển ma túy', en: 'Drug trafficking' },
    explanation: {
      vi: 'Có người mua bán, vận chuyển hoặc cất giấu ma túy, đường dây đưa ma túy qua địa bàn.',
      en: 'Someone buys, sells, moves or hides drugs, or a line brings drugs through the area.',
    },
    fields: [VEHICLES, VEHICLE_PLATES, SUBSTANCES, PEOPLE, TIMES_OF_DAY, HOW_OFTEN],
  },
  {
    code: 'production',
    name: { vi: 'Sản xuất ma túy, trồng cây có chất ma túy', en: 'Drug production or drug plants' },
    explanation: {
      vi: 'Nơi điều chế ma túy, hoặc trồng cây thuốc phiện, cần sa và cây khác có chất ma túy.',
      en: 'A place where drugs are made, or where opium poppy, cannabis or other drug plants grow.',
    },
    fields: [
      {
        key: 'activity',
        kind: 'choice',
        label: { vi: 'Hoạt động', en: 'Activity' },
        options: [o('lab', 'Điều chế ma túy', 'Making drugs'), o('plants', 'Trồng cây có chất ma túy', 'Growing drug plants')],
      },
      {
        key: 'area',
        kind: 'text',
        label: { vi: 'Diện tích hoặc quy mô ước tính', en: 'Estimated area or size' },
        maxLength: 120,
      },
      {
        key: 'signs',
        kind: 'multi',
        label: { vi: 'Dấu hiệu nhận thấy', en: 'Signs noticed' },
        options: [
          o('smell', 'Mùi hóa chất lạ', 'Chemical smell'),
          o('deliveries', 'Hay nhận hàng, thùng, can hóa chất', 'Frequent deliveries of drums or chemicals'),
          o('guarded', 'Có người canh gác', 'The place is guarded'),
        ],
      },
      PEOPLE,
      HOW_OFTEN,
    ],
  },
  {
    code: 'dealing_point',
    name: { vi: 'Điểm bán lẻ ma túy', en: 'Drug dealing point' },
    explanation: {
      vi: 'Một nơi cố định có người bán lẻ ma túy cho người nghiện.',
      en: 'A fixed place where drugs are sold to users.',
    },
    fields: [PLACE_KIND, SUBSTANCES, PEOPLE, TIMES_OF_DAY, HOW_OFTEN, VEHICLES],
  },
  {
    code: 'use_hotspot',
    name: { vi: 'Tụ điểm sử dụng ma túy', en: 'Drug use hotspot' },
    explanation: {
      vi: 'Nơi nhiều người thường tụ tập để sử dụng ma túy (tụ điểm).',
      en: 'A place where people often gather to use drugs.',
    },
    fields: [
      PLACE_KIND,
      PEOPLE,
      TIMES_OF_DAY,
      HOW_OFTEN,
      {
        key: 'needles',
        kind: 'choice',
        label: { vi: 'Có thấy bơm kim tiêm bỏ lại không', en: 'Are used needles left behind' },
        options: [o('yes', 'Có', 'Yes'), o('no', 'Không', 'No'), o('unknown', 'Không rõ', 'Not sure')],
      },
    ],
  },
  {
    code: 'crime_group',
    name: { vi: 'Ổ nhóm tội phạm ma túy', en: 'Drug crime group' },
    explanation: {
      vi: 'Một nhóm người có tổ chức hoạt động phạm tội về ma túy, có thể kèm vũ khí, bạo lực.',
      en: 'An organised group committing drug crimes, possibly with weapons or violence.',
    },
    fields: [
      PEOPLE,
      {
        key: 'weapons',
        kind: 'choice',
        label: { vi: 'Có vũ khí không', en: 'Are weapons involved' },
        options: [o('yes', 'Có', 'Yes'), o('no', 'Không', 'No'), o('unknown', 'Không rõ', 'Not sure')],
      },
      VEHICLES,
      TIMES_OF_DAY,
      HOW_OFTEN,
    ],
  },
  {
    code: 'precursors',
    name: { vi: 'Tiền chất, thuốc hướng thần', en: 'Precursor chemicals or psychotropic medicines' },
    explanation: {
      vi: 'Tiền chất, chất hướng thần, thuốc gây nghiện bị đưa ra ngoài mục đích sản xuất, y tế.',
      en: 'Precursor chemicals or psychotropic medicines diverted from industry or health care.',
    },
    fields: [
      {
        key: 'source',
        kind: 'choice',
        label: { vi: 'Nguồn gốc', en: 'Where it comes from' },
        options: [
          o('factory', 'Nhà máy, cơ sở sản xuất', 'Factory or workshop'),
          o('pharmacy', 'Nhà thuốc, cơ sở y tế', 'Pharmacy or clinic'),
          o('import', 'Hàng nhập khẩu', 'Imports'),
          o('unknown', 'Không rõ', 'Not sure'),
        ],
      },
      {
        key: 'quantity',
        kind: 'text',
        label: { vi: 'Số lượng ước tính', en: 'Estimated quantity' },
        maxLength: 120,
      },
      VEHICLES,
      HOW_OFTEN,
    ],
  },
  {
    code: 'official_misconduct',
    name: { vi: 'Cán bộ bao che, làm ngơ', en: 'Officials covering up or neglecting' },
    explanation: {
      vi: 'Cán bộ, công chức bao che, tiếp tay hoặc làm ngơ cho hoạt động ma túy.',
      en: 'An official protects, helps or ignores drug activity.',
    },
    fields: [
      {
        key: 'agency',
        kind: 'choice',
        label: { vi: 'Cơ quan của người đó', en: 'Their agency' },
        options: [
          o('police', 'Công an', 'Police'),
          o('local_government', 'Chính quyền địa phương', 'Local government'),
          o('customs_border', 'Hải quan, biên phòng', 'Customs or border guard'),
          o('other', 'Cơ quan khác', 'Another agency'),
        ],
      },
      HOW_OFTEN,
    ],
  },
  {
    code: 'treatment_referral',
    name: { vi: 'Người cần cai nghiện', en: 'Someone needs addiction treatment' },
    explanation: {
      vi: 'Một người nghiện ma túy cần được hỗ trợ cai nghiện, điều trị.',
      en: 'A person addicted to drugs needs help with treatment.',
    },
    fields: [
      {
        key: 'ageGroup',
        kind: 'choice',
        label: { vi: 'Độ tuổi', en: 'Age group' },
        options: [o('minor', 'Dưới 18 tuổi', 'Under 18'), o('adult', 'Từ 18 tuổi', '18 or older'), o('unknown', 'Không rõ', 'Not sure')],
      },
      SUBSTANCES,
      {
        key: 'danger',
        kind: 'choice',
        label: { vi: 'Có nguy hiểm cho bản thân hoặc người khác không', en: 'Is there danger to them or others' },
        options: [o('yes', 'Có', 'Yes'), o('no', 'Không', 'No'), o('unknown', 'Không rõ', 'Not sure')],
      },
    ],
  },
  {
    code: 'other',
    name: { vi: 'Việc khác liên quan đến ma túy', en: 'Something else about drugs' },
    explanation: {
      vi: 'Thông tin khác về tệ nạn ma túy không thuộc các mục trên.',
      en: 'Other information about drug crime that fits none of the above.',
    },
    fields: [PEOPLE, TIMES_OF_DAY, HOW_OFTEN],
  },
];

export function categoryByCode(code: CategoryCode): Category {
  const c = CATEGORIES.find((x) => x.code === code);
  if (!c) throw new Error(`category ${code} is missing from the catalogue`);
  return c;
}

/** Every code in order (for the exhaustive check in the spec). */
export const CATALOGUE_CODES = CATEGORIES.map((c) => c.code);
export { CATEGORY_CODES };

export interface DetailProblem {
  field: string;
  reason: 'unknown_field' | 'invalid_option' | 'invalid_number' | 'too_long' | 'invalid_type';
}

export type Details = Record<string, string | string[] | number>;

/**
 * Checks and normalises a tip's structured details against its category's questions.
 * Accepts form values (strings, or string arrays for `multi`) as well as JSON values.
 * Empty answers are dropped; unknown keys and values are problems, named by field.
 */
export function normalizeDetails(category: Category, raw: unknown): { details: Details; problems: DetailProblem[] } {
  const details: Details = {};
  const problems: DetailProblem[] = [];
  if (raw === undefined || raw === null || raw === '') return { details, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { details, problems: [{ field: 'details', reason: 'invalid_type' }] };
  }
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const field = category.fields.find((f) => f.key === key);
    const name = `details.${key}`;
    if (!field) {
      problems.push({ field: name, reason: 'unknown_field' });
      continue;
    }
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    const allowed = new Set((field.options ?? []).map((x) => x.value));
    switch (field.kind) {
      case 'choice':
        if (typeof value !== 'string' || !allowed.has(value)) problems.push({ field: name, reason: 'invalid_option' });
        else details[key] = value;
        break;
      case 'multi': {
        const values = Array.isArray(value) ? value : [value];
        if (!values.every((v) => typeof v === 'string' && allowed.has(v))) problems.push({ field: name, reason: 'invalid_option' });
        else details[key] = [...new Set(values as string[])];
        break;
      }
      case 'count': {
        const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,6}$/.test(value.trim()) ? Number(value) : NaN;
        if (!Number.isInteger(n) || n < 0 || n > (field.max ?? 1000)) problems.push({ field: name, reason: 'invalid_number' });
        else details[key] = n;
        break;
      }
      case 'text':
        if (typeof value !== 'string') problems.push({ field: name, reason: 'invalid_type' });
        else if (value.trim().length > (field.maxLength ?? 200)) problems.push({ field: name, reason: 'too_long' });
        else if (value.trim()) details[key] = value.trim();
        break;
    }
  }
  return { details, problems };
}
