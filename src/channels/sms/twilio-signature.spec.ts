import twilio from 'twilio';
import { twilioSignature, twilioSignatureMatches } from './twilio-signature';

describe('Twilio request signature', () => {
  const token = 'test-auth-token-0123456789';
  const url = 'https://tipline.example.vn/api/v1/channels/sms/inbound';
  const params = { MessageSid: 'SM0123456789abcdef0123456789abcdef', Body: 'Có người bán ma túy ở chợ', From: '+84900000000', To: '+84111' };

  it('computes what the official twilio helper computes', () => {
    expect(twilioSignature(token, url, params)).toBe(twilio.getExpectedTwilioSignature(token, url, params));
    expect(twilio.validateRequest(token, twilioSignature(token, url, params), url, params)).toBe(true);
  });

  it('refuses another token, URL, parameter or a missing signature', () => {
    const sig = twilio.getExpectedTwilioSignature(token, url, params);
    expect(twilioSignatureMatches(token, url, params, sig)).toBe(true);
    expect(twilioSignatureMatches(`${token}x`, url, params, sig)).toBe(false);
    expect(twilioSignatureMatches(token, `${url}?x=1`, params, sig)).toBe(false);
    expect(twilioSignatureMatches(token, url, { ...params, Body: 'khác' }, sig)).toBe(false);
    expect(twilioSignatureMatches(token, url, params, undefined)).toBe(false);
  });
});
