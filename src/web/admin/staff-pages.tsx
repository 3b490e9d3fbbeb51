import { ROLES } from '../../auth/auth.decorators';
import type { StaffView } from '../../staff/staff-principal';
import type { Invitation } from '../../staff/staff.service';
import type { RoleChangeRow } from '../../staff/staff.repository';
import type { ConsoleCtx } from '../shell/console-context';
import { Button, ErrorSummary, Field, PostForm, SelectField } from '../shell/forms';
import { Page } from '../shell/page';
import { tr } from '../shell/texts';
import { DoneNotice, Secrets, Table, vnTime, shortTitle } from './admin-ui';
import { errorFor, FormProblem } from './form-input';
import { A, ROLE_NAMES } from './texts';

const STAFF = '/console/admin/staff';
export const STAFF_FORM_FIELDS = ['username', 'displayName', 'role', 'unitCode'] as const;

const roleName = (ctx: ConsoleCtx, role: string) => (Object.hasOwn(ROLE_NAMES, role) ? tr(ctx, ROLE_NAMES[role as keyof typeof ROLE_NAMES]) : role);
const statusText = (ctx: ConsoleCtx, a: StaffView) => tr(ctx, a.active ? A.active : A.disabled);

export interface StaffListData {
  accounts: StaffView[];
  /** Accounts to name in the pending list (every account when the list is filtered). */
  known?: StaffView[];
  pending: RoleChangeRow[];
  /** The unit filter as typed (a code). */
  unit?: string;
  done?: string;
  problems?: FormProblem[];
}

