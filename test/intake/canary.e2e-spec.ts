import { DataSource } from 'typeorm';
import { AccessService } from '../../src/access/access.service';
import { TipsRepository } from '../../src/tips/tips.repository';
import { createTestApp, TestApp } from '../utils/test-app';
import { COMMUNE, FAST_PROOF_ENV, jpegWithExif, multipartBody, validTip } from './intake-helpers';

/**
 * Plants identifying values wherever a request can carry them (addresses, agent, language,
 * cookies, referrer, photo EXIF) and proves that none reaches the database or the logs.
 */
const CANARY = {
  socket: '198.51.100.173',
  xff: '203.0.113.219',
  realIp: '192.0.2.147',
  agent: 'CanaryBrowser/7.3 (tipster-device-q8z)',
  language: 'vi-VN-x-canarylang',
  cookie: 'canarycookie9k2',
  referer: 'canary-referer-w4t.example',
  forwarded: 'canaryforwardedhost',
  exif: 'CANARYEXIFj6p',
};

const headers = {
  'x-forwarded-for': `${CANARY.xff}, 10.1.2.3`,
  'x-real-ip': CANARY.realIp,
  'user-agent': CANARY.agent,
  'accept-language': CANARY.language,
  cookie: `session=${CANARY.cookie}`,
  referer: `https://${CANARY.referer}/page`,
  forwarded: `for=${CANARY.xff};host=${CANARY.forwarded}`,
  'x-client-ip': CANARY.realIp,
  'cf-connecting-ip': CANARY.xff,
};

/**
 * Tip content: stored only encrypted (so never as plain text in the dump) and never logged. The
 * receipts are checked the same way once they are known.
 */
const CONTENT = {
  narrative: 'Canary narrative nhiều người tụ tập qz7narr',
  place: 'canary place gầm cầu qz7place',
  apiReply: 'canary api reply qz7apireply',
  pageReply: 'canary page reply qz7pagereply',
  refused: 'canary refused narrative qz7refused',
  wrongReceipt: 'qz7wrongreceipt',
  brokenJson: 'canary broken json qz7broken',
};

