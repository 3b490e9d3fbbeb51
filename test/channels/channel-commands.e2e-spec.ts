import { DataSource } from 'typeorm';
import {
  ChannelCreateCommand,
  ChannelDisableCommand,
  ChannelListCommand,
  ChannelRotateCommand,
} from '../../src/channel-clients/channel-client.commands';
import { ChannelClientsService } from '../../src/channel-clients/channel-clients.service';
import { createTestApp, TestApp } from '../utils/test-app';
import { hotlineTip, postHotline } from './channel-helpers';

describe('channel:create, channel:list, channel:disable, channel:rotate', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function run(Command: new (s: ChannelClientsService) => { run(a: string[], o: Record<string, unknown>): Promise<void> }, options: Record<string, unknown>) {
    let out = '';
    let err = '';
    const o = jest.spyOn(process.stdout, 'write').mockImplementation((c) => ((out += String(c)), true));
    const e = jest.spyOn(process.stderr, 'write').mockImplementation((c) => ((err += String(c)), true));
    const before = process.exitCode;
    try {
      await new Command(t.app.get(ChannelClientsService)).run([], options);
      return { out, err, exitCode: process.exitCode as number | undefined };
    } finally {
      o.mockRestore();
      e.mockRestore();
      process.exitCode = before;
    }
  }

  it('each command gets ChannelClientsService injected (as the CLI module builds them)', () => {
    for (const C of [ChannelCreateCommand, ChannelListCommand, ChannelDisableCommand, ChannelRotateCommand]) {
      expect([C.name, Reflect.getMetadata('design:paramtypes', C)]).toEqual([C.name, [ChannelClientsService]]);
    }
  });

  it('creates a client and prints its credentials once; the key works; list never shows them', async () => {
    const created = await run(ChannelCreateCommand, { kind: 'hotline', name: 'call-centre-hn', json: true });
    const c = JSON.parse(created.out);
    expect(Object.keys(c)).toEqual(['id', 'kind', 'name', 'apiKey', 'signingSecret', 'publicUrl']);
    expect(c.apiKey).toMatch(/^tlk_[0-9a-f]{16}_/);
    expect((await postHotline(t, c, hotlineTip(), 'cli-call-000001')).statusCode).toBe(201);

    const list = await run(ChannelListCommand, { json: true });
    const rows = JSON.parse(list.out);
    expect(rows).toEqual([expect.objectContaining({ name: 'call-centre-hn', kind: 'hotline', status: 'active' })]);
    expect(list.out).not.toContain(c.apiKey);
    expect(list.out).not.toContain(c.signingSecret);

    const rotated = JSON.parse((await run(ChannelRotateCommand, { name: 'call-centre-hn', json: true })).out);
    expect(rotated.apiKey).not.toBe(c.apiKey);
    expect((await postHotline(t, c, hotlineTip(), 'cli-call-000002')).statusCode).toBe(401);
    expect((await postHotline(t, rotated, hotlineTip(), 'cli-call-000003')).statusCode).toBe(201);

    expect((await run(ChannelDisableCommand, { name: 'call-centre-hn' })).out).toContain('disabled hotline channel client call-centre-hn');
    expect((await postHotline(t, rotated, hotlineTip(), 'cli-call-000004')).statusCode).toBe(403);

    const audit = await t.app.get(DataSource).query(`SELECT action, actor_type, actor_id FROM audit_events WHERE target_type = 'channel_client' ORDER BY seq`);
    expect(audit).toEqual([
      { action: 'channel_client.created', actor_type: 'system', actor_id: 'cli:channel:create' },
      { action: 'channel_client.rotated', actor_type: 'system', actor_id: 'cli:channel:rotate' },
      { action: 'channel_client.disabled', actor_type: 'system', actor_id: 'cli:channel:disable' },
    ]);
  });

  it('an sms client needs its public URL and may take the gateway’s auth token from the environment', async () => {
    const noUrl = await run(ChannelCreateCommand, { kind: 'sms', name: 'gateway-a' });
    expect(noUrl.exitCode).toBe(1);
    expect(noUrl.err).toContain('--url');
    process.env.TEST_TWILIO_TOKEN = 'twilio-auth-token-0123456789abcdef';
    try {
      const c = JSON.parse((await run(ChannelCreateCommand, { kind: 'sms', name: 'gateway-a', url: 'https://tipline.example.vn/api/v1/channels/sms/inbound', signingSecretEnv: 'TEST_TWILIO_TOKEN', json: true })).out);
      expect(c.signingSecret).toBe('twilio-auth-token-0123456789abcdef');
    } finally {
      delete process.env.TEST_TWILIO_TOKEN;
    }
    const empty = await run(ChannelCreateCommand, { kind: 'sms', name: 'gateway-b', url: 'https://x.example/', signingSecretEnv: 'NO_SUCH_VARIABLE_SET' });
    expect(empty.exitCode).toBe(2);
  });

  it('refuses unknown kinds, bad or taken names and missing options with a clear message', async () => {
    const kind = await run(ChannelCreateCommand, { kind: 'fax', name: 'fax-1' });
    expect([kind.exitCode, kind.err]).toEqual([1, expect.stringContaining('kind must be one of hotline, sms, open311, chat')]);
    const taken = await run(ChannelCreateCommand, { kind: 'open311', name: 'call-centre-hn' });
    expect(taken.err).toContain('exists');
    const missing = await run(ChannelCreateCommand, { name: 'x1' });
    expect([missing.exitCode, missing.err]).toEqual([2, expect.stringContaining('--kind')]);
    expect((await run(ChannelDisableCommand, { name: 'nobody' })).err).toContain('No channel client is named nobody');
  });
});
