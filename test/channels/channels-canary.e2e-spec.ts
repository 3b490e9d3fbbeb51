import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../utils/test-app';
import { createClient, hotlineTip, newSid, postHotline, postSms, receiptIn, SMS_PUBLIC_URL, twimlText } from './channel-helpers';

/**
 * The canary test for every channel other than the web form (test/intake/canary.e2e-spec.ts):
 * plants a caller number, an SMS sender, Open311's personal fields, forwarded-for and other
 * identifying headers, and proves that none reaches the database or the logs.
 */
const CANARY = {
  socket: '198.51.100.61',
  xff: '203.0.113.62',
  realIp: '192.0.2.63',
  agent: 'CanaryGateway/2.1 (canary-agent-x4k)',
  callerNumber: '+84 913 576 204',
  callerDigits: '913576204',
  smsSender: '+84987001234',
  smsSenderDigits: '987001234',
  smsTo: '+84800555017',
  messageSid: 'SMcanary0000000000000000000000a1b2',
  email: 'canary.tipster@example.vn',
  deviceId: 'canary-device-7h2q',
  accountId: 'canary-account-9z3w',
  firstName: 'Canaryfirst',
  lastName: 'Canarylast',
  phone: '+84 944 102 938',
  idempotencyKey: 'canary-call-key-5v8m',
};
const CONTENT = {
  hotline: 'canary hotline narrative qz7hot',
  sms: 'canary sms narrative qz7sms',
  smsReply: 'canary sms reply qz7smsreply',
  open311: 'canary open311 narrative qz7o311',
  address: 'canary open311 address qz7addr',
};
const headers = {
  'x-forwarded-for': `${CANARY.xff}, 10.1.2.3`,
  'x-real-ip': CANARY.realIp,
  forwarded: `for=${CANARY.xff}`,
  'cf-connecting-ip': CANARY.xff,
  'user-agent': CANARY.agent,
};

describe('nothing identifying is persisted or logged, for every channel (canary test)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { LOG_LEVEL: 'trace' } });
  });
  afterAll(() => t.close());

  it('finds no canary in a full dump of the database or in the logs', async () => {
    const hotline = await createClient(t, 'hotline');
    const sms = await createClient(t, 'sms', SMS_PUBLIC_URL);
    const open311 = await createClient(t, 'open311');

    // hotline: one tip, one retry, one refused caller number
    const tip = hotlineTip({ narrative: CONTENT.hotline });
    const hot = await postHotline(t, hotline, tip, CANARY.idempotencyKey, headers);
    expect(hot.statusCode).toBe(201);
    expect((await postHotline(t, hotline, tip, CANARY.idempotencyKey, headers)).statusCode).toBe(201);
    const refused = await postHotline(t, hotline, hotlineTip({ callerNumber: CANARY.callerNumber }), 'canary-call-key-refused', headers);
    expect(refused.statusCode).toBe(400);

    // SMS: a tip, a redelivery, a follow-up by receipt and a read
    const smsTip = await postSms(t, sms, { From: CANARY.smsSender, To: CANARY.smsTo, Body: `#07228 ${CONTENT.sms}`, MessageSid: CANARY.messageSid }, headers);
    expect(smsTip.statusCode).toBe(200);
    expect((await postSms(t, sms, { From: CANARY.smsSender, To: CANARY.smsTo, Body: `#07228 ${CONTENT.sms}`, MessageSid: CANARY.messageSid }, headers)).statusCode).toBe(200);
    const smsReceipt = receiptIn(twimlText(smsTip.body));
    const follow = await postSms(t, sms, { From: CANARY.smsSender, To: CANARY.smsTo, Body: `${smsReceipt} ${CONTENT.smsReply}`, MessageSid: newSid() }, headers);
    expect(twimlText(follow.body)).toContain('bo sung');
    expect((await postSms(t, sms, { From: CANARY.smsSender, To: CANARY.smsTo, Body: smsReceipt, MessageSid: newSid() }, headers)).statusCode).toBe(200);

    // Open311: every personal field the spec allows
    const o311 = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      remoteAddress: CANARY.socket,
      payload: new URLSearchParams({
        api_key: open311.apiKey,
        service_code: 'use_hotspot',
        address_string: CONTENT.address,
        description: CONTENT.open311,
        'attribute[locality]': '07228',
        email: CANARY.email,
        device_id: CANARY.deviceId,
        account_id: CANARY.accountId,
        first_name: CANARY.firstName,
        last_name: CANARY.lastName,
        phone: CANARY.phone,
      }).toString(),
    });
    expect(o311.statusCode).toBe(201);
    const token = o311.json()[0].token as string;
    expect((await t.app.inject({ method: 'GET', url: `/open311/v2/tokens/${token}.json`, headers })).statusCode).toBe(200);
    const o311Receipt = receiptIn(o311.json()[0].service_notice);

    const ds = t.app.get(DataSource);
    const tables: { schema: string; name: string }[] = await ds.query(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    expect(tables.map((x) => x.name)).toEqual(expect.arrayContaining(['tips', 'channel_clients', 'channel_deliveries', 'channel_signatures_seen', 'audit_events']));
    let dump = '';
    for (const { schema, name } of tables) {
      const rows: { r: string }[] = await ds.query(`SELECT row_to_json(x)::text AS r FROM "${schema}"."${name}" x`);
      dump += rows.map((r) => r.r).join('\n');
    }
    // positive controls: the dump and the logs see what is there
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM tips WHERE channel IN ('hotline', 'sms', 'open311')`);
    expect(n).toBe(3);
    expect(dump).toContain(hot.json().reference);
    expect(dump).toContain(hotline.id);
    expect(t.logs.text).toContain('tip received');

    const receipts = [hot.json().receipt, smsReceipt, o311Receipt].flatMap((r: string) => [r, r.replace(/ /g, '')]);
    // (the Open311 token is in the request log's path like any id: it resolves only to the public reference)
    const planted = [...Object.entries(CANARY), ...Object.entries(CONTENT), ...receipts.map((r, i) => [`receipt ${i}`, r])];
    expect(dump).not.toContain(token);
    for (const [name, value] of planted) {
      const hex = Buffer.from(value, 'utf8').toString('hex');
      expect([name, dump.includes(value) || dump.includes(hex)]).toEqual([name, false]);
      expect([name, t.logs.text.includes(value)]).toEqual([name, false]);
    }
  });
});
