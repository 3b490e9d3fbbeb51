import { checked, FormBody, list, optional, text } from './form-input';

/** A whole number as typed, else the text itself (so that the DTO's @IsInt names the field). */
const whole = (v: string): number | string => (/^-?\d+$/.test(v) ? Number(v) : v);

/** The policy form as the API's body (CreateClockPolicyDto); a local date-time is Vietnam's. */
export function policyInput(body: FormBody) {
  const unitKinds = list(text(body, 'unitKinds'));
  const maxExtensionDays = optional(body, 'maxExtensionDays');
  const validFrom = optional(body, 'validFrom');
  return {
    kind: text(body, 'kind'),
    legal: checked(body, 'legal'),
    category: optional(body, 'category') ?? null,
    priority: optional(body, 'priority') ?? null,
    unitKinds: unitKinds.length ? unitKinds : null,
    durationValue: whole(text(body, 'durationValue')),
    durationUnit: text(body, 'durationUnit'),
    metBy: list(text(body, 'metBy')),
    pausable: checked(body, 'pausable'),
    maxExtensions: whole(optional(body, 'maxExtensions') ?? '0'),
    maxExtensionDays: maxExtensionDays === undefined ? null : whole(maxExtensionDays),
    legalReference: optional(body, 'legalReference') ?? null,
    validFrom: validFrom === undefined ? undefined : vietnamMoment(validFrom),
  };
}

/** A date or a local date-time (the datetime-local input) as an ISO moment in Vietnam (UTC+7); anything else as typed. */
export function vietnamMoment(v: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return `${v}T00:00:00+07:00`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v)) return `${v}:00+07:00`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(v)) return `${v}+07:00`;
  return v;
}
