import type { TipsterView } from '../../cases/cases.service';
import type { Lang } from '../../categories/category-catalogue';
import { html, raw } from './html';
import { page } from './layout';
import { texts } from './texts';

/** A date as people in Viet Nam write it (dd/mm/yyyy), in Viet Nam time (UTC+7, no DST). */
export function vnDate(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 7 * 3_600_000);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

const home = (lang: Lang) => (lang === 'en' ? '/?lang=en' : '/');
const statusPath = (lang: Lang) => (lang === 'en' ? '/status?lang=en' : '/status');

/** Shown once, right after the commit: the receipt, to be written down. */
export function receiptPage(lang: Lang, nonce: string, reference: string, receipt: string): string {
  const t = texts(lang);
  const body = html`<h1>${t.receiptTitle}</h1>
<p>${t.receiptLead}</p>
<section aria-labelledby="receipt-label"><h2 id="receipt-label">${t.receiptLabel}</h2>
<p class="receipt" id="receipt">${receipt}</p></section>
<p class="notice"><strong>${t.receiptWarn}</strong></p>
<p>${t.referenceLabel}: <strong id="reference">${reference}</strong></p>
<p class="hint">${t.receiptNoLinks}</p>`;
  // No link of any kind: following one (even the language switch) would lose the receipt for ever.
  return page({ lang, title: t.receiptTitle, nonce, switchHref: null, body });
}

/** The receipt check form, and the tip's status with the reply form once a receipt matched. */
export function statusPage(
  lang: Lang,
  nonce: string,
  opts: { view?: TipsterView & { freshReceipt?: string }; receipt?: string; error?: string; notice?: string; replyError?: string; proof?: string },
): string {
  const t = texts(lang);
  // A receipt an operator heard is replaced the first time it is used: show the new one once, and
  // let the reply form carry it (the old one no longer works).
  const fresh = opts.view?.freshReceipt;
  const receipt = fresh ?? opts.receipt ?? '';
  const action = statusPath(lang);
  const check = html`<form method="post" action="${action}">
<input type="hidden" name="lang" value="${lang}">
<label for="f-receipt">${t.receiptInput}</label>
<p class="hint" id="h-receipt">${t.statusLead}</p>
${opts.notice && !opts.view ? html`<p class="notice" role="status" id="notice">${opts.notice}</p>` : ''}
${opts.error ? html`<p class="error" id="err-receipt" role="alert">${opts.error}</p>` : ''}
<input type="text" id="f-receipt" name="receipt" inputmode="numeric" autocomplete="off" required maxlength="32" aria-describedby="h-receipt${opts.error ? ' err-receipt' : ''}">
<button type="submit">${t.check}</button>
</form>`;
  const v = opts.view;
  const result = v
    ? html`<section aria-labelledby="status-h">
<h2 id="status-h">${t.referenceLabel}: ${v.reference}</h2>
${fresh ? html`<section aria-labelledby="fresh-receipt-label"><h2 id="fresh-receipt-label">${t.freshReceiptLabel}</h2><p class="receipt" id="fresh-receipt">${fresh}</p></section><p class="notice"><strong>${t.freshReceiptWarn}</strong></p>` : ''}
${opts.notice ? html`<p class="notice" role="status">${opts.notice}</p>` : ''}
<p>${t.statusLabel}: <strong id="status">${t.statuses[v.status] ?? v.status}</strong></p>
${v.contentNote ? html`<p class="notice" id="content-note">${v.contentNote}</p>` : ''}
<h2>${t.updates}</h2>
<ul>${v.updates.map((u) => html`<li><time datetime="${u.at}">${vnDate(u.at)}</time>: ${u.text}</li>`)}</ul>
<h2>${t.messages}</h2>
${v.messages.length === 0 ? html`<p>${t.noMessages}</p>` : ''}
${v.messages.map((m) => html`<div class="${`msg ${m.from}`}"><p><strong>${m.from === 'officer' ? t.fromOfficer : t.fromTipster}</strong> · <time datetime="${m.at}">${vnDate(m.at)}</time></p><p>${m.body}</p></div>`)}
<form method="post" action="${lang === 'en' ? '/status/reply?lang=en' : '/status/reply'}">
<input type="hidden" name="lang" value="${lang}">
<input type="hidden" name="receipt" value="${receipt}">
<label for="f-body">${t.reply}</label><p class="hint" id="h-body">${t.replyHint}</p>
${opts.replyError ? html`<p class="error" id="err-body" role="alert">${opts.replyError}</p>` : ''}
<textarea id="f-body" name="body" required maxlength="5000" autocomplete="off" aria-describedby="h-body${opts.replyError ? ' err-body' : ''}"${opts.replyError ? raw(' aria-invalid="true"') : ''}></textarea>
<button type="submit">${t.send}</button>
</form>
</section>`
    : '';
  const body = html`<h1>${t.statusTitle}</h1>${v ? '' : check}${result}<p><a href="${home(lang)}">${t.backToForm}</a></p>${raw('')}`;
  return page({ lang, title: t.statusTitle, nonce, switchHref: lang === 'vi' ? '/status?lang=en' : '/status', body });
}
