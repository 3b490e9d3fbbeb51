/**
 * THE ACCESS TABLE of every route the application registers, checked by
 * test/staff/authorization-matrix.e2e-spec.ts. The matrix reads the routes from Fastify (an onRoute
 * hook installed by configureApp), so a route missing here FAILS the test: add an entry with the
 * route you add.
 *
 * Key: `<METHOD> <path as registered>`, e.g. 'GET /api/v1/cases/:id' (HEAD twins of GET routes
 * are left out). Value, one of:
 *   PUBLIC                              anonymous callers may use it (never 401/403)
 *   SIGNED                              a channel client's signed delivery (src/channels): no staff
 *                                       session involved; an unsigned call gets a bare 401 with a
 *                                       channel code (channel_auth_failed / signature_invalid)
 *   staff(['officer', 'unit_lead'])     only these roles; everyone else 403, no session 401
 *   staff(ROLES_ALL)                    any signed-in staff member
 *   staff([...], { scope: 'case' })     also unit-scoped: `:id` is filled with a case of unit A;
 *                                       the same roles in unit B must get 403/404 and see nothing
 *   staff([...], { scope: 'hotspot' })  the same with a hotspot of unit A
 *   { ..., endsSession: true }          (logout) run last, it revokes the caller's session
 * Path parameters without a scope get a random UUID (or 'NO-SUCH-CODE' for `:code`), `:photoId` a
 * real photo of unit A's case; bodies are `{}` unless the entry gives `body` (a VALID body built
 * from the real ids, so that a scoped write from another unit is refused by its scope, 404, and
 * not by its body, 400): an allowed role must get anything but 401, 403 or 500.
 */
import { Role, ROLES } from '../../src/auth/auth.decorators';

/** Real ids of the matrix's fixtures (unit A's case, hotspot, photo; an officer of unit A). */
export interface MatrixIds {
  caseId: string;
  caseVersion: number;
  hotspotId: string;
  photoId: string;
  officerId: string;
}

export type RouteAccess =
  | { public: true; signed?: true }
  | { public?: false; roles: readonly Role[]; scope?: 'case' | 'hotspot'; endsSession?: boolean; body?: (ids: MatrixIds) => object };

type Extra = { scope?: 'case' | 'hotspot'; endsSession?: boolean; body?: (ids: MatrixIds) => object };

export const PUBLIC = { public: true } as const;
export const SIGNED = { public: true, signed: true } as const;
export const ROLES_ALL: readonly Role[] = ROLES;
export const staff = (roles: readonly Role[], extra: Extra = {}): RouteAccess => ({ roles, ...extra });
/** A case action: scoped to unit A's case, with a valid body carrying the case's version. */
const action = (roles: readonly Role[], body: (ids: MatrixIds) => object = () => ({})): RouteAccess =>
  staff(roles, { scope: 'case', body: (ids) => ({ version: ids.caseVersion, ...body(ids) }) });

const CASE_WORKERS: readonly Role[] = ['officer', 'unit_lead', 'supervisor'];
const CASE_ACTORS: readonly Role[] = ['officer', 'unit_lead'];