/** Every account (or one unit's), with the grants awaiting a second admin. */
export function StaffListPage({ ctx, data }: { ctx: ConsoleCtx; data: StaffListData }) {
  const byId = new Map((data.known ?? data.accounts).map((a) => [a.id, a]));
  const problems = data.problems ?? [];
  return (
    <Page ctx={ctx} title={tr(ctx, A.staffTitle)} nav="admin">
      <DoneNotice ctx={ctx} done={data.done} />
      <p>{tr(ctx, A.staffIntro)}</p>
      <p>
        <a class="btn" href={`${STAFF}/new`}>
          {tr(ctx, A.newInvitation)}
        </a>
      </p>
      <ErrorSummary ctx={ctx} problems={problems} />
      <form method="get" action={STAFF} class="filter">
        <Field ctx={ctx} name="unit" label={tr(ctx, A.filterByUnit)} value={data.unit ?? ''} error={errorFor(problems, 'unit')} />
        <Button>{tr(ctx, A.filter)}</Button>
      </form>
      <Table label={tr(ctx, A.staffTitle)} head={[tr(ctx, A.username), tr(ctx, A.displayName), tr(ctx, A.role), tr(ctx, A.unit), tr(ctx, A.status), tr(ctx, A.totp)]}>
        {data.accounts.map((a) => (
          <tr>
            <td>
              <a href={`${STAFF}/${a.id}`}>{a.username}</a>
            </td>
            <td>{a.displayName}</td>
            <td>{roleName(ctx, a.role)}</td>
            <td>{a.unitCode ?? a.unitId}</td>
            <td>{statusText(ctx, a)}</td>
            <td>{tr(ctx, a.totpEnrolled ? A.enrolled : A.notEnrolled)}</td>
          </tr>
        ))}
      </Table>
      <h2>{tr(ctx, A.pendingChanges)}</h2>
      {data.pending.length === 0 ? (
        <p>{tr(ctx, A.pendingChangesNone)}</p>
      ) : (
        <Table label={tr(ctx, A.pendingChanges)} head={[tr(ctx, A.account), tr(ctx, A.kindOfChange), tr(ctx, A.role), tr(ctx, A.requestedBy), tr(ctx, A.actions)]}>
          {data.pending.map((c) => {
            const who = byId.get(c.staffId);
            const mine = c.requestedBy === ctx.user.id || c.staffId === ctx.user.id;
            return (
              <tr>
                <td>{who ? <a href={`${STAFF}/${c.staffId}`}>{who.username}</a> : c.staffId}</td>
                <td>{tr(ctx, c.kind === 'create' ? A.changeCreate : A.changeChange)}</td>
                <td>{roleName(ctx, c.role)}</td>
                <td>
                  {byId.get(c.requestedBy)?.username ?? c.requestedBy} ({vnTime(c.requestedAt)})
                </td>
                <td>
                  {mine ? null : (
                    <div class="row-actions">
                      <PostForm ctx={ctx} action={`/console/admin/staff-changes/${c.id}/approve`}>
                        <Button>{tr(ctx, A.approve)}</Button>
                      </PostForm>
                      <PostForm ctx={ctx} action={`/console/admin/staff-changes/${c.id}/refuse`}>
                        <Button>{tr(ctx, A.refuse)}</Button>
                      </PostForm>
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </Table>
      )}
    </Page>
  );
}

/** The invitation form (no password, no second factor: the invited person sets both). */
export function StaffNewPage({ ctx, values = {}, problems = [] }: { ctx: ConsoleCtx; values?: Record<string, string>; problems?: FormProblem[] }) {
  return (
    <Page ctx={ctx} title={tr(ctx, A.newInvitation)} nav="admin">
      <p>{tr(ctx, A.staffIntro)}</p>
      <ErrorSummary ctx={ctx} problems={problems} />
      <PostForm ctx={ctx} action={STAFF}>
        <Field ctx={ctx} name="username" label={tr(ctx, A.username)} hint={tr(ctx, A.usernameHint)} value={values.username} error={errorFor(problems, 'username')} required />
        <Field ctx={ctx} name="displayName" label={tr(ctx, A.displayName)} value={values.displayName} error={errorFor(problems, 'displayName')} />
        <SelectField
          ctx={ctx}
          name="role"
          label={tr(ctx, A.role)}
          value={values.role || 'officer'}
          error={errorFor(problems, 'role')}
          options={ROLES.map((r) => ({ value: r, label: roleName(ctx, r) }))}
          required
        />
        <Field ctx={ctx} name="unitCode" label={tr(ctx, A.unitCode)} hint={tr(ctx, A.unitCodeHint)} value={values.unitCode} error={errorFor(problems, 'unitCode')} required />
        <Button>{tr(ctx, A.invite)}</Button>
      </PostForm>
      <p>
        <a href={STAFF}>{tr(ctx, A.back)}</a>
      </p>
    </Page>
  );
}

function AccountDetails({ ctx, a }: { ctx: ConsoleCtx; a: StaffView }) {
  return (
    <dl class="details">
      <dt>{tr(ctx, A.username)}</dt>
      <dd>{a.username}</dd>
      <dt>{tr(ctx, A.displayName)}</dt>
      <dd>{a.displayName}</dd>
      <dt>{tr(ctx, A.role)}</dt>
      <dd>{roleName(ctx, a.role)}</dd>
      <dt>{tr(ctx, A.unit)}</dt>
      <dd>{a.unitCode ?? a.unitId}</dd>
      <dt>{tr(ctx, A.status)}</dt>
      <dd>{statusText(ctx, a)}</dd>
      <dt>{tr(ctx, A.totp)}</dt>
      <dd>{tr(ctx, a.totpEnrolled ? A.enrolled : A.notEnrolled)}</dd>
      <dt>{tr(ctx, A.createdAt)}</dt>
      <dd>{vnTime(a.createdAt)}</dd>
    </dl>
  );
}

/** One account: its details and what an admin may do to it (never to their own). */
export function StaffAccountPage({ ctx, account, done }: { ctx: ConsoleCtx; account: StaffView; done?: string }) {
  const self = account.id === ctx.user.id;
  return (
    <Page ctx={ctx} title={shortTitle(`${tr(ctx, A.account)} ${account.username}`)} nav="admin">
      <DoneNotice ctx={ctx} done={done} />
      <AccountDetails ctx={ctx} a={account} />
      {self ? (
        <p>{tr(ctx, A.selfNote)}</p>
      ) : (
        <ul class="actions">
          {account.active ? (
            <li>
              <a href={`${STAFF}/${account.id}/disable`}>{tr(ctx, A.disableAccount)}</a>
            </li>
          ) : null}
          <li>
            <a href={`${STAFF}/${account.id}/totp-reset`}>{tr(ctx, A.resetTotp)}</a>
          </li>
        </ul>
      )}
      <p>
        <a href={STAFF}>{tr(ctx, A.back)}</a>
      </p>
    </Page>
  );
}

/** "Are you sure?" before a destructive change: the question, the account, one button, a way back. */
export function StaffConfirmPage({ ctx, account, action }: { ctx: ConsoleCtx; account: StaffView; action: 'disable' | 'totp-reset' }) {
  const title = tr(ctx, action === 'disable' ? A.disableAccount : A.resetTotp);
  return (
    <Page ctx={ctx} title={shortTitle(`${title}: ${account.username}`)} nav="admin">
      <AccountDetails ctx={ctx} a={account} />
      <p>{tr(ctx, action === 'disable' ? A.disableConfirm : A.resetTotpConfirm)}</p>
      <PostForm ctx={ctx} action={`${STAFF}/${account.id}/${action}`}>
        <Button kind="danger">{tr(ctx, action === 'disable' ? A.disableYes : A.resetTotpYes)}</Button>
      </PostForm>
      <p>
        <a href={`${STAFF}/${account.id}`}>{tr(ctx, A.cancel)}</a>
      </p>
    </Page>
  );
}

/**
 * The answer to an invitation or a TOTP reset: the one-time code, shown in this response only
 * (the page is not cached, the code is stored only as a hash, and reloading does not show it again).
 */
export function StaffCodePage({
  ctx,
  account,
  invitation,
  kind,
  pendingApproval,
}: {
  ctx: ConsoleCtx;
  account: StaffView;
  invitation: Invitation;
  kind: 'invite' | 'totp_reset';
  pendingApproval?: boolean;
}) {
  const title = tr(ctx, kind === 'invite' ? A.invitationCreated : A.totpResetDone);
  return (
    <Page ctx={ctx} title={shortTitle(`${title}: ${account.username}`)} nav="admin">
      <p class="notice" role="status">
        {tr(ctx, A.shownOnce)}
      </p>
      <Secrets
        items={[
          { id: 'invitation-code', label: tr(ctx, A.invitationCode), value: invitation.code },
          { id: 'invitation-expires', label: tr(ctx, A.expiresAt), value: vnTime(invitation.expiresAt) },
        ]}
      />
      <p>{tr(ctx, kind === 'invite' ? A.invitationHowTo : A.totpResetHowTo)}</p>
      {pendingApproval ? <p class="notice">{tr(ctx, A.pendingApprovalNote)}</p> : null}
      <AccountDetails ctx={ctx} a={account} />
      <p>
        <a href={STAFF}>{tr(ctx, A.back)}</a>
      </p>
    </Page>
  );
}
