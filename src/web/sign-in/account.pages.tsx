import type { ConsoleCtx, ConsoleLang } from '../shell/console-context';
import { Button, ErrorSummary, Field, FormProblem, PostForm, problemFor } from '../shell/forms';
import { Page } from '../shell/page';
import { tr } from '../shell/texts';
import { groupedSecret, QrCode } from './qr-code';
import { PublicPage } from './sign-in.page';
import { ACCOUNT_TEXTS as T } from './texts';

export interface AccountView {
  username: string;
  displayName: string;
  role: string;
  unitCode: string | null;
}

export function AccountPage(props: { ctx: ConsoleCtx; account: AccountView; notice?: string }) {
  const { ctx, account } = props;
  return (
    <Page ctx={ctx} title={tr(ctx, T.accountTitle)} notice={props.notice}>
      <dl class="facts">
        <dt>{tr(ctx, T.username)}</dt>
        <dd>{account.username}</dd>
        <dt>{tr(ctx, T.displayName)}</dt>
        <dd>{account.displayName}</dd>
        <dt>{tr(ctx, T.role)}</dt>
        <dd>{account.role}</dd>
        <dt>{tr(ctx, T.unit)}</dt>
        <dd>{account.unitCode ?? '—'}</dd>
      </dl>
      <ul>
        <li>
          <a href="/console/password">{tr(ctx, T.changePassword)}</a>
        </li>
        <li>
          <a href="/console/account/totp">{tr(ctx, T.newAuthenticator)}</a>
        </li>
      </ul>
    </Page>
  );
}

export function PasswordPage(props: { ctx: ConsoleCtx; next: string; firstLogin: boolean; problems?: FormProblem[] }) {
  const { ctx, problems } = props;
  return (
    <Page ctx={ctx} title={tr(ctx, T.passwordTitle)}>
      {props.firstLogin ? <p class="notice">{tr(ctx, T.firstLogin)}</p> : null}
      <ErrorSummary ctx={ctx} problems={problems} />
      <PostForm ctx={ctx} action="/console/password">
        <input type="hidden" name="next" value={props.next} />
        <Field ctx={ctx} name="currentPassword" type="password" label={tr(ctx, T.currentPassword)} autocomplete="current-password" required maxLength={128} error={problemFor(problems, 'currentPassword')} />
        <Field ctx={ctx} name="newPassword" type="password" label={tr(ctx, T.newPassword)} hint={tr(ctx, T.newPasswordHint)} autocomplete="new-password" required maxLength={128} error={problemFor(problems, 'newPassword')} />
        <Field ctx={ctx} name="confirmPassword" type="password" label={tr(ctx, T.confirmPassword)} autocomplete="new-password" required maxLength={128} error={problemFor(problems, 'confirmPassword')} />
        <Button>{tr(ctx, T.savePassword)}</Button>
      </PostForm>
    </Page>
  );
}

export function TotpStartPage(props: { ctx: ConsoleCtx; problems?: FormProblem[] }) {
  const { ctx, problems } = props;
  return (
    <Page ctx={ctx} title={tr(ctx, T.totpTitle)}>
      <p>{tr(ctx, T.totpIntro)}</p>
      <ErrorSummary ctx={ctx} problems={problems} />
      <PostForm ctx={ctx} action="/console/account/totp">
        <Field ctx={ctx} name="password" type="password" label={tr(ctx, T.passwordToContinue)} autocomplete="current-password" required maxLength={128} error={problemFor(problems, 'password')} />
        <Button>{tr(ctx, T.continue)}</Button>
      </PostForm>
    </Page>
  );
}

/** The new key as QR code and as text (for a person typing it into an app). */
export function NewKey(props: { lang: ConsoleLang; otpauthUrl: string; secret: string }) {
  const ctx = { lang: props.lang };
  return (
    <>
      <p>{tr(ctx, T.scan)}</p>
      <p class="qr">
        <QrCode text={props.otpauthUrl} label={tr(ctx, T.qrLabel)} />
      </p>
      <p>
        {tr(ctx, T.secret)}: <code class="secret">{groupedSecret(props.secret)}</code>
      </p>
    </>
  );
}

export function TotpConfirmPage(props: { ctx: ConsoleCtx; otpauthUrl: string; secret: string; problems?: FormProblem[] }) {
  const { ctx, problems } = props;
  return (
    <Page ctx={ctx} title={tr(ctx, T.totpTitle)}>
      <ErrorSummary ctx={ctx} problems={problems} />
      <NewKey lang={ctx.lang} otpauthUrl={props.otpauthUrl} secret={props.secret} />
      <PostForm ctx={ctx} action="/console/account/totp/confirm">
        {/* only to show the same QR code again after a wrong code; the server checks against its own pending key */}
        <input type="hidden" name="secret" value={props.secret} />
        <Field ctx={ctx} name="totp" label={tr(ctx, T.confirmCode)} autocomplete="one-time-code" inputmode="numeric" required maxLength={6} error={problemFor(problems, 'totp')} />
        <Button>{tr(ctx, T.confirm)}</Button>
      </PostForm>
    </Page>
  );
}

