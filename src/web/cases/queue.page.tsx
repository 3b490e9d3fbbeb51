import { CASE_STATUSES, PRIORITIES } from '../../cases/case-transitions';
import type { ConsoleCtx, ConsoleLang } from '../shell/console-context';
import { ErrorSummary, FormProblem, problemFor } from '../shell/forms';
import { Page } from '../shell/page';
import { tr } from '../shell/texts';
import { QUEUE_SCRIPT_HREF } from './assets';
import { StateBadge, When } from './display';
import { CASES_TEXTS as T, categoryName, categoryOptions, CLOCK_KIND_LABELS, labelOf, PRIORITY_LABELS, STATUS_LABELS } from './texts';

/** One row of the queue, as CaseQueueService.queue returns it (no tip content). */
export interface QueueRowView {
  id: string;
  reference: string;
  status: string;
  category: string;
  localityCode: string | null;
  place: string | null;
  priority: string;
  createdAt: string;
  nextDeadlineAt: string | null;
  deadlineState: string;
  assignee: { id: string; name: string | null } | null;
  claimedBy: string | null;
  possiblyRelated: boolean;
  replyWaiting: boolean;
}

/** One clock of the at-risk list (ClocksService.atRisk). */
export interface AtRiskView {
  clockId: string;
  caseId: string;
  reference: string;
  kind: string;
  legal: boolean;
  dueAt: string;
  state: string;
}

/** The queue's filters as the form holds them (strings, as typed or chosen). */
export interface QueueFilterValues {
  status: string[];
  category: string[];
  priority: string[];
  locality: string;
  deadlineBefore: string;
  /** '' (anyone), 'me' or 'unassigned'. */
  assignment: string;
  /** '' (any), 'true' or 'false'. */
  possiblyRelated: string;
  sort: string;
  /** A hotspot id (the hotspot page links to its cases). */
  hotspot: string;
}

export const NO_FILTERS: QueueFilterValues = { status: [], category: [], priority: [], locality: '', deadlineBefore: '', assignment: '', possiblyRelated: '', sort: 'deadline', hotspot: '' };

export interface QueuePageData {
  filters: QueueFilterValues;
  items: QueueRowView[];
  nextCursor: string | null;
  prevCursor: string | null;
  /** True on a page reached with a cursor (a link back to the first page). */
  paged: boolean;
  atRisk: AtRiskView[];
  problems?: FormProblem[];
}

/** The query string of the filters (only those set), plus paging parameters. Pure. */
export function queueQuery(f: QueueFilterValues, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const s of f.status) p.append('status', s);
  for (const c of f.category) p.append('category', c);
  for (const x of f.priority) p.append('priority', x);
  if (f.locality) p.set('locality', f.locality);
  if (f.deadlineBefore) p.set('deadlineBefore', f.deadlineBefore);
  if (f.assignment) p.set('assignment', f.assignment);
  if (f.possiblyRelated) p.set('possiblyRelated', f.possiblyRelated);
  if (f.sort && f.sort !== 'deadline') p.set('sort', f.sort);
  if (f.hotspot) p.set('hotspot', f.hotspot);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

function Checkboxes(props: { name: string; legend: string; options: { value: string; label: string }[]; checked: string[]; error?: string; lang: ConsoleLang }) {
  return (
    <fieldset class={props.error ? 'checks invalid' : 'checks'}>
      <legend>{props.legend}</legend>
      {props.error ? <p class="field-error">{props.error}</p> : null}
      {props.options.map((o) => {
        const id = `q-${props.name}-${o.value}`;
        return (
          <span class="check">
            <input type="checkbox" id={id} name={props.name} value={o.value} checked={props.checked.includes(o.value)} />
            <label for={id}>{o.label}</label>
          </span>
        );
      })}
    </fieldset>
  );
}

function Radios(props: { name: string; legend: string; options: { value: string; label: string }[]; value: string }) {
  return (
    <fieldset class="checks">
      <legend>{props.legend}</legend>
      {props.options.map((o) => {
        const id = `q-${props.name}-${o.value || 'any'}`;
        return (
          <span class="check">
            <input type="radio" id={id} name={props.name} value={o.value} checked={props.value === o.value} />
            <label for={id}>{o.label}</label>
          </span>
        );
      })}
    </fieldset>
  );
}

