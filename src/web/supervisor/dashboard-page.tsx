/**
 * The supervisor dashboard: a GET form of filters, then response times (per group and per month),
 * breaches, hotspots year on year, backlog and the at-risk list — each chart an SVG with its
 * figures in a table beside it — and the downloads of the same reports with the same filters.
 */
import type { ComponentChildren } from 'preact';
import { CATEGORIES } from '../../categories/category-catalogue';
import { LABELS } from '../../reports/report-columns';
import type { ConsoleCtx } from '../shell/console-context';
import { Button, ErrorSummary, Field, FormProblem, problemFor, SelectField } from '../shell/forms';
import { Page } from '../shell/page';
import { tr } from '../shell/texts';
import { BarChart, ChartTable, LineChart } from './charts';
import { Backlog, backlogGrid, CLOCK_KINDS, HOTSPOT_MEASURES, Hotspots, ResponseRow, ResponseTimes, topHotspotRows } from './dashboard-data';
import { backlogQuery, DashboardForm, DashboardGroupBy, exportHref, ExportReport, hotspotsQuery, responseTimesQuery } from './dashboard-filters';
import { count, hours, percent, signed, vietnamTime } from './format';
import { SUPERVISOR_TEXTS as T } from './texts';

export interface DashboardData {
  groupBy: DashboardGroupBy;
  main: ResponseTimes;
  months: ResponseTimes;
  hotspots: Hotspots;
  backlog: Backlog;
}

/** Communes drawn in the hotspot chart; the table lists up to HOTSPOT_TABLE_ROWS, the download all. */
export const HOTSPOT_CHART_ROWS = 12;
export const HOTSPOT_TABLE_ROWS = 100;

type Ctx = Pick<ConsoleCtx, 'lang'>;

const label = (ctx: Ctx, code: string | null) => (code === null ? '' : (LABELS[code]?.[ctx.lang] ?? code));
const categoryName = (ctx: Ctx, code: string) => CATEGORIES.find((c) => c.code === code)?.name[ctx.lang] ?? code;

export function DashboardPage(props: { ctx: ConsoleCtx; form: DashboardForm; problems?: readonly FormProblem[]; data: DashboardData | null }) {
  const { ctx, form, data } = props;
  return (
    <Page ctx={ctx} title={tr(ctx, T.title)} nav="dashboard">
      <FilterForm ctx={ctx} form={data ? { ...form, from: data.main.from, to: data.main.to, year: String(data.hotspots.year) } : form} problems={props.problems} />
      {data ? (
        <>
          <ResponseSection ctx={ctx} data={data} />
          <MonthSection ctx={ctx} months={data.months} />
          <BreachSection ctx={ctx} data={data} />
          <HotspotSection ctx={ctx} hotspots={data.hotspots} />
          <BacklogSection ctx={ctx} backlog={data.backlog} />
          <Downloads ctx={ctx} form={form} groupBy={data.groupBy} />
        </>
      ) : (
        <p class="notice">{tr(ctx, T.noFigures)}</p>
      )}
    </Page>
  );
}

function FilterForm(props: { ctx: ConsoleCtx; form: DashboardForm; problems?: readonly FormProblem[] }) {
  const { ctx, form, problems } = props;
  const err = (name: string) => problemFor(problems, name);
  const groupOptions = [
    { value: 'unit', label: tr(ctx, T.groupUnit) },
    { value: 'locality', label: tr(ctx, T.groupLocality) },
    { value: 'category', label: tr(ctx, T.groupCategory) },
    { value: 'month', label: tr(ctx, T.groupMonth) },
  ];
  return (
    <form method="get" action="/console/dashboard" class="filters" aria-labelledby="filters-title">
      <h2 id="filters-title">{tr(ctx, T.filters)}</h2>
      <ErrorSummary ctx={ctx} problems={problems} />
      <div class="filter-grid">
        <Field ctx={ctx} name="from" type="date" label={tr(ctx, T.from)} hint={tr(ctx, T.periodHint)} value={form.from} error={err('from')} />
        <Field ctx={ctx} name="to" type="date" label={tr(ctx, T.to)} value={form.to} error={err('to')} />
        <Field ctx={ctx} name="unit" label={tr(ctx, T.unit)} hint={tr(ctx, T.unitHint)} value={form.unit} error={err('unit')} maxLength={64} />
        <Field ctx={ctx} name="locality" label={tr(ctx, T.locality)} hint={tr(ctx, T.localityHint)} value={form.locality} error={err('locality')} inputmode="numeric" maxLength={5} />
        <SelectField
          ctx={ctx}
          name="category"
          label={tr(ctx, T.category)}
          value={form.category}
          error={err('category')}
          placeholder={tr(ctx, T.anyCategory)}
          options={CATEGORIES.map((c) => ({ value: c.code, label: c.name[ctx.lang] }))}
        />
        <SelectField ctx={ctx} name="groupBy" label={tr(ctx, T.groupBy)} value={form.groupBy || 'unit'} error={err('groupBy')} options={groupOptions} />
        <Field ctx={ctx} name="year" label={tr(ctx, T.year)} hint={tr(ctx, T.yearHint)} value={form.year} error={err('year')} inputmode="numeric" maxLength={4} />
        <Field ctx={ctx} name="province" label={tr(ctx, T.province)} value={form.province} error={err('province')} inputmode="numeric" maxLength={2} />
      </div>
      <Button>{tr(ctx, T.apply)}</Button>
    </form>
  );
}

