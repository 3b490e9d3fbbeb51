import type { Lang } from '../../categories/category-catalogue';
import type { FieldProblem } from '../../common/errors/domain-error';
import { channelProblem, isCallerNumberField } from '../channel-messages';

/** The fields a hotline delivery may carry (the web tip's, plus the operator and the language). */
export const HOTLINE_FIELDS = ['category', 'locality', 'observedAt', 'narrative', 'details', 'place', 'coordinates', 'localPoliceInvolved', 'operatorId', 'lang'] as const;
const ALLOWED = new Set<string>(HOTLINE_FIELDS);
const OPERATOR = /^[A-Za-z0-9._-]{1,64}$/;
const KEY = /^[A-Za-z0-9._:-]{8,128}$/;

export interface HotlineTip {
  lang: Lang;
  fields: Record<string, unknown>;
  operatorId: string | null;
  problems: FieldProblem[];
}

/**
 * Reads a hotline delivery's body without reading any value it refuses: a field that could hold
 * the caller's number is refused by name (400), so are fields the API does not know. Pure.
 */
export function readHotlineTip(body: unknown, staffFiler: boolean): HotlineTip {
  const lang: Lang = body && typeof body === 'object' && (body as Record<string, unknown>).lang === 'en' ? 'en' : 'vi';
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { lang, fields: {}, operatorId: null, problems: [channelProblem('body', 'body_not_object', lang)] };
  const problems: FieldProblem[] = [];
  const fields: Record<string, unknown> = {};
  for (const name of Object.keys(body)) {
    if (isCallerNumberField(name)) problems.push(channelProblem(name.slice(0, 64), 'caller_number_refused', lang));
    else if (!ALLOWED.has(name)) problems.push(channelProblem(name.slice(0, 64), 'unknown_field', lang));
    else fields[name] = (body as Record<string, unknown>)[name];
  }
  let operatorId: string | null = null;
  if (fields.operatorId !== undefined) {
    if (typeof fields.operatorId === 'string' && OPERATOR.test(fields.operatorId)) operatorId = fields.operatorId;
    else problems.push(channelProblem('operatorId', 'invalid_operator', lang));
  } else if (!staffFiler) problems.push(channelProblem('operatorId', 'operator_required', lang));
  delete fields.operatorId;
  delete fields.lang;
  return { lang, fields, operatorId, problems };
}

export function isIdempotencyKey(v: unknown): v is string {
  return typeof v === 'string' && KEY.test(v);
}

const DIGITS_VI = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];

/** The receipt as an operator reads it out: digit by digit, in groups of four. */
export function readOutVi(receipt: string): string {
  return receipt
    .split(' ')
    .map((g) => [...g].map((d) => DIGITS_VI[Number(d)]).join(' '))
    .join(', ');
}