function RecoveryCodes(props: { lang: ConsoleLang; codes: string[] }) {
  const ctx = { lang: props.lang };
  return (
    <>
      <p class="warning" role="status">
        <strong>{tr(ctx, T.recoveryOnce)}</strong>
      </p>
      <ul class="codes">
        {props.codes.map((c) => (
          <li>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <p>
        <a class="btn primary" href="/console">
          {tr(ctx, T.recoveryDone)}
        </a>
      </p>
    </>
  );
}

/** Shown once, in the answer to the confirming POST (never stored, never shown again). */
export function RecoveryCodesPage(props: { ctx: ConsoleCtx; codes: string[] }) {
  return (
    <Page ctx={props.ctx} title={tr(props.ctx, T.recoveryTitle)}>
      <RecoveryCodes lang={props.ctx.lang} codes={props.codes} />
    </Page>
  );
}

/** The same after an invitation (the new session's cookie is set in this very answer: no user on the request yet). */
export function InvitationRecoveryCodesPage(props: { lang: ConsoleLang; codes: string[] }) {
  return (
    <PublicPage lang={props.lang} title={tr({ lang: props.lang }, T.recoveryTitle)} path="/console">
      <RecoveryCodes lang={props.lang} codes={props.codes} />
    </PublicPage>
  );
}

export function InvitationCodePage(props: { lang: ConsoleLang; csrf: string; problems?: FormProblem[]; formError?: string }) {
  const ctx = { lang: props.lang };
  return (
    <PublicPage lang={props.lang} title={tr(ctx, T.inviteTitle)} path="/console/invitation">
      {props.formError ? (
        <div class="error-summary" role="alert">
          <p>{props.formError}</p>
        </div>
      ) : null}
      <ErrorSummary ctx={ctx} problems={props.problems} />
      <p>{tr(ctx, T.inviteIntro)}</p>
      <PostForm ctx={{ csrf: props.csrf }} action="/console/invitation">
        <Field ctx={ctx} name="code" label={tr(ctx, T.inviteCode)} autocomplete="off" required maxLength={64} error={problemFor(props.problems, 'code')} />
        <Button>{tr(ctx, T.continue)}</Button>
      </PostForm>
    </PublicPage>
  );
}

export interface OpenedInvitation {
  code: string;
  username: string;
  purpose: 'invite' | 'totp_reset' | string;
  secret: string;
  otpauthUrl: string;
}

export function InvitationCompletePage(props: { lang: ConsoleLang; csrf: string; invitation: OpenedInvitation; problems?: FormProblem[] }) {
  const ctx = { lang: props.lang };
  const inv = props.invitation;
  const newAccount = inv.purpose === 'invite';
  return (
    <PublicPage lang={props.lang} title={tr(ctx, T.inviteTitle)} path="/console/invitation">
      <ErrorSummary ctx={ctx} problems={props.problems} />
      <p>
        {tr(ctx, T.activatingAs)} <strong>{inv.username}</strong>
      </p>
      <NewKey lang={props.lang} otpauthUrl={inv.otpauthUrl} secret={inv.secret} />
      <PostForm ctx={{ csrf: props.csrf }} action="/console/invitation/complete">
        <input type="hidden" name="code" value={inv.code} />
        <input type="hidden" name="username" value={inv.username} />
        <input type="hidden" name="purpose" value={inv.purpose} />
        {/* only to show the same QR code again after a mistake; the server checks against its own pending key */}
        <input type="hidden" name="secret" value={inv.secret} />
        {newAccount ? (
          <>
            <Field ctx={ctx} name="password" type="password" label={tr(ctx, T.choosePassword)} hint={tr(ctx, T.newPasswordHint)} autocomplete="new-password" required maxLength={128} error={problemFor(props.problems, 'password')} />
            <Field ctx={ctx} name="confirmPassword" type="password" label={tr(ctx, T.confirmPassword)} autocomplete="new-password" required maxLength={128} error={problemFor(props.problems, 'confirmPassword')} />
          </>
        ) : (
          <Field ctx={ctx} name="password" type="password" label={tr(ctx, T.yourPassword)} autocomplete="current-password" required maxLength={128} error={problemFor(props.problems, 'password')} />
        )}
        <Field ctx={ctx} name="totp" label={tr(ctx, T.confirmCode)} autocomplete="one-time-code" inputmode="numeric" required maxLength={6} error={problemFor(props.problems, 'totp')} />
        <Button>{tr(ctx, T.activate)}</Button>
      </PostForm>
    </PublicPage>
  );
}
