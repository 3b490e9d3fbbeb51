/** Stable category codes of a tip (DESIGN.md). Names, explanations and fields live with intake. */
export const CATEGORY_CODES = [
  'trafficking',
  'production',
  'dealing_point',
  'use_hotspot',
  'crime_group',
  'precursors',
  'official_misconduct',
  'treatment_referral',
  'other',
] as const;
export type CategoryCode = (typeof CATEGORY_CODES)[number];

export function isCategoryCode(v: unknown): v is CategoryCode {
  return typeof v === 'string' && (CATEGORY_CODES as readonly string[]).includes(v);
}
