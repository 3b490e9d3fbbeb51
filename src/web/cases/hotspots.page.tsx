import { HOTSPOT_STATUSES } from '../../hotspots/hotspot-transitions';
import type { ConsoleCtx } from '../shell/console-context';
import { ErrorSummary, FormProblem, problemFor } from '../shell/forms';
import { Page } from '../shell/page';
import { tr } from '../shell/texts';
import { StateBadge, When } from './display';
import type { QueueRowView } from './queue.page';
import { CASES_TEXTS as T, categoryName, HOTSPOT_STATUS_LABELS, labelOf, STATUS_LABELS } from './texts';

export interface HotspotRow {
  id: string;
  localityCode: string;
  description: string;
  status: string;
  createdAt: string;
  statusChangedAt: string;
}

export interface HotspotListData {
  items: HotspotRow[];
  nextCursor: string | null;
  paged: boolean;
  status: string;
  locality: string;
  problems?: FormProblem[];
}

const listQuery = (d: { status: string; locality: string }, extra: Record<string, string> = {}) => {
  const p = new URLSearchParams();
  if (d.status) p.set('status', d.status);
  if (d.locality) p.set('locality', d.locality);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
};

/** /console/hotspots: the caller's units' hotspots, newest first, filtered by status and place. */
export function HotspotListPage(props: { ctx: ConsoleCtx; data: HotspotListData }) {
  const { ctx, data } = props;
  const lang = ctx.lang;
  const localityError = problemFor(data.problems, 'locality');
  return (
    <Page ctx={ctx} title={tr(ctx, T.hotspotsTitle)} nav="hotspots">
      <ErrorSummary problems={data.problems} ctx={ctx} />
      <form method="get" action="/console/hotspots" class="filter-form" aria-label={tr(ctx, T.filters)}>
        <div class="filter-row">
          <div class="field">
            <label for="h-status">{tr(ctx, T.status)}</label>
            <select id="h-status" name="status">
              <option value="">{tr(ctx, T.any)}</option>
              {HOTSPOT_STATUSES.map((s) => (
                <option value={s} selected={data.status === s}>
                  {labelOf(HOTSPOT_STATUS_LABELS, s, lang)}
                </option>
              ))}
            </select>
          </div>
          <div class={localityError ? 'field invalid' : 'field'}>
            <label for="h-locality">{tr(ctx, T.locality)}</label>
            {localityError ? (
              <p class="field-error" id="h-locality-error">
                {localityError}
              </p>
            ) : null}
            <input type="text" id="h-locality" name="locality" value={data.locality} inputMode="numeric" maxLength={5} aria-invalid={localityError ? 'true' : undefined} aria-describedby={localityError ? 'h-locality-error' : undefined} />
          </div>
        </div>
        <button type="submit" class="btn primary">
          {tr(ctx, T.apply)}
        </button>
      </form>
      {data.items.length === 0 ? (
        <p>{tr(ctx, T.noHotspots)}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{tr(ctx, T.hotspotsTitle)}</caption>
            <thead>
              <tr>
                <th scope="col">{tr(ctx, T.description)}</th>
                <th scope="col">{tr(ctx, T.status)}</th>
                <th scope="col">{tr(ctx, T.place)}</th>
                <th scope="col">{tr(ctx, T.statusChangedAt)}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((h) => (
                <tr>
                  <th scope="row">
                    <a href={`/console/hotspots/${h.id}`}>{h.description}</a>
                  </th>
                  <td>{labelOf(HOTSPOT_STATUS_LABELS, h.status, lang)}</td>
                  <td>{h.localityCode}</td>
                  <td>
                    <When iso={h.statusChangedAt} lang={lang} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav class="pager" aria-label={tr(ctx, T.paging)}>
        {data.paged ? <a href={`/console/hotspots${listQuery(data)}`}>{tr(ctx, T.first)}</a> : null}
        {data.nextCursor ? (
          <a href={`/console/hotspots${listQuery(data, { cursor: data.nextCursor })}`} rel="next">
            {tr(ctx, T.next)} →
          </a>
        ) : null}
      </nav>
    </Page>
  );
}

export interface HotspotPageData {
  hotspot: HotspotRow & { verifiedAt: string | null; dismantledAt: string | null; reEmergedAt: string | null };
  history: { from: string | null; to: string; at: string; actorId: string | null; caseId: string | null }[];
  names: Record<string, string>;
  cases: QueueRowView[];
  moreCases: boolean;
}

/** /console/hotspots/:id: the hotspot, its dated status history and the cases linked to it. */
export function HotspotPage(props: { ctx: ConsoleCtx; data: HotspotPageData }) {
  const { ctx, data } = props;
  const lang = ctx.lang;
  const h = data.hotspot;
  return (
    <Page ctx={ctx} title={`${tr(ctx, T.hotspotTitle)}: ${h.description}`} nav="hotspots">
      <p>
        <a href="/console/hotspots">← {tr(ctx, T.hotspotsTitle)}</a>
      </p>
      <dl class="facts">
        <dt>{tr(ctx, T.status)}</dt>
        <dd>{labelOf(HOTSPOT_STATUS_LABELS, h.status, lang)}</dd>
        <dt>{tr(ctx, T.place)}</dt>
        <dd>{h.localityCode}</dd>
        <dt>{tr(ctx, T.createdAt)}</dt>
        <dd>
          <When iso={h.createdAt} lang={lang} />
        </dd>
        <dt>{tr(ctx, T.statusChangedAt)}</dt>
        <dd>
          <When iso={h.statusChangedAt} lang={lang} />
        </dd>
      </dl>
      <section aria-labelledby="history-title">
        <h2 id="history-title">{tr(ctx, T.history)}</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{tr(ctx, T.when)}</th>
                <th scope="col">{tr(ctx, T.from)}</th>
                <th scope="col">{tr(ctx, T.to)}</th>
                <th scope="col">{tr(ctx, T.by)}</th>
                <th scope="col">{tr(ctx, T.viaCase)}</th>
              </tr>
            </thead>
            <tbody>
              {data.history.map((x) => (
                <tr>
                  <td>
                    <When iso={x.at} lang={lang} />
                  </td>
                  <td>{x.from ? labelOf(HOTSPOT_STATUS_LABELS, x.from, lang) : '—'}</td>
                  <td>{labelOf(HOTSPOT_STATUS_LABELS, x.to, lang)}</td>
                  <td>{x.actorId ? (data.names[x.actorId] ?? '—') : '—'}</td>
                  <td>{x.caseId ? <a href={`/console/cases/${x.caseId}`}>{tr(ctx, T.open)}</a> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="cases-title">
        <h2 id="cases-title">{tr(ctx, T.hotspotCases)}</h2>
        {data.cases.length === 0 ? (
          <p>{tr(ctx, T.noCases)}</p>
        ) : (
          <ul>
            {data.cases.map((c) => (
              <li>
                <a href={`/console/cases/${c.id}`}>{c.reference}</a> — {labelOf(STATUS_LABELS, c.status, lang)}, {categoryName(c.category, lang)}, <StateBadge state={c.deadlineState} lang={lang} />
              </li>
            ))}
          </ul>
        )}
        {data.moreCases ? (
          <p>
            <a href={`/console/queue?status=new,acknowledged,verifying,actioned,closed&hotspot=${h.id}`}>{tr(ctx, T.queueTitle)}</a>
          </p>
        ) : null}
      </section>
    </Page>
  );
}
