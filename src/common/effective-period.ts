/**
 * "In force on a date": the one definition for everything effective-dated (units, coverage,
 * localities, routing rules). A period is inclusive at both ends; `validTo` null means open.
 * Dates are calendar days `YYYY-MM-DD` (Vietnam), compared as strings.
 */
export interface EffectivePeriod {
  validFrom: string;
  validTo: string | null;
}

export function inForceOn(p: EffectivePeriod, day: string): boolean {
  return p.validFrom <= day && (p.validTo === null || day <= p.validTo);
}

/** The same test in SQL for `alias.valid_from` / `alias.valid_to` against a date parameter like `$2`. */
export function inForceSql(alias: string, dayParam: string): string {
  return `(${alias}.valid_from <= ${dayParam}::date AND (${alias}.valid_to IS NULL OR ${alias}.valid_to >= ${dayParam}::date))`;
}
