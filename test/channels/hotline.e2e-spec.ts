import { DataSource } from 'typeorm';
import { ChannelClientsService } from '../../src/channel-clients/channel-clients.service';
import { systemContext } from '../../src/common/request-context';
import { bearer, ensureUnit, loginAs } from '../utils/staff';
import { createTestApp, TestApp } from '../utils/test-app';
import { createClient, HOTLINE_PATH, hotlineTip, postHotline, signedHotline } from './channel-helpers';
import type { ChannelCredentials } from '../../src/channel-clients/channel-clients.service';

describe('hotline channel', () => {
  let t: TestApp;
  let ds: DataSource;
  let hotline: ChannelCredentials;
  const tipCount = async () => (await ds.query(`SELECT count(*)::int AS n FROM tips`))[0].n as number;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    hotline = await createClient(t, 'hotline');
  });
  afterAll(() => t.close());

  it('a signed delivery retried three times makes one tip and answers the same each time', async () => {
    const before = await tipCount();
    const payload = hotlineTip();
    const first = await postHotline(t, hotline, payload, 'call-000001-a');
    expect(first.statusCode).toBe(201);
    const body = first.json();
    expect(body).toMatchObject({ reference: expect.any(String), receipt: expect.stringMatching(/^\d{4} \d{4} \d{4} \d{4}$/), freshReceiptOnFirstUse: true });
    expect(body.readOut.split(', ')).toHaveLength(4);
    for (let i = 0; i < 3; i++) {
      const retry = await postHotline(t, hotline, payload, 'call-000001-a');
      expect(retry.statusCode).toBe(201);
      expect(retry.json()).toEqual(body);
    }
    expect(await tipCount()).toBe(before + 1);

    // the tip and its audit events name the channel and the client; the operator is the filer
    const [tip] = await ds.query(`SELECT t.id, t.channel, t.channel_client_id, t.filed_by, c.channel AS case_channel FROM tips t JOIN cases c ON c.id = t.case_id WHERE c.reference = $1`, [body.reference]);
    expect(tip).toMatchObject({ channel: 'hotline', channel_client_id: hotline.id, filed_by: 'operator:op-17', case_channel: 'hotline' });
    const events = await ds.query(`SELECT actor_type, actor_id FROM audit_events WHERE action IN ('tip.submitted', 'case.opened') AND target_id IN ($1::text, (SELECT case_id::text FROM tips WHERE id = $1::uuid))`, [tip.id]);
    expect(events).toHaveLength(2);
    for (const e of events) expect(e).toEqual({ actor_type: 'channel', actor_id: `hotline:${hotline.id}` });
  });

  it('the same key with another body is 422, and makes nothing', async () => {
    expect((await postHotline(t, hotline, hotlineTip(), 'call-000002-a')).statusCode).toBe(201);
    const before = await tipCount();
    const other = await postHotline(t, hotline, hotlineTip({ narrative: 'Một cuộc gọi khác hẳn, nội dung khác.' }), 'call-000002-a');
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('idempotency_key_reused');
    expect(await tipCount()).toBe(before);
  });

  it('concurrent retries of one delivery still make one tip', async () => {
    const before = await tipCount();
    const payload = hotlineTip({ narrative: 'Ba lần gửi cùng lúc của một cuộc gọi duy nhất.' });
    const all = await Promise.all([0, 1, 2].map(() => postHotline(t, hotline, payload, 'call-000003-concurrent')));
    expect(all.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(all.map((r) => r.json().reference)).size).toBe(1);
    expect(await tipCount()).toBe(before + 1);
  });

  it('refuses unsigned, wrongly signed, stale and replayed requests with 401 and a clear code', async () => {
    const before = await tipCount();
    const body = JSON.stringify(hotlineTip());
    const send = (headers: Record<string, string>, payload = body) => t.app.inject({ method: 'POST', url: HOTLINE_PATH, headers, payload });
    const codeOf = (r: { json(): { error: { code: string } } }) => r.json().error.code;

    const unsigned = await send({ 'content-type': 'application/json', 'x-api-key': hotline.apiKey, 'idempotency-key': 'call-unsigned-1' });
    expect([unsigned.statusCode, codeOf(unsigned)]).toEqual([401, 'signature_invalid']);
    const noKey = await send({ ...signedHotline(hotline, body, { key: 'call-nokey-0001' }), 'x-api-key': '' });
    expect([noKey.statusCode, codeOf(noKey)]).toEqual([401, 'channel_auth_failed']);
    const wrongSecret = await send(signedHotline({ apiKey: hotline.apiKey, signingSecret: 'tls_not-the-secret-at-all-0000000000000000' }, body, { key: 'call-wrong-0001' }));
    expect([wrongSecret.statusCode, codeOf(wrongSecret)]).toEqual([401, 'signature_invalid']);
    const tampered = await send(signedHotline(hotline, body, { key: 'call-tamper-001' }), body.replace('gầm cầu', 'bến xe'));
    expect([tampered.statusCode, codeOf(tampered)]).toEqual([401, 'signature_invalid']);
    const otherPath = await send(signedHotline(hotline, body, { key: 'call-path-00001', path: '/api/v1/tips' }));
    expect([otherPath.statusCode, codeOf(otherPath)]).toEqual([401, 'signature_invalid']);
    const stale = await send(signedHotline(hotline, body, { key: 'call-stale-0001', timestamp: Math.floor(Date.now() / 1000) - 301 }));
    expect([stale.statusCode, codeOf(stale)]).toEqual([401, 'signature_stale']);

    const headers = signedHotline(hotline, body, { key: 'call-replay-001' });
    expect((await send(headers)).statusCode).toBe(201);
    const replay = await send(headers);
    expect([replay.statusCode, codeOf(replay)]).toEqual([401, 'signature_replayed']);
    expect(await tipCount()).toBe(before + 1);

    // another channel's key is not a hotline key
    const sms = await createClient(t, 'sms', 'https://example.vn/sms');
    const asSms = await send(signedHotline(sms, body, { key: 'call-smskey-001' }));
    expect([asSms.statusCode, codeOf(asSms)]).toEqual([401, 'channel_auth_failed']);
  });

  it('refuses a caller number field with 400 and never logs or stores it', async () => {
    const number = '+84 912 345 678';
    for (const field of ['callerNumber', 'phone', 'msisdn']) {
      const res = await postHotline(t, hotline, hotlineTip({ [field]: number }), `call-number-${field}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([expect.objectContaining({ field, reason: 'caller_number_refused' })]);
      expect(res.body).not.toContain('912');
    }
    expect(t.logs.text).not.toContain('912 345');
    const en = await postHotline(t, hotline, hotlineTip({ callerId: number, lang: 'en' }), 'call-number-en-1');
    expect(en.json().error.details[0].message).toMatch(/caller's number/);
  });

  it('asks for the idempotency key and the operator, and validates the tip in the caller’s language', async () => {
    const body = JSON.stringify(hotlineTip());
    const noKey = await t.app.inject({ method: 'POST', url: HOTLINE_PATH, headers: signedHotline(hotline, body), payload: body });
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().error.details[0]).toMatchObject({ field: 'Idempotency-Key', reason: 'idempotency_key_required' });
    const { operatorId: _o, ...noOperator } = hotlineTip();
    const r = await postHotline(t, hotline, noOperator, 'call-nooperator-1');
    expect(r.json().error.details[0]).toMatchObject({ field: 'operatorId', reason: 'operator_required' });
    const bad = await postHotline(t, hotline, hotlineTip({ locality: '99999', narrative: 'ngắn' }), 'call-badtip-0001');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { field: string }) => d.field)).toContain('narrative');
    const badEn = await postHotline(t, hotline, hotlineTip({ narrative: 'short', lang: 'en' }), 'call-badtip-0002');
    expect(badEn.json().error.details[0].message).toMatch(/at least 10 characters/);
  });

  it('a hotline_operator staff session is recorded as the filer', async () => {
    await ensureUnit(t, 'HL-OPS');
    const op = await loginAs(t, 'hotline_operator', 'HL-OPS');
    const { operatorId: _o, ...payload } = hotlineTip();
    const res = await postHotline(t, hotline, payload, 'call-staffop-0001', bearer(op.token));
    expect(res.statusCode).toBe(201);
    const [tip] = await ds.query(`SELECT t.filed_by FROM tips t JOIN cases c ON c.id = t.case_id WHERE c.reference = $1`, [res.json().reference]);
    expect(tip.filed_by).toBe(`staff:${op.principal.id}`);
  });

  it('offers the tipster a fresh receipt the first time they use the one the operator read out', async () => {
    const res = await postHotline(t, hotline, hotlineTip(), 'call-fresh-00001');
    const heard = res.json().receipt as string;
    const first = await t.app.inject({ method: 'POST', url: '/api/v1/tipster/status', payload: { receipt: heard } });
    expect(first.statusCode).toBe(200);
    const fresh = first.json().freshReceipt as string;
    expect(fresh).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    expect(fresh).not.toBe(heard);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/tipster/status', payload: { receipt: heard } })).statusCode).toBe(404);
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/tipster/status', payload: { receipt: fresh } });
    expect(again.statusCode).toBe(200);
    expect(again.json().freshReceipt).toBeUndefined();
    expect(again.json().reference).toBe(res.json().reference);
  });

  it('the web status page shows the fresh receipt once and its reply form carries it; a reply with a heard receipt shows it too', async () => {
    const form = (url: string, fields: Record<string, string>) =>
      t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });
    const freshOf = (html: string) => /id="fresh-receipt"[^>]*>(\d{4} \d{4} \d{4} \d{4})</.exec(html)?.[1];
    const heard = (await postHotline(t, hotline, hotlineTip(), 'call-fresh-web01')).json().receipt as string;
    const page = await form('/status', { receipt: heard });
    expect(page.statusCode).toBe(200);
    const fresh = freshOf(page.body);
    expect(fresh).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    expect(fresh).not.toBe(heard);
    expect(page.body).toContain(`name="receipt" value="${fresh}"`);
    // The heard receipt is spent; the new one opens the status (without offering another).
    expect((await form('/status', { receipt: heard })).statusCode).toBe(404);
    const again = await form('/status', { receipt: fresh! });
    expect(again.statusCode).toBe(200);
    expect(freshOf(again.body)).toBeUndefined();

    // Replying (not checking) first with a heard receipt: the answer shows the new receipt instead of redirecting it away.
    const heard2 = (await postHotline(t, hotline, hotlineTip(), 'call-fresh-web02')).json().receipt as string;
    const replied = await form('/status/reply', { receipt: heard2, body: 'Tôi thấy họ vẫn tụ tập mỗi tối.' });
    expect(replied.statusCode).toBe(201);
    const fresh2 = freshOf(replied.body)!;
    expect(fresh2).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    expect((await form('/status', { receipt: fresh2 })).statusCode).toBe(200);
  });

  it('a disabled client is refused at once; a rotated key replaces the old one; both audited', async () => {
    const c = await createClient(t, 'hotline');
    const clients = t.app.get(ChannelClientsService);
    expect((await postHotline(t, c, hotlineTip(), 'call-rot-000001')).statusCode).toBe(201);
    const rotated = await clients.rotate(systemContext('test'), c.name);
    const old = await postHotline(t, c, hotlineTip(), 'call-rot-000002');
    expect([old.statusCode, old.json().error.code]).toEqual([401, 'channel_auth_failed']);
    expect((await postHotline(t, rotated, hotlineTip(), 'call-rot-000003')).statusCode).toBe(201);
    await clients.disable(systemContext('test'), c.name);
    const disabled = await postHotline(t, rotated, hotlineTip(), 'call-rot-000004');
    expect([disabled.statusCode, disabled.json().error.code]).toEqual([403, 'channel_client_disabled']);
    const audit = await ds.query(`SELECT action FROM audit_events WHERE target_type = 'channel_client' AND target_id = $1 ORDER BY seq`, [c.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['channel_client.created', 'channel_client.rotated', 'channel_client.disabled']);
    // keys hashed, secrets encrypted: neither appears in the table
    const rows = await ds.query(`SELECT row_to_json(x)::text AS r FROM channel_clients x`);
    const dump = rows.map((r: { r: string }) => r.r).join('\n');
    for (const secret of [c.apiKey, c.signingSecret, rotated.apiKey, rotated.signingSecret]) {
      expect(dump).not.toContain(secret);
      expect(dump).not.toContain(Buffer.from(secret).toString('hex'));
    }
  });
});
