/**
 * A case action's HTML form body → the plain object the action's API DTO validates (pure). Forms
 * send strings; the API takes numbers for `version`/`value`, null to unassign or unlink, and no
 * key at all for "leave as it is". Field names are the DTOs' own, so the same validation applies.
 */
const UUID_IN = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const INT = /^\d{1,9}$/;

/** Fields whose empty value means "not given" (the link pickers' "leave as it is"). */
const EMPTY_IS_ABSENT = new Set(['hotspotId', 'duplicateOf']);
/** Fields of the page, not of the action (the transfer form's unit search). */
const PAGE_FIELDS = new Set(['_csrf', 'unitq']);

export function formToActionInput(body: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!body || typeof body !== 'object' || Array.isArray(body)) return out;
  for (const [k, raw] of Object.entries(body as Record<string, unknown>)) {
    if (PAGE_FIELDS.has(k)) continue;
    const v = raw; // a repeated field stays an array and fails validation
    if (typeof v === 'string' && v.trim() === '' && EMPTY_IS_ABSENT.has(k)) continue;
    switch (k) {
      case 'version':
      case 'value':
        out[k] = typeof v === 'string' && INT.test(v.trim()) ? Number(v.trim()) : v;
        break;
      case 'assigneeId':
        out[k] = v === '' ? null : v;
        break;
      case 'hotspotId':
      case 'duplicateOf':
        // "-" unlinks; a pasted link (…/console/cases/<id>) or a bare id names the target
        out[k] = v === '-' ? null : typeof v === 'string' ? (UUID_IN.exec(v)?.[0]?.toLowerCase() ?? v.trim()) : v;
        break;
      default:
        out[k] = v;
    }
  }
  return out;
}

/** The form's text values, to show again next to their problems (nothing but strings; never the token). */
export function formValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!body || typeof body !== 'object' || Array.isArray(body)) return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) if (!PAGE_FIELDS.has(k) && typeof v === 'string') out[k] = v;
  return out;
}
