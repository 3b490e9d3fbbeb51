import type { ComponentChildren } from 'preact';
import type { Role } from '../../auth/auth.decorators';
import type { ConsoleCtx, ConsoleLang } from './console-context';
import { PostForm } from './forms';
import { SHELL_TEXTS, tr } from './texts';

export type NavKey = 'queue' | 'hotspots' | 'dashboard' | 'audit' | 'admin';

/** The console's sections, in the order of the header, with the roles that see each. */
export const NAV: readonly { key: NavKey; href: string; roles: readonly Role[] }[] = [
  { key: 'queue', href: '/console/queue', roles: ['officer', 'unit_lead', 'supervisor'] },
  { key: 'hotspots', href: '/console/hotspots', roles: ['officer', 'unit_lead', 'supervisor'] },
  { key: 'dashboard', href: '/console/dashboard', roles: ['unit_lead', 'supervisor', 'auditor'] },
  { key: 'audit', href: '/console/audit', roles: ['auditor'] },
  { key: 'admin', href: '/console/admin', roles: ['admin', 'auditor', 'supervisor'] }, // auditors and supervisors read reference data and deadlines
];

export { CONSOLE_CSS_HREF as STYLESHEET_HREF } from './assets';
import { CONSOLE_CSS_HREF } from './assets';

/** The same URL in the other language (`?lang=` replaced; the switch also sets the language cookie). */
export function withLang(path: string, lang: ConsoleLang): string {
  const url = new URL(path, 'http://console.invalid');
  url.searchParams.set('lang', lang);
  return `${url.pathname}${url.search}`;
}

/** The document around every console page: head, skip link, the main landmark. */
export function Document(props: { lang: ConsoleLang; title: string; children?: ComponentChildren }) {
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} — Tipline`}</title>
        <link rel="stylesheet" href={CONSOLE_CSS_HREF} />
      </head>
      <body>
        <a class="skip" href="#main">
          {SHELL_TEXTS.skip[props.lang]}
        </a>
        {props.children}
      </body>
    </html>
  );
}

/** The language link (to the same page in the other language). */
export function LangSwitch(props: { lang: ConsoleLang; path: string }) {
  const other: ConsoleLang = props.lang === 'vi' ? 'en' : 'vi';
  return (
    <a class="lang" href={withLang(props.path, other)} hreflang={other} lang={other} aria-label={SHELL_TEXTS.switchLangLabel[props.lang]}>
      {SHELL_TEXTS.switchLang[props.lang]}
    </a>
  );
}

/**
 * A signed-in page: a header with the sections the user's role may open, the language switch and
 * the sign-out button; then `<main>` with the page's one `<h1>` (the title) and its content.
 * `heading={false}` leaves the h1 to the page; `notice` is a status line under the title.
 */
export function Page(props: { ctx: ConsoleCtx; title: string; nav?: NavKey; heading?: boolean; notice?: string; children?: ComponentChildren }) {
  const { ctx } = props;
  const items = NAV.filter((n) => n.roles.includes(ctx.user.role));
  return (
    <Document lang={ctx.lang} title={props.title}>
      <header class="top">
        <a class="brand" href="/console">
          {tr(ctx, SHELL_TEXTS.appName)}
        </a>
        {items.length > 0 ? (
          <nav aria-label={tr(ctx, SHELL_TEXTS.nav)}>
            <ul>
              {items.map((n) => (
                <li>
                  <a href={n.href} aria-current={n.key === props.nav ? 'page' : undefined}>
                    {tr(ctx, SHELL_TEXTS[n.key])}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <div class="who">
          <span>
            <span class="visually-hidden">{tr(ctx, SHELL_TEXTS.signedInAs)} </span>
            <a href="/console/account">{ctx.user.username}</a>
          </span>
          <LangSwitch lang={ctx.lang} path={ctx.path} />
          <PostForm ctx={ctx} action="/console/sign-out" class="inline">
            <button type="submit" class="btn link">
              {tr(ctx, SHELL_TEXTS.signOut)}
            </button>
          </PostForm>
        </div>
      </header>
      <main id="main" tabindex={-1}>
        {props.heading === false ? null : <h1>{props.title}</h1>}
        {props.notice ? (
          <p class="notice" role="status">
            {props.notice}
          </p>
        ) : null}
        {props.children}
      </main>
    </Document>
  );
}
