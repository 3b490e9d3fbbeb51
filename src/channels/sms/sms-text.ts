/**
 * What an inbound text asks for. A text that begins with a receipt continues that tip's
 * dialogue (with words after it) or reads the officers' questions (the receipt alone);
 * anything else is a new tip, placed when it begins with `#<commune code>` (or a bare
 * five-digit code), otherwise sent to the triage desk. Pure.
 */
export type SmsIntent =
  | { kind: 'continue'; receipt: string; text: string }
  | { kind: 'read'; receipt: string }
  | { kind: 'tip'; text: string; locality: string | null };

const RECEIPT_FIRST = /^\s*(\d{4})[\s.\-]?(\d{4})[\s.\-]?(\d{4})[\s.\-]?(\d{4})(?!\d)[\s:,.\-]*([\s\S]*)$/;
const CODE_FIRST = /^\s*#?(\d{5})(?!\d)[\s:,.\-]*([\s\S]*)$/;
const CODE_TAG = /(?:^|\s)#(\d{5})(?!\d)/;

export function readSmsText(body: unknown): SmsIntent {
  const text = typeof body === 'string' ? body.normalize('NFC').trim() : '';
  const r = RECEIPT_FIRST.exec(text);
  if (r) {
    const receipt = `${r[1]} ${r[2]} ${r[3]} ${r[4]}`;
    const rest = r[5].trim();
    return rest ? { kind: 'continue', receipt, text: rest } : { kind: 'read', receipt };
  }
  const c = CODE_FIRST.exec(text);
  if (c && c[2].trim()) return { kind: 'tip', text: c[2].trim(), locality: c[1] };
  const tag = CODE_TAG.exec(text);
  if (tag) return { kind: 'tip', text: text.replace(tag[0], ' ').replace(/\s{2,}/g, ' ').trim(), locality: tag[1] };
  return { kind: 'tip', text, locality: null };
}
