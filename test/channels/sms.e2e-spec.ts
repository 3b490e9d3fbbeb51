import { DataSource } from 'typeorm';
import { ChannelClientsService, ChannelCredentials } from '../../src/channel-clients/channel-clients.service';
import { systemContext } from '../../src/common/request-context';
import { bearer, loginAs } from '../utils/staff';
import { createTestApp, TestApp } from '../utils/test-app';
import { createClient, newSid, postSms, receiptIn, SMS_PATH, SMS_PUBLIC_URL, twimlText } from './channel-helpers';

describe('SMS channel (Twilio-compatible webhook)', () => {
  let t: TestApp;
  let ds: DataSource;
  let sms: ChannelCredentials;
  const sender = '+84987654321';
  const tipCount = async () => (await ds.query(`SELECT count(*)::int AS n FROM tips`))[0].n as number;
  const text = (Body: string, MessageSid = newSid()) => postSms(t, sms, { From: sender, To: '+84800111222', Body, MessageSid });

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    sms = await createClient(t, 'sms', SMS_PUBLIC_URL);
  });
  afterAll(() => t.close());

  it('a signed text makes a tip and gets its receipt back in TwiML; a text starting with it lands on the case timeline', async () => {
    const first = await text('#07228 Có người bán ma túy ở bãi xe sau chợ mỗi tối.');
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toMatch(/^text\/xml/);
    expect(first.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response><Message>/);
    const reply = twimlText(first.body);
    expect(reply).toMatch(/Ma bien nhan: \d{4} \d{4} \d{4} \d{4}/);
    expect(reply).toContain('nhan:'); // the hint on how to continue
    const receipt = receiptIn(reply);
    const [tip] = await ds.query(`SELECT t.case_id, t.channel, t.channel_client_id, t.locality_code FROM tips t ORDER BY t.created_at DESC, t.id LIMIT 1`);
    expect(tip).toMatchObject({ channel: 'sms', channel_client_id: sms.id, locality_code: '07228' });

    const before = await tipCount();
    const more = await text(`${receipt} Tối nay họ đổi sang cổng sau.`);
    expect(more.statusCode).toBe(200);
    expect(twimlText(more.body)).toContain('bo sung');
    expect(await tipCount()).toBe(before);
    const events = await ds.query(`SELECT type FROM case_events WHERE case_id = $1 ORDER BY at, id`, [tip.case_id]);
    expect(events.map((e: { type: string }) => e.type)).toContain('tipster_replied');
    const [ev] = await ds.query(`SELECT actor_type, actor_id FROM audit_events WHERE action = 'case.tipster_replied' AND target_id = $1`, [tip.case_id]);
    expect(ev).toEqual({ actor_type: 'channel', actor_id: `sms:${sms.id}` });

    // an officer asks; texting the receipt alone reads the question
    const [{ code }] = await ds.query(`SELECT u.code FROM cases c JOIN units u ON u.id = c.unit_id WHERE c.id = $1`, [tip.case_id]);
    const officer = await loginAs(t, 'officer', code);
    const asked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${tip.case_id}/messages`,
      headers: bearer(officer.token),
      payload: { body: 'Cổng sau ở phía đường nào?', visibility: 'tipster' },
    });
    expect(asked.statusCode).toBe(201);
    const read = await text(receipt);
    expect(twimlText(read.body)).toContain('Can bo hoi: Cổng sau ở phía đường nào?');
  });

  it('MessageSid is the idempotency key: a redelivered text makes one tip and gets the same reply', async () => {
    const before = await tipCount();
    const sid = newSid();
    const a = await text('#07228 Một điểm bán lẻ ma túy gần trường học.', sid);
    const b = await text('#07228 Một điểm bán lẻ ma túy gần trường học.', sid);
    expect(b.body).toBe(a.body);
    expect(await tipCount()).toBe(before + 1);
  });

  it('a text without a usable place goes to the triage desk', async () => {
    const res = await text('Có nhóm người lạ hay tụ tập hút chích ở khu trọ cuối hẻm.');
    const reply = twimlText(res.body);
    expect(reply).toContain('phan loai');
    const receipt = receiptIn(reply);
    const status = await t.app.inject({ method: 'POST', url: '/api/v1/tipster/status', payload: { receipt } });
    const [row] = await ds.query(`SELECT c.locality_code, u.kind FROM cases c JOIN units u ON u.id = c.unit_id WHERE c.reference = $1`, [status.json().reference]);
    expect(row).toEqual({ locality_code: null, kind: 'triage' });
    // a code that names no commune is not a place either
    const nowhere = await text('#99999 Có người bán ma túy ở đầu ngõ nhà văn hóa.');
    expect(twimlText(nowhere.body)).toContain('phan loai');
  });

  it('refuses unsigned or wrongly signed webhooks and texts that are not tips', async () => {
    const before = await tipCount();
    const params = new URLSearchParams({ From: sender, To: '+84800111222', Body: 'Không có chữ ký nhưng đủ dài.', MessageSid: newSid() }).toString();
    const unsigned = await t.app.inject({ method: 'POST', url: SMS_PATH, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: params });
    expect([unsigned.statusCode, unsigned.json().error.code]).toEqual([401, 'signature_invalid']);
    const forged = await t.app.inject({ method: 'POST', url: SMS_PATH, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'bm90IGEgc2lnbmF0dXJl' }, payload: params });
    expect(forged.statusCode).toBe(401);
    // signed for another URL than the one configured for the client
    const otherUrl = await postSms(t, { ...sms, publicUrl: 'https://evil.example/api/v1/channels/sms/inbound' }, { From: sender, Body: 'Chữ ký cho URL khác hẳn.', MessageSid: newSid() });
    expect(otherUrl.statusCode).toBe(401);
    const short = await text('ngắn');
    expect(short.statusCode).toBe(200);
    expect(twimlText(short.body)).toMatch(/^Tin chua hop le: /);
    const wrongReceipt = await text('1111 2222 3333 4444');
    expect(twimlText(wrongReceipt.body)).toBe('Khong tim thay tin nao voi ma bien nhan nay.');
    expect(await tipCount()).toBe(before);
    expect(t.logs.text).not.toContain('987654321');
  });

  it('a disabled client is refused at once', async () => {
    const other = await createClient(t, 'sms', 'https://gw2.example.vn/api/v1/channels/sms/inbound');
    const send = () => postSms(t, other, { From: sender, Body: '#07228 Có người bán ma túy ở cổng chợ đêm.', MessageSid: newSid() });
    expect((await send()).statusCode).toBe(200);
    await t.app.get(ChannelClientsService).disable(systemContext('test'), other.name);
    const refused = await send();
    expect([refused.statusCode, refused.json().error.code]).toEqual([401, 'signature_invalid']);
  });
});
