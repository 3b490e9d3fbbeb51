import { CATEGORY_CODES } from '../../categories/category-codes';
import type { ClockPolicyEntity } from '../../clocks/clock-policy.entity';
import type { ConsoleCtx } from '../shell/console-context';
import { Button, ErrorSummary, Field, PostForm, SelectField } from '../shell/forms';
import { Page } from '../shell/page';
import { tr } from '../shell/texts';
import { DoneNotice, isAdmin, Table, vnTime } from './admin-ui';
import { errorFor, FormProblem } from './form-input';
import { categoryName } from './routing-pages';
import { A, DURATION_UNIT_NAMES, PRIORITY_NAMES } from './texts';

const DEADLINES = '/console/admin/deadlines';
export const POLICY_FORM_FIELDS = [
  'kind',
  'legal',
  'category',
  'priority',
  'unitKinds',
  'durationValue',
  'durationUnit',
  'metBy',
  'pausable',
  'maxExtensions',
  'maxExtensionDays',
  'legalReference',
  'validFrom',
] as const;

export type PolicyRow = Pick<
  ClockPolicyEntity,
  'id' | 'kind' | 'legal' | 'category' | 'priority' | 'unitKinds' | 'durationValue' | 'durationUnit' | 'metBy' | 'pausable' | 'maxExtensions' | 'maxExtensionDays' | 'legalReference' | 'validFrom' | 'validTo'
>;

const named = (ctx: ConsoleCtx, names: Record<string, { vi: string; en: string }>, code: string | null) =>
  code === null ? tr(ctx, A.any) : Object.hasOwn(names, code) ? tr(ctx, names[code]) : code;

function stateOf(p: PolicyRow, now: Date): 'inForce' | 'ended' | 'future' {
  if (p.validFrom.getTime() > now.getTime()) return 'future';
  if (p.validTo && p.validTo.getTime() <= now.getTime()) return 'ended';
  return 'inForce';
}

/** Every policy version, newest first within a kind; admins start a new version from any row. */
export function DeadlinesPage({ ctx, policies, now, done }: { ctx: ConsoleCtx; policies: PolicyRow[]; now: Date; done?: string }) {
  const admin = isAdmin(ctx);
  const rows = [...policies].sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : b.validFrom.getTime() - a.validFrom.getTime()));
  return (
    <Page ctx={ctx} title={tr(ctx, A.deadlinesTitle)} nav="admin">
      <DoneNotice ctx={ctx} done={done} />
      <p>{tr(ctx, A.deadlinesIntro)}</p>
      {admin ? (
        <p>
          <a class="btn" href={`${DEADLINES}/new`}>
            {tr(ctx, A.newPolicy)}
          </a>
        </p>
      ) : (
        <p>{tr(ctx, A.readOnly)}</p>
      )}
      {rows.length === 0 ? (
        <p>{tr(ctx, A.policiesNone)}</p>
      ) : (
        <Table
          label={tr(ctx, A.deadlinesTitle)}
          head={[
            tr(ctx, A.policyKind),
            tr(ctx, A.category),
            tr(ctx, A.priority),
            tr(ctx, A.duration),
            tr(ctx, A.metBy),
            tr(ctx, A.maxExtensions),
            tr(ctx, A.period),
            tr(ctx, A.status),
            ...(admin ? [tr(ctx, A.actions)] : []),
          ]}
        >
          {rows.map((p) => (
            <tr>
              <td>
                {p.kind}
                {p.legal ? ` (${tr(ctx, A.legal).toLowerCase()})` : ''}
                {p.unitKinds?.length ? ` — ${p.unitKinds.join(', ')}` : ''}
              </td>
              <td>{p.category === null ? tr(ctx, A.any) : categoryName(ctx, p.category)}</td>
              <td>{named(ctx, PRIORITY_NAMES, p.priority)}</td>
              <td>
                {p.durationValue} {named(ctx, DURATION_UNIT_NAMES, p.durationUnit)}
              </td>
              <td>{p.metBy.join(', ')}</td>
              <td>
                {p.maxExtensions}
                {p.maxExtensionDays !== null ? ` × ≤ ${p.maxExtensionDays}` : ''}
              </td>
              <td>
                {vnTime(p.validFrom)} – {p.validTo ? vnTime(p.validTo) : tr(ctx, A.open)}
              </td>
              <td>{tr(ctx, A[stateOf(p, now)])}</td>
              {admin ? (
                <td>
                  <a href={`${DEADLINES}/new?from=${p.id}`}>
                    {tr(ctx, A.newVersionOf)}
                    <span class="visually-hidden"> {p.kind}</span>
                  </a>
                </td>
              ) : null}
            </tr>
          ))}
        </Table>
      )}
    </Page>
  );
}

