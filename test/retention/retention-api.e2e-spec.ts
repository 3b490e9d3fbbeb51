import { DataSource } from 'typeorm';
import { DESTROYED } from '../../src/cases/cases.service';
import { systemContext } from '../../src/common/request-context';
import { RetentionService } from '../../src/retention/retention.service';
import { COMMUNE, FAST_PROOF_ENV, validTip } from '../intake/intake-helpers';
import { bearer, loginAs } from '../utils/staff';
import { withCaseVersion } from '../utils/cases';
import { createTestApp, TestApp } from '../utils/test-app';

const DAY = 86_400_000;

describe('a case purged under retention, through the API', () => {
  let t: TestApp;
  afterAll(() => t?.close());

  it('reads as "destroyed under retention policy" for its officer and its tipster, keeps its statistics, and shows the purge on its timeline', async () => {
    t = await createTestApp({ env: FAST_PROOF_ENV });
    const ds = t.app.get(DataSource);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/tips', payload: await validTip(t) });
    expect(res.statusCode).toBe(201);
    const { reference, receipt } = res.json();
    const [{ id: caseId }] = await ds.query('SELECT id FROM cases WHERE reference = $1', [reference]);
    const officer = await loginAs(t, 'officer', `CA-24-${COMMUNE}`);
    const post = async (url: string, payload: object = {}) => t.app.inject({ method: 'POST', url, headers: bearer(officer.token), payload: await withCaseVersion(t, url, payload) });
    const view = () => t.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers: bearer(officer.token) });

    expect((await post(`/api/v1/cases/${caseId}/messages`, { body: 'Bạn có thấy biển số xe không?', visibility: 'tipster' })).statusCode).toBe(201);
    expect((await post(`/api/v1/cases/${caseId}/messages`, { body: 'Ghi chú nội bộ về nhân chứng', visibility: 'internal' })).statusCode).toBe(201);
    expect((await post(`/api/v1/cases/${caseId}/acknowledge`)).statusCode).toBe(200);
    expect((await post(`/api/v1/cases/${caseId}/close`, { outcome: 'spam' })).statusCode).toBe(200);

    const before = await view();
    expect(before.statusCode).toBe(200);
    expect(before.json().content).toEqual({ destroyed: false, note: null });
    expect(before.json().tips[0].narrative).toContain('ma túy');

    // Spam is kept 30 days (default rules): a run 31 days on destroys the case's data key.
    const result = await t.app.get(RetentionService).run(systemContext('retention-test'), new Date(Date.now() + 31 * DAY));
    expect(result).toMatchObject({ ran: true, purged: 1 });

    const after = await view();
    expect(after.statusCode).toBe(200);
    const body = after.json();
    expect(body).toMatchObject({ reference, status: 'closed', outcome: 'spam', category: 'use_hotspot' });
    expect(body.content).toEqual({ destroyed: true, note: DESTROYED.en });
    expect(body.tips).toHaveLength(1);
    expect(body.tips[0]).toMatchObject({ narrative: null, details: null, placeDescription: null, localityCode: COMMUNE });
    expect(body.messages).toHaveLength(2);
    for (const m of body.messages) expect(m).toMatchObject({ body: null, destroyed: true });
    const timeline = body.timeline.map((e: { type: string }) => e.type);
    expect(timeline[timeline.length - 1]).toBe('purged');
    expect(body.timeline[timeline.length - 1]).toMatchObject({ actor: { type: 'system', id: 'retention-test' }, metadata: { reason: 'retention_policy', outcome: 'spam', retentionDays: 30 } });
    expect(JSON.stringify(body)).not.toContain('biển số');

    const status = await t.app.inject({ method: 'POST', url: '/api/v1/tipster/status', payload: { receipt } });
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({ reference, status: 'closed', contentNote: DESTROYED.vi });
    expect(status.json().messages).toEqual([expect.objectContaining({ from: 'officer', body: DESTROYED.vi })]);
    // the purge is not a public update
    expect(status.json().updates.map((u: { code: string }) => u.code)).not.toContain('purged');

    const page = await t.app.inject({
      method: 'POST',
      url: '/status',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ receipt, lang: 'vi' }).toString(),
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<p class="notice" id="content-note">${DESTROYED.vi}</p>`);

    // nothing can be added to destroyed content
    const write = await post(`/api/v1/cases/${caseId}/messages`, { body: 'thêm', visibility: 'internal' });
    expect(write.statusCode).toBe(409);
    expect(write.json().error.message).toContain('destroyed under the retention policy');
  });
});
