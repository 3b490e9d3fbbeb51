import type { FastifyReply, FastifyRequest } from 'fastify';

/** The citizen pages' own paths (server-rendered HTML, see src/intake/form.controller.ts). */
export function isCitizenPage(request: FastifyRequest | undefined): boolean {
  const path = (request?.url ?? '').split('?')[0];
  return path === '/' || path === '/status' || path === '/status/reply';
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A body the framework refused before the page's handler ran (unreadable, too large, wrong
 * type): a small page in both languages, never raw JSON, with the same strict headers.
 */
export function sendCitizenErrorPage(reply: FastifyReply, status: number, requestId: string): void {
  const body = `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><title>Lỗi / Error</title></head><body><main><h1>Không gửi được / Could not be sent</h1><p>Dữ liệu gửi lên không đọc được hoặc quá lớn. Vui lòng quay lại, tải lại trang và gửi lại.</p><p lang="en">The submitted data could not be read or is too large. Please go back, reload the page and send again.</p><p><a href="/">Về trang báo tin / Back to the form</a></p><p><small>${esc(requestId)}</small></p></main></body></html>`;
  if (status === 429 && !reply.hasHeader('retry-after')) void reply.header('retry-after', '60');
  void reply
    .status(status)
    .headers({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'content-security-policy': "default-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    })
    .send(body);
}