export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  // operations and API documentation
  'GET /health': PUBLIC,
  'GET /metrics': PUBLIC,
  'GET /docs': PUBLIC,
  'GET /docs/': PUBLIC,
  'GET /docs/*': PUBLIC,
  'GET /docs/index.html': PUBLIC,
  'GET /docs/LICENSE': PUBLIC,
  'GET /docs/swagger-ui-init.js': PUBLIC,
  'GET /docs/docs/swagger-ui-init.js': PUBLIC,
  'GET /docs-json': PUBLIC,
  'GET /docs-yaml': PUBLIC,

  // staff access (src/staff)
  'POST /api/v1/auth/login': PUBLIC,
  'POST /api/v1/auth/logout': staff(ROLES_ALL, { endsSession: true }),
  'GET /api/v1/auth/me': staff(ROLES_ALL),
  'POST /api/v1/auth/password': staff(ROLES_ALL),
  'POST /api/v1/auth/totp/enrolment': staff(ROLES_ALL),
  'POST /api/v1/auth/totp/enrolment/confirm': staff(ROLES_ALL),
  'GET /api/v1/admin/staff': staff(['admin']),
  'POST /api/v1/admin/staff': staff(['admin']),
  'PATCH /api/v1/admin/staff/:id': staff(['admin']),
  'POST /api/v1/admin/staff/:id/disable': staff(['admin']),
  'POST /api/v1/admin/staff/:id/totp-reset': staff(['admin']),
  'GET /api/v1/admin/staff-changes': staff(['admin']),
  'POST /api/v1/admin/staff-changes/:id/approve': staff(['admin']),
  'POST /api/v1/admin/staff-changes/:id/refuse': staff(['admin']),
  'POST /api/v1/auth/invitation': PUBLIC,
  'POST /api/v1/auth/invitation/complete': PUBLIC,

  // citizen intake (src/intake, src/categories, src/localities)
  'GET /': PUBLIC,
  'POST /': PUBLIC,
  'GET /status': PUBLIC,
  'POST /status': PUBLIC,
  'POST /status/reply': PUBLIC,
  'GET /api/v1/categories': PUBLIC,
  'GET /api/v1/localities': PUBLIC,
  'GET /api/v1/intake/challenge': PUBLIC,
  'POST /api/v1/tips': PUBLIC,
  'POST /api/v1/tipster/status': PUBLIC,
  'POST /api/v1/tipster/messages': PUBLIC,

  // channels (src/channels): signed deliveries; Open311 authenticates POSTs with the api_key field
  'POST /api/v1/channels/hotline/tips': SIGNED,
  'POST /api/v1/channels/sms/inbound': SIGNED,
  'GET /open311/v2/services.json': PUBLIC,
  'GET /open311/v2/services.xml': PUBLIC,
  'GET /open311/v2/services/:file': PUBLIC,
  'POST /open311/v2/requests.json': PUBLIC,
  'POST /open311/v2/requests.xml': PUBLIC,
  'GET /open311/v2/requests.json': PUBLIC,
  'GET /open311/v2/requests.xml': PUBLIC,
  'GET /open311/v2/requests/:file': PUBLIC,
  'GET /open311/v2/tokens/:file': PUBLIC,

  // audit (src/audit)
  'GET /api/v1/audit/verify': staff(['auditor']),
  'GET /api/v1/audit/cases/:caseId/proof': staff(['auditor']),
  'GET /api/v1/audit/incidents': staff(['auditor']),
  'POST /api/v1/audit/incidents/:id/acknowledge': staff(['auditor']),

  // reference data administration (src/units, src/routing)
  'GET /api/v1/admin/routing/explain': staff(['admin', 'auditor']),
  'GET /api/v1/admin/routing/rules': staff(['admin', 'auditor']),
  'POST /api/v1/admin/routing/rules': staff(['admin']),
  'POST /api/v1/admin/routing/rules/:id/replace': staff(['admin']),
  'POST /api/v1/admin/routing/rules/:id/close': staff(['admin']),
  'GET /api/v1/admin/units': staff(['admin', 'auditor']),
  'GET /api/v1/admin/units/coverage': staff(['admin', 'auditor']),
  'POST /api/v1/admin/units': staff(['admin']),
  'POST /api/v1/admin/units/:code/change': staff(['admin']),
  'POST /api/v1/admin/units/:code/coverage': staff(['admin']),
  'POST /api/v1/admin/units/coverage/:id/close': staff(['admin']),

  // case work (src/cases, src/hotspots)
  'GET /api/v1/cases': staff(CASE_WORKERS),
  'GET /api/v1/cases/filed-today': staff(['hotline_operator']),
  'GET /api/v1/cases/:id': staff(CASE_WORKERS, { scope: 'case' }),
  'GET /api/v1/cases/:id/photos/:photoId': staff(CASE_WORKERS, { scope: 'case' }),
  'POST /api/v1/cases/:id/claim': action(CASE_ACTORS),
  'POST /api/v1/cases/:id/release': action(CASE_ACTORS),
  'POST /api/v1/cases/:id/break-lock': action(['unit_lead']),
  'POST /api/v1/cases/:id/acknowledge': action(CASE_ACTORS),
  'POST /api/v1/cases/:id/verify': action(CASE_ACTORS),
  'POST /api/v1/cases/:id/action': action(CASE_ACTORS, () => ({ actionTaken: 'administrative_action' })),
  'POST /api/v1/cases/:id/close': action(CASE_ACTORS, () => ({ outcome: 'spam' })),
  'POST /api/v1/cases/:id/reopen': action(CASE_ACTORS, () => ({ reason: 'matrix' })),
  // to no unit in force (a 400 for unit A's lead): a real transfer would hand unit A's case to unit B mid-matrix
  'POST /api/v1/cases/:id/transfer': action(['unit_lead'], () => ({ unitId: '00000000-0000-4000-8000-000000000000', reason: 'matrix' })),
  'POST /api/v1/cases/:id/assign': action(['unit_lead'], (ids) => ({ assigneeId: ids.officerId })),
  'POST /api/v1/cases/:id/link': action(CASE_ACTORS, (ids) => ({ hotspotId: ids.hotspotId })),
  'POST /api/v1/cases/:id/messages': staff(CASE_ACTORS, { scope: 'case', body: () => ({ body: 'matrix', visibility: 'internal' }) }),
  // deadlines (h15): clock actions, the at-risk list, policies, the working-day calendar, notifications
  // (no such clock: a 404 for unit A's lead, so the matrix changes no clock)
  'POST /api/v1/cases/:id/extend': action(['unit_lead', 'supervisor'], () => ({ clockId: '00000000-0000-4000-8000-000000000000', value: 1, unit: 'days', reason: 'matrix', legalReference: 'matrix' })),
  'POST /api/v1/cases/:id/suspend': action(['unit_lead', 'supervisor'], () => ({ clockId: '00000000-0000-4000-8000-000000000000', reason: 'matrix', legalReference: 'matrix' })),
  'POST /api/v1/cases/:id/resume': action(['unit_lead', 'supervisor'], () => ({ clockId: '00000000-0000-4000-8000-000000000000' })),
  'GET /api/v1/clocks/at-risk': staff(CASE_WORKERS),
  'GET /api/v1/admin/clock-policies': staff(['admin', 'supervisor', 'auditor']),
  'POST /api/v1/admin/clock-policies': staff(['admin']),
  'GET /api/v1/calendar/working-days': staff(ROLES_ALL),
  'GET /api/v1/admin/calendar/exceptions': staff(['admin']),
  'PUT /api/v1/admin/calendar/exceptions/:date': staff(['admin']),
  'DELETE /api/v1/admin/calendar/exceptions/:date': staff(['admin']),
  'GET /api/v1/notifications': staff(ROLES_ALL),
  'POST /api/v1/notifications/:id/read': staff(ROLES_ALL),
  'PUT /api/v1/admin/staff/:id/notification-email': staff(['admin']),
  'GET /api/v1/hotspots': staff(['officer', 'unit_lead', 'supervisor']),
  'GET /api/v1/hotspots/:id': staff(CASE_WORKERS, { scope: 'hotspot' }),
  'POST /api/v1/hotspots': staff(CASE_ACTORS),
  'POST /api/v1/hotspots/:id/status': staff(CASE_ACTORS, { scope: 'hotspot', body: () => ({ status: 'verified' }) }),

  // supervisor reports (src/reports): figures only, scoped inside the service
  'GET /api/v1/reports/response-times': staff(['officer', 'unit_lead', 'supervisor', 'auditor']),
  'GET /api/v1/reports/hotspots': staff(['officer', 'unit_lead', 'supervisor', 'auditor']),
  'GET /api/v1/reports/backlog': staff(['officer', 'unit_lead', 'supervisor', 'auditor']),

  // == staff console: shell (src/web/shell, src/web/sign-in) ==
  'GET /console': staff(ROLES_ALL),
  'GET /console/assets/console.css': PUBLIC,
  // any other console path: 404 after the session check
  'GET /console/*': staff(ROLES_ALL),
  'GET /console/sign-in': PUBLIC,
  'POST /console/sign-in': PUBLIC,
  'POST /console/sign-out': staff(ROLES_ALL, { endsSession: true }),
  'GET /console/account': staff(ROLES_ALL),
  'GET /console/password': staff(ROLES_ALL),
  'POST /console/password': staff(ROLES_ALL),
  'GET /console/account/totp': staff(ROLES_ALL),
  'POST /console/account/totp': staff(ROLES_ALL),
  'POST /console/account/totp/confirm': staff(ROLES_ALL),
  'GET /console/invitation': PUBLIC,
  'POST /console/invitation': PUBLIC,
  'POST /console/invitation/complete': PUBLIC,

  // == staff console: supervisor (src/web/supervisor) and auditor (src/web/auditor) ==
  'GET /console/dashboard': staff(['unit_lead', 'supervisor', 'auditor']),
  'GET /console/audit': staff(['auditor']),
  'POST /console/audit/verify': staff(['auditor']),
  'GET /console/audit/checkpoints.jsonl': staff(['auditor']),
  'GET /console/audit/proof': staff(['auditor']),
  // == staff console: admin (src/web/admin): reading as wide as the API allows, changes for admins ==
  'GET /console/admin': staff(['admin', 'auditor', 'supervisor']),
  'GET /console/admin/staff': staff(['admin']),
  'GET /console/admin/staff/new': staff(['admin']),
  'POST /console/admin/staff': staff(['admin']),
  'GET /console/admin/staff/:id': staff(['admin']),
  'GET /console/admin/staff/:id/disable': staff(['admin']),
  'POST /console/admin/staff/:id/disable': staff(['admin']),
  'GET /console/admin/staff/:id/totp-reset': staff(['admin']),
  'POST /console/admin/staff/:id/totp-reset': staff(['admin']),
  'POST /console/admin/staff-changes/:id/approve': staff(['admin']),
  'POST /console/admin/staff-changes/:id/refuse': staff(['admin']),
  'GET /console/admin/units': staff(['admin', 'auditor']),
  'GET /console/admin/units/new': staff(['admin']),
  'POST /console/admin/units': staff(['admin']),
  'GET /console/admin/units/:code': staff(['admin', 'auditor']),
  'GET /console/admin/units/:code/change': staff(['admin']),
  'POST /console/admin/units/:code/change': staff(['admin']),
  'POST /console/admin/units/:code/coverage': staff(['admin']),
  'GET /console/admin/units/:code/coverage/:id/close': staff(['admin']),
  'POST /console/admin/units/:code/coverage/:id/close': staff(['admin']),
  'GET /console/admin/routing': staff(['admin', 'auditor']),
  'GET /console/admin/routing/explain': staff(['admin', 'auditor']),
  'GET /console/admin/routing/rules/new': staff(['admin']),
  'POST /console/admin/routing/rules': staff(['admin']),
  'GET /console/admin/routing/rules/:id/close': staff(['admin']),
  'POST /console/admin/routing/rules/:id/close': staff(['admin']),
  'GET /console/admin/deadlines': staff(['admin', 'supervisor', 'auditor']),
  'GET /console/admin/deadlines/new': staff(['admin']),
  'POST /console/admin/deadlines': staff(['admin']),
  'GET /console/admin/calendar': staff(['admin']),
  'POST /console/admin/calendar': staff(['admin']),
  'GET /console/admin/calendar/:date/remove': staff(['admin']),
  'POST /console/admin/calendar/:date/remove': staff(['admin']),
  'GET /console/admin/channels': staff(['admin']),
  'GET /console/admin/channels/new': staff(['admin']),
  'POST /console/admin/channels': staff(['admin']),
  'GET /console/admin/channels/:name/disable': staff(['admin']),
  'POST /console/admin/channels/:name/disable': staff(['admin']),
  'GET /console/admin/channels/:name/rotate': staff(['admin']),
  'POST /console/admin/channels/:name/rotate': staff(['admin']),
};

// == staff console: cases (src/web/cases) ==
Object.assign(ROUTE_ACCESS, {
  'GET /console/queue': staff(CASE_WORKERS),
  'GET /console/assets/cases-queue.js': staff(CASE_WORKERS),
  'GET /console/cases/:id': staff(CASE_WORKERS, { scope: 'case' }),
  'GET /console/cases/:id/photos/:photoId': staff(CASE_WORKERS, { scope: 'case' }),
  'GET /console/hotspots': staff(CASE_WORKERS),
  'GET /console/hotspots/:id': staff(CASE_WORKERS, { scope: 'hotspot' }),
} satisfies Record<string, RouteAccess>);
// Each case action's form posts to the console twin of its API route, with the same roles, scope and body.
for (const [key, access] of Object.entries(ROUTE_ACCESS)) {
  const action = /^POST \/api\/v1\/cases\/:id\/([a-z-]+)$/.exec(key);
  if (action) ROUTE_ACCESS[`POST /console/cases/:id/${action[1]}`] = access;
}