/** The form's values of an existing policy (to start its next version from). */
export function policyValues(p: PolicyRow): Record<string, string> {
  return {
    kind: p.kind,
    legal: p.legal ? 'true' : '',
    category: p.category ?? '',
    priority: p.priority ?? '',
    unitKinds: (p.unitKinds ?? []).join(', '),
    durationValue: String(p.durationValue),
    durationUnit: p.durationUnit,
    metBy: p.metBy.join(', '),
    pausable: p.pausable ? 'true' : '',
    maxExtensions: String(p.maxExtensions),
    maxExtensionDays: p.maxExtensionDays === null ? '' : String(p.maxExtensionDays),
    legalReference: p.legalReference ?? '',
    validFrom: '',
  };
}

function Check({ name, label, on }: { name: string; label: string; on: boolean }) {
  return (
    <p class="choice">
      <input type="checkbox" id={`f-${name}`} name={name} value="true" checked={on} />
      <label for={`f-${name}`}>{label}</label>
    </p>
  );
}

/** A new version of a policy (it replaces the one in force for the same kind, category and priority). */
export function PolicyNewPage({ ctx, values = {}, problems = [] }: { ctx: ConsoleCtx; values?: Record<string, string>; problems?: FormProblem[] }) {
  const v: Record<string, string> = { pausable: 'true', durationUnit: 'working_days', maxExtensions: '0', ...values };
  const e = (f: string) => errorFor(problems, f);
  return (
    <Page ctx={ctx} title={tr(ctx, A.newPolicy)} nav="admin">
      <p>{tr(ctx, A.deadlinesIntro)}</p>
      <ErrorSummary ctx={ctx} problems={problems} />
      <PostForm ctx={ctx} action={DEADLINES}>
        <Field ctx={ctx} name="kind" label={tr(ctx, A.policyKind)} hint="acknowledge, first_action, legal_transfer…" value={v.kind} error={e('kind')} required />
        <Check name="legal" label={tr(ctx, A.legal)} on={v.legal === 'true'} />
        <SelectField
          ctx={ctx}
          name="category"
          label={tr(ctx, A.category)}
          value={v.category ?? ''}
          options={[{ value: '', label: tr(ctx, A.any) }, ...CATEGORY_CODES.map((c) => ({ value: c, label: categoryName(ctx, c) }))]}
          error={e('category')}
        />
        <SelectField
          ctx={ctx}
          name="priority"
          label={tr(ctx, A.priority)}
          value={v.priority ?? ''}
          options={[{ value: '', label: tr(ctx, A.any) }, ...Object.keys(PRIORITY_NAMES).map((p) => ({ value: p, label: named(ctx, PRIORITY_NAMES, p) }))]}
          error={e('priority')}
        />
        <Field ctx={ctx} name="unitKinds" label={tr(ctx, A.unitKinds)} hint={tr(ctx, A.unitKindsHint)} value={v.unitKinds} error={e('unitKinds')} />
        <Field ctx={ctx} name="durationValue" type="number" label={tr(ctx, A.durationValue)} value={v.durationValue} error={e('durationValue')} required />
        <SelectField
          ctx={ctx}
          name="durationUnit"
          label={tr(ctx, A.durationUnit)}
          value={v.durationUnit}
          options={Object.keys(DURATION_UNIT_NAMES).map((u) => ({ value: u, label: named(ctx, DURATION_UNIT_NAMES, u) }))}
          error={e('durationUnit')}
          required
        />
        <Field ctx={ctx} name="metBy" label={tr(ctx, A.metBy)} hint={tr(ctx, A.metByHint)} value={v.metBy} error={e('metBy')} required />
        <Check name="pausable" label={tr(ctx, A.pausable)} on={v.pausable === 'true'} />
        <Field ctx={ctx} name="maxExtensions" type="number" label={tr(ctx, A.maxExtensions)} value={v.maxExtensions} error={e('maxExtensions')} />
        <Field ctx={ctx} name="maxExtensionDays" type="number" label={tr(ctx, A.maxExtensionDays)} hint={tr(ctx, A.maxExtensionDaysHint)} value={v.maxExtensionDays} error={e('maxExtensionDays')} />
        <Field ctx={ctx} name="legalReference" label={tr(ctx, A.legalReference)} value={v.legalReference} error={e('legalReference')} />
        <Field ctx={ctx} name="validFrom" type="datetime-local" label={tr(ctx, A.policyValidFrom)} hint={tr(ctx, A.policyValidFromHint)} value={v.validFrom} error={e('validFrom')} />
        <Button>{tr(ctx, A.save)}</Button>
      </PostForm>
      <p>
        <a href={DEADLINES}>{tr(ctx, A.back)}</a>
      </p>
    </Page>
  );
}
