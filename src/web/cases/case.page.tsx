import type { ComponentChildren } from 'preact';
import { CATEGORIES } from '../../categories/category-catalogue';
import { ACTIONS_TAKEN, CASE_OUTCOMES, CaseStatus, TRANSITIONS } from '../../cases/case-transitions';
import type { ConsoleCtx, ConsoleLang } from '../shell/console-context';
import { Button, ErrorSummary, Field, FormProblem, PostForm, problemFor, SelectField, TextArea } from '../shell/forms';
import { Page } from '../shell/page';
import { tr } from '../shell/texts';
import { StateBadge, When } from './display';
import {
  ACTION_TAKEN_LABELS,
  CASES_TEXTS as T,
  categoryName,
  CHANNEL_LABELS,
  CLOCK_KIND_LABELS,
  EVENT_LABELS,
  HOTSPOT_STATUS_LABELS,
  labelOf,
  OUTCOME_LABELS,
  PRIORITY_LABELS,
  STATUS_LABELS,
} from './texts';

export interface StaffRef {
  id: string;
  name: string | null;
}

/** The case as CaseViewService.view returns it (what this page reads of it). */
export interface CaseView {
  id: string;
  reference: string;
  unitId: string;
  status: string;
  outcome: string | null;
  actionTaken: string | null;
  priority: string;
  category: string;
  localityCode: string | null;
  possiblyRelated: boolean;
  replyWaiting: boolean;
  hotspotId: string | null;
  duplicateOf: string | null;
  nextDeadlineAt: string | null;
  deadlineState: string;
  version: number;
  claimedBy: (StaffRef & { until: string }) | null;
  assignee: StaffRef | null;
  routing: { ruleId: string | null; reason: unknown };
  observedAt: string;
  channel: string;
  timestamps: Record<string, string | null>;
  content: { destroyed: boolean; note: string | null };
  clocks: {
    id: string;
    kind: string;
    legal: boolean;
    status: string;
    state: string;
    dueAt: string | null;
    extensions: number;
    legalReference: string | null;
  }[];
  tips: {
    id: string;
    channel: string;
    category: string;
    localityCode: string | null;
    observedAt: string;
    narrative: string | null;
    details: Record<string, unknown> | null;
    placeDescription: string | null;
    coordinates: { lat: number; lng: number } | null;
    localPoliceInvolved: boolean;
    createdAt: string;
    photos: { id: string; mime: string; width: number; height: number; bytes: number }[];
  }[];
  timeline: { id: string; type: string; at: string; actor: { type: string; id: string | null }; metadata: Record<string, unknown>; reason: string | null }[];
  messages: { id: string; at: string; author: string; authorStaff: StaffRef | null; visibility: string; body: string | null; destroyed: boolean }[];
}

/** Which form a problem list belongs to (the form that was posted). */
export interface FormState {
  action: string;
  problems: FormProblem[];
  values: Record<string, string>;
}

export interface CasePageData {
  view: CaseView;
  /** Names of the staff the timeline names (actor ids). */
  names: Record<string, string>;
  /** Units for the transfer picker (unit leads), found with `unitQuery`. */
  units: { id: string; code: string; name: string }[];
  unitQuery: string;
  /** Officers of the case's unit (the assign picker, unit leads). */
  officers: StaffRef[];
  /** The caller's hotspots (the link picker). */
  hotspots: { id: string; description: string; status: string }[];
  /** The form that failed, with its problems and what was typed. */
  form?: FormState;
  /** The action just done (a status line). */
  done?: string;
}

const caseUrl = (id: string) => `/console/cases/${id}`;

function Row(props: { label: string; children?: ComponentChildren }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </>
  );
}

