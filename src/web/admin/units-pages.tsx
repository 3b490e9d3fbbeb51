import type { UnitRow } from '../../units/units.repository';
import { UNIT_KINDS } from '../../units/unit.entity';
import type { ConsoleCtx } from '../shell/console-context';
import { Button, ErrorSummary, Field, PostForm, SelectField } from '../shell/forms';
import { Page } from '../shell/page';
import { tr } from '../shell/texts';
import { DoneNotice, isAdmin, Pager, periodText, Table, shortTitle } from './admin-ui';
import { errorFor, FormProblem } from './form-input';
import { A, UNIT_KIND_NAMES } from './texts';

const UNITS = '/console/admin/units';
export const UNIT_FORM_FIELDS = ['code', 'name', 'kind', 'parentCode', 'validFrom', 'validTo'] as const;
export const UNIT_CHANGE_FIELDS = ['name', 'parentCode', 'validTo'] as const;
export const COVERAGE_FIELDS = ['localityCode', 'validFrom', 'validTo'] as const;

export interface CoverageRow {
  id: string;
  unitId: string;
  localityCode: string;
  validFrom: string;
  validTo: string | null;
}

const kindName = (ctx: ConsoleCtx, kind: string) => (Object.hasOwn(UNIT_KIND_NAMES, kind) ? tr(ctx, UNIT_KIND_NAMES[kind]) : kind);
const unitHref = (code: string) => `${UNITS}/${encodeURIComponent(code)}`;

export interface UnitsListData {
  items: UnitRow[];
  nextCursor: string | null;
  first: boolean;
  /** Parent codes by id (the page's parents). */
  codes: Map<string, string>;
  done?: string;
}

/** Every unit, past and present, a page at a time (id order, as the API lists them). */
export function UnitsListPage({ ctx, data }: { ctx: ConsoleCtx; data: UnitsListData }) {
  return (
    <Page ctx={ctx} title={tr(ctx, A.unitsTitle)} nav="admin">
      <DoneNotice ctx={ctx} done={data.done} />
      <p>{tr(ctx, A.unitsIntro)}</p>
      {isAdmin(ctx) ? (
        <p>
          <a class="btn" href={`${UNITS}/new`}>
            {tr(ctx, A.newUnit)}
          </a>
        </p>
      ) : (
        <p>{tr(ctx, A.readOnly)}</p>
      )}
      {data.items.length === 0 ? (
        <p>{tr(ctx, A.unitsNone)}</p>
      ) : (
        <Table label={tr(ctx, A.unitsTitle)} head={[tr(ctx, A.code), tr(ctx, A.name), tr(ctx, A.kind), tr(ctx, A.parent), tr(ctx, A.period)]}>
          {data.items.map((u) => (
            <tr>
              <td>
                <a href={unitHref(u.code)}>{u.code}</a>
              </td>
              <td>{u.name}</td>
              <td>{kindName(ctx, u.kind)}</td>
              <td>{u.parentId ? (data.codes.get(u.parentId) ?? u.parentId) : ''}</td>
              <td>{periodText(ctx, u.validFrom, u.validTo)}</td>
            </tr>
          ))}
        </Table>
      )}
      <Pager ctx={ctx} base={UNITS} nextCursor={data.nextCursor} first={data.first} />
    </Page>
  );
}

const kindOptions = (ctx: ConsoleCtx) => UNIT_KINDS.map((k) => ({ value: k, label: kindName(ctx, k) }));

