/** Whether a URL (path and query) is the console's: `/console` or below it. */
export function isConsolePath(url: string): boolean {
  const path = url.split('?')[0];
  return path === '/console' || path.startsWith('/console/');
}

const SIGN_IN_PAGES = new Set(['/console/sign-in', '/console/sign-out']);

/**
 * The page to return to after signing in: a console path of this site only (no open redirect:
 * no scheme, no `//host`, no backslash tricks, no control characters), else `/console`.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2000) return '/console';
  if (!next.startsWith('/') || next.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(next)) return '/console';
  let url: URL;
  try {
    url = new URL(next, 'http://console.invalid');
  } catch {
    return '/console';
  }
  if (url.origin !== 'http://console.invalid' || !isConsolePath(url.pathname) || SIGN_IN_PAGES.has(url.pathname)) return '/console';
  url.searchParams.delete('lang');
  return `${url.pathname}${url.search}`;
}

/** The same-site console page a request came from (its Referer; console pages send it same-origin only), else `/console`. */
export function refererPath(headers: { referer?: string | string[]; host?: string | string[] }): string {
  const referer = headers.referer;
  if (typeof referer !== 'string') return '/console';
  try {
    const url = new URL(referer);
    if (url.host !== headers.host) return '/console';
    return safeNext(`${url.pathname}${url.search}`);
  } catch {
    return '/console';
  }
}