/** A value of a routing reason or a tip's details, as text (nested values as compact JSON). */
function plain(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

function RoutingReason(props: { ctx: ConsoleCtx; routing: CaseView['routing'] }) {
  const { ctx } = props;
  const r = (props.routing.reason ?? {}) as Record<string, unknown>;
  const rule = r.rule as { id?: string; description?: string | null; scope?: string; validFrom?: string } | null | undefined;
  const place = r.place as { requested?: string | null; status?: string; chain?: string[] } | undefined;
  const coi = r.conflictOfInterest as { applies?: boolean; because?: string[] } | undefined;
  const skipped = (r.skipped as { ruleId: string; scope: string; why: string }[] | undefined) ?? [];
  return (
    <section aria-labelledby="routing-title">
      <h2 id="routing-title">{tr(ctx, T.routing)}</h2>
      <dl class="facts">
        <Row label={tr(ctx, T.routingRule)}>
          {typeof r.rule === 'string'
            ? r.rule
            : rule
              ? `${rule.description ?? rule.id ?? ''}${rule.scope ? ` (${rule.scope}${rule.validFrom ? `, ${rule.validFrom}` : ''})` : ''}`
              : tr(ctx, T.routingNoRule)}
        </Row>
        {place ? (
          <Row label={tr(ctx, T.place)}>
            {plain(place.requested)} — {plain(place.status)}
            {place.chain && place.chain.length > 1 ? ` (${place.chain.join(' → ')})` : ''}
          </Row>
        ) : null}
        {coi?.applies ? <Row label={tr(ctx, { vi: 'Xung đột lợi ích', en: 'Conflict of interest' })}>{(coi.because ?? []).join(', ')}</Row> : null}
        {skipped.length ? (
          <Row label={tr(ctx, { vi: 'Quy tắc bỏ qua', en: 'Rules skipped' })}>
            {skipped.map((s) => `${s.scope}: ${s.why}`).join('; ')}
          </Row>
        ) : null}
      </dl>
      <details>
        <summary>{tr(ctx, { vi: 'Toàn bộ lý do (kỹ thuật)', en: 'The whole reason (technical)' })}</summary>
        <pre class="json">{JSON.stringify(props.routing.reason, null, 2)}</pre>
      </details>
    </section>
  );
}

/** A tip's structured answers with the questionnaire's own labels where the catalogue knows them. */
function Details(props: { category: string; details: Record<string, unknown>; lang: ConsoleLang }) {
  const fields = CATEGORIES.find((c) => c.code === props.category)?.fields ?? [];
  const labelOfOption = (key: string, v: unknown) => {
    const f = fields.find((x) => x.key === key);
    const o = f?.options?.find((x) => x.value === v);
    return o ? o.label[props.lang] : plain(v);
  };
  return (
    <dl class="facts">
      {Object.entries(props.details).map(([k, v]) => (
        <Row label={fields.find((x) => x.key === k)?.label[props.lang] ?? k}>{Array.isArray(v) ? v.map((x) => labelOfOption(k, x)).join(', ') : labelOfOption(k, v)}</Row>
      ))}
    </dl>
  );
}

function Tips(props: { ctx: ConsoleCtx; view: CaseView }) {
  const { ctx, view } = props;
  const lang = ctx.lang;
  return (
    <section aria-labelledby="content-title">
      <h2 id="content-title">{tr(ctx, T.content)}</h2>
      {view.content.destroyed ? <p class="warning">{tr(ctx, T.contentDestroyed)}</p> : null}
      {view.tips.map((tip, i) => (
        <article class="tip" aria-labelledby={`tip-${tip.id}`}>
          <h3 id={`tip-${tip.id}`}>
            {tr(ctx, T.tip)} {i + 1} — <When iso={tip.createdAt} lang={lang} /> ({labelOf(CHANNEL_LABELS, tip.channel, lang)})
          </h3>
          <dl class="facts">
            <Row label={tr(ctx, T.category)}>{categoryName(tip.category, lang)}</Row>
            <Row label={tr(ctx, T.observedAt)}>
              <When iso={tip.observedAt} lang={lang} />
            </Row>
            {tip.placeDescription !== null ? <Row label={tr(ctx, T.placeDescription)}>{tip.placeDescription}</Row> : null}
            {tip.coordinates ? (
              <Row label={tr(ctx, T.coordinates)}>
                {tip.coordinates.lat}, {tip.coordinates.lng}
              </Row>
            ) : null}
            {tip.localPoliceInvolved ? <Row label={tr(ctx, T.flags)}>{tr(ctx, T.localPolice)}</Row> : null}
          </dl>
          {tip.narrative !== null ? (
            <>
              <h4>{tr(ctx, T.narrative)}</h4>
              <p class="narrative">{tip.narrative}</p>
            </>
          ) : null}
          {tip.details && Object.keys(tip.details).length ? (
            <>
              <h4>{tr(ctx, T.details)}</h4>
              <Details category={tip.category} details={tip.details} lang={lang} />
            </>
          ) : null}
          <h4>{tr(ctx, T.photos)}</h4>
          {tip.photos.length === 0 ? (
            <p>{tr(ctx, T.noPhotos)}</p>
          ) : (
            <ul class="photos">
              {tip.photos.map((p, n) => (
                <li>
                  <a href={`${caseUrl(view.id)}/photos/${p.id}`}>
                    <img src={`${caseUrl(view.id)}/photos/${p.id}`} width={p.width} height={p.height} loading="lazy" alt={`${tr(ctx, T.photoAlt)} ${n + 1}`} />
                  </a>
                </li>
              ))}
            </ul>
          )}
        </article>
      ))}
    </section>
  );
}

function Clocks(props: { ctx: ConsoleCtx; view: CaseView }) {
  const { ctx, view } = props;
  if (view.clocks.length === 0) return null;
  return (
    <section aria-labelledby="clocks-title">
      <h2 id="clocks-title">{tr(ctx, T.clocks)}</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{tr(ctx, T.clockKind)}</th>
              <th scope="col">{tr(ctx, T.clockState)}</th>
              <th scope="col">{tr(ctx, T.dueAt)}</th>
              <th scope="col">{tr(ctx, T.extensions)}</th>
              <th scope="col">{tr(ctx, T.legalBasis)}</th>
            </tr>
          </thead>
          <tbody>
            {view.clocks.map((k) => (
              <tr>
                <th scope="row">
                  {labelOf(CLOCK_KIND_LABELS, k.kind, ctx.lang)} ({tr(ctx, k.legal ? T.legal : T.internal)})
                </th>
                <td>
                  <StateBadge state={k.state} lang={ctx.lang} />
                </td>
                <td>
                  <When iso={k.dueAt} lang={ctx.lang} />
                </td>
                <td>{k.extensions}</td>
                <td>{k.legalReference ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function actorName(ctx: ConsoleCtx, actor: { type: string; id: string | null }, names: Record<string, string>): string {
  if (actor.type === 'tipster') return tr(ctx, T.fromTipster);
  if (actor.type === 'system') return tr(ctx, { vi: 'Hệ thống', en: 'System' });
  if (actor.id && names[actor.id]) return names[actor.id];
  return actor.type;
}

/** What an event's metadata says, in words where this page knows the codes. */
function eventDetail(ctx: ConsoleCtx, e: CaseView['timeline'][number]): string {
  const m = e.metadata ?? {};
  const parts: string[] = [];
  if (typeof m.from === 'string' && typeof m.to === 'string' && m.from !== m.to) parts.push(`${labelOf(STATUS_LABELS, m.from, ctx.lang)} → ${labelOf(STATUS_LABELS, m.to, ctx.lang)}`);
  if (typeof m.outcome === 'string') parts.push(labelOf(OUTCOME_LABELS, m.outcome, ctx.lang));
  if (typeof m.actionTaken === 'string') parts.push(labelOf(ACTION_TAKEN_LABELS, m.actionTaken, ctx.lang));
  if (typeof m.legalReference === 'string') parts.push(m.legalReference);
  if (m.by && typeof m.by === 'object') {
    const by = m.by as { value?: number; unit?: string };
    parts.push(`+${by.value ?? ''} ${by.unit ? tr(ctx, (T as Record<string, { vi: string; en: string }>)[by.unit] ?? { vi: by.unit, en: by.unit }) : ''}`);
  }
  return parts.join('; ');
}

function Timeline(props: { ctx: ConsoleCtx; view: CaseView; names: Record<string, string> }) {
  const { ctx, view } = props;
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{tr(ctx, T.timeline)}</h2>
      <ol class="timeline">
        {view.timeline.map((e) => (
          <li>
            <When iso={e.at} lang={ctx.lang} /> — <strong>{labelOf(EVENT_LABELS, e.type, ctx.lang)}</strong> ({actorName(ctx, e.actor, props.names)})
            {eventDetail(ctx, e) ? <>: {eventDetail(ctx, e)}</> : null}
            {e.reason ? (
              <>
                <br />
                <span class="meta">{tr(ctx, T.reason)}:</span> {e.reason}
              </>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Messages(props: { ctx: ConsoleCtx; view: CaseView }) {
  const { ctx, view } = props;
  return (
    <section aria-labelledby="messages-title">
      <h2 id="messages-title">{tr(ctx, T.messages)}</h2>
      {view.messages.length === 0 ? (
        <p>{tr(ctx, T.noMessages)}</p>
      ) : (
        <ol class="messages">
          {view.messages.map((m) => (
            <li class={`msg from-${m.author} vis-${m.visibility}`}>
              <p class="meta">
                <When iso={m.at} lang={ctx.lang} /> —{' '}
                {m.author === 'tipster'
                  ? tr(ctx, T.fromTipster)
                  : `${m.authorStaff?.name ?? ''} (${tr(ctx, m.visibility === 'internal' ? T.internalNote : T.toTipster)})`}
              </p>
              <p class="body">{m.destroyed ? tr(ctx, T.destroyedMessage) : m.body}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** An action's form: POST to /console/cases/:id/<action> with the CSRF token and (versioned actions) the version seen. */
function ActionForm(props: { ctx: ConsoleCtx; view: CaseView; action: string; versioned?: boolean; label: string; kind?: 'primary' | 'secondary' | 'danger'; children?: ComponentChildren; class?: string }) {
  return (
    <PostForm ctx={props.ctx} action={`${caseUrl(props.view.id)}/${props.action}`} class={props.class ?? 'action'} id={`form-${props.action}`}>
      {props.versioned === false ? null : <input type="hidden" name="version" value={String(props.view.version)} />}
      {props.children}
      <Button kind={props.kind}>{props.label}</Button>
    </PostForm>
  );
}

/** Field props for a form's field: its error and the value typed when the form came back with problems. */
function fieldState(data: CasePageData, action: string, name: string): { error?: string; value?: string } {
  if (data.form?.action !== action) return {};
  return { error: problemFor(data.form.problems, name), value: data.form.values[name] };
}

function ClaimForms(props: { ctx: ConsoleCtx; data: CasePageData }) {
  const { ctx, data } = props;
  const v = data.view;
  const me = ctx.user.id;
  const holder = v.claimedBy;
  const lead = ctx.user.role === 'unit_lead';
  return (
    <section aria-labelledby="claim-title" class="panel">
      <h3 id="claim-title">{tr(ctx, T.claimSection)}</h3>
      <p>
        {holder ? (
          <>
            {holder.name ?? holder.id} {tr(ctx, T.claimedUntil)} <When iso={holder.until} lang={ctx.lang} />
          </>
        ) : (
          tr(ctx, T.nobodyHolds)
        )}
      </p>
      {v.status !== 'closed' && !holder ? <ActionForm ctx={ctx} view={v} action="claim" label={tr(ctx, T.doClaim)} class="inline-action" /> : null}
      {holder?.id === me ? <ActionForm ctx={ctx} view={v} action="release" label={tr(ctx, T.doRelease)} kind="secondary" class="inline-action" /> : null}
      {lead && holder && holder.id !== me ? <ActionForm ctx={ctx} view={v} action="break-lock" label={tr(ctx, T.doBreakLock)} kind="danger" class="inline-action" /> : null}
    </section>
  );
}

function StatusForms(props: { ctx: ConsoleCtx; data: CasePageData }) {
  const { ctx, data } = props;
  const v = data.view;
  const allowed = TRANSITIONS[v.status as CaseStatus] ?? [];
  const lang = ctx.lang;
  return (
    <section aria-labelledby="status-title" class="panel">
      <h3 id="status-title">{tr(ctx, T.statusSection)}</h3>
      {allowed.includes('acknowledge') ? <ActionForm ctx={ctx} view={v} action="acknowledge" label={tr(ctx, T.doAcknowledge)} class="inline-action" /> : null}
      {allowed.includes('verify') ? <ActionForm ctx={ctx} view={v} action="verify" label={tr(ctx, T.doVerify)} class="inline-action" /> : null}
      {allowed.includes('action') ? (
        <ActionForm ctx={ctx} view={v} action="action" label={tr(ctx, T.doAction)}>
          <SelectField ctx={ctx} name="actionTaken" label={tr(ctx, T.actionTaken)} required placeholder={tr(ctx, T.choose)} options={ACTIONS_TAKEN.map((a) => ({ value: a, label: labelOf(ACTION_TAKEN_LABELS, a, lang) }))} {...fieldState(data, 'action', 'actionTaken')} />
        </ActionForm>
      ) : null}
      {allowed.includes('close') ? (
        <ActionForm ctx={ctx} view={v} action="close" label={tr(ctx, T.doClose)}>
          <SelectField
            ctx={ctx}
            name="outcome"
            label={tr(ctx, T.outcome)}
            required
            placeholder={tr(ctx, T.choose)}
            // substantiated only once actioned (the transition table refuses it otherwise)
            options={CASE_OUTCOMES.filter((o) => o !== 'substantiated' || v.status === 'actioned').map((o) => ({ value: o, label: labelOf(OUTCOME_LABELS, o, lang) }))}
            {...fieldState(data, 'close', 'outcome')}
          />
        </ActionForm>
      ) : null}
      {allowed.includes('reopen') ? (
        <ActionForm ctx={ctx} view={v} action="reopen" label={tr(ctx, T.doReopen)}>
          <TextArea ctx={ctx} name="reason" label={tr(ctx, T.reason)} required maxLength={2000} rows={3} {...fieldState(data, 'reopen', 'reason')} />
        </ActionForm>
      ) : null}
    </section>
  );
}

function LeadForms(props: { ctx: ConsoleCtx; data: CasePageData }) {
  const { ctx, data } = props;
  const v = data.view;
  const allowed = TRANSITIONS[v.status as CaseStatus] ?? [];
  return (
    <>
      {allowed.includes('assign') ? (
        <section aria-labelledby="assign-title" class="panel">
          <h3 id="assign-title">{tr(ctx, T.assignSection)}</h3>
          <ActionForm ctx={ctx} view={v} action="assign" label={tr(ctx, T.doAssign)}>
            <SelectField
              ctx={ctx}
              name="assigneeId"
              label={tr(ctx, T.officer)}
              placeholder={tr(ctx, T.nobody)}
              options={data.officers.map((o) => ({ value: o.id, label: o.name ?? o.id }))}
              value={fieldState(data, 'assign', 'assigneeId').value ?? v.assignee?.id ?? ''}
              error={fieldState(data, 'assign', 'assigneeId').error}
            />
          </ActionForm>
        </section>
      ) : null}
      {allowed.includes('transfer') ? (
        <section aria-labelledby="transfer-title" class="panel">
          <h3 id="transfer-title">{tr(ctx, T.transferSection)}</h3>
          {/* The unit picker: a GET search that reloads this page with matching units (no JavaScript needed). */}
          <form method="get" action={caseUrl(v.id)} class="unit-search" role="search">
            <label for="unitq">{tr(ctx, T.findUnit)}</label>
            <input type="search" id="unitq" name="unitq" value={data.unitQuery} maxLength={100} />
            <button type="submit" class="btn secondary">
              {tr(ctx, T.find)}
            </button>
          </form>
          {data.units.length === 0 ? <p>{tr(ctx, T.noUnitsFound)}</p> : null}
          <ActionForm ctx={ctx} view={v} action="transfer" label={tr(ctx, T.doTransfer)}>
            {/* the search the units were found with, so the form comes back with the same choices */}
            {data.unitQuery ? <input type="hidden" name="unitq" value={data.unitQuery} /> : null}
            <SelectField
              ctx={ctx}
              name="unitId"
              label={tr(ctx, T.unit)}
              required
              placeholder={tr(ctx, T.chooseUnit)}
              options={data.units.filter((u) => u.id !== v.unitId).map((u) => ({ value: u.id, label: `${u.code} — ${u.name}` }))}
              {...fieldState(data, 'transfer', 'unitId')}
            />
            <TextArea ctx={ctx} name="reason" label={tr(ctx, T.reason)} required maxLength={2000} rows={3} {...fieldState(data, 'transfer', 'reason')} />
          </ActionForm>
        </section>
      ) : null}
    </>
  );
}

function LinkForm(props: { ctx: ConsoleCtx; data: CasePageData }) {
  const { ctx, data } = props;
  const v = data.view;
  return (
    <section aria-labelledby="link-title" class="panel">
      <h3 id="link-title">{tr(ctx, T.linkSection)}</h3>
      <ActionForm ctx={ctx} view={v} action="link" label={tr(ctx, T.doLink)}>
        <SelectField
          ctx={ctx}
          name="hotspotId"
          label={tr(ctx, T.linkHotspot)}
          placeholder={tr(ctx, T.noChange)}
          options={[...(v.hotspotId ? [{ value: '-', label: tr(ctx, T.unlink) }] : []), ...data.hotspots.map((h) => ({ value: h.id, label: `${h.description} (${labelOf(HOTSPOT_STATUS_LABELS, h.status, ctx.lang)})` }))]}
          {...fieldState(data, 'link', 'hotspotId')}
        />
        <Field ctx={ctx} name="duplicateOf" label={tr(ctx, T.linkCase)} hint={tr(ctx, T.linkCaseHint)} maxLength={300} {...fieldState(data, 'link', 'duplicateOf')} />
      </ActionForm>
    </section>
  );
}

function MessageForms(props: { ctx: ConsoleCtx; data: CasePageData }) {
  const { ctx, data } = props;
  const v = data.view;
  const noteState = data.form?.action === 'messages' && data.form.values.visibility === 'internal';
  const msgState = data.form?.action === 'messages' && !noteState;
  return (
    <>
      <section aria-labelledby="message-title" class="panel">
        <h3 id="message-title">{tr(ctx, T.messageSection)}</h3>
        <ActionForm ctx={ctx} view={v} action="messages" versioned={false} label={tr(ctx, T.doMessage)}>
          <input type="hidden" name="visibility" value="tipster" />
          <TextArea ctx={ctx} name="body" label={tr(ctx, T.messageBody)} hint={tr(ctx, T.messageHint)} required maxLength={4000} rows={4} {...(msgState ? fieldState(data, 'messages', 'body') : {})} />
        </ActionForm>
      </section>
      <section aria-labelledby="note-title" class="panel">
        <h3 id="note-title">{tr(ctx, T.noteSection)}</h3>
        {/* A second form with a field named body: its id must differ from the message's. */}
        <PostForm ctx={ctx} action={`${caseUrl(v.id)}/messages`} class="action" id="form-note">
          <input type="hidden" name="visibility" value="internal" />
          <div class={noteState && problemFor(data.form?.problems, 'body') ? 'field invalid' : 'field'}>
            <label for="note-body">{tr(ctx, T.noteBody)}</label>
            <p class="hint" id="note-body-hint">
              {tr(ctx, T.noteHint)}
            </p>
            {noteState && problemFor(data.form?.problems, 'body') ? <p class="field-error">{problemFor(data.form?.problems, 'body')}</p> : null}
            <textarea id="note-body" name="body" rows={3} required maxLength={4000} aria-describedby="note-body-hint">
              {noteState ? (data.form?.values.body ?? '') : ''}
            </textarea>
          </div>
          <Button>{tr(ctx, T.doNote)}</Button>
        </PostForm>
      </section>
    </>
  );
}

const OPEN_CLOCK = new Set(['running', 'paused', 'breached']);

function ClockForms(props: { ctx: ConsoleCtx; data: CasePageData }) {
  const { ctx, data } = props;
  const v = data.view;
  if (v.status === 'closed') return null;
  const lang = ctx.lang;
  const clockLabel = (k: CaseView['clocks'][number]) => `${labelOf(CLOCK_KIND_LABELS, k.kind, lang)} (${tr(ctx, k.legal ? T.legal : T.internal)})`;
  const extendable = v.clocks.filter((k) => OPEN_CLOCK.has(k.status));
  const suspendable = v.clocks.filter((k) => k.status === 'running' || k.status === 'breached');
  const resumable = v.clocks.filter((k) => k.status === 'paused');
  if (extendable.length === 0) return null;
  return (
    <section aria-labelledby="clock-forms-title" class="panel">
      <h3 id="clock-forms-title">{tr(ctx, T.clockSection)}</h3>
      <ActionForm ctx={ctx} view={v} action="extend" label={tr(ctx, T.doExtend)}>
        <ClockFields ctx={ctx} data={data} action="extend" clocks={extendable.map((k) => ({ value: k.id, label: clockLabel(k) }))} />
        <div class="filter-row">
          <NumberField ctx={ctx} data={data} />
          <UnitSelect ctx={ctx} data={data} />
        </div>
        <ReasonFields ctx={ctx} data={data} action="extend" required />
      </ActionForm>
      {suspendable.length ? (
        <ActionForm ctx={ctx} view={v} action="suspend" label={tr(ctx, T.doSuspend)}>
          <ClockFields ctx={ctx} data={data} action="suspend" clocks={suspendable.map((k) => ({ value: k.id, label: clockLabel(k) }))} />
          <ReasonFields ctx={ctx} data={data} action="suspend" required />
        </ActionForm>
      ) : null}
      {resumable.length ? (
        <ActionForm ctx={ctx} view={v} action="resume" label={tr(ctx, T.doResume)}>
          <ClockFields ctx={ctx} data={data} action="resume" clocks={resumable.map((k) => ({ value: k.id, label: clockLabel(k) }))} />
          <ReasonFields ctx={ctx} data={data} action="resume" required={false} />
        </ActionForm>
      ) : null}
    </section>
  );
}

/**
 * Several clock forms share field names (clockId, reason...): the ids are prefixed with the
 * action so each label points at its own input.
 */
function ClockFields(props: { ctx: ConsoleCtx; data: CasePageData; action: string; clocks: { value: string; label: string }[] }) {
  const s = fieldState(props.data, props.action, 'clockId');
  return <Select id={`${props.action}-clockId`} name="clockId" label={tr(props.ctx, T.clock)} required placeholder={tr(props.ctx, T.chooseClock)} options={props.clocks} value={s.value} error={s.error} />;
}

function ReasonFields(props: { ctx: ConsoleCtx; data: CasePageData; action: string; required: boolean }) {
  const { ctx, data, action } = props;
  const reason = fieldState(data, action, 'reason');
  const legal = fieldState(data, action, 'legalReference');
  return (
    <>
      <Text id={`${action}-reason`} name="reason" label={tr(ctx, T.reason)} required={props.required} maxLength={2000} value={reason.value} error={reason.error} multiline />
      <Text id={`${action}-legalReference`} name="legalReference" label={tr(ctx, T.legalReference)} required={props.required} maxLength={500} value={legal.value} error={legal.error} />
    </>
  );
}

function NumberField(props: { ctx: ConsoleCtx; data: CasePageData }) {
  const s = fieldState(props.data, 'extend', 'value');
  return <Text id="extend-value" name="value" label={tr(props.ctx, T.value)} required type="number" min={1} max={1000} value={s.value} error={s.error} />;
}

function UnitSelect(props: { ctx: ConsoleCtx; data: CasePageData }) {
  const s = fieldState(props.data, 'extend', 'unit');
  const { ctx } = props;
  return (
    <Select
      id="extend-unit"
      name="unit"
      label={tr(ctx, T.durationUnit)}
      required
      options={(['hours', 'working_days', 'days', 'months'] as const).map((u) => ({ value: u, label: tr(ctx, T[u]) }))}
      value={s.value ?? 'days'}
      error={s.error}
    />
  );
}

/** A select with an explicit id (forms.tsx derives ids from names, which repeat across the clock forms). */
function Select(props: { id: string; name: string; label: string; required?: boolean; placeholder?: string; options: { value: string; label: string }[]; value?: string; error?: string }) {
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <label for={props.id}>{props.label}</label>
      {props.error ? (
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      ) : null}
      <select id={props.id} name={props.name} required={props.required} aria-invalid={props.error ? 'true' : undefined} aria-describedby={props.error ? `${props.id}-error` : undefined}>
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Text(props: { id: string; name: string; label: string; required?: boolean; maxLength?: number; value?: string; error?: string; multiline?: boolean; type?: 'text' | 'number'; min?: number; max?: number }) {
  const described = props.error ? `${props.id}-error` : undefined;
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <label for={props.id}>{props.label}</label>
      {props.error ? (
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      ) : null}
      {props.multiline ? (
        <textarea id={props.id} name={props.name} rows={2} required={props.required} maxLength={props.maxLength} aria-invalid={props.error ? 'true' : undefined} aria-describedby={described}>
          {props.value ?? ''}
        </textarea>
      ) : (
        <input id={props.id} name={props.name} type={props.type ?? 'text'} value={props.value} required={props.required} maxLength={props.maxLength} min={props.min} max={props.max} aria-invalid={props.error ? 'true' : undefined} aria-describedby={described} />
      )}
    </div>
  );
}

const DONE_TEXT: Record<string, { vi: string; en: string }> = {
  messages: T.messageSent,
  note: T.noteAdded,
};

/** The case page: facts, routing reason, content and photos, clocks, timeline, messages, and every action the caller may take as a form. */
export function CasePage(props: { ctx: ConsoleCtx; data: CasePageData }) {
  const { ctx, data } = props;
  const v = data.view;
  const lang = ctx.lang;
  const role = ctx.user.role;
  const actor = role === 'officer' || role === 'unit_lead';
  const lead = role === 'unit_lead' || role === 'supervisor';
  const notice = data.done ? tr(ctx, DONE_TEXT[data.done] ?? T.done) : undefined;
  return (
    <Page ctx={ctx} title={`${tr(ctx, T.caseTitle)} ${v.reference}`} nav="queue" notice={notice}>
      <p>
        <a href="/console/queue">← {tr(ctx, T.backToQueue)}</a>
      </p>
      <ErrorSummary problems={data.form?.problems} ctx={ctx} />
      <section aria-labelledby="summary-title">
        <h2 id="summary-title">{tr(ctx, T.summary)}</h2>
        <dl class="facts">
          <Row label={tr(ctx, T.status)}>{labelOf(STATUS_LABELS, v.status, lang)}</Row>
          <Row label={tr(ctx, T.deadline)}>
            <StateBadge state={v.deadlineState} lang={lang} /> {v.nextDeadlineAt ? <When iso={v.nextDeadlineAt} lang={lang} /> : null}
          </Row>
          <Row label={tr(ctx, T.priority)}>{labelOf(PRIORITY_LABELS, v.priority, lang)}</Row>
          <Row label={tr(ctx, T.category)}>{categoryName(v.category, lang)}</Row>
          <Row label={tr(ctx, T.place)}>{v.localityCode ?? '—'}</Row>
          <Row label={tr(ctx, T.channel)}>{labelOf(CHANNEL_LABELS, v.channel, lang)}</Row>
          <Row label={tr(ctx, T.received)}>
            <When iso={v.timestamps.createdAt ?? null} lang={lang} />
          </Row>
          <Row label={tr(ctx, T.assignee)}>{v.assignee ? (v.assignee.name ?? v.assignee.id) : '—'}</Row>
          {v.outcome ? <Row label={tr(ctx, T.outcome)}>{labelOf(OUTCOME_LABELS, v.outcome, lang)}</Row> : null}
          {v.actionTaken ? <Row label={tr(ctx, T.actionTaken)}>{labelOf(ACTION_TAKEN_LABELS, v.actionTaken, lang)}</Row> : null}
          {v.hotspotId ? (
            <Row label={tr(ctx, T.hotspot)}>
              <a href={`/console/hotspots/${v.hotspotId}`}>{data.hotspots.find((h) => h.id === v.hotspotId)?.description ?? tr(ctx, T.open)}</a>
            </Row>
          ) : null}
          {v.duplicateOf ? (
            <Row label={tr(ctx, T.duplicateOf)}>
              <a href={caseUrl(v.duplicateOf)}>{tr(ctx, T.open)}</a>
            </Row>
          ) : null}
          {v.replyWaiting ? <Row label={tr(ctx, T.flags)}>{tr(ctx, T.replyWaiting)}</Row> : null}
          {v.possiblyRelated ? <Row label={tr(ctx, T.flags)}>{tr(ctx, T.related)}</Row> : null}
          <Row label={tr(ctx, T.version)}>{v.version}</Row>
        </dl>
      </section>
      <Tips ctx={ctx} view={v} />
      <Messages ctx={ctx} view={v} />
      <section aria-labelledby="actions-title" class="actions">
        <h2 id="actions-title">{tr(ctx, T.actions)}</h2>
        <p class="meta">{tr(ctx, T.staleHint)}</p>
        {actor ? <ClaimForms ctx={ctx} data={data} /> : null}
        {actor ? <StatusForms ctx={ctx} data={data} /> : null}
        {role === 'unit_lead' ? <LeadForms ctx={ctx} data={data} /> : null}
        {actor ? <MessageForms ctx={ctx} data={data} /> : null}
        {actor ? <LinkForm ctx={ctx} data={data} /> : null}
        {lead ? <ClockForms ctx={ctx} data={data} /> : null}
      </section>
      <Clocks ctx={ctx} view={v} />
      <Timeline ctx={ctx} view={v} names={data.names} />
      <RoutingReason ctx={ctx} routing={v.routing} />
    </Page>
  );
}