/** A new unit. */
export function UnitNewPage({ ctx, values = {}, problems = [] }: { ctx: ConsoleCtx; values?: Record<string, string>; problems?: FormProblem[] }) {
  return (
    <Page ctx={ctx} title={tr(ctx, A.newUnit)} nav="admin">
      <ErrorSummary ctx={ctx} problems={problems} />
      <PostForm ctx={ctx} action={UNITS}>
        <Field ctx={ctx} name="code" label={tr(ctx, A.code)} hint="CA-24-07210" value={values.code} error={errorFor(problems, 'code')} required />
        <Field ctx={ctx} name="name" label={tr(ctx, A.name)} value={values.name} error={errorFor(problems, 'name')} required />
        <SelectField ctx={ctx} name="kind" label={tr(ctx, A.kind)} value={values.kind || 'commune_police'} options={kindOptions(ctx)} error={errorFor(problems, 'kind')} required />
        <Field ctx={ctx} name="parentCode" label={tr(ctx, A.parentCode)} hint={tr(ctx, A.parentCodeHint)} value={values.parentCode} error={errorFor(problems, 'parentCode')} />
        <Field ctx={ctx} name="validFrom" type="date" label={tr(ctx, A.validFrom)} value={values.validFrom} error={errorFor(problems, 'validFrom')} required />
        <Field ctx={ctx} name="validTo" type="date" label={tr(ctx, A.validToOptional)} value={values.validTo} error={errorFor(problems, 'validTo')} />
        <Button>{tr(ctx, A.create)}</Button>
      </PostForm>
      <p>
        <a href={UNITS}>{tr(ctx, A.back)}</a>
      </p>
    </Page>
  );
}

export interface UnitPageData {
  unit: UnitRow;
  parentCode: string | null;
  coverage: CoverageRow[];
  /** Locality names by `code@validFrom` of the coverage rows, where known. */
  localityNames: Map<string, string>;
  coverageMore: boolean;
  done?: string;
  /** What was typed in the coverage form (after a problem). */
  values?: Record<string, string>;
  problems?: FormProblem[];
}

/** One unit with its coverage over time, and (admins) its forms. */
export function UnitPage({ ctx, data }: { ctx: ConsoleCtx; data: UnitPageData }) {
  const u = data.unit;
  const problems = data.problems ?? [];
  const coverageValues = data.values ?? {};
  const coverageProblems = problems;
  return (
    <Page ctx={ctx} title={shortTitle(`${tr(ctx, A.unitPage)} ${u.code}`)} nav="admin">
      <p class="lead">{u.name}</p>
      <DoneNotice ctx={ctx} done={data.done} />
      <ErrorSummary ctx={ctx} problems={problems} />
      <dl class="details">
        <dt>{tr(ctx, A.kind)}</dt>
        <dd>{kindName(ctx, u.kind)}</dd>
        <dt>{tr(ctx, A.parent)}</dt>
        <dd>{data.parentCode ? <a href={unitHref(data.parentCode)}>{data.parentCode}</a> : tr(ctx, A.none)}</dd>
        <dt>{tr(ctx, A.period)}</dt>
        <dd>{periodText(ctx, u.validFrom, u.validTo)}</dd>
      </dl>
      {isAdmin(ctx) ? (
        <p>
          <a href={`${unitHref(u.code)}/change`}>{tr(ctx, A.changeUnit)}</a>
        </p>
      ) : null}
      <h2>{tr(ctx, A.coverage)}</h2>
      {data.coverage.length === 0 ? (
        <p>{tr(ctx, A.coverageNone)}</p>
      ) : (
        <Table
          label={`${tr(ctx, A.coverage)} ${u.code}`}
          head={[tr(ctx, A.localityCode), tr(ctx, A.locality), tr(ctx, A.period), ...(isAdmin(ctx) ? [tr(ctx, A.actions)] : [])]}
        >
          {data.coverage.map((c) => (
            <tr>
              <td>{c.localityCode}</td>
              <td>{data.localityNames.get(`${c.localityCode}@${c.validFrom}`) ?? ''}</td>
              <td>{periodText(ctx, c.validFrom, c.validTo)}</td>
              {isAdmin(ctx) ? (
                <td>
                  <a href={`${unitHref(u.code)}/coverage/${c.id}/close`}>
                    {tr(ctx, A.closeCoverage)}
                    <span class="visually-hidden"> {c.localityCode}</span>
                  </a>
                </td>
              ) : null}
            </tr>
          ))}
        </Table>
      )}
      {data.coverageMore ? <p>…</p> : null}
      {isAdmin(ctx) ? (
        <>
          <h2 id="add-coverage">{tr(ctx, A.addCoverage)}</h2>
          <PostForm ctx={ctx} action={`${unitHref(u.code)}/coverage`}>
            <Field ctx={ctx} name="localityCode" label={tr(ctx, A.localityCode)} hint={tr(ctx, A.localityCodeHint)} value={coverageValues.localityCode} error={errorFor(coverageProblems, 'localityCode')} required />
            <Field ctx={ctx} name="validFrom" type="date" label={tr(ctx, A.validFrom)} value={coverageValues.validFrom} error={errorFor(coverageProblems, 'validFrom')} required />
            <Field ctx={ctx} name="validTo" type="date" label={tr(ctx, A.validToOptional)} value={coverageValues.validTo} error={errorFor(coverageProblems, 'validTo')} />
            <Button>{tr(ctx, A.addCoverage)}</Button>
          </PostForm>
        </>
      ) : null}
      <p>
        <a href={UNITS}>{tr(ctx, A.back)}</a>
      </p>
    </Page>
  );
}

