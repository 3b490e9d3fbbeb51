import { CATEGORIES } from '../../categories/category-catalogue';
import { CATEGORY_CODES } from '../../categories/category-codes';
import type { Localized } from '../../common/i18n';
import { t } from '../../common/i18n';
import type { RuleTarget } from '../../routing/routing-rule.entity';
import type { RuleRow } from '../../routing/routing.repository';
import type { RoutingDecision } from '../../routing/routing.service';
import { UNIT_KINDS } from '../../units/unit.entity';
import type { ConsoleCtx } from '../shell/console-context';
import { Button, ErrorSummary, Field, PostForm, SelectField } from '../shell/forms';
import { Page } from '../shell/page';
import { tr } from '../shell/texts';
import { DoneNotice, isAdmin, Pager, periodText, Table, shortTitle } from './admin-ui';
import { errorFor, FormProblem } from './form-input';
import { A, PRIORITY_NAMES, SCOPE_NAMES, UNIT_KIND_NAMES } from './texts';

const ROUTING = '/console/admin/routing';
export const RULE_FORM_FIELDS = ['category', 'scopeLevel', 'scopeCode', 'targetUnitCode', 'targetKind', 'priority', 'validFrom', 'validTo', 'description'] as const;
export const EXPLAIN_FIELDS = ['category', 'locality', 'at', 'localPoliceInvolved'] as const;

const CATEGORY_NAMES = new Map<string, Localized>(CATEGORIES.map((c) => [c.code, c.name]));
export const categoryName = (ctx: ConsoleCtx, code: string | null): string =>
  code === null ? tr(ctx, A.categoryFallback) : CATEGORY_NAMES.has(code) ? tr(ctx, CATEGORY_NAMES.get(code)!) : code;
const named = (ctx: ConsoleCtx, names: Record<string, Localized>, code: string) => (Object.hasOwn(names, code) ? tr(ctx, names[code]) : code);
const scopeText = (ctx: ConsoleCtx, r: { scopeLevel: string; scopeCode: string | null }) =>
  `${named(ctx, SCOPE_NAMES, r.scopeLevel)}${r.scopeCode ? ` ${r.scopeCode}` : ''}`;

/** A rule's target as people read it: a unit's code, or "the covering unit of kind K". */
export function targetText(ctx: ConsoleCtx, target: RuleTarget, unitCodes: Map<string, string>): string {
  if (target.type === 'unit') return unitCodes.get(target.unitId) ?? target.unitId;
  return `${tr(ctx, A.coveringOf)} ${named(ctx, UNIT_KIND_NAMES, target.kind)}`;
}

export interface RulesListData {
  items: RuleRow[];
  nextCursor: string | null;
  first: boolean;
  unitCodes: Map<string, string>;
  done?: string;
}

/** Every routing rule, closed and replaced versions included. */
export function RulesListPage({ ctx, data }: { ctx: ConsoleCtx; data: RulesListData }) {
  const admin = isAdmin(ctx);
  return (
    <Page ctx={ctx} title={tr(ctx, A.routingTitle)} nav="admin">
      <DoneNotice ctx={ctx} done={data.done} />
      <p>{tr(ctx, A.routingIntro)}</p>
      <ul class="actions">
        <li>
          <a href={`${ROUTING}/explain`}>{tr(ctx, A.explainTitle)}</a>
        </li>
        {admin ? (
          <li>
            <a href={`${ROUTING}/rules/new`}>{tr(ctx, A.newRule)}</a>
          </li>
        ) : null}
      </ul>
      {data.items.length === 0 ? (
        <p>{tr(ctx, A.rulesNone)}</p>
      ) : (
        <Table
          label={tr(ctx, A.routingTitle)}
          head={[tr(ctx, A.category), tr(ctx, A.scope), tr(ctx, A.target), tr(ctx, A.notify), tr(ctx, A.priority), tr(ctx, A.period), tr(ctx, A.description), ...(admin ? [tr(ctx, A.actions)] : [])]}
        >
          {data.items.map((r) => (
            <tr id={`rule-${r.id}`}>
              <td>{categoryName(ctx, r.category)}</td>
              <td>{scopeText(ctx, r)}</td>
              <td>{targetText(ctx, r.target, data.unitCodes)}</td>
              <td>{r.notify.map((n) => targetText(ctx, n, data.unitCodes)).join(', ')}</td>
              <td>{named(ctx, PRIORITY_NAMES, r.priority)}</td>
              <td>{periodText(ctx, r.validFrom, r.validTo)}</td>
              <td>{r.description ?? ''}</td>
              {admin ? (
                <td>
                  <a href={`${ROUTING}/rules/${r.id}/close`}>{tr(ctx, A.closeRule)}</a>
                </td>
              ) : null}
            </tr>
          ))}
        </Table>
      )}
      <Pager ctx={ctx} base={ROUTING} nextCursor={data.nextCursor} first={data.first} />
    </Page>
  );
}

