import { randomUUID } from 'node:crypto';
import twilio from 'twilio';
import { ChannelClientsService, ChannelCredentials } from '../../src/channel-clients/channel-clients.service';
import { systemContext } from '../../src/common/request-context';
import { hotlineSignature } from '../../src/channels/hotline/hotline-signature';
import type { TestApp } from '../utils/test-app';
import { COMMUNE } from '../intake/intake-helpers';

export const HOTLINE_PATH = '/api/v1/channels/hotline/tips';
export const SMS_PATH = '/api/v1/channels/sms/inbound';
export const SMS_PUBLIC_URL = 'https://tipline.example.vn/api/v1/channels/sms/inbound';

export function createClient(t: TestApp, kind: 'hotline' | 'sms' | 'open311', publicUrl?: string, signingSecret?: string): Promise<ChannelCredentials> {
  return t.app.get(ChannelClientsService).create(systemContext('test'), {
    kind,
    name: `${kind}-${randomUUID().slice(0, 8)}`,
    publicUrl: publicUrl ?? null,
    signingSecret: signingSecret ?? null,
  });
}

export function hotlineTip(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    category: 'use_hotspot',
    locality: COMMUNE,
    observedAt: '2026-11-20T21:30',
    narrative: 'Người gọi kể: nhiều người tụ tập sử dụng ma túy dưới gầm cầu mỗi tối.',
    place: 'gầm cầu cạnh chợ',
    operatorId: 'op-17',
    ...over,
  };
}

let last = 0;
/** Unix seconds with milliseconds, never the same twice in this process. */
export function nextTimestamp(): string {
  last = Math.max(last + 1, Date.now());
  return (last / 1000).toFixed(3);
}

/** Headers of a hotline delivery signed as the call centre's system would sign it. */
export function signedHotline(
  creds: { apiKey: string; signingSecret: string },
  body: string,
  opts: { key?: string; timestamp?: number | string; path?: string; extra?: Record<string, string> } = {},
): Record<string, string> {
  // each attempt is signed anew, with milliseconds (two attempts in one second must differ)
  const timestamp = String(opts.timestamp ?? nextTimestamp());
  return {
    'content-type': 'application/json',
    'x-api-key': creds.apiKey,
    'x-tipline-timestamp': timestamp,
    'x-tipline-signature': hotlineSignature(creds.signingSecret, { timestamp, method: 'POST', path: opts.path ?? HOTLINE_PATH, body }),
    ...(opts.key ? { 'idempotency-key': opts.key } : {}),
    ...(opts.extra ?? {}),
  };
}

export function postHotline(t: TestApp, creds: { apiKey: string; signingSecret: string }, payload: Record<string, unknown>, key: string, extra: Record<string, string> = {}) {
  const body = JSON.stringify(payload);
  return t.app.inject({ method: 'POST', url: HOTLINE_PATH, headers: signedHotline(creds, body, { key, extra }), payload: body });
}

/** An inbound SMS as a Twilio-compatible gateway posts it, signed with the official twilio helper. */
export function postSms(t: TestApp, creds: { signingSecret: string; publicUrl: string | null }, params: Record<string, string>, extra: Record<string, string> = {}) {
  const all = { AccountSid: 'AC00000000000000000000000000000000', ApiVersion: '2010-04-01', NumMedia: '0', ...params };
  const signature = twilio.getExpectedTwilioSignature(creds.signingSecret, creds.publicUrl!, all);
  return t.app.inject({
    method: 'POST',
    url: SMS_PATH,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature, ...extra },
    payload: new URLSearchParams(all).toString(),
  });
}

export const newSid = () => `SM${randomUUID().replace(/-/g, '')}`;

/** The message text of a TwiML reply. */
export function twimlText(body: string): string {
  const m = /<Message>([\s\S]*)<\/Message>/.exec(body);
  return m ? m[1] : '';
}

export const receiptIn = (text: string): string => /(\d{4} \d{4} \d{4} \d{4})/.exec(text)![1];
