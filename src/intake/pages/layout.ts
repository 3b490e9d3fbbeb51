import type { Lang } from '../../categories/category-catalogue';
import { html, raw, SafeHtml } from './html';
import { texts } from './texts';

/**
 * Styles for 360 px phones up: system fonts only, contrast ≥ 7:1 for text, a visible focus ring,
 * large touch targets. Inline with the response's CSP nonce (no external requests of any kind).
 */
const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;font-size:1.0625rem;line-height:1.5;color:#111;background:#fff}
main{max-width:40rem;margin:0 auto;padding:1rem}
header{background:#0b3d66;color:#fff;padding:.75rem 1rem;display:flex;justify-content:space-between;align-items:center;gap:.5rem;flex-wrap:wrap}
header a{color:#fff;font-weight:600}
h1{font-size:1.4rem;margin:.5rem 0}
h2{font-size:1.15rem;margin:1.25rem 0 .5rem}
a{color:#0645ad}
label,legend{display:block;font-weight:600;margin:.9rem 0 .25rem}
fieldset{border:1px solid #767676;border-radius:6px;padding:.5rem .75rem;margin:.9rem 0}
.hint{color:#333;font-size:.95rem;margin:.1rem 0 .35rem}
input[type=text],input[type=date],input[type=datetime-local],input[type=number],select,textarea{width:100%;font:inherit;padding:.6rem;border:2px solid #555;border-radius:6px;background:#fff;color:#111}
textarea{min-height:8rem}
input[type=file]{width:100%;font:inherit;padding:.3rem 0}
input[type=file]::file-selector-button{font:inherit;font-weight:600;min-height:44px;padding:.5rem 1rem;margin-right:.75rem;border:2px solid #555;border-radius:6px;background:#f2f2f2;color:#111;cursor:pointer}
.choice{display:flex;gap:.6rem;align-items:flex-start;margin:.4rem 0;font-weight:400}
.choice input{width:1.4rem;height:1.4rem;margin-top:.15rem;flex:none}
.choice span small{display:block;color:#333}
button,.button{display:inline-block;font:inherit;font-weight:700;background:#0b5394;color:#fff;border:0;border-radius:6px;padding:.8rem 1.2rem;margin:1rem 0;min-height:48px;cursor:pointer;text-decoration:none}
button.link{background:none;color:#0645ad;text-decoration:underline;padding:.25rem 0;margin:.25rem 0;font-weight:400;min-height:44px}
:focus-visible{outline:3px solid #c60;outline-offset:2px}
.notice{background:#eef5fb;border-left:5px solid #0b5394;padding:.6rem .9rem;margin:1rem 0}
.errors{border:3px solid #b00020;padding:.6rem .9rem;margin:1rem 0}
.error{color:#b00020;font-weight:600;margin:.2rem 0}
.receipt{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:1.9rem;font-weight:700;letter-spacing:.05em;background:#fff8dc;border:3px dashed #7a5c00;padding:.8rem;text-align:center;word-spacing:.4em}
.summary dt{font-weight:600}.summary dd{margin:0 0 .5rem}
.msg{border-left:4px solid #767676;padding:.3rem .7rem;margin:.5rem 0}.msg.officer{border-color:#0b5394}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;

/** `switchHref: null`: no language link (a page that must not be left, like the receipt). */
export function page(opts: { lang: Lang; title: string; nonce: string; switchHref: string | null; body: SafeHtml; script?: SafeHtml }): string {
  const t = texts(opts.lang);
  const other: Lang = opts.lang === 'vi' ? 'en' : 'vi';
  return (
    '<!DOCTYPE html>' +
    html`<html lang="${t.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${opts.title}</title>
<style nonce="${opts.nonce}">${raw(STYLE)}</style>
</head>
<body>
<header><span>tipline</span>${opts.switchHref === null ? '' : html`<a href="${opts.switchHref}" hreflang="${other}" lang="${other}" aria-label="${t.switchLangLabel}">${t.switchLang}</a>`}</header>
<main id="main">
${opts.body}
</main>
${opts.script ?? ''}
</body>
</html>`.value
  );
}

/** The security headers of every citizen page. */
export function pageHeaders(nonce: string): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'permissions-policy': 'geolocation=(), camera=(), microphone=(), interest-cohort=()',
    'cross-origin-opener-policy': 'same-origin',
    'content-security-policy': [
      "default-src 'none'",
      `style-src 'nonce-${nonce}'`,
      `script-src 'nonce-${nonce}'`,
      "connect-src 'self'",
      "img-src 'self'",
      "form-action 'self'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
  };
}
