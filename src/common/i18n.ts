import { negotiate } from '@fastify/accept-negotiator';

/**
 * The two languages of tipline (Vietnamese first): the one definition of a bilingual text, used by
 * the citizen pages, the category catalogue and every error message.
 */
export interface Localized {
  vi: string;
  en: string;
}
export type Lang = keyof Localized;
export const LANGS: readonly Lang[] = ['vi', 'en'];

/** A text in both languages. */
export const t = (vi: string, en: string): Localized => ({ vi, en });

export function isLocalized(v: unknown): v is Localized {
  return typeof v === 'object' && v !== null && typeof (v as Localized).vi === 'string' && typeof (v as Localized).en === 'string';
}

/**
 * The caller's language from an `Accept-Language` header (q-values honoured, region subtags such
 * as `en-US` count as their language); Vietnamese when the header is absent or names neither.
 */
export function langOfHeader(header: string | string[] | undefined): Lang {
  const raw = Array.isArray(header) ? header.join(',') : header;
  if (!raw) return 'vi';
  const primary = raw.replace(/([a-zA-Z]{1,8})-[a-zA-Z0-9-]+/g, '$1');
  return (negotiate(primary, LANGS as Lang[]) as Lang | null) ?? 'vi';
}