const categoryOptions = (ctx: ConsoleCtx) => CATEGORY_CODES.map((c) => ({ value: c, label: categoryName(ctx, c) }));

/** A new rule: exactly one target (a fixed unit or the covering unit of a kind). */
export function RuleNewPage({ ctx, values = {}, problems = [] }: { ctx: ConsoleCtx; values?: Record<string, string>; problems?: FormProblem[] }) {
  return (
    <Page ctx={ctx} title={tr(ctx, A.newRule)} nav="admin">
      <ErrorSummary ctx={ctx} problems={problems} />
      <PostForm ctx={ctx} action={`${ROUTING}/rules`}>
        <SelectField
          ctx={ctx}
          name="category"
          label={tr(ctx, A.category)}
          value={values.category ?? ''}
          options={[{ value: '', label: tr(ctx, A.categoryFallback) }, ...categoryOptions(ctx)]}
          error={errorFor(problems, 'category')}
        />
        <SelectField
          ctx={ctx}
          name="scopeLevel"
          label={tr(ctx, A.scopeLevel)}
          value={values.scopeLevel || 'national'}
          options={Object.keys(SCOPE_NAMES).map((s) => ({ value: s, label: named(ctx, SCOPE_NAMES, s) }))}
          error={errorFor(problems, 'scopeLevel')}
          required
        />
        <Field ctx={ctx} name="scopeCode" label={tr(ctx, A.scopeCode)} hint={tr(ctx, A.scopeCodeHint)} value={values.scopeCode} error={errorFor(problems, 'scopeCode')} />
        <Field ctx={ctx} name="targetUnitCode" label={tr(ctx, A.targetUnitCode)} hint={tr(ctx, A.targetHint)} value={values.targetUnitCode} error={errorFor(problems, 'targetUnitCode')} />
        <SelectField
          ctx={ctx}
          name="targetKind"
          label={tr(ctx, A.targetKind)}
          value={values.targetKind ?? ''}
          options={[{ value: '', label: '—' }, ...UNIT_KINDS.map((k) => ({ value: k, label: named(ctx, UNIT_KIND_NAMES, k) }))]}
          error={errorFor(problems, 'targetKind')}
        />
        <SelectField
          ctx={ctx}
          name="priority"
          label={tr(ctx, A.priority)}
          value={values.priority || 'normal'}
          options={Object.keys(PRIORITY_NAMES).map((p) => ({ value: p, label: named(ctx, PRIORITY_NAMES, p) }))}
          error={errorFor(problems, 'priority')}
          required
        />
        <Field ctx={ctx} name="validFrom" type="date" label={tr(ctx, A.validFrom)} value={values.validFrom} error={errorFor(problems, 'validFrom')} required />
        <Field ctx={ctx} name="validTo" type="date" label={tr(ctx, A.validToOptional)} value={values.validTo} error={errorFor(problems, 'validTo')} />
        <Field ctx={ctx} name="description" label={tr(ctx, A.description)} value={values.description} error={errorFor(problems, 'description')} />
        <Button>{tr(ctx, A.create)}</Button>
      </PostForm>
      <p>
        <a href={ROUTING}>{tr(ctx, A.back)}</a>
      </p>
    </Page>
  );
}

