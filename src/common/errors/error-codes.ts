/**
 * Stable error codes. Clients rely on these strings; add new ones, never rename.
 * Each feature adds its codes here so that the one filter can map every code exhaustively.
 */
export const ERROR_CODES = [
  'validation_failed',
  'not_found',
  'conflict',
  'unauthenticated',
  'forbidden',
  'rate_limited',
  'payload_too_large',
  'uri_too_long',
  'unsupported_media_type',
  'service_unavailable',
  'internal_error',
  // staff access: 401 wrong login / bad session, 403 CSRF and first-login password change
  'invalid_credentials',
  'session_invalid',
  'csrf_failed',
  'password_change_required',
  // staff administration: 403 changing one's own role/unit/status, 400 an unknown/used/expired invitation code
  'self_change_forbidden',
  'invitation_invalid',
  // cases: 409s with details naming what is allowed / who holds the case
  'invalid_transition',
  'version_conflict',
  'case_claimed',
  'claim_not_held',
  // places, units, routing: 422 for well-formed input that contradicts the configuration
  'unknown_reference',
  'overlapping_period',
  'unit_cycle',
  'unit_not_in_force',
  // channels (hotline, SMS, Open311): 401 unknown key / bad, stale or replayed signature,
  // 403 disabled client, 422 an idempotency key reused with another body
  'channel_auth_failed',
  'channel_client_disabled',
  'signature_invalid',
  'signature_stale',
  'signature_replayed',
  'idempotency_key_reused',
  // clocks: 409 when a clock has no extension left
  'clock_extension_limit',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The one place that maps a domain error code to an HTTP status (exhaustive by construction). */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case 'validation_failed':
    case 'invitation_invalid':
      return 400;
    case 'unauthenticated':
    case 'invalid_credentials':
    case 'session_invalid':
    case 'channel_auth_failed':
    case 'signature_invalid':
    case 'signature_stale':
    case 'signature_replayed':
      return 401;
    case 'forbidden':
    case 'csrf_failed':
    case 'password_change_required':
    case 'channel_client_disabled':
    case 'self_change_forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'unknown_reference':
    case 'overlapping_period':
    case 'unit_cycle':
    case 'unit_not_in_force':
    case 'idempotency_key_reused':
      return 422;
    case 'conflict':
    case 'invalid_transition':
    case 'version_conflict':
    case 'case_claimed':
    case 'claim_not_held':
    case 'clock_extension_limit':
      return 409;
    case 'payload_too_large':
      return 413;
    case 'uri_too_long':
      return 414;
    case 'unsupported_media_type':
      return 415;
    case 'rate_limited':
      return 429;
    case 'service_unavailable':
      return 503;
    case 'internal_error':
      return 500;
    default: {
      const unreachable: never = code;
      throw new Error(`unmapped error code ${String(unreachable)}`);
    }
  }
}
