import type { TipsterView } from '../../cases/cases.service';

/**
 * The words of the SMS replies, in Vietnamese without diacritics, as Vietnamese SMS services
 * write: plain GSM-7 text fits 160 characters a segment, accented text (UCS-2) only 70.
 */
export const SMS_TEXT = {
  received: (receipt: string) =>
    `Tin bao da duoc tiep nhan. Ma bien nhan: ${receipt}. Hay giu kin ma nay. ` +
    `De bo sung hoac xem cau hoi cua can bo, nhan: ${receipt} <noi dung>; nhan rieng ma bien nhan de doc tra loi.`,
  unplaced: ' Tin chua co dia ban nen se duoc chuyen bo phan phan loai. Lan sau, hay ghi ma xa o dau tin, vi du: #07228 <noi dung>.',
  replied: 'Noi dung bo sung da duoc chuyen den can bo xu ly. Cam on ban.',
  notFound: 'Khong tim thay tin nao voi ma bien nhan nay.',
  tooMany: 'Ban gui qua nhieu tin. Vui long thu lai sau.',
  invalid: (why: string) => `Tin chua hop le: ${why}`,
};

const STATUS_VI: Record<string, string> = {
  received: 'da tiep nhan',
  in_progress: 'dang xu ly',
  action_taken: 'da co bien phap xu ly',
  closed: 'da ket thuc',
};

/**
 * The tipster's view as one short text: the status and the officers' latest questions (an SMS
 * is short; the newest three, each cut at 300 characters).
 */
export function statusText(view: TipsterView & { freshReceipt?: string }): string {
  const questions = view.messages.filter((m) => m.from === 'officer').slice(-3);
  const parts = [`Tin ${view.reference}: ${STATUS_VI[view.status] ?? view.status}.`];
  if (questions.length === 0) parts.push('Chua co cau hoi moi tu can bo.');
  for (const q of questions) parts.push(`Can bo hoi: ${[...q.body].slice(0, 300).join('')}`);
  if (view.freshReceipt) parts.push(`Ma bien nhan moi cua ban: ${view.freshReceipt} (ma cu het hieu luc).`);
  return parts.join(' ');
}
