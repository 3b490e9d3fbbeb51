import type { ComponentChildren } from 'preact';
import type { ConsoleLang } from '../shell/console-context';
import { ErrorSummary, Field, FormProblem, problemFor } from '../shell/forms';
import { Document, LangSwitch } from '../shell/page';
import { tr } from '../shell/texts';
import { SIGN_IN_TEXTS as T } from './texts';

/** Why the sign-in page is shown (from ?reason=). */
export type SignInReason = 'expired' | 'ended' | 'required' | 'signed-out';
const REASON_TEXT = { expired: T.expired, ended: T.ended, required: T.required, 'signed-out': T.signedOut } as const;

export function asSignInReason(v: unknown): SignInReason | undefined {
  return v === 'expired' || v === 'ended' || v === 'required' || v === 'signed-out' ? v : undefined;
}

/** A page for someone not (fully) signed in: no navigation, only the language switch. */
export function PublicPage(props: { lang: ConsoleLang; title: string; path: string; children?: ComponentChildren }) {
  return (
    <Document lang={props.lang} title={props.title}>
      <header class="top">
        <span class="brand">Tipline</span>
        <div class="who">
          <LangSwitch lang={props.lang} path={props.path} />
        </div>
      </header>
      <main id="main" tabindex={-1}>
        <h1>{props.title}</h1>
        {props.children}
      </main>
    </Document>
  );
}

export interface SignInView {
  lang: ConsoleLang;
  /** The sign-in form's own CSRF token (the pre-session cookie's value). */
  csrf: string;
  next: string;
  reason?: SignInReason;
  username?: string;
  problems?: FormProblem[];
  /** A message for the whole form (an expired form, too many attempts). */
  formError?: string;
}

export function SignInPage(v: SignInView) {
  const ctx = { lang: v.lang };
  const path = `/console/sign-in?next=${encodeURIComponent(v.next)}`;
  const reason = v.reason ? tr(ctx, REASON_TEXT[v.reason]) : undefined;
  return (
    <PublicPage lang={v.lang} title={tr(ctx, T.title)} path={path}>
      {reason && !v.problems?.length ? (
        <p class={v.reason === 'signed-out' ? 'notice' : 'warning'} role="status">
          {reason}
        </p>
      ) : null}
      {v.formError ? (
        <div class="error-summary" role="alert">
          <p>{v.formError}</p>
        </div>
      ) : null}
      <ErrorSummary problems={v.problems} ctx={ctx} />
      <p>{tr(ctx, T.intro)}</p>
      <form method="post" action="/console/sign-in" novalidate>
        <input type="hidden" name="_csrf" value={v.csrf} />
        <input type="hidden" name="next" value={v.next} />
        <Field ctx={ctx} name="username" label={tr(ctx, T.username)} value={v.username} autocomplete="username" required error={problemFor(v.problems, 'username')} maxLength={64} />
        <Field ctx={ctx} name="password" type="password" label={tr(ctx, T.password)} autocomplete="current-password" required error={problemFor(v.problems, 'password')} maxLength={128} />
        <Field
          ctx={ctx}
          name="code"
          label={tr(ctx, T.code)}
          hint={tr(ctx, T.codeHint)}
          autocomplete="one-time-code"
          required
          error={problemFor(v.problems, 'code')}
          maxLength={32}
        />
        <button type="submit" class="btn primary">
          {tr(ctx, T.submit)}
        </button>
      </form>
      <p>
        <a href="/console/invitation">{tr(ctx, T.invitationLink)}</a>
      </p>
    </PublicPage>
  );
}
