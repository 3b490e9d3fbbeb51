import type { Lang } from '../../categories/category-catalogue';

/** Fields the spec allows that could identify the sender: deleted before anything reads the request. */
export const PERSONAL_FIELDS = ['email', 'device_id', 'account_id', 'first_name', 'last_name', 'phone'] as const;

export interface Open311Tip {
  apiKey: unknown;
  serviceCode: unknown;
  jurisdictionId: string | null;
  lat: unknown;
  long: unknown;
  addressString: unknown;
  description: unknown;
  attributes: Record<string, unknown>;
  lang: Lang;
}

export interface Open311Problem {
  code: number;
  description: string;
}

const MSG = {
  media_url: {
    vi: 'media_url không được nhận: hệ thống không bao giờ tải một URL (việc tải có thể làm lộ người gửi). Hãy gửi ảnh qua biểu mẫu web.',
    en: 'media_url is refused: the system never fetches a URL (a fetch could expose the sender). Send photos through the web form.',
  },
  unknown: { vi: 'Trường không được hỗ trợ', en: 'Unsupported field' },
  jurisdiction: { vi: 'jurisdiction_id phải là mã tỉnh/thành (2 chữ số).', en: 'jurisdiction_id must be a province code (2 digits).' },
  location: {
    vi: 'Cần vị trí: lat và long, address_string, hoặc attribute[locality].',
    en: 'A location is required: lat and long, address_string, or attribute[locality].',
  },
  service_code: { vi: 'Cần service_code (GET services.json).', en: 'service_code is required (GET services.json).' },
  api_key: { vi: 'Cần api_key.', en: 'api_key is required.' },
};

const KNOWN = new Set(['api_key', 'service_code', 'jurisdiction_id', 'lat', 'long', 'address_string', 'address_id', 'description', 'media_url', 'lang']);

/**
 * Reads a POST requests body (form fields or JSON). Personal fields are deleted from the object
 * first, unread; `attribute[code]` (or a JSON `attribute` object) become the attributes. Pure
 * but for that deletion.
 */
export function readOpen311Request(body: Record<string, unknown>, queryLang?: unknown): { tip: Open311Tip; problems: Open311Problem[] } {
  for (const f of PERSONAL_FIELDS) delete body[f];
  const lang: Lang = queryLang === 'en' || body.lang === 'en' ? 'en' : 'vi';
  const problems: Open311Problem[] = [];
  const attributes: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    const m = /^attribute\[([A-Za-z0-9_]{1,64})\](\[\])?$/.exec(k);
    if (m) attributes[m[1]] = v;
    else if (k === 'attribute' && v && typeof v === 'object' && !Array.isArray(v)) Object.assign(attributes, v);
    else if (!KNOWN.has(k)) problems.push({ code: 400, description: `${MSG.unknown[lang]}: ${k.slice(0, 64)}` });
  }
  if (body.media_url !== undefined && body.media_url !== '') problems.push({ code: 400, description: MSG.media_url[lang] });
  if (!body.api_key) problems.push({ code: 400, description: MSG.api_key[lang] });
  if (!body.service_code) problems.push({ code: 400, description: MSG.service_code[lang] });
  let jurisdictionId: string | null = null;
  if (body.jurisdiction_id !== undefined && body.jurisdiction_id !== '') {
    if (typeof body.jurisdiction_id === 'string' && /^\d{2}$/.test(body.jurisdiction_id)) jurisdictionId = body.jurisdiction_id;
    else problems.push({ code: 400, description: MSG.jurisdiction[lang] });
  }
  const hasPoint = body.lat !== undefined && body.lat !== '' && body.long !== undefined && body.long !== '';
  const hasAddress = typeof body.address_string === 'string' && body.address_string.trim() !== '';
  if (!hasPoint && !hasAddress && !attributes.locality) problems.push({ code: 400, description: MSG.location[lang] });
  return {
    tip: {
      apiKey: body.api_key,
      serviceCode: body.service_code,
      jurisdictionId,
      lat: body.lat,
      long: body.long,
      addressString: body.address_string,
      description: body.description,
      attributes,
      lang,
    },
    problems,
  };
}