/** The filter form: a GET form (bookmarkable, works without JavaScript), folded on small screens. */
function FilterForm(props: { ctx: ConsoleCtx; f: QueueFilterValues; problems?: FormProblem[] }) {
  const { ctx, f } = props;
  const lang = ctx.lang;
  const active = queueQuery(f) !== '';
  const err = (name: string) => problemFor(props.problems, name);
  return (
    <details class="filters" open={active || (props.problems?.length ?? 0) > 0}>
      <summary>{tr(ctx, T.filters)}</summary>
      <form method="get" action="/console/queue" class="filter-form">
        {f.hotspot ? <input type="hidden" name="hotspot" value={f.hotspot} /> : null}
        <Checkboxes name="status" legend={tr(ctx, T.status)} lang={lang} checked={f.status} error={err('status')} options={CASE_STATUSES.map((s) => ({ value: s, label: labelOf(STATUS_LABELS, s, lang) }))} />
        <Checkboxes name="priority" legend={tr(ctx, T.priority)} lang={lang} checked={f.priority} error={err('priority')} options={PRIORITIES.map((s) => ({ value: s, label: labelOf(PRIORITY_LABELS, s, lang) }))} />
        <Checkboxes name="category" legend={tr(ctx, T.category)} lang={lang} checked={f.category} error={err('category')} options={categoryOptions(lang)} />
        <Radios
          name="assignment"
          legend={tr(ctx, T.assignment)}
          value={f.assignment}
          options={[
            { value: '', label: tr(ctx, T.anyone) },
            { value: 'me', label: tr(ctx, T.assignedToMe) },
            { value: 'unassigned', label: tr(ctx, T.unassigned) },
          ]}
        />
        <Radios
          name="possiblyRelated"
          legend={tr(ctx, T.related)}
          value={f.possiblyRelated}
          options={[
            { value: '', label: tr(ctx, T.any) },
            { value: 'true', label: tr(ctx, T.relatedYes) },
            { value: 'false', label: tr(ctx, T.relatedNo) },
          ]}
        />
        <div class="filter-row">
          <div class={err('locality') ? 'field invalid' : 'field'}>
            <label for="q-locality">{tr(ctx, T.locality)}</label>
            {err('locality') ? <p class="field-error" id="q-locality-error">{err('locality')}</p> : null}
            <input type="text" id="q-locality" name="locality" value={f.locality} inputMode="numeric" pattern="[0-9]{2,5}" maxLength={5} aria-invalid={err('locality') ? 'true' : undefined} aria-describedby={err('locality') ? 'q-locality-error' : undefined} />
          </div>
          <div class={err('deadlineBefore') ? 'field invalid' : 'field'}>
            <label for="q-deadlineBefore">{tr(ctx, T.deadlineBefore)}</label>
            {err('deadlineBefore') ? <p class="field-error" id="q-deadlineBefore-error">{err('deadlineBefore')}</p> : null}
            <input type="date" id="q-deadlineBefore" name="deadlineBefore" value={f.deadlineBefore} aria-invalid={err('deadlineBefore') ? 'true' : undefined} aria-describedby={err('deadlineBefore') ? 'q-deadlineBefore-error' : undefined} />
          </div>
          <div class="field">
            <label for="q-sort">{tr(ctx, T.sort)}</label>
            <select id="q-sort" name="sort">
              {(['deadline', 'priority', 'age'] as const).map((s) => (
                <option value={s} selected={f.sort === s}>
                  {tr(ctx, s === 'deadline' ? T.sortDeadline : s === 'priority' ? T.sortPriority : T.sortAge)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="submit" class="btn primary">
          {tr(ctx, T.apply)}
        </button>
        {active ? (
          <a class="btn secondary" href="/console/queue">
            {tr(ctx, T.clear)}
          </a>
        ) : null}
      </form>
    </details>
  );
}

/** The clocks due soon or past due, nearest first: each links to its case. */
export function AtRiskList(props: { ctx: ConsoleCtx; items: AtRiskView[] }) {
  const { ctx } = props;
  return (
    <section aria-labelledby="at-risk-title" class="at-risk">
      <h2 id="at-risk-title">
        {tr(ctx, T.atRiskTitle)} ({props.items.length})
      </h2>
      {props.items.length === 0 ? (
        <p>{tr(ctx, T.atRiskNone)}</p>
      ) : (
        <ul>
          {props.items.map((r) => (
            <li>
              <StateBadge state={r.state} lang={ctx.lang} /> <a href={`/console/cases/${r.caseId}`}>{r.reference}</a> — {labelOf(CLOCK_KIND_LABELS, r.kind, ctx.lang)}
              {r.legal ? ` (${tr(ctx, T.legal)})` : ''}, {tr(ctx, T.dueAt).toLowerCase()} <When iso={r.dueAt} lang={ctx.lang} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Flags(props: { ctx: ConsoleCtx; row: QueueRowView }) {
  const { ctx, row } = props;
  const flags: string[] = [];
  if (row.replyWaiting) flags.push(tr(ctx, T.replyWaiting));
  if (row.possiblyRelated) flags.push(tr(ctx, T.related));
  if (row.claimedBy) flags.push(tr(ctx, row.claimedBy === ctx.user.id ? T.claimedByMe : T.claimedByOther));
  return <>{flags.length ? flags.join('; ') : ''}</>;
}

/** The queue: the at-risk list, the filters, the unit's cases (keyset pages) and the page links. */
export function QueuePage(props: { ctx: ConsoleCtx; data: QueuePageData }) {
  const { ctx, data } = props;
  const lang = ctx.lang;
  const f = data.filters;
  return (
    <Page ctx={ctx} title={tr(ctx, T.queueTitle)} nav="queue">
      <ErrorSummary problems={data.problems} ctx={ctx} />
      <AtRiskList ctx={ctx} items={data.atRisk} />
      <FilterForm ctx={ctx} f={f} problems={data.problems} />
      <p class="meta">{tr(ctx, T.keysHint)}</p>
      {data.items.length === 0 ? (
        <p>{tr(ctx, T.noCases)}</p>
      ) : (
        <div class="table-wrap">
          <table class="queue" id="queue">
            <caption class="visually-hidden">{tr(ctx, T.queueTitle)}</caption>
            <thead>
              <tr>
                <th scope="col">{tr(ctx, T.reference)}</th>
                <th scope="col">{tr(ctx, T.deadline)}</th>
                <th scope="col">{tr(ctx, T.status)}</th>
                <th scope="col">{tr(ctx, T.priority)}</th>
                <th scope="col">{tr(ctx, T.category)}</th>
                <th scope="col">{tr(ctx, T.place)}</th>
                <th scope="col">{tr(ctx, T.received)}</th>
                <th scope="col">{tr(ctx, T.assignee)}</th>
                <th scope="col">{tr(ctx, T.flags)}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((r) => (
                <tr class={`row-${r.deadlineState}`}>
                  <th scope="row">
                    <a class="case-link" href={`/console/cases/${r.id}`}>
                      {r.reference}
                    </a>
                  </th>
                  <td>
                    <StateBadge state={r.deadlineState} lang={lang} />
                    {r.nextDeadlineAt ? (
                      <>
                        <br />
                        <When iso={r.nextDeadlineAt} lang={lang} />
                      </>
                    ) : null}
                  </td>
                  <td>{labelOf(STATUS_LABELS, r.status, lang)}</td>
                  <td>{labelOf(PRIORITY_LABELS, r.priority, lang)}</td>
                  <td>{categoryName(r.category, lang)}</td>
                  <td>{r.place ?? r.localityCode ?? '—'}</td>
                  <td>
                    <When iso={r.createdAt} lang={lang} />
                  </td>
                  <td>{r.assignee ? (r.assignee.name ?? '—') : '—'}</td>
                  <td>
                    <Flags ctx={ctx} row={r} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav class="pager" aria-label={tr(ctx, T.paging)}>
        {data.paged ? (
          <a href={`/console/queue${queueQuery(f)}`} rel="first">
            {tr(ctx, T.first)}
          </a>
        ) : null}
        {data.prevCursor ? (
          <a href={`/console/queue${queueQuery(f, { before: data.prevCursor })}`} rel="prev">
            ← {tr(ctx, T.prev)}
          </a>
        ) : null}
        {data.nextCursor ? (
          <a href={`/console/queue${queueQuery(f, { cursor: data.nextCursor })}`} rel="next">
            {tr(ctx, T.next)} →
          </a>
        ) : null}
      </nav>
      <script src={QUEUE_SCRIPT_HREF} defer></script>
    </Page>
  );
}
