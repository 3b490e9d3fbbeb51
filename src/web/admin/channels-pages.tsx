import { CHANNEL_KINDS } from '../../channel-clients/channel-client.entity';
import type { ChannelClientSummary, ChannelCredentials } from '../../channel-clients/channel-clients.service';
import type { ConsoleCtx } from '../shell/console-context';
import { Button, ErrorSummary, Field, PostForm, SelectField } from '../shell/forms';
import { Page } from '../shell/page';
import { tr } from '../shell/texts';
import { DoneNotice, Secrets, Table, vnTime, shortTitle } from './admin-ui';
import { errorFor, FormProblem } from './form-input';
import { A, CHANNEL_KIND_NAMES } from './texts';

const CHANNELS = '/console/admin/channels';
/** The fields refilled after a problem: never the signing secret. */
export const CHANNEL_FORM_FIELDS = ['kind', 'name', 'url'] as const;
export const CHANNEL_ALL_FIELDS = [...CHANNEL_FORM_FIELDS, 'signingSecret'] as const;

const kindName = (ctx: ConsoleCtx, kind: string) => (Object.hasOwn(CHANNEL_KIND_NAMES, kind) ? tr(ctx, CHANNEL_KIND_NAMES[kind]) : kind);
const clientHref = (name: string) => `${CHANNELS}/${encodeURIComponent(name)}`;

/** The clients (never a key or secret: only the key's public id). */
export function ChannelsPage({ ctx, clients, done }: { ctx: ConsoleCtx; clients: ChannelClientSummary[]; done?: string }) {
  return (
    <Page ctx={ctx} title={tr(ctx, A.channelsTitle)} nav="admin">
      <DoneNotice ctx={ctx} done={done} />
      <p>{tr(ctx, A.channelsIntro)}</p>
      <p>
        <a class="btn" href={`${CHANNELS}/new`}>
          {tr(ctx, A.newChannel)}
        </a>
      </p>
      {clients.length === 0 ? (
        <p>{tr(ctx, A.channelsNone)}</p>
      ) : (
        <Table
          label={tr(ctx, A.channelsTitle)}
          head={[tr(ctx, A.channelName), tr(ctx, A.channelKind), tr(ctx, A.status), tr(ctx, A.keyId), tr(ctx, A.createdAt), tr(ctx, A.rotatedAt), tr(ctx, A.actions)]}
        >
          {clients.map((c) => (
            <tr>
              <td>{c.name}</td>
              <td>{kindName(ctx, c.kind)}</td>
              <td>
                {tr(ctx, c.status === 'active' ? A.active : A.disabled)}
                {c.disabledAt ? ` (${vnTime(c.disabledAt)})` : ''}
              </td>
              <td>
                <code>{c.keyId}</code>
              </td>
              <td>{vnTime(c.createdAt)}</td>
              <td>{vnTime(c.rotatedAt)}</td>
              <td>
                {c.status === 'active' ? (
                  <ul class="row-actions">
                    <li>
                      <a href={`${clientHref(c.name)}/rotate`}>
                        {tr(ctx, A.rotate)}
                        <span class="visually-hidden"> {c.name}</span>
                      </a>
                    </li>
                    <li>
                      <a href={`${clientHref(c.name)}/disable`}>
                        {tr(ctx, A.disableYes)}
                        <span class="visually-hidden"> {c.name}</span>
                      </a>
                    </li>
                  </ul>
                ) : null}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Page>
  );
}

/** A new client. The signing secret field is for a secret that exists already (an SMS gateway's token). */
export function ChannelNewPage({ ctx, values = {}, problems = [] }: { ctx: ConsoleCtx; values?: Record<string, string>; problems?: FormProblem[] }) {
  return (
    <Page ctx={ctx} title={tr(ctx, A.newChannel)} nav="admin">
      <ErrorSummary ctx={ctx} problems={problems} />
      <PostForm ctx={ctx} action={CHANNELS}>
        <SelectField
          ctx={ctx}
          name="kind"
          label={tr(ctx, A.channelKind)}
          value={values.kind || 'hotline'}
          options={CHANNEL_KINDS.map((k) => ({ value: k, label: kindName(ctx, k) }))}
          error={errorFor(problems, 'kind')}
          required
        />
        <Field ctx={ctx} name="name" label={tr(ctx, A.channelName)} hint={tr(ctx, A.channelNameHint)} value={values.name} error={errorFor(problems, 'name')} required />
        <Field ctx={ctx} name="url" type="url" label={tr(ctx, A.publicUrl)} value={values.url} error={errorFor(problems, 'url')} />
        <Field ctx={ctx} name="signingSecret" type="password" autocomplete="new-password" label={tr(ctx, A.signingSecret)} hint={tr(ctx, A.signingSecretHint)} error={errorFor(problems, 'signingSecret')} />
        <Button>{tr(ctx, A.create)}</Button>
      </PostForm>
      <p>
        <a href={CHANNELS}>{tr(ctx, A.back)}</a>
      </p>
    </Page>
  );
}

/** Confirmation before disabling or rotating a client. */
export function ChannelConfirmPage({ ctx, client, action }: { ctx: ConsoleCtx; client: ChannelClientSummary; action: 'disable' | 'rotate' }) {
  const title = `${tr(ctx, action === 'rotate' ? A.rotate : A.disableYes)}: ${client.name}`;
  return (
    <Page ctx={ctx} title={shortTitle(title)} nav="admin">
      <dl class="details">
        <dt>{tr(ctx, A.channelKind)}</dt>
        <dd>{kindName(ctx, client.kind)}</dd>
        <dt>{tr(ctx, A.keyId)}</dt>
        <dd>
          <code>{client.keyId}</code>
        </dd>
      </dl>
      <p>{tr(ctx, action === 'rotate' ? A.rotateConfirm : A.disableChannelConfirm)}</p>
      <PostForm ctx={ctx} action={`${clientHref(client.name)}/${action}`}>
        <Button kind="danger">{tr(ctx, action === 'rotate' ? A.rotate : A.disableYes)}</Button>
      </PostForm>
      <p>
        <a href={CHANNELS}>{tr(ctx, A.cancel)}</a>
      </p>
    </Page>
  );
}

/** The credentials, in this response only: the key is stored as a hash, the secret encrypted. */
export function ChannelCredentialsPage({ ctx, credentials, kind }: { ctx: ConsoleCtx; credentials: ChannelCredentials; kind: 'created' | 'rotated' }) {
  const title = `${tr(ctx, kind === 'created' ? A.channelCreated : A.channelRotated)}: ${credentials.name}`;
  return (
    <Page ctx={ctx} title={shortTitle(title)} nav="admin">
      <p class="notice" role="status">
        {tr(ctx, A.shownOnce)}
      </p>
      <Secrets
        items={[
          { id: 'channel-api-key', label: tr(ctx, A.apiKey), value: credentials.apiKey },
          { id: 'channel-signing-secret', label: tr(ctx, A.signingSecretValue), value: credentials.signingSecret },
          ...(credentials.publicUrl ? [{ id: 'channel-url', label: tr(ctx, A.publicUrl), value: credentials.publicUrl }] : []),
        ]}
      />
      <p>
        <a href={CHANNELS}>{tr(ctx, A.back)}</a>
      </p>
    </Page>
  );
}