/** Ending a rule on a day (it stays in the history). */
export function RuleClosePage({
  ctx,
  rule,
  unitCodes,
  values = {},
  problems = [],
}: {
  ctx: ConsoleCtx;
  rule: RuleRow;
  unitCodes: Map<string, string>;
  values?: Record<string, string>;
  problems?: FormProblem[];
}) {
  const title = `${tr(ctx, A.closeRule)}: ${categoryName(ctx, rule.category)}, ${scopeText(ctx, rule)}`;
  return (
    <Page ctx={ctx} title={shortTitle(title)} nav="admin">
      <dl class="details">
        <dt>{tr(ctx, A.target)}</dt>
        <dd>{targetText(ctx, rule.target, unitCodes)}</dd>
        <dt>{tr(ctx, A.period)}</dt>
        <dd>{periodText(ctx, rule.validFrom, rule.validTo)}</dd>
      </dl>
      <p>{tr(ctx, A.closeRuleConfirm)}</p>
      <ErrorSummary ctx={ctx} problems={problems} />
      <PostForm ctx={ctx} action={`${ROUTING}/rules/${rule.id}/close`}>
        <Field ctx={ctx} name="validTo" type="date" label={tr(ctx, A.validTo)} value={values.validTo} error={errorFor(problems, 'validTo')} required />
        <Button kind="danger">{tr(ctx, A.closeRule)}</Button>
      </PostForm>
      <p>
        <a href={ROUTING}>{tr(ctx, A.cancel)}</a>
      </p>
    </Page>
  );
}

const PLACE_STATUS: Record<string, Localized> = {
  none: t('Không có nơi xảy ra', 'No place given'),
  unknown: t('Mã địa bàn không tồn tại', 'Unknown locality code'),
  in_force: t('Địa bàn đang có hiệu lực vào ngày đó', 'In force on that day'),
  successor: t('Địa bàn đã kết thúc; theo địa bàn kế thừa', 'Ended; followed its successors'),
  not_yet_in_force: t('Địa bàn chưa có hiệu lực vào ngày đó', 'Not yet in force on that day'),
};

const COI_BECAUSE: Record<string, Localized> = {
  official_misconduct: t('tin về sai phạm của cán bộ', 'a tip about official misconduct'),
  local_police_involved: t('có thể liên quan công an địa phương', 'local police may be involved'),
};

