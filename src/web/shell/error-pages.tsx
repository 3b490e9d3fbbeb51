import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StaffPrincipal } from '../../auth/auth.decorators';
import type { ErrorResponse } from '../../common/errors/error.filter';
import type { HtmlErrorPages } from '../../common/errors/html-error-pages';
import { DomainError } from '../../common/errors/domain-error';
import { CODE_MESSAGES } from '../../common/errors/error-messages';
import { ConsoleLang, consoleCsrf, consoleLang } from './console-context';
import { Document, LangSwitch, Page } from './page';
import { isConsolePath, refererPath, safeNext } from './paths';
import { redirect, sendPage } from './render';
import { ConsoleText, tr } from './texts';

const TITLES: Record<number, ConsoleText> = {
  400: { vi: 'Yêu cầu không hợp lệ', en: 'The request is not valid' },
  403: { vi: 'Không có quyền', en: 'Not allowed' },
  404: { vi: 'Không tìm thấy', en: 'Not found' },
  409: { vi: 'Dữ liệu đã thay đổi trong lúc bạn thao tác', en: 'Changed meanwhile' },
  413: { vi: 'Nội dung quá lớn', en: 'Too large' },
  422: { vi: 'Không thực hiện được', en: 'Could not be done' },
  429: { vi: 'Quá nhiều yêu cầu', en: 'Too many requests' },
  500: { vi: 'Lỗi hệ thống', en: 'Something went wrong' },
  503: { vi: 'Tạm thời không khả dụng', en: 'Temporarily unavailable' },
};

const TEXTS = {
  stale: {
    vi: 'Trong lúc bạn điền biểu mẫu, người khác đã thay đổi dữ liệu này, nên thao tác của bạn chưa được thực hiện. Hãy mở lại trang để xem dữ liệu mới nhất rồi làm lại.',
    en: 'Someone changed this while you were filling in the form, so your change was not made. Open the page again to see the latest data, then try again.',
  },
  back: { vi: 'Quay lại trang trước', en: 'Back to the page' },
  home: { vi: 'Về trang chính', en: 'Console home' },
  requestId: { vi: 'Mã yêu cầu (để báo lỗi):', en: 'Request id (to report the problem):' },
  errorId: { vi: 'Mã lỗi:', en: 'Error id:' },
} satisfies Record<string, ConsoleText>;

type ErrorRequest = FastifyRequest & { staff?: StaffPrincipal };

/** Where "back" goes: the same-site console page the request came from (Referer), else home. */
function backLink(request: FastifyRequest): string {
  if (request.method === 'GET' || request.method === 'HEAD') return '/console';
  return refererPath(request.headers);
}

/**
 * Why the sign-in page is shown: `required` (no session at all), `expired` (past the idle or the
 * absolute limit) or `ended` (signed out elsewhere, password changed, account disabled).
 */
function signInReason(error: ErrorResponse, exception: unknown): string {
  if (error.body.error.code === 'unauthenticated') return 'required';
  const message = exception instanceof Error ? exception.message : error.body.error.message;
  return /expired/i.test(message) ? 'expired' : 'ended';
}

/**
 * The message in the page's language (the filter chose by Accept-Language; the console by its
 * switch). A domain error that gave only an English text shows the code's own Vietnamese text.
 */
function messageOf(exception: unknown, error: ErrorResponse, lang: ConsoleLang): string {
  const code = error.body.error.code;
  if (exception instanceof DomainError) {
    if (exception.text) return exception.text[lang];
    return lang === 'en' ? exception.message || CODE_MESSAGES[code].en : CODE_MESSAGES[code].vi;
  }
  return CODE_MESSAGES[code][lang];
}

function ErrorBody(props: { lang: ConsoleLang; status: number; message: string; requestId: string; errorId?: string; back: string }) {
  const lang = { lang: props.lang };
  return (
    <>
      <p>{props.status === 409 ? `${props.message} ${tr(lang, TEXTS.stale)}` : props.message}</p>
      <p>
        {props.back !== '/console' ? (
          <>
            <a href={props.back}>{tr(lang, TEXTS.back)}</a>
            {' · '}
          </>
        ) : null}
        <a href="/console">{tr(lang, TEXTS.home)}</a>
      </p>
      <p class="meta">
        {tr(lang, TEXTS.requestId)} <code>{props.requestId}</code>
        {props.errorId ? (
          <>
            {' '}
            {tr(lang, TEXTS.errorId)} <code>{props.errorId}</code>
          </>
        ) : null}
      </p>
    </>
  );
}

/**
 * The console's error pages: a missing or ended session goes to the sign-in page (which returns to
 * this page afterwards), a first-login session to the password change; everything else is a page
 * in the user's language with the status, the message and a way back.
 */
export const consoleErrorPages: HtmlErrorPages = {
  handles: (request) => isConsolePath(request.url ?? ''),
  send(request: FastifyRequest, reply: FastifyReply, error: ErrorResponse, exception: unknown) {
    const code = error.body.error.code;
    if (code === 'unauthenticated' || code === 'session_invalid') {
      const next = request.method === 'GET' || request.method === 'HEAD' ? safeNext(request.url) : backLink(request);
      const reason = signInReason(error, exception);
      redirect(reply, `/console/sign-in?reason=${reason}&next=${encodeURIComponent(next)}`);
      return;
    }
    if (code === 'password_change_required') {
      const next = request.method === 'GET' ? safeNext(request.url) : '/console';
      redirect(reply, `/console/password?next=${encodeURIComponent(next)}`);
      return;
    }
    const lang = consoleLang(request);
    const status = error.status;
    const title = tr({ lang }, TITLES[status] ?? (status >= 500 ? TITLES[500] : TITLES[400]));
    const user = (request as ErrorRequest).staff;
    const body = (
      <ErrorBody lang={lang} status={status} message={messageOf(exception, error, lang)} requestId={error.body.error.requestId} errorId={error.body.error.errorId} back={backLink(request)} />
    );
    // The language link leads back (to the form's page, or home), never to the failed URL itself:
    // an error page repeats nothing of the request (an id in the path included).
    const path = backLink(request);
    const page = user ? (
      <Page ctx={{ lang, user, csrf: consoleCsrf(request), path }} title={title}>
        {body}
      </Page>
    ) : (
      <Document lang={lang} title={title}>
        <header class="top">
          <a class="brand" href="/console">
            Tipline
          </a>
          <div class="who">
            <LangSwitch lang={lang} path={path} />
          </div>
        </header>
        <main id="main" tabindex={-1}>
          <h1>{title}</h1>
          {body}
        </main>
      </Document>
    );
    sendPage(reply, page, status);
  },
};
