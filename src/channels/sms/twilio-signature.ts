import { createHmac, timingSafeEqual } from 'node:crypto';

export type FormParams = Record<string, string | string[] | undefined>;

/**
 * Twilio's request signature: base64 HMAC-SHA1 (auth token) over the full public URL followed
 * by every POST parameter, sorted by name, as name + value. The same algorithm as the official
 * `twilio` helper's getExpectedTwilioSignature (the tests sign with that helper).
 */
export function twilioSignature(authToken: string, url: string, params: FormParams): string {
  let data = url;
  for (const name of Object.keys(params).sort()) {
    const v = params[name];
    if (v === undefined) continue;
    for (const value of Array.isArray(v) ? [...v].sort() : [v]) data += name + value;
  }
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

export function twilioSignatureMatches(authToken: string, url: string, params: FormParams, offered: unknown): boolean {
  if (typeof offered !== 'string' || offered.length > 200) return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const got = Buffer.from(offered);
  return expected.length === got.length && timingSafeEqual(expected, got);
}
