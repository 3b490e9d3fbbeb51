import { XMLParser } from 'fast-xml-parser';
import twilio from 'twilio';
import { twimlMessage } from './twiml';

describe('TwiML replies', () => {
  it('says what twilio’s own MessagingResponse says, escaped', () => {
    const text = 'Mã biên nhận: 1234 5678 <b>&"\'';
    const ours = new XMLParser().parse(twimlMessage(text));
    const official = new twilio.twiml.MessagingResponse();
    official.message(text);
    expect(ours).toEqual(new XMLParser().parse(official.toString()));
    expect(ours.Response.Message).toBe(text);
    expect(twimlMessage(text)).not.toContain('<b>');
  });

  it('an empty reply is an empty Response', () => {
    expect(new XMLParser().parse(twimlMessage(null)).Response).toBe('');
  });
});
