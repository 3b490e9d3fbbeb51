import { FieldProblem } from '../common/errors/domain-error';
import { categoryByCode, Details, Lang, normalizeDetails } from '../categories/category-catalogue';
import { CategoryCode, isCategoryCode } from '../categories/category-codes';
import { problem, Reason } from './intake-messages';
import { isIsoDate } from '../common/iso-date';
import { NARRATIVE_MAX_LENGTH, NARRATIVE_MIN_LENGTH, PLACE_MAX_LENGTH, textLength } from '../common/text-limits';


/** The fields of a tip (the `proof` travels with it; the form's `lang`/`province` are removed before). */
export const TIP_FIELDS: ReadonlySet<string> = new Set(['category', 'locality', 'observedAt', 'narrative', 'details', 'place', 'coordinates', 'localPoliceInvolved', 'proof']);

export interface TipInput {
  category: CategoryCode;
  /** Null only where the channel allows an unplaced tip (it goes to the triage desk). */
  locality: string | null;
  observedAt: Date;
  narrative: string;
  details: Details;
  place: string | null;
  coordinates: { lat: number; lng: number } | null;
  localPoliceInvolved: boolean;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * `2026-11-28`, `2026-11-28T21:30` (a datetime-local field, taken as Viet Nam time, UTC+7) or a
 * full ISO timestamp with a zone. The tipster's own words for the time; kept as given.
 */
export function parseObservedAt(v: unknown): Date | null {
  if (typeof v !== 'string') return null;
  const s = v.trim();
  let iso: string;
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) iso = `${s}T12:00:00+07:00`;
  else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(s)) iso = `${s}${s.length === 16 ? ':00' : ''}+07:00`;
  else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(s)) iso = s;
  else return null;
  if (!isIsoDate(s.slice(0, 10))) return null; // 2026-02-30 is no day (Date would roll it to March 2)
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** `{lat, lng}` or `"lat, lng"`; must fall within Viet Nam's bounding box (with its islands). */
export function parseCoordinates(v: unknown): { lat: number; lng: number } | null | 'invalid' {
  if (v === undefined || v === null || v === '') return null;
  let lat: number, lng: number;
  if (typeof v === 'string') {
    const m = /^\s*(-?\d{1,3}(?:\.\d+)?)\s*[,; ]\s*(-?\d{1,3}(?:\.\d+)?)\s*$/.exec(v);
    if (!m) return 'invalid';
    lat = Number(m[1]);
    lng = Number(m[2]);
  } else if (typeof v === 'object' && !Array.isArray(v)) {
    // Numbers or numeric strings only: Number() of an object runs its toString/valueOf (and may throw).
    const num = (x: unknown) => (typeof x === 'number' ? x : typeof x === 'string' && /^\s*-?\d{1,3}(\.\d+)?\s*$/.test(x) ? Number(x) : NaN);
    const o = v as Record<string, unknown>;
    lat = num(o.lat ?? o.latitude);
    lng = num(o.lng ?? o.lon ?? o.longitude);
  } else return 'invalid';
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || lat < 8 || lat > 24 || lng < 102 || lng > 118) return 'invalid';
  // Five decimals (about a metre) is all a place needs.
  return { lat: Math.round(lat * 1e5) / 1e5, lng: Math.round(lng * 1e5) / 1e5 };
}

export function parseBool(v: unknown): boolean {
  return v === true || v === 'true' || v === 'on' || v === '1' || v === 'yes';
}

/**
 * Validates a tip from JSON or a form (the same field names) and names every bad field with a
 * reason and a message in the tipster's language. Pure: `now` is passed in.
 */
export function validateTip(
  raw: Record<string, unknown>,
  lang: Lang,
  now: Date,
  options: { allowUnplaced?: boolean } = {},
): { tip?: TipInput; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const add = (field: string, reason: Reason) => problems.push(problem(field, reason, lang));
  // Every field is known: anything else is named, never silently dropped.
  for (const key of Object.keys(raw).filter((k) => !TIP_FIELDS.has(k)).slice(0, 20)) add(key.slice(0, 100), 'not_allowed');

  const category = raw.category;
  if (category === undefined || category === '') add('category', 'required');
  else if (!isCategoryCode(category)) add('category', 'invalid_category');

  const locality = str(raw.locality)?.trim();
  if (!locality) {
    if (!options.allowUnplaced) add('locality', 'required');
  }
  else if (!/^\d{2,5}$/.test(locality)) add('locality', 'invalid_locality');

  let observedAt: Date | null = null;
  if (raw.observedAt === undefined || raw.observedAt === '') add('observedAt', 'required');
  else {
    observedAt = parseObservedAt(raw.observedAt);
    if (!observedAt) add('observedAt', 'invalid_date');
    else if (observedAt.getTime() > now.getTime() + 3_600_000) add('observedAt', 'future_date');
    else if (observedAt.getTime() < now.getTime() - 10 * 366 * 86_400_000) add('observedAt', 'too_old');
  }

  const narrative = str(raw.narrative)?.trim() ?? '';
  if (raw.narrative !== undefined && typeof raw.narrative !== 'string') add('narrative', 'invalid_type');
  else if (!narrative) add('narrative', 'required');
  else if (textLength(narrative) < NARRATIVE_MIN_LENGTH) add('narrative', 'too_short');
  else if (textLength(narrative) > NARRATIVE_MAX_LENGTH) add('narrative', 'too_long');

  const placeRaw = raw.place && typeof raw.place === 'object' ? (raw.place as Record<string, unknown>).description : raw.place;
  let place: string | null = null;
  if (placeRaw !== undefined && placeRaw !== null && placeRaw !== '') {
    if (typeof placeRaw !== 'string') add('place', 'invalid_type');
    else if (textLength(placeRaw.trim()) > PLACE_MAX_LENGTH) add('place', 'too_long');
    else place = placeRaw.trim() || null;
  }

  const coordinates = parseCoordinates(raw.coordinates);
  if (coordinates === 'invalid') add('coordinates', 'invalid_coordinates');

  let details: Details = {};
  if (isCategoryCode(category)) {
    const d = normalizeDetails(categoryByCode(category), raw.details);
    details = d.details;
    for (const p of d.problems) add(p.field, p.reason);
  }

  if (problems.length > 0) return { problems };
  return {
    problems,
    tip: {
      category: category as CategoryCode,
      locality: locality || null,
      observedAt: observedAt!,
      narrative,
      details,
      place,
      coordinates: coordinates === 'invalid' ? null : coordinates,
      localPoliceInvolved: parseBool(raw.localPoliceInvolved),
    },
  };
}
