import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { COMMUNE, FAST_PROOF_ENV, jpegWithExif, multipartBody, validTip } from '../intake/intake-helpers';
import { bearer, loginAs } from '../utils/staff';
import { withCaseVersion } from '../utils/cases';
import { createTestApp, TestApp } from '../utils/test-app';
import { dumpEverything, leaks } from './dump';

/** The fields issue 7 lists, each written through the API, then looked for in a full dump. */
describe('every listed field is encrypted at rest', () => {
  let t: TestApp;
  let ds: DataSource;
  beforeAll(async () => {
    t = await createTestApp({ env: FAST_PROOF_ENV });
    ds = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('stores each listed column as bytea', async () => {
    const columns = [
      ['tips', 'narrative'], ['tips', 'details'], ['tips', 'place_description'], ['tips', 'coordinates'],
      ['tip_photos', 'content'], ['case_messages', 'body'], ['case_events', 'reason'],
      ['staff_accounts', 'totp_secret'], ['staff_accounts', 'totp_pending_secret'],
    ];
    const rows: { t: string; c: string; type: string }[] = await ds.query(
      `SELECT table_name AS t, column_name AS c, data_type AS type FROM information_schema.columns
        WHERE table_schema = 'public' AND (table_name, column_name) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [columns.map((c) => c[0]), columns.map((c) => c[1])],
    );
    expect(rows.map((r) => `${r.t}.${r.c}:${r.type}`).sort()).toEqual(columns.map(([tb, c]) => `${tb}.${c}:bytea`).sort());
  });

  it('leaves no plaintext of a tip, its place, coordinates, photo, messages both ways, an internal note, a reason or a TOTP secret in a full dump', async () => {
    const tag = () => `M${randomBytes(6).toString('hex')}`;
    const m = {
      narrative: `${tag()} bán ma túy ở hẻm`,
      place: `${tag()} gầm cầu`,
      toTipster: `${tag()} bạn thấy biển số không?`,
      fromTipster: `${tag()} có, 99A`,
      note: `${tag()} nhân chứng là hàng xóm`,
      reason: `${tag()} có tin mới`,
      photo: tag(),
    };
    const lat = '21.02718'; // intake keeps 5 decimals (about 1 m)
    const lng = '105.31416';
    const photo = await jpegWithExif('exif');
    // a marker inside the image bytes themselves (a JPEG comment survives a byte copy, not re-encoding: prove neither leaks)
    const withMarker = Buffer.concat([photo.subarray(0, 2), Buffer.from([0xff, 0xfe, 0x00, m.photo.length + 2]), Buffer.from(m.photo), photo.subarray(2)]);
    const fields = Object.entries(await validTip(t, { narrative: m.narrative, place: m.place, coordinates: `${lat}, ${lng}` }))
      .filter(([k]) => k !== 'details')
      .map(([k, v]) => [k, String(v)] as [string, string]);
    const { payload, headers } = multipartBody(fields, [{ name: 'photos', filename: 'p.jpg', type: 'image/jpeg', data: withMarker }]);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/tips', payload, headers });
    expect(res.statusCode).toBe(201);
    const { reference, receipt } = res.json();
    const [{ id: caseId }] = await ds.query('SELECT id FROM cases WHERE reference = $1', [reference]);
    const officer = await loginAs(t, 'officer', `CA-24-${COMMUNE}`);
    const post = async (url: string, body: object) =>
      t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}${url}`, headers: bearer(officer.token), payload: await withCaseVersion(t, `/api/v1/cases/${caseId}${url}`, body) });
    expect((await post('/messages', { body: m.toTipster, visibility: 'tipster' })).statusCode).toBe(201);
    expect((await post('/messages', { body: m.note, visibility: 'internal' })).statusCode).toBe(201);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/tipster/messages', payload: { receipt, body: m.fromTipster } })).statusCode).toBe(201);
    expect((await post('/acknowledge', {})).statusCode).toBe(200);
    expect((await post('/close', { outcome: 'unsubstantiated' })).statusCode).toBe(200);
    expect((await post('/reopen', { reason: m.reason })).statusCode).toBe(200);

    // everything is readable through the case view (the markers really were stored)
    const view = (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers: bearer(officer.token) })).json();
    expect(view.tips[0]).toMatchObject({ narrative: m.narrative, placeDescription: m.place, coordinates: { lat: Number(lat), lng: Number(lng) } });
    expect(view.tips[0].photos).toHaveLength(1);
    expect(view.messages.map((x: { body: string }) => x.body).sort()).toEqual([m.toTipster, m.note, m.fromTipster].sort());
    expect(view.timeline.find((e: { type: string }) => e.type === 'reopened').reason).toBe(m.reason);

    const dump = await dumpEverything(ds);
    expect(dump).toContain(reference);
    for (const [name, marker] of Object.entries({ ...m, lat, lng, totp: officer.totpSecret })) expect([name, leaks(dump, marker)]).toEqual([name, []]);
  });
});