/** The explain tool: the question (a GET form, nothing changes) and, once asked, the decision with its reasons. */
export function ExplainPage({
  ctx,
  values = {},
  problems = [],
  decision,
}: {
  ctx: ConsoleCtx;
  values?: Record<string, string>;
  problems?: FormProblem[];
  decision?: RoutingDecision;
}) {
  const r = decision?.reason;
  return (
    <Page ctx={ctx} title={tr(ctx, A.explainTitle)} nav="admin">
      <p>{tr(ctx, A.routingIntro)}</p>
      <ErrorSummary ctx={ctx} problems={problems} />
      <form method="get" action={`${ROUTING}/explain`}>
        <SelectField ctx={ctx} name="category" label={tr(ctx, A.category)} value={values.category || 'dealing_point'} options={categoryOptions(ctx)} error={errorFor(problems, 'category')} required />
        <Field ctx={ctx} name="locality" label={tr(ctx, A.explainPlace)} hint={tr(ctx, A.explainPlaceHint)} value={values.locality} error={errorFor(problems, 'locality')} />
        <Field ctx={ctx} name="at" type="date" label={tr(ctx, A.explainAt)} hint={tr(ctx, A.explainAtHint)} value={values.at} error={errorFor(problems, 'at')} />
        <p class="choice">
          <input type="checkbox" id="f-localPoliceInvolved" name="localPoliceInvolved" value="true" checked={values.localPoliceInvolved === 'true'} />
          <label for="f-localPoliceInvolved">{tr(ctx, A.localPolice)}</label>
        </p>
        <Button>{tr(ctx, A.explainRun)}</Button>
      </form>
      {decision && r ? (
        <section aria-labelledby="explain-result">
          <h2 id="explain-result">{tr(ctx, A.explainResult)}</h2>
          <dl class="details">
            <dt>{tr(ctx, A.explainUnit)}</dt>
            <dd id="explain-unit">
              <a href={`/console/admin/units/${encodeURIComponent(decision.unit.code)}`}>{decision.unit.code}</a> — {decision.unit.name}
            </dd>
            <dt>{tr(ctx, A.priority)}</dt>
            <dd>{named(ctx, PRIORITY_NAMES, decision.priority)}</dd>
            <dt>{tr(ctx, A.notify)}</dt>
            <dd>{decision.notify.length ? decision.notify.map((n) => n.code).join(', ') : tr(ctx, A.none)}</dd>
            <dt>{tr(ctx, A.explainRule)}</dt>
            <dd>
              {r.rule ? (
                <>
                  {categoryName(ctx, r.rule.category)}, {r.rule.scope}, {tr(ctx, A.validFrom).toLowerCase()} {r.rule.validFrom}
                  {r.rule.description ? ` — ${r.rule.description}` : ''}
                  {r.target?.type === 'covering' ? ` (${tr(ctx, A.coveringOf)} ${named(ctx, UNIT_KIND_NAMES, r.target.kind ?? '')}${r.target.coverage ? `, ${r.target.coverage}` : ''})` : ''}
                </>
              ) : (
                tr(ctx, A.none)
              )}
            </dd>
            <dt>{tr(ctx, A.explainPlaceResolved)}</dt>
            <dd>
              {named(ctx, PLACE_STATUS, r.place.status)}
              {r.place.version ? `: ${r.place.version.code} ${r.place.version.fullName} (${periodText(ctx, r.place.version.validFrom, r.place.version.validTo)})` : ''}
            </dd>
            {r.place.successors.length ? (
              <>
                <dt>{tr(ctx, A.explainSuccessors)}</dt>
                <dd>
                  <ul>
                    {r.place.successors.map((s) => (
                      <li>
                        {s.from} → {s.candidates.join(', ')} ({s.relation}, {s.effectiveDate}){s.note ? ` — ${s.note}` : ''}
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            ) : null}
            <dt>{tr(ctx, A.explainConflict)}</dt>
            <dd>
              {r.conflictOfInterest.applies
                ? `${r.conflictOfInterest.because.map((b) => named(ctx, COI_BECAUSE, b)).join(', ')}; ${tr(ctx, A.explainExcluded)}: ${r.conflictOfInterest.excluded.join(', ') || tr(ctx, A.none)}`
                : tr(ctx, A.no)}
            </dd>
            <dt>{tr(ctx, A.explainPolicy)}</dt>
            <dd>
              {r.policy}, {tr(ctx, A.explainVersion)} {r.snapshotVersion}, {r.date}
            </dd>
          </dl>
          {r.skipped.length ? (
            <Table label={tr(ctx, A.explainSkipped)} head={[tr(ctx, A.scope), tr(ctx, A.explainWhy)]}>
              {r.skipped.map((s) => (
                <tr>
                  <td>
                    <a href={`${ROUTING}#rule-${s.ruleId}`}>{s.scope}</a>
                  </td>
                  <td>{s.why}</td>
                </tr>
              ))}
            </Table>
          ) : null}
        </section>
      ) : null}
    </Page>
  );
}
