import { XMLBuilder } from 'fast-xml-parser';
import { Category, DetailField, Lang } from '../../categories/category-catalogue';

/**
 * GeoReport v2 documents (services, service definitions, request answers, tokens, errors) as
 * plain values; `render` turns one into the JSON body or, with fast-xml-parser, the XML body
 * the spec gives for the `.xml` form. Pure.
 */
export type Format = 'json' | 'xml';

export const SERVICE_NOTICE: Record<Lang, string> = {
  vi:
    'Tin báo ẩn danh. Các trường cá nhân (email, device_id, account_id, first_name, last_name, phone) bị bỏ qua, không đọc, không lưu, không ghi nhật ký. ' +
    'media_url không được nhận (hệ thống không bao giờ tải URL). Yêu cầu không được liệt kê công khai.',
  en:
    'Anonymous tips. Personal fields (email, device_id, account_id, first_name, last_name, phone) are dropped unread: never stored or logged. ' +
    'media_url is refused (the system never fetches URLs). Requests are never listed publicly.',
};

export interface Open311Attribute {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string;
  order: number;
  description: string;
  values?: { key: string; name: string }[];
}

/** Attributes every service takes: the commune code and when it was seen. */
const COMMON: (lang: Lang) => Omit<Open311Attribute, 'order'>[] = (lang) => [
  {
    variable: true,
    code: 'locality',
    datatype: 'string',
    required: false,
    datatype_description: lang === 'vi' ? 'Mã xã/phường chính thức (5 chữ số)' : 'Official commune/ward code (5 digits)',
    description: lang === 'vi' ? 'Xã, phường nơi xảy ra (không có: chuyển bộ phận phân loại)' : 'The commune or ward (without it the triage desk places the tip)',
  },
  {
    variable: true,
    code: 'observed_at',
    datatype: 'datetime',
    required: false,
    datatype_description: 'YYYY-MM-DD, YYYY-MM-DDTHH:mm (UTC+7) or ISO 8601',
    description: lang === 'vi' ? 'Thời điểm chứng kiến (mặc định: lúc gửi)' : 'When it was seen (default: now)',
  },
];

function fieldAttribute(f: DetailField, lang: Lang): Omit<Open311Attribute, 'order'> {
  const datatype: Open311Attribute['datatype'] = f.kind === 'choice' ? 'singlevaluelist' : f.kind === 'multi' ? 'multivaluelist' : f.kind === 'count' ? 'number' : 'string';
  return {
    variable: true,
    code: f.key,
    datatype,
    required: false,
    datatype_description: f.kind === 'count' ? '0..' + (f.max ?? 'n') : f.kind === 'text' ? `≤ ${f.maxLength ?? 200}` : '',
    description: f.label[lang],
    ...(f.options ? { values: f.options.map((o) => ({ key: o.value, name: o.label[lang] })) } : {}),
  };
}

export function serviceList(categories: readonly Category[], lang: Lang) {
  return categories.map((c) => ({
    service_code: c.code,
    service_name: c.name[lang],
    description: c.explanation[lang],
    metadata: true, // every service takes at least the locality attribute
    type: 'realtime',
    keywords: 'ma tuy,drugs',
    group: lang === 'vi' ? 'Tố giác tội phạm ma túy' : 'Drug crime tips',
  }));
}

export function serviceDefinition(c: Category, lang: Lang) {
  const attributes = [...COMMON(lang), ...c.fields.map((f) => fieldAttribute(f, lang))].map((a, i) => ({ ...a, order: i + 1 }));
  return { service_code: c.code, attributes };
}

export interface Open311Error {
  code: number;
  description: string;
}

/** Renders a document. `root`/`item` name the XML elements the spec uses for it. */
const builder = new XMLBuilder({ ignoreAttributes: false, format: false, processEntities: true, suppressEmptyNode: false, arrayNodeName: 'item' });

function xml(doc: Record<string, unknown>): string {
  return builder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' }, ...doc }) as string;
}

export function render(format: Format, kind: 'services' | 'definition' | 'requests' | 'tokens' | 'errors', value: unknown): string {
  if (format === 'json') return JSON.stringify(value);
  switch (kind) {
    case 'services':
      return xml({ services: { service: value } });
    case 'definition': {
      const d = value as ReturnType<typeof serviceDefinition>;
      return xml({
        service_definition: {
          service_code: d.service_code,
          attributes: {
            attribute: d.attributes.map((a) => ({ ...a, ...(a.values ? { values: { value: a.values } } : {}) })),
          },
        },
      });
    }
    case 'requests':
      return xml({ service_requests: { request: value } });
    case 'tokens':
      return xml({ service_requests: { request: value } });
    case 'errors':
      return xml({ errors: { error: value } });
  }
}

export const CONTENT_TYPE: Record<Format, string> = { json: 'application/json; charset=utf-8', xml: 'text/xml; charset=utf-8' };

/** `services.json` → 'json'; `07228.xml` → ['07228', 'xml']. */
export function splitFormat(file: string): { name: string; format: Format } | null {
  const m = /^([A-Za-z0-9_-]{1,100})\.(json|xml)$/.exec(file);
  return m ? { name: m[1], format: m[2] as Format } : null;
}