/** Rename, move in the chain of command, or end a unit (the form starts from the unit as it is). */
export function UnitChangePage({ ctx, unit, parentCode, values, problems = [] }: { ctx: ConsoleCtx; unit: UnitRow; parentCode: string | null; values?: Record<string, string>; problems?: FormProblem[] }) {
  const v = values ?? { name: unit.name, parentCode: parentCode ?? '', validTo: unit.validTo ?? '' };
  return (
    <Page ctx={ctx} title={shortTitle(`${tr(ctx, A.changeUnit)}: ${unit.code}`)} nav="admin">
      <p>{periodText(ctx, unit.validFrom, unit.validTo)}</p>
      <ErrorSummary ctx={ctx} problems={problems} />
      <PostForm ctx={ctx} action={`${unitHref(unit.code)}/change`}>
        <Field ctx={ctx} name="name" label={tr(ctx, A.name)} value={v.name} error={errorFor(problems, 'name')} required />
        <Field ctx={ctx} name="parentCode" label={tr(ctx, A.parentCode)} hint={tr(ctx, A.parentKeepHint)} value={v.parentCode} error={errorFor(problems, 'parentCode')} />
        <Field ctx={ctx} name="validTo" type="date" label={tr(ctx, A.validToOptional)} value={v.validTo} error={errorFor(problems, 'validTo')} />
        <Button>{tr(ctx, A.save)}</Button>
      </PostForm>
      <p>
        <a href={unitHref(unit.code)}>{tr(ctx, A.cancel)}</a>
      </p>
    </Page>
  );
}

/** Ending one coverage row: the day, with the consequences said first. */
export function CoverageClosePage({
  ctx,
  unit,
  coverage,
  values = {},
  problems = [],
}: {
  ctx: ConsoleCtx;
  unit: UnitRow;
  coverage: CoverageRow;
  values?: Record<string, string>;
  problems?: FormProblem[];
}) {
  return (
    <Page ctx={ctx} title={shortTitle(`${tr(ctx, A.closeCoverage)}: ${unit.code} ${coverage.localityCode}`)} nav="admin">
      <p>{periodText(ctx, coverage.validFrom, coverage.validTo)}</p>
      <p>{tr(ctx, A.closeCoverageConfirm)}</p>
      <ErrorSummary ctx={ctx} problems={problems} />
      <PostForm ctx={ctx} action={`${unitHref(unit.code)}/coverage/${coverage.id}/close`}>
        <Field ctx={ctx} name="validTo" type="date" label={tr(ctx, A.validTo)} value={values.validTo} error={errorFor(problems, 'validTo')} required />
        <Button kind="danger">{tr(ctx, A.closeCoverage)}</Button>
      </PostForm>
      <p>
        <a href={unitHref(unit.code)}>{tr(ctx, A.cancel)}</a>
      </p>
    </Page>
  );
}