/** A chart and its table, side by side on a wide screen, one under the other on a phone. */
function ChartPair(props: { chart: ComponentChildren; table: ComponentChildren }) {
  return (
    <div class="chart-pair">
      <div class="chart">{props.chart}</div>
      <div class="chart-table">{props.table}</div>
    </div>
  );
}

const groupHeader = (ctx: Ctx, groupBy: string) =>
  tr(ctx, groupBy === 'locality' ? T.groupLocality : groupBy === 'category' ? T.groupCategory : groupBy === 'month' ? T.groupMonth : T.groupUnit);

const groupLabel = (ctx: Ctx, groupBy: string, r: ResponseRow) => (groupBy === 'category' ? categoryName(ctx, r.key) : r.label);

function ResponseTable(props: { ctx: Ctx; id: string; caption: string; groupBy: string; rows: readonly ResponseRow[] }) {
  const { ctx } = props;
  const h = (n: number | null) => (n === null ? tr(ctx, T.noValue) : hours(n, ctx.lang));
  const pct = (n: number | null) => (n === null ? tr(ctx, T.noValue) : percent(n, ctx.lang));
  return (
    <div class="table-wrap">
      <table id={props.id} class="figures">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{groupHeader(ctx, props.groupBy)}</th>
            <th scope="col">{tr(ctx, T.cases)}</th>
            <th scope="col">{tr(ctx, T.acknowledged)}</th>
            <th scope="col">{tr(ctx, T.closed)}</th>
            <th scope="col">{`${tr(ctx, T.toAck)} ${tr(ctx, T.p50)}`}</th>
            <th scope="col">{`${tr(ctx, T.toAck)} ${tr(ctx, T.p90)}`}</th>
            <th scope="col">{`${tr(ctx, T.toFirstAction)} ${tr(ctx, T.p50)}`}</th>
            <th scope="col">{`${tr(ctx, T.toFirstAction)} ${tr(ctx, T.p90)}`}</th>
            <th scope="col">{`${tr(ctx, T.toClose)} ${tr(ctx, T.p50)}`}</th>
            <th scope="col">{`${tr(ctx, T.toClose)} ${tr(ctx, T.p90)}`}</th>
            <th scope="col">{`${tr(ctx, T.attainment)}: ${tr(ctx, T.clock.acknowledge)}`}</th>
            <th scope="col">{`${tr(ctx, T.attainment)}: ${tr(ctx, T.clock.first_action)}`}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr data-key={r.key}>
              <th scope="row">{groupLabel(ctx, props.groupBy, r)}</th>
              <td class="num" data-col="cases">
                {count(r.cases, ctx.lang)}
              </td>
              <td class="num" data-col="acknowledged">
                {count(r.acknowledged, ctx.lang)}
              </td>
              <td class="num" data-col="closed">
                {count(r.closed, ctx.lang)}
              </td>
              <td class="num">{h(r.ackP50)}</td>
              <td class="num">{h(r.ackP90)}</td>
              <td class="num">{h(r.firstActionP50)}</td>
              <td class="num">{h(r.firstActionP90)}</td>
              <td class="num">{h(r.closeP50)}</td>
              <td class="num">{h(r.closeP90)}</td>
              <td class="num">{pct(r.clocks.acknowledge.attainment)}</td>
              <td class="num">{pct(r.clocks.first_action.attainment)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ResponseSection(props: { ctx: ConsoleCtx; data: DashboardData }) {
  const { ctx } = props;
  const { main, groupBy } = props.data;
  const labels = main.rows.map((r) => groupLabel(ctx, groupBy, r));
  const h = (n: number) => `${hours(n, ctx.lang)} ${tr(ctx, T.hours)}`;
  return (
    <section aria-labelledby="response-title">
      <h2 id="response-title">{tr(ctx, T.responseTitle)}</h2>
      <p>
        {tr(ctx, T.period)}: <time datetime={main.from}>{main.from}</time> – <time datetime={main.to}>{main.to}</time>. {tr(ctx, T.responseNote)}
      </p>
      <div class="chart">
        <BarChart
          id="chart-medians"
          title={`${tr(ctx, T.medianChart)} (${groupHeader(ctx, groupBy)}, ${main.from} – ${main.to})`}
          description={tr(ctx, T.medianChartDesc)}
          categories={labels}
          series={[
            { name: tr(ctx, T.toAck), values: main.rows.map((r) => r.ackP50) },
            { name: tr(ctx, T.toFirstAction), values: main.rows.map((r) => r.firstActionP50) },
            { name: tr(ctx, T.toClose), values: main.rows.map((r) => r.closeP50) },
          ]}
          format={h}
          noValue={tr(ctx, T.noValue)}
        />
      </div>
      <ResponseTable ctx={ctx} id="response-table" caption={`${tr(ctx, T.responseTitle)} (${groupHeader(ctx, groupBy)}) — ${tr(ctx, T.hours)}`} groupBy={groupBy} rows={main.rows} />
      <p class="meta">{tr(ctx, T.attainmentNote)}</p>
    </section>
  );
}

function MonthSection(props: { ctx: ConsoleCtx; months: ResponseTimes }) {
  const { ctx, months } = props;
  const pct = (n: number) => percent(n, ctx.lang);
  const series = [
    { name: tr(ctx, T.clockAck), values: months.rows.map((r) => r.clocks.acknowledge.attainment) },
    { name: tr(ctx, T.clockFirstAction), values: months.rows.map((r) => r.clocks.first_action.attainment) },
  ];
  const categories = months.rows.map((r) => r.key);
  return (
    <section aria-labelledby="month-title">
      <h2 id="month-title">{tr(ctx, T.byMonth)}</h2>
      <ChartPair
        chart={<LineChart id="chart-months" title={tr(ctx, T.monthChart)} description={tr(ctx, T.monthChartDesc)} categories={categories} series={series} format={pct} noValue={tr(ctx, T.noValue)} yMax={1} />}
        table={<ChartTable caption={tr(ctx, T.monthChart)} categoryHeader={tr(ctx, T.month)} categories={categories} series={series} format={pct} noValue={tr(ctx, T.noValue)} />}
      />
      <ResponseTable ctx={ctx} id="month-table" caption={`${tr(ctx, T.responseTitle)} (${tr(ctx, T.groupMonth)}) — ${tr(ctx, T.hours)}`} groupBy="month" rows={months.rows} />
    </section>
  );
}

function BreachSection(props: { ctx: ConsoleCtx; data: DashboardData }) {
  const { ctx } = props;
  const { main, groupBy } = props.data;
  const labels = main.rows.map((r) => groupLabel(ctx, groupBy, r));
  const n = (v: number | null) => (v === null ? tr(ctx, T.noValue) : count(v, ctx.lang));
  return (
    <section aria-labelledby="breaches-title">
      <h2 id="breaches-title">{tr(ctx, T.breachesTitle)}</h2>
      {main.clocksAvailable ? null : <p class="warning">{tr(ctx, T.clocksMissing)}</p>}
      <div class="chart">
        <BarChart
          id="chart-breaches"
          title={`${tr(ctx, T.breachesChart)} (${groupHeader(ctx, groupBy)}, ${main.from} – ${main.to})`}
          description={tr(ctx, T.breachesChartDesc)}
          categories={labels}
          series={[{ name: tr(ctx, T.breached), values: main.rows.map((r) => r.breached) }]}
          format={(v) => count(v, ctx.lang)}
          noValue={tr(ctx, T.noValue)}
        />
      </div>
      <div class="table-wrap">
        <table id="breach-table" class="figures">
          <caption>{tr(ctx, T.breachesTitle)}</caption>
          <thead>
            <tr>
              <th scope="col">{groupHeader(ctx, groupBy)}</th>
              {CLOCK_KINDS.map((k) => (
                <th scope="col">{`${tr(ctx, T.clock[k])}: ${tr(ctx, T.breached).toLowerCase()} / ${tr(ctx, T.met).toLowerCase()}`}</th>
              ))}
              <th scope="col">{`${tr(ctx, T.total)}: ${tr(ctx, T.breached).toLowerCase()}`}</th>
            </tr>
          </thead>
          <tbody>
            {main.rows.map((r, i) => (
              <tr data-key={r.key}>
                <th scope="row">{labels[i]}</th>
                {CLOCK_KINDS.map((k) => (
                  <td class="num">{`${n(r.clocks[k].breached)} / ${n(r.clocks[k].met)}`}</td>
                ))}
                <td class="num" data-col="breached">
                  {n(r.breached)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function HotspotSection(props: { ctx: ConsoleCtx; hotspots: Hotspots }) {
  const { ctx, hotspots } = props;
  const top = topHotspotRows(hotspots.rows, HOTSPOT_CHART_ROWS);
  const name = (r: Hotspots['rows'][number]) => `${r.localityName} (${r.localityCode})${r.mapped ? ' *' : ''}`;
  const v = (x: number | null) => (x === null ? tr(ctx, T.noValue) : count(x, ctx.lang));
  const rows = hotspots.rows.slice(0, HOTSPOT_TABLE_ROWS);
  const anyMapped = hotspots.rows.some((r) => r.mapped);
  return (
    <section aria-labelledby="hotspots-title">
      <h2 id="hotspots-title">{tr(ctx, T.hotspotsTitle)}</h2>
      <p>
        {hotspots.year} / {hotspots.previousYear}. {tr(ctx, T.placesAsOf)} <time datetime={hotspots.placesAsOf}>{hotspots.placesAsOf}</time>.
      </p>
      {hotspots.rows.length === 0 ? (
        <p>{tr(ctx, T.noHotspots)}</p>
      ) : (
        <>
          <div class="chart">
            <BarChart
              id="chart-hotspots"
              title={`${tr(ctx, T.hotspotsChart)}: ${hotspots.year} / ${hotspots.previousYear}`}
              description={`${tr(ctx, T.hotspotsChartDesc)} ${tr(ctx, T.showingTop)} (${top.length}/${hotspots.rows.length}).`}
              categories={top.map(name)}
              series={[
                { name: String(hotspots.year), values: top.map((r) => r.measures.found.now) },
                { name: String(hotspots.previousYear), values: top.map((r) => r.measures.found.prev) },
              ]}
              format={(x) => count(x, ctx.lang)}
              noValue={tr(ctx, T.noValue)}
            />
          </div>
          {anyMapped ? <p class="meta">{tr(ctx, T.mappedRows)}</p> : null}
          <div class="table-wrap">
            <table id="hotspot-table" class="figures">
              <caption>{`${tr(ctx, T.hotspotsTitle)} (${rows.length}/${hotspots.rows.length})`}</caption>
              <thead>
                <tr>
                  <th scope="col">{tr(ctx, T.commune)}</th>
                  {HOTSPOT_MEASURES.map((m) => (
                    <th scope="col">{`${tr(ctx, T[m])} ${hotspots.year} (${hotspots.previousYear}; ${tr(ctx, T.change)})`}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr data-key={r.localityCode}>
                    <th scope="row">
                      {name(r)}
                      {r.mapped ? (
                        <span class="meta">
                          {' '}
                          {tr(ctx, T.mappedFrom)} {r.mappedFrom ?? ''}
                          {r.apportioned ? ` — ${label(ctx, r.apportioned)}` : ''}
                        </span>
                      ) : null}
                    </th>
                    {HOTSPOT_MEASURES.map((m) => {
                      const x = r.measures[m];
                      return <td class="num">{`${v(x.now)} (${v(x.prev)}; ${x.change === null ? tr(ctx, T.noValue) : signed(x.change, ctx.lang)} ${label(ctx, x.direction)})`}</td>;
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function BacklogSection(props: { ctx: ConsoleCtx; backlog: Backlog }) {
  const { ctx, backlog } = props;
  const grid = backlogGrid(backlog.cells);
  const n = (x: number) => count(x, ctx.lang);
  return (
    <section aria-labelledby="backlog-title">
      <h2 id="backlog-title">{tr(ctx, T.backlogTitle)}</h2>
      <p>
        {tr(ctx, T.asOf)} {vietnamTime(backlog.asOf)}: <strong data-figure="open">{n(backlog.open)}</strong> {tr(ctx, T.open).toLowerCase()}, <strong>{n(backlog.breached)}</strong> {tr(ctx, T.atRiskSummary)},{' '}
        <strong>{n(backlog.atRisk)}</strong> {tr(ctx, T.atRiskSoon).replace('{h}', String(backlog.atRiskHours))}.
      </p>
      <ChartPair
        chart={
          <BarChart
            id="chart-backlog"
            title={tr(ctx, T.backlogChart)}
            description={tr(ctx, T.backlogChartDesc)}
            categories={grid.buckets.map((b) => label(ctx, b))}
            series={[{ name: tr(ctx, T.open), values: grid.buckets.map((b) => grid.bucketTotal(b)) }]}
            format={n}
            noValue={tr(ctx, T.noValue)}
          />
        }
        table={
          <div class="table-wrap">
            <table id="backlog-table" class="figures">
              <caption>{tr(ctx, T.backlogChart)}</caption>
              <thead>
                <tr>
                  <th scope="col">{tr(ctx, T.age)}</th>
                  {grid.states.map((s) => (
                    <th scope="col">{label(ctx, s)}</th>
                  ))}
                  <th scope="col">{tr(ctx, T.total)}</th>
                </tr>
              </thead>
              <tbody>
                {grid.buckets.map((b) => (
                  <tr data-key={b}>
                    <th scope="row">{label(ctx, b)}</th>
                    {grid.states.map((s) => (
                      <td class="num">{n(grid.count(b, s))}</td>
                    ))}
                    <td class="num">{n(grid.bucketTotal(b))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        }
      />
      <h3>{tr(ctx, T.atRiskTitle)}</h3>
      {backlog.clocksNote ? <p class="meta">{backlog.clocksNote}</p> : null}
      {backlog.items.length === 0 ? (
        <p>{tr(ctx, T.noAtRisk)}</p>
      ) : (
        <div class="table-wrap">
          <table id="at-risk-table" class="figures">
            <caption>{tr(ctx, T.atRiskTitle)}</caption>
            <thead>
              <tr>
                <th scope="col">{tr(ctx, T.reference)}</th>
                <th scope="col">{tr(ctx, T.groupUnit)}</th>
                <th scope="col">{tr(ctx, T.category)}</th>
                <th scope="col">{tr(ctx, T.status)}</th>
                <th scope="col">{tr(ctx, T.due)}</th>
                <th scope="col">{tr(ctx, T.hoursLeft)}</th>
                <th scope="col">{tr(ctx, T.state)}</th>
              </tr>
            </thead>
            <tbody>
              {backlog.items.map((i) => (
                <tr>
                  <th scope="row">{i.reference}</th>
                  <td>{i.unitCode}</td>
                  <td>{categoryName(ctx, i.category)}</td>
                  <td>{i.status}</td>
                  <td>{vietnamTime(i.dueAt)}</td>
                  <td class="num">{i.hoursLeft === null ? '' : hours(i.hoursLeft, ctx.lang)}</td>
                  <td>
                    <span class={`state state-${i.clockState}`}>{label(ctx, i.clockState)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {backlog.truncated ? <p class="meta">{tr(ctx, T.truncated)}</p> : null}
    </section>
  );
}

function Downloads(props: { ctx: ConsoleCtx; form: DashboardForm; groupBy: DashboardGroupBy }) {
  const { ctx, form } = props;
  const items: { text: string; report: ExportReport; query: Record<string, string> }[] = [
    { text: tr(ctx, T.exportResponse), report: 'response-times', query: responseTimesQuery(form, props.groupBy) },
    { text: tr(ctx, T.exportMonth), report: 'response-times', query: responseTimesQuery(form, 'month') },
    { text: tr(ctx, T.exportCases), report: 'response-times', query: responseTimesQuery(form, 'case') },
    { text: tr(ctx, T.exportHotspots), report: 'hotspots', query: hotspotsQuery(form) },
    { text: tr(ctx, T.exportBacklog), report: 'backlog', query: backlogQuery(form) },
    { text: tr(ctx, T.exportAtRisk), report: 'backlog', query: backlogQuery(form, 'at-risk') },
  ];
  return (
    <section aria-labelledby="downloads-title">
      <h2 id="downloads-title">{tr(ctx, T.downloads)}</h2>
      <ul class="downloads">
        {items.map((i) => (
          <li>
            <span>{i.text}: </span>
            <a href={exportHref(i.report, i.query, 'csv', ctx.lang)} download aria-label={`${i.text} — CSV`}>
              CSV
            </a>{' '}
            <a href={exportHref(i.report, i.query, 'xlsx', ctx.lang)} download aria-label={`${i.text} — XLSX`}>
              XLSX
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
