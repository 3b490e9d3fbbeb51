import { XMLParser } from 'fast-xml-parser';
import { DataSource } from 'typeorm';
import type { ChannelCredentials } from '../../src/channel-clients/channel-clients.service';
import { createTestApp, TestApp } from '../utils/test-app';
import { createClient } from './channel-helpers';

describe('Open311 GeoReport v2', () => {
  let t: TestApp;
  let ds: DataSource;
  let app311: ChannelCredentials;
  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const post = (url: string, fields: Record<string, string>) =>
    t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });
  const request = (over: Record<string, string> = {}) => ({
    api_key: app311.apiKey,
    service_code: 'use_hotspot',
    jurisdiction_id: '24',
    lat: '21.18612',
    long: '106.07633',
    address_string: 'Gầm cầu cạnh chợ',
    description: 'Nhiều người tụ tập sử dụng ma túy dưới gầm cầu mỗi tối.',
    'attribute[locality]': '07228',
    'attribute[people]': '6',
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    app311 = await createClient(t, 'open311');
  });
  afterAll(() => t.close());

  it('lists the categories as services, with their attributes, in JSON and XML', async () => {
    const json = await get('/open311/v2/services.json');
    expect(json.statusCode).toBe(200);
    const services = json.json() as { service_code: string; metadata: boolean; type: string }[];
    expect(services.map((s) => s.service_code)).toContain('use_hotspot');
    expect(services.every((s) => s.metadata === true && s.type === 'realtime')).toBe(true);
    const xml = await get('/open311/v2/services.xml');
    expect(xml.headers['content-type']).toMatch(/^text\/xml/);
    const parsed = new XMLParser().parse(xml.body);
    expect(parsed.services.service.map((s: { service_code: string }) => s.service_code)).toEqual(services.map((s) => s.service_code));

    const def = (await get('/open311/v2/services/use_hotspot.json')).json();
    expect(def.service_code).toBe('use_hotspot');
    const people = def.attributes.find((a: { code: string }) => a.code === 'people');
    expect(people).toMatchObject({ variable: true, datatype: 'number', required: false, order: expect.any(Number) });
    const times = def.attributes.find((a: { code: string }) => a.code === 'timesOfDay');
    expect(times.datatype).toBe('multivaluelist');
    expect(times.values).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'night' })]));
    const defXml = new XMLParser().parse((await get('/open311/v2/services/use_hotspot.xml')).body);
    expect(defXml.service_definition.service_code).toBe('use_hotspot');
    expect(defXml.service_definition.attributes.attribute.length).toBe(def.attributes.length);
    const none = await get('/open311/v2/services/nothing.json');
    expect(none.statusCode).toBe(404);
    expect(none.json()).toEqual([{ code: 404, description: expect.any(String) }]);
  });

  it('a POST makes a tip; its token resolves to the request id', async () => {
    const res = await post('/open311/v2/requests.json', request());
    expect(res.statusCode).toBe(201);
    const [answer] = res.json();
    expect(answer.token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(answer.service_notice).toContain('phone');
    const tok = await get(`/open311/v2/tokens/${answer.token}.json`);
    expect(tok.statusCode).toBe(200);
    const [{ service_request_id, token }] = tok.json();
    expect(token).toBe(answer.token);
    const [row] = await ds.query(`SELECT c.channel, t.channel_client_id, t.locality_code FROM cases c JOIN tips t ON t.case_id = c.id WHERE c.reference = $1`, [service_request_id]);
    expect(row).toEqual({ channel: 'open311', channel_client_id: app311.id, locality_code: '07228' });
    const tokXml = new XMLParser().parse((await get(`/open311/v2/tokens/${answer.token}.xml`)).body);
    expect(tokXml.service_requests.request.service_request_id).toBe(service_request_id);
    // XML answer to an XML POST
    const asXml = await post('/open311/v2/requests.xml', request());
    expect(new XMLParser().parse(asXml.body).service_requests.request.token).toEqual(expect.any(String));
    expect((await get('/open311/v2/tokens/nosuchtoken000000000.json')).statusCode).toBe(404);
  });

  it('never lists or shows requests publicly: 404 with an explanation', async () => {
    for (const url of ['/open311/v2/requests.json', '/open311/v2/requests/TL-ABC123.json']) {
      const res = await get(url);
      expect(res.statusCode).toBe(404);
      expect(res.json()[0].description).toMatch(/công khai/);
    }
    const xml = new XMLParser().parse((await get('/open311/v2/requests.xml?lang=en')).body);
    expect(xml.errors.error.description).toMatch(/never listed/);
  });

  it('refuses media_url, a bad key, a bad jurisdiction and bad fields in the spec’s error format', async () => {
    const before = (await ds.query(`SELECT count(*)::int AS n FROM tips`))[0].n;
    const media = await post('/open311/v2/requests.json', request({ media_url: 'https://example.com/p.jpg' }));
    expect(media.statusCode).toBe(400);
    expect(media.json()).toEqual([{ code: 400, description: expect.stringContaining('media_url') }]);
    const key = await post('/open311/v2/requests.json', request({ api_key: 'tlk_0000000000000000_0000000000000000000000000000000000000000000' }));
    expect(key.statusCode).toBe(403);
    const juris = await post('/open311/v2/requests.json', request({ jurisdiction_id: 'hanoi' }));
    expect(juris.json()[0].description).toMatch(/jurisdiction_id/);
    const noProvince = await post('/open311/v2/requests.json', request({ jurisdiction_id: '99' }));
    expect([noProvince.statusCode, noProvince.json()[0].description]).toEqual([400, expect.stringMatching(/^jurisdiction_id không phải/)]);
    const elsewhere = await post('/open311/v2/requests.json', request({ jurisdiction_id: '01' })); // Hà Nội; 07228 is in Bắc Ninh
    expect([elsewhere.statusCode, elsewhere.json()[0].description]).toEqual([400, expect.stringMatching(/^attribute\[locality\]/)]);
    const bad = await post('/open311/v2/requests.json?lang=en', request({ description: 'short', 'attribute[people]': 'many' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().map((e: { description: string }) => e.description.split(':')[0]).sort()).toEqual(['attribute[people]', 'description']);
    const xmlErr = new XMLParser().parse((await post('/open311/v2/requests.xml', request({ media_url: 'x' }))).body);
    expect(xmlErr.errors.error.code).toBe(400);
    expect((await ds.query(`SELECT count(*)::int AS n FROM tips`))[0].n).toBe(before);
  });

  it('an address without a commune goes to the triage desk', async () => {
    const { 'attribute[locality]': _l, lat: _a, long: _b, ...rest } = request();
    const res = await post('/open311/v2/requests.json', rest);
    expect(res.statusCode).toBe(201);
    const [{ service_request_id }] = (await get(`/open311/v2/tokens/${res.json()[0].token}.json`)).json();
    const [row] = await ds.query(`SELECT c.locality_code, u.kind FROM cases c JOIN units u ON u.id = c.unit_id WHERE c.reference = $1`, [service_request_id]);
    expect(row).toEqual({ locality_code: null, kind: 'triage' });
  });
});
