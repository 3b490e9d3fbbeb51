import { randomUUID } from 'node:crypto';
import { Role } from '../../src/auth/auth.decorators';
import { openTestCase } from '../utils/cases';
import { bearer, ensureUnit, loginAs, LoggedIn } from '../utils/staff';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * Every path id is checked by the one UuidPipe at the controller edge: a malformed id is the same
 * 400 (validation_failed, the parameter as field, reason isUuid) on every route, in both
 * languages, before any service or the scope kernel runs.
 */
describe('malformed path ids', () => {
  let t: TestApp;
  const as = new Map<Role, LoggedIn>();
  let caseId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const unit = await ensureUnit(t, 'UUIDP-A');
    for (const role of ['officer', 'admin', 'auditor'] as const) as.set(role, await loginAs(t, role, 'UUIDP-A'));
    caseId = (await openTestCase(t, unit)).caseId;
  });
  afterAll(() => t.close());

  const BAD = ['not-a-uuid', '3f1c1f44-2a8e-4b43-9a8e-0c9d6c1c2b1', "1'%20OR%20'1'%3D'1"];

  it.each([
    ['officer', 'GET', '/api/v1/cases/:bad', 'id'],
    ['officer', 'GET', '/api/v1/cases/:case/photos/:bad', 'photoId'],
    ['officer', 'POST', '/api/v1/cases/:bad/claim', 'id'],
    ['officer', 'POST', '/api/v1/cases/:bad/messages', 'id'],
    ['officer', 'GET', '/api/v1/hotspots/:bad', 'id'],
    ['officer', 'POST', '/api/v1/hotspots/:bad/status', 'id'],
    ['officer', 'POST', '/api/v1/notifications/:bad/read', 'id'],
    ['admin', 'PUT', '/api/v1/admin/staff/:bad/notification-email', 'id'],
    ['admin', 'POST', '/api/v1/admin/staff/:bad/disable', 'id'],
    ['admin', 'POST', '/api/v1/admin/staff-changes/:bad/approve', 'id'],
    ['admin', 'POST', '/api/v1/admin/routing/rules/:bad/close', 'id'],
    ['admin', 'POST', '/api/v1/admin/units/coverage/:bad/close', 'id'],
    ['auditor', 'GET', '/api/v1/audit/cases/:bad/proof', 'caseId'],
  ] as const)('%s %s %s: 400 on %s', async (role, method, path, field) => {
    for (const bad of BAD) {
      const url = path.replace(':case', caseId).replace(':bad', bad);
      for (const lang of ['vi', 'en'] as const) {
        const res = await t.app.inject({ method, url, headers: { ...bearer(as.get(role)!.token), 'accept-language': lang }, payload: method === 'GET' ? undefined : {} });
        const error = res.json().error;
        expect({ url, status: res.statusCode, code: error?.code, field: error?.field, details: error?.details }).toEqual({
          url,
          status: 400,
          code: 'validation_failed',
          field,
          details: [{ field, reason: 'isUuid', message: `${field} must be a UUID` }],
        });
        expect(error.message).toBe(lang === 'vi' ? `${field} phải là một mã UUID.` : `${field} must be a UUID.`);
        expect(error.requestId).toEqual(expect.any(String));
      }
    }
  });

  it('still answers a well-formed id that does not exist (or is out of scope) with 404', async () => {
    const officer = bearer(as.get('officer')!.token);
    for (const url of [`/api/v1/cases/${randomUUID()}`, `/api/v1/cases/${caseId}/photos/${randomUUID()}`, `/api/v1/hotspots/${randomUUID()}`]) {
      expect({ url, status: (await t.app.inject({ method: 'GET', url, headers: officer })).statusCode }).toEqual({ url, status: 404 });
    }
  });
});
