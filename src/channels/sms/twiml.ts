import { XMLBuilder } from 'fast-xml-parser';

const builder = new XMLBuilder({ ignoreAttributes: false, format: false, processEntities: true, suppressEmptyNode: true });

/** A TwiML reply with one message (or none), built with fast-xml-parser (escaping included). */
export function twimlMessage(text: string | null): string {
  const doc = { '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' }, Response: text === null ? '' : { Message: text } };
  return builder.build(doc) as string;
}
