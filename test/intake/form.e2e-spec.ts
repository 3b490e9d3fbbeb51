import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../utils/test-app';
import { COMMUNE, FAST_PROOF_ENV, jpegWithExif, multipartBody } from './intake-helpers';

const field = (page: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1] ?? '';

describe('the citizen web form', () => {
  let t: TestApp;
  // The same form with an hour's wait: a post to it is certainly too soon, however slow the machine.
  let slow: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { ...FAST_PROOF_ENV, INTAKE_NOJS_WAIT_SECONDS: '1' } });
    slow = await createTestApp({ env: { ...FAST_PROOF_ENV, INTAKE_NOJS_WAIT_SECONDS: '3600' }, db: t.db });
  });
  afterAll(async () => {
    await slow.close();
    await t.close();
  });

  it('serves step 1 in Vietnamese with strict headers, no cookies and nothing external', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['set-cookie']).toBeUndefined();
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/unsafe-inline|https?:/);
    expect(res.body).toContain('<html lang="vi">');
    expect(res.body).toContain('Tỉnh Bắc Ninh');
    expect(res.body).toContain('Tụ điểm sử dụng ma túy');
    expect(res.body).toContain('href="/?lang=en"');
    expect(res.body).not.toMatch(/(src|href)="(https?:)?\/\//);
    const en = await t.app.inject({ method: 'GET', url: '/?lang=en' });
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('Drug use hotspot');
  });

  it('step 2 lists the communes of the chosen province and the questions of the chosen category', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/?province=24&category=trafficking' });
    expect(res.body).toContain(`value="${COMMUNE}"`);
    expect(res.body).toContain('name="details[vehicles]"');
    expect(res.body).toContain('enctype="multipart/form-data"');
    expect(field(res.body, 'proof')).toMatch(/^wait:/);
    const nonce = /script-src 'nonce-([^']+)'/.exec(String(res.headers['content-security-policy']))![1];
    expect(res.body).toContain(`<script nonce="${nonce}">`);
  });

  it('takes a form post without JavaScript after the wait, shows the receipt once, and the status page accepts it', async () => {
    const step2 = await t.app.inject({ method: 'GET', url: '/?province=24&category=use_hotspot' });
    const fields: [string, string][] = [
      ['lang', 'vi'],
      ['category', 'use_hotspot'],
      ['province', '24'],
      ['proof', field(step2.body, 'proof')],
      ['locality', COMMUNE],
      ['observedAt', '2026-11-20T20:00'],
      ['narrative', 'Có khoảng năm người tụ tập hút chích <b>mỗi tối</b>.'],
      ['details[timesOfDay]', 'evening'],
      ['details[timesOfDay]', 'night'],
      ['localPoliceInvolved', 'true'],
    ];
    const early = await slow.app.inject({ method: 'GET', url: '/?province=24&category=use_hotspot' });
    const earlyFields = fields.map(([k, v]): [string, string] => [k, k === 'proof' ? field(early.body, 'proof') : v]);
    const tooSoon = await slow.app.inject({ method: 'POST', url: '/', ...multipartBody(earlyFields, []) });
    expect(tooSoon.statusCode).toBe(400);
    expect(tooSoon.body).toContain('Bạn gửi quá nhanh');
    // The narrative comes back escaped, so the tipster keeps what they wrote.
    expect(tooSoon.body).toContain('&lt;b&gt;mỗi tối&lt;/b&gt;');
    await new Promise((r) => setTimeout(r, 1100));
    const photo = await jpegWithExif('camera');
    const res = await t.app.inject({
      method: 'POST',
      url: '/',
      ...multipartBody(fields, [{ name: 'photos', filename: 'x.jpg', type: 'image/jpeg', data: photo }]),
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const receipt = /id="receipt"[^>]*>([\d ]+)</.exec(res.body)![1];
    const reference = /id="reference">([^<]+)</.exec(res.body)![1];
    expect(receipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    expect(res.body).toContain('chỉ hiện một lần');

    const status = await t.app.inject({
      method: 'POST',
      url: '/status',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ receipt, lang: 'vi' }).toString(),
    });
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain(reference);
    expect(status.body).toContain('Đã tiếp nhận');
    const reply = await t.app.inject({
      method: 'POST',
      url: '/status/reply',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ receipt, lang: 'vi', body: 'Thêm: họ đi xe máy.' }).toString(),
    });
    // Redirect after post: reloading the next page sends nothing again.
    expect(reply.statusCode).toBe(303);
    expect(reply.headers.location).toBe('/status?sent=1');
    const after = await t.app.inject({ method: 'GET', url: reply.headers.location as string });
    expect(after.body).toContain('Đã gửi trả lời của bạn.');
    const again = await t.app.inject({ method: 'POST', url: '/status', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ receipt }).toString() });
    expect(again.body).toContain('Thêm: họ đi xe máy.');
    const empty = await t.app.inject({
      method: 'POST',
      url: '/status/reply',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ receipt, lang: 'vi', body: '  ' }).toString(),
    });
    expect(empty.statusCode).toBe(400);
    // The refusal is tied to the field for screen readers.
    expect(empty.body).toMatch(/<p class="error" id="err-body" role="alert">[^<]+<\/p>/);
    expect(empty.body).toContain('aria-describedby="h-body err-body" aria-invalid="true"');
    const [row] = await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM tip_photos p JOIN tips t ON t.id = p.tip_id JOIN cases c ON c.id = t.case_id WHERE c.reference = $1`, [reference]);
    expect(row.n).toBe(1);

    const wrong = await t.app.inject({
      method: 'POST',
      url: '/status?lang=en',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'receipt=1111+2222+3333+4444',
    });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toContain('No tip was found with this receipt.');
  });

  it('accepts a URL-encoded post as well', async () => {
    const step2 = await t.app.inject({ method: 'GET', url: '/?province=24&category=dealing_point&lang=en' });
    await new Promise((r) => setTimeout(r, 1100));
    const res = await t.app.inject({
      method: 'POST',
      url: '/?lang=en',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([
        ['lang', 'en'],
        ['category', 'dealing_point'],
        ['province', '24'],
        ['proof', field(step2.body, 'proof')],
        ['locality', COMMUNE],
        ['observedAt', '2026-11-21'],
        ['narrative', 'A man sells pills from the back of the karaoke bar.'],
        ['details[placeKind]', 'cafe_bar'],
      ]).toString(),
    });
    expect(res.statusCode).toBe(201);
    expect(res.body).toContain('Write this receipt down now');
  });

  it('re-renders the form (400, not 500) for a bare details field before details[...] and prototype field names', async () => {
    for (const extra of <[string, string][][]>[[['details', 'x'], ['details[people]', '3']], [['__proto__', 'x'], ['__proto__', 'y'], ['toString', 'z']]]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/?lang=en',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams([['category', 'dealing_point'], ['locality', COMMUNE], ['observedAt', '2026-11-21'], ['narrative', 'x'], ['proof', 'bad'], ...extra]).toString(),
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/text\/html/);
    }
  });
});