describe('nothing identifying is persisted or logged (canary test)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { ...FAST_PROOF_ENV, LOG_LEVEL: 'trace' } });
  });
  afterAll(() => t.close());

  it('finds no canary in a full dump of the database or in the logs', async () => {
    const photo = await jpegWithExif(CANARY.exif);
    expect(photo.toString('latin1')).toContain(CANARY.exif);
    const startedAt = Date.now();

    const api = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tips',
      headers,
      remoteAddress: CANARY.socket,
      payload: await validTip(t, { narrative: CONTENT.narrative, place: CONTENT.place }),
    });
    expect(api.statusCode).toBe(201);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tips',
      headers,
      remoteAddress: CANARY.socket,
      payload: await validTip(t, { narrative: CONTENT.refused, locality: 'nowhere' }),
    });
    expect(refused.statusCode).toBe(400);
    // A body that does not parse: the parser's message quotes the body, which must not be logged.
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tips',
      headers: { ...headers, 'content-type': 'application/json' },
      remoteAddress: CANARY.socket,
      payload: `{"narrative": "${CONTENT.brokenJson}" x}`,
    });
    expect(broken.statusCode).toBe(400);

    const tip = await validTip(t);
    const mp = multipartBody(
      [
        ['category', 'use_hotspot'],
        ['locality', COMMUNE],
        ['observedAt', '2026-11-01'],
        ['narrative', String(tip.narrative)],
        ['proof', String(tip.proof)],
      ],
      [{ name: 'photos', filename: `${CANARY.exif}.jpg`, type: 'image/jpeg', data: photo }],
    );
    const withPhoto = await t.app.inject({ method: 'POST', url: '/api/v1/tips', remoteAddress: CANARY.socket, headers: { ...headers, ...mp.headers }, payload: mp.payload });
    expect(withPhoto.statusCode).toBe(201);

    const page = await t.app.inject({ method: 'GET', url: '/?province=24&category=use_hotspot', headers, remoteAddress: CANARY.socket });
    expect(page.headers['set-cookie']).toBeUndefined();
    const proof = /name="proof" value="([^"]+)"/.exec(page.body)![1];
    const form = multipartBody(
      [
        ['lang', 'vi'],
        ['category', 'use_hotspot'],
        ['province', '24'],
        ['proof', proof],
        ['locality', COMMUNE],
        ['observedAt', '2026-11-02T22:00'],
        ['narrative', 'Người lạ bán ma túy ở bãi xe.'],
      ],
      [{ name: 'photos', filename: 'p.jpg', type: 'image/jpeg', data: photo }],
    );
    const posted = await t.app.inject({ method: 'POST', url: '/', remoteAddress: CANARY.socket, headers: { ...headers, ...form.headers }, payload: form.payload });
    expect(posted.statusCode).toBe(201);
    const receipt = /id="receipt"[^>]*>([\d ]+)</.exec(posted.body)![1];
    const status = await t.app.inject({ method: 'POST', url: '/api/v1/tipster/status', headers, remoteAddress: CANARY.socket, payload: { receipt } });
    expect(status.statusCode).toBe(200);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/tipster/status', headers, remoteAddress: CANARY.socket, payload: { receipt: '9999 9999 9999 9999' } });
    expect(wrong.statusCode).toBe(404);
    const wrongText = await t.app.inject({ method: 'POST', url: '/api/v1/tipster/status', headers, remoteAddress: CANARY.socket, payload: { receipt: CONTENT.wrongReceipt } });
    expect(wrongText.statusCode).toBe(404);
    const reply = await t.app.inject({ method: 'POST', url: '/api/v1/tipster/messages', headers, remoteAddress: CANARY.socket, payload: { receipt, body: CONTENT.apiReply } });
    expect(reply.statusCode).toBe(201);
    // The same follow-up through the citizen pages.
    const formHeaders = { ...headers, 'content-type': 'application/x-www-form-urlencoded' };
    const statusPage = await t.app.inject({ method: 'POST', url: '/status', headers: formHeaders, remoteAddress: CANARY.socket, payload: new URLSearchParams({ receipt }).toString() });
    expect(statusPage.statusCode).toBe(200);
    expect(statusPage.headers['set-cookie']).toBeUndefined();
    const replyPage = await t.app.inject({
      method: 'POST',
      url: '/status/reply',
      headers: formHeaders,
      remoteAddress: CANARY.socket,
      payload: new URLSearchParams({ receipt, body: CONTENT.pageReply }).toString(),
    });
    expect(replyPage.statusCode).toBe(303);
    const wrongPage = await t.app.inject({ method: 'POST', url: '/status', headers: formHeaders, remoteAddress: CANARY.socket, payload: `receipt=${CONTENT.wrongReceipt}` });
    expect(wrongPage.statusCode).toBe(404);
    const receipts = [api.json().receipt, withPhoto.json().receipt, receipt].flatMap((r: string) => [r, r.replace(/ /g, '')]);

    // Every column of every table, as text (bytea shows as hex, so search the hex form too).
    const ds = t.app.get(DataSource);
    const tables: { schema: string; name: string }[] = await ds.query(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    expect(tables.map((x) => x.name)).toEqual(expect.arrayContaining(['tips', 'tip_photos', 'cases', 'audit_events']));
    const endedAt = Date.now();
    let dump = '';
    // No exact time of a tipster action: every stored time from this test's window (or an expiry
    // computed from one) is a multiple of the granularity (TIPSTER_TIME_GRANULARITY_MINUTES, 60).
    const exact: string[] = [];
    const granularity = t.config.TIPSTER_TIME_GRANULARITY_MINUTES * 60_000;
    const offsets = [0, t.config.INTAKE_FORM_MAX_AGE_SECONDS * 1000];
    for (const { schema, name } of tables) {
      const rows: { r: string }[] = await ds.query(`SELECT row_to_json(x)::text AS r FROM "${schema}"."${name}" x`);
      dump += rows.map((r) => r.r).join('\n');
      for (const { r } of rows) {
        for (const [column, value] of Object.entries(JSON.parse(r) as Record<string, unknown>)) {
          if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(value)) continue;
          const ms = Date.parse(value);
          const inWindow = offsets.some((o) => ms - o >= startedAt - 1000 && ms - o <= endedAt + 1000);
          if (inWindow && ms % granularity !== 0) exact.push(`${name}.${column}`);
        }
      }
    }
    expect([...new Set(exact)]).toEqual([]);
    // Positive control for the timing check: the window is right (a staff-side time would be caught).
    expect(startedAt).toBeLessThanOrEqual(endedAt);
    // Photos are ciphertexts in the dump: open them too, as an attacker with the keys would.
    const photos: { id: string; case_id: string }[] = await ds.query(
      `SELECT p.id, t.case_id FROM tip_photos p JOIN tips t ON t.id = p.tip_id`,
    );
    expect(photos).toHaveLength(2);
    for (const p of photos) {
      const sc = (await t.app.get(AccessService).caseForSystem(ds.manager, p.case_id))!;
      const content = (await t.app.get(TipsRepository).findPhoto(sc, p.id, ds.manager))!.content!;
      dump += content.toString('latin1');
    }
    // Positive control: the search does see what is there (the public reference, the log line).
    expect(dump).toContain(api.json().reference);
    const logs = t.logs.text;
    expect(logs).toContain('tip received');
    const planted = [...Object.entries(CANARY), ...Object.entries(CONTENT), ...receipts.map((r, i) => [`receipt ${i}`, r])];
    for (const [name, value] of planted) {
      const hex = Buffer.from(value, 'utf8').toString('hex');
      expect([name, dump.includes(value) || dump.includes(hex)]).toEqual([name, false]);
      expect([name, logs.includes(value)]).toEqual([name, false]);
    }
  });
});
