import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { UnitOfWork } from '../common/unit-of-work';
import type { StaffPrincipal } from '../auth/auth.decorators';
import type { ScopedCase } from '../access/scoped';
import { UnitScope } from '../access/unit-scope';
import { CalendarService } from '../calendar/calendar.service';
import { WorkingCalendar } from '../calendar/working-calendar';
import { DomainError, NotFound, ValidationFailed } from '../common/errors/domain-error';
import { RequestContext, systemContext } from '../common/request-context';
import { APP_CONFIG, AppConfig } from '../config/env';
import { CaseFiguresRepository } from '../case-figures/case-figures.repository';
import { NotificationsService } from '../notifications/notifications.service';
import { CaseClockEntity } from './case-clock.entity';
import { addDuration, ClockEventInput, clockDisplayState, ClockState, Duration, replayClock } from './clock-arithmetic';
import { ClockEventEntity } from './clock-event.entity';
import { ClockPolicyEntity } from './clock-policy.entity';
import { selectPolicies } from './clock-policy-select';
import { ClocksRepository, SweptClock } from './clocks.repository';
import { AT_RISK_PAGE } from '../common/pagination';

export type ClockAction =
  | { type: 'extend'; by: Duration; reason: string; legalReference: string }
  | { type: 'suspend'; reason: string; legalReference: string }
  | { type: 'resume'; reason?: string; legalReference?: string };

/** What clocks need of a case (read by the caller in the caller's scope). */
export interface ClockCase {
  id: string;
  unitId: string;
  status: string;
  category: string;
  priority: string;
  /** The unit's kind when the caller already has it (intake: the routing decision's unit); else read. */
  unitKind?: string;
}

const OPEN = new Set(['running', 'paused', 'breached']);
const KIND = /^[a-z][a-z0-9_]{1,49}$/;
const DAY_MS = 86_400_000;

const KIND_LABEL: Record<string, string> = {
  acknowledge: 'tiếp nhận / acknowledge',
  first_action: 'xử lý đầu tiên / first action',
  legal_transfer: 'chuyển tin báo (pháp định) / legal transfer',
  legal_notify: 'thông báo VKS và người báo tin (pháp định) / legal notification',
  legal_verify: 'xác minh, giải quyết (pháp định) / legal verification',
};

/**
 * Clocks: started at intake (in the tip's transaction), met by case actions, extended, suspended
 * and resumed with a reason and legal reference, recomputed when a policy changes, breached and
 * escalated by the sweep. Every change appends clock events and rewrites the clock's derived
 * columns from them, and keeps `cases.next_deadline_at` (the queue's sort key) in step. The
 * report figures (case_figures) are refreshed by the transaction's owner: intake and the case
 * action executor for the changes made inside them, this service for the sweep and policy changes.
 */
@Injectable()
export class ClocksService {
  private readonly log = new Logger(ClocksService.name);
  readonly atRiskMs: number;
  private readonly escalationDelayMs: number;

  constructor(
    private readonly repo: ClocksRepository,
    private readonly calendars: CalendarService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly figures: CaseFiguresRepository,
  ) {
    this.atRiskMs = config.CLOCK_AT_RISK_HOURS * 3_600_000;
    this.escalationDelayMs = config.CLOCK_ESCALATION_DELAY_MINUTES * 60_000;
  }

  // ----- intake and case actions (in the caller's transaction) -----

  /** Starts the case's clocks from the policies in force (in intake's transaction). */
  async startForCase(m: EntityManager, c: ClockCase, at: Date, internalOnly = false): Promise<CaseClockEntity[]> {
    const planned = await this.planForCase(m, c, at, internalOnly);
    if (planned.clocks.length === 0) return [];
    await this.writeStarted(m, planned);
    await this.repo.syncCaseDeadline(m, [c.id]);
    return planned.clocks;
  }

  /**
   * The clocks a case opened now starts, and its next deadline, before the case row is written
   * (reads the policies and the calendar, writes nothing): opening a case for a tip inserts the
   * case with its next deadline, then writeStarted(), and needs no UPDATE of the new row.
   */
  async planForCase(m: EntityManager, c: ClockCase, at: Date, internalOnly = false): Promise<{ clocks: CaseClockEntity[]; events: ClockEventEntity[]; nextDeadlineAt: Date | null }> {
    const unitKind = c.unitKind ?? (await this.repo.unitKind(m, c.unitId));
    const chosen = selectPolicies(await this.repo.policiesInForce(m, at), { category: c.category, priority: c.priority, unitKind }).filter((p) => !internalOnly || !p.legal);
    if (chosen.length === 0) return { clocks: [], events: [], nextDeadlineAt: null };
    const cal = await this.calendars.calendar(m);
    const clocks: CaseClockEntity[] = [];
    const events: ClockEventEntity[] = [];
    for (const p of chosen) {
      const duration: Duration = { value: p.durationValue, unit: p.durationUnit };
      const k = new CaseClockEntity();
      Object.assign(k, { id: randomUUID(), caseId: c.id, kind: p.kind, legal: p.legal, policyId: p.id, startedAt: at, durationValue: duration.value, durationUnit: duration.unit, escalationLevel: 0, escalateAt: null });
      Object.assign(k, derived(replayClock([{ type: 'started', at, duration }], cal)));
      clocks.push(k);
      events.push(clockEvent(k, 'started', at, { details: { policyId: p.id, duration, dueAt: k.dueAt?.toISOString() ?? null } }));
    }
    // As syncCaseDeadline computes it: the earliest due time of a running or breached clock.
    const nextDeadlineAt = clocks.reduce<Date | null>((min, k) => ((k.status === 'running' || k.status === 'breached') && k.dueAt && (!min || k.dueAt < min) ? k.dueAt : min), null);
    return { clocks, events, nextDeadlineAt };
  }

  /** Writes the clocks and events planForCase() made (the case row exists by now). */
  async writeStarted(m: EntityManager, planned: { clocks: CaseClockEntity[]; events: ClockEventEntity[] }): Promise<void> {
    if (planned.clocks.length === 0) return;
    await this.repo.insertClocks(m, planned.clocks);
    await this.repo.insertEvents(m, planned.events);
  }

  /**
   * A case timeline event happened: meets the open clocks whose policy names it; closing a case
   * cancels the clocks closing does not meet. Returns the clocks it met.
   */
  async onCaseEvent(m: EntityManager, sc: ScopedCase, caseEventType: string, at: Date): Promise<{ met: string[]; deadlineSynced: boolean }> {
    const caseId = sc.id;
    const clocks = (await this.repo.clocksOfCase(m, caseId, true)).filter((k) => OPEN.has(k.status));
    // No open clock: nothing met, and the case's next deadline is left as it was.
    if (clocks.length === 0) return { met: [], deadlineSynced: false };
    const cal = await this.calendars.calendar(m);
    const met: string[] = [];
    for (const k of clocks) {
      const policy = await this.repo.findPolicy(m, k.policyId);
      if (policy?.metBy.includes(caseEventType)) {
        await this.append(m, cal, k, clockEvent(k, 'met', at, { details: { by: caseEventType } }));
        met.push(k.kind);
      } else if (caseEventType === 'closed') {
        await this.append(m, cal, k, clockEvent(k, 'cancelled', at, { details: { by: 'closed' } }));
      }
    }
    await this.repo.syncCaseDeadline(m, [caseId]);
    return { met, deadlineSynced: true };
  }

  /**
   * A transferred or reopened case: open internal targets are cancelled and started afresh (for
   * the unit that now holds the case). Legal clocks run on: the law's time does not restart.
   */
  async restartInternal(m: EntityManager, c: ClockCase, at: Date): Promise<void> {
    if (c.status === 'closed') return;
    const cal = await this.calendars.calendar(m);
    let cancelled = 0;
    for (const k of await this.repo.clocksOfCase(m, c.id, true)) {
      if (!k.legal && OPEN.has(k.status)) {
        await this.append(m, cal, k, clockEvent(k, 'cancelled', at, { details: { by: 'restart' } }));
        cancelled++;
      }
    }
    const started = await this.startForCase(m, c, at, true);
    // startForCase keeps the next deadline in step when it starts a clock; when no internal policy
    // is in force any more, the cancelled clocks' due time must still leave the case's sort key.
    if (cancelled > 0 && started.length === 0) await this.repo.syncCaseDeadline(m, [c.id]);
  }

  /**
   * Extends, suspends or resumes one of the case's clocks (the caller read the case in scope and
   * records the timeline and audit events). Bad input is refused before anything is written.
   */
  async act(m: EntityManager, principal: StaffPrincipal, sc: ScopedCase, c: ClockCase, clockId: string, action: ClockAction, now = new Date()) {
    const k = (await this.repo.clocksOfCase(m, sc.id, true)).find((x) => x.id === clockId);
    if (!k) throw new NotFound('Clock');
    if (c.status === 'closed') {
      throw new DomainError('invalid_transition', 'Hồ sơ đã đóng: không thể thay đổi thời hạn. / The case is closed: its clocks cannot change.', { status: c.status, command: `clock_${action.type}`, allowed: [] });
    }
    const policy = await this.repo.findPolicy(m, k.policyId);
    const cal = await this.calendars.calendar(m);
    const who = { actorId: principal.id };
    let event: ClockEventEntity;
    if (action.type === 'extend') {
      requireReason(action.reason, action.legalReference);
      if (!OPEN.has(k.status)) throw clockConflict(k, 'extend', ['running', 'paused', 'breached']);
      const max = policy?.maxExtensions ?? 0;
      if (k.extensions >= max) {
        throw new DomainError('clock_extension_limit', `Đã hết số lần gia hạn (${max}). / No extensions left (${max} allowed).`, { maxExtensions: max, extensions: k.extensions });
      }
      const ref = k.dueAt ?? now;
      const added = addDuration(cal, ref, action.by, k.dueAt !== null).getTime() - ref.getTime();
      if (policy?.maxExtensionDays != null && added > policy.maxExtensionDays * DAY_MS + DAY_MS) {
        throw new ValidationFailed([{ field: 'value', reason: 'max', message: `Gia hạn tối đa ${policy.maxExtensionDays} ngày. / One extension may add at most ${policy.maxExtensionDays} days.` }]);
      }
      event = clockEvent(k, 'extended', now, { ...who, reason: action.reason.trim(), legalReference: action.legalReference.trim(), details: { by: action.by, previousDueAt: k.dueAt?.toISOString() ?? null } });
    } else if (action.type === 'suspend') {
      requireReason(action.reason, action.legalReference);
      if (policy && !policy.pausable) throw new DomainError('invalid_transition', 'This clock cannot be suspended.', { status: k.status, command: 'clock_suspend', allowed: [] });
      if (k.status !== 'running' && k.status !== 'breached') throw clockConflict(k, 'suspend', ['running', 'breached']);
      event = clockEvent(k, 'paused', now, { ...who, reason: action.reason.trim(), legalReference: action.legalReference.trim(), details: { previousDueAt: k.dueAt?.toISOString() ?? null } });
    } else {
      if (k.status !== 'paused') throw clockConflict(k, 'resume', ['paused']);
      event = clockEvent(k, 'resumed', now, { ...who, reason: action.reason?.trim() || null, legalReference: action.legalReference?.trim() || null });
    }
    const state = await this.append(m, cal, k, event);
    event.details = { ...event.details, dueAt: state.dueAt?.toISOString() ?? null };
    await this.repo.updateEventDetails(m, event.id, event.details);
    await this.repo.syncCaseDeadline(m, [c.id]);
    return { clock: this.view(Object.assign(k, derived(state)), policy, now), event: { id: event.id, type: event.type, details: event.details } };
  }

  /** The case's clocks with their state and events, for the case view. */
  async listForCase(m: EntityManager, sc: ScopedCase, now = new Date()) {
    const clocks = await this.repo.clocksOfCase(m, sc.id);
    const events = await this.repo.eventsOfClocks(m, clocks.map((k) => k.id));
    const out = [];
    for (const k of clocks) {
      const policy = await this.repo.findPolicy(m, k.policyId);
      out.push({
        ...this.view(k, policy, now),
        events: events.filter((e) => e.clockId === k.id).map((e) => ({ id: e.id, type: e.type, at: e.at.toISOString(), reason: e.reason, legalReference: e.legalReference, actorId: e.actorId, details: e.details })),
      });
    }
    return out;
  }

  private view(k: CaseClockEntity, policy: ClockPolicyEntity | null, now: Date) {
    return {
      id: k.id,
      kind: k.kind,
      legal: k.legal,
      status: k.status,
      state: clockDisplayState(k, now, this.atRiskMs),
      startedAt: k.startedAt.toISOString(),
      dueAt: k.dueAt?.toISOString() ?? null,
      metAt: k.metAt?.toISOString() ?? null,
      breachedAt: k.breachedAt?.toISOString() ?? null,
      pausedSince: k.pausedSince?.toISOString() ?? null,
      pausedSeconds: k.pausedSeconds,
      extensions: k.extensions,
      escalationLevel: k.escalationLevel,
      duration: { value: k.durationValue, unit: k.durationUnit },
      policyId: k.policyId,
      legalReference: policy?.legalReference ?? null,
    };
  }

  /** Appends an event, replays the clock and writes its derived columns. */
  private async append(m: EntityManager, cal: WorkingCalendar, k: CaseClockEntity, event: ClockEventEntity): Promise<ClockState> {
    await this.repo.insertEvents(m, [event]);
    const state = replayClock(toInputs(await this.repo.eventsOfClocks(m, [k.id])), cal);
    const patch: Partial<CaseClockEntity> = derived(state);
    // A clock that stops being open stops escalating.
    if (!OPEN.has(state.status)) patch.escalateAt = null;
    await this.repo.updateClock(m, k.id, patch);
    Object.assign(k, patch);
    return state;
  }

  // ----- at risk -----

  async atRisk(scope: UnitScope, hours: number, limit = AT_RISK_PAGE.defaultLimit) {
    const now = new Date();
    const rows = await this.repo.atRisk(scope, new Date(now.getTime() + hours * 3_600_000), limit);
    return {
      items: rows.map((r) => ({ ...r, dueAt: r.dueAt.toISOString(), state: clockDisplayState({ status: r.status as 'running', dueAt: r.dueAt }, now, hours * 3_600_000) })),
      nextCursor: null,
    };
  }

  // ----- policies (admin) -----

  async listPolicies() {
    return { items: await this.repo.listPolicies(this.repo.dataSource.manager), nextCursor: null };
  }

  /**
   * A new version of a policy. The row in force for the same kind, category and priority ends
   * where the new one starts; when the new one is already in force, the open clocks of the old
   * one are recomputed with the new duration (a `recomputed` event each) in the same transaction.
   */
  async createPolicy(ctx: RequestContext, input: Omit<ClockPolicyEntity, 'id' | 'validFrom' | 'validTo' | 'createdBy' | 'createdAt'> & { validFrom?: string }, now = new Date()) {
    if (!KIND.test(input.kind)) throw new ValidationFailed([{ field: 'kind', reason: 'pattern', message: 'kind: lowercase letters, digits and _.' }]);
    if (input.metBy.some((x) => !KIND.test(x))) throw new ValidationFailed([{ field: 'metBy', reason: 'pattern', message: 'metBy: case event types (lowercase letters, digits and _).' }]);
    const validFrom = input.validFrom ? new Date(input.validFrom) : now;
    if (Number.isNaN(validFrom.getTime())) throw new ValidationFailed([{ field: 'validFrom', reason: 'isDate', message: 'validFrom must be an ISO date-time.' }]);
    return this.uow.run(async (m) => {
      const current = (await this.repo.policiesInForce(m, validFrom)).find(
        (p) => p.kind === input.kind && p.category === (input.category ?? null) && p.priority === (input.priority ?? null),
      );
      if (current && current.validFrom.getTime() >= validFrom.getTime()) {
        throw new DomainError('overlapping_period', 'A newer version of this policy starts at or after validFrom.', { policyId: current.id });
      }
      const p = new ClockPolicyEntity();
      Object.assign(p, {
        id: randomUUID(),
        kind: input.kind,
        legal: input.legal,
        category: input.category ?? null,
        priority: input.priority ?? null,
        unitKinds: input.unitKinds ?? null,
        durationValue: input.durationValue,
        durationUnit: input.durationUnit,
        metBy: input.metBy,
        pausable: input.pausable ?? true,
        maxExtensions: input.maxExtensions ?? 0,
        maxExtensionDays: input.maxExtensionDays ?? null,
        legalReference: input.legalReference ?? null,
        validFrom,
        validTo: null,
        createdBy: ctx.actor.type === 'staff' ? ctx.actor.id : null,
        createdAt: now,
      });
      await this.repo.insertPolicy(m, p);
      if (current) await this.repo.closePolicy(m, current.id, validFrom);
      await this.audit.record(m, ctx, {
        action: 'clock_policy.created',
        targetType: 'clock_policy',
        targetId: p.id,
        change: { kind: p.kind, category: p.category, priority: p.priority, duration: `${p.durationValue} ${p.durationUnit}`, validFrom: validFrom.toISOString(), replaces: current?.id ?? null },
      });
      const recomputed = current && validFrom.getTime() <= now.getTime() ? await this.recompute(m, ctx, current.id, p, now) : 0;
      return { policy: p, replaced: current?.id ?? null, recomputed };
    });
  }

  /**
   * A policy version dated in the future takes effect: the open clocks of the version it replaced
   * are recomputed (the sweep calls this; the clocks are locked, so two instances recompute each once).
   */
  async applyDuePolicyChanges(ctx: RequestContext, now = new Date()): Promise<number> {
    let total = 0;
    for (const { fromId, toId } of await this.repo.supersededWithOpenClocks(this.repo.dataSource.manager, now)) {
      total += await this.uow.run(async (m) => {
        const to = await this.repo.findPolicy(m, toId);
        return to ? this.recompute(m, ctx, fromId, to, now) : 0;
      });
    }
    return total;
  }

  private async recompute(m: EntityManager, ctx: RequestContext, fromPolicyId: string, to: ClockPolicyEntity, now: Date): Promise<number> {
    const clocks = await this.repo.openClocksOfPolicy(m, fromPolicyId);
    if (clocks.length === 0) return 0;
    const cal = await this.calendars.calendar(m);
    const duration: Duration = { value: to.durationValue, unit: to.durationUnit };
    for (const k of clocks) {
      const previousDueAt = k.dueAt?.toISOString() ?? null;
      const e = clockEvent(k, 'recomputed', now, { details: { fromPolicyId, toPolicyId: to.id, duration, previousDueAt } });
      await this.repo.updateClock(m, k.id, { policyId: to.id, durationValue: duration.value, durationUnit: duration.unit });
      const state = await this.append(m, cal, k, e);
      await this.repo.updateEventDetails(m, e.id, { ...e.details, dueAt: state.dueAt?.toISOString() ?? null });
    }
    const caseIds = [...new Set(clocks.map((k) => k.caseId))];
    await this.repo.syncCaseDeadline(m, caseIds);
    // A policy change is a transaction of its own (no case action around it): the report figures follow here.
    await this.figures.refresh(m, caseIds);
    await this.audit.record(m, ctx, { action: 'clock_policy.recomputed', targetType: 'clock_policy', targetId: to.id, change: { fromPolicyId, clocks: clocks.length } });
    return clocks.length;
  }

  // ----- the sweep -----

  /**
   * Finds breaches and due escalation steps and acts on each exactly once: every batch is one
   * transaction that claims its clocks (FOR UPDATE SKIP LOCKED, then marks them) and writes the
   * clock events, the case flag, the notices and the audit events; a killed instance's batch
   * rolls back and another instance claims the same clocks. Then sends pending e-mail.
   */
  async sweep(now = new Date(), batch = 500): Promise<{ breached: number; escalated: number; emailed: number }> {
    const ctx = systemContext('clocks', `clocks-sweep:${now.getTime()}`);
    await this.applyDuePolicyChanges(ctx, now);
    let breached = 0;
    let escalated = 0;
    if (await this.repo.anythingDue(now)) {
      for (;;) {
        const n = await this.uow.run(async (m) => {
          const rows = await this.repo.claimBreaches(m, now, new Date(now.getTime() + this.escalationDelayMs), batch);
          if (rows.length) await this.onBreach(m, ctx, rows, now);
          return rows.length;
        });
        breached += n;
        if (n < batch) break;
      }
      for (;;) {
        const n = await this.uow.run(async (m) => {
          const rows = await this.repo.claimEscalations(m, now, batch);
          if (rows.length) await this.onEscalation(m, ctx, rows, now);
          return rows.length;
        });
        escalated += n;
        if (n < batch) break;
      }
    }
    const emailed = await this.notifications.flushEmails();
    if (breached || escalated) this.log.log(`clock sweep: ${breached} breached, ${escalated} escalated, ${emailed} e-mailed`);
    return { breached, escalated, emailed };
  }

  private async onBreach(m: EntityManager, ctx: RequestContext, rows: SweptClock[], now: Date): Promise<void> {
    const leads = await this.repo.unitLeads(m, [...new Set(rows.map((r) => r.unitId))]);
    const events: ClockEventEntity[] = [];
    const notices: { recipients: string[]; notice: ReturnType<typeof notice> }[] = [];
    for (const r of rows) {
      const recipients = leads.get(r.unitId) ?? [];
      events.push(
        clockEvent({ id: r.id, caseId: r.caseId }, 'breached', now, { details: { dueAt: r.dueAt?.toISOString() ?? null } }),
        clockEvent({ id: r.id, caseId: r.caseId }, 'escalated', now, { details: { level: 1, to: 'unit_lead', recipients: recipients.length } }),
      );
      notices.push({ recipients, notice: notice(r, 'clock_breached', `clock:${r.id}:escalation:1`) });
      await this.audit.record(m, ctx, {
        action: 'clock.breached',
        targetType: 'case',
        targetId: r.caseId,
        unitId: r.unitId,
        change: { clockId: r.id, kind: r.kind, legal: r.legal, dueAt: r.dueAt?.toISOString() ?? null, escalatedTo: 'unit_lead', recipients },
      });
    }
    await this.repo.insertEvents(m, events);
    await this.notifications.raiseMany(m, notices, now);
    const caseIds = [...new Set(rows.map((r) => r.caseId))];
    await this.repo.flagCases(m, caseIds);
    // The sweep's batch is its own transaction: the report figures of the breached cases follow here.
    await this.figures.refresh(m, caseIds);
  }

  private async onEscalation(m: EntityManager, ctx: RequestContext, rows: SweptClock[], now: Date): Promise<void> {
    const supervisors = await this.repo.supervisorsAbove(m, [...new Set(rows.map((r) => r.unitId))]);
    const events: ClockEventEntity[] = [];
    const notices: { recipients: string[]; notice: ReturnType<typeof notice> }[] = [];
    for (const r of rows) {
      const recipients = supervisors.get(r.unitId) ?? [];
      events.push(clockEvent({ id: r.id, caseId: r.caseId }, 'escalated', now, { details: { level: r.escalationLevel, to: 'supervising_unit', recipients: recipients.length } }));
      notices.push({ recipients, notice: notice(r, 'clock_escalated', `clock:${r.id}:escalation:${r.escalationLevel}`) });
      await this.audit.record(m, ctx, {
        action: 'clock.escalated',
        targetType: 'case',
        targetId: r.caseId,
        unitId: r.unitId,
        change: { clockId: r.id, kind: r.kind, level: r.escalationLevel, escalatedTo: 'supervising_unit', recipients },
      });
    }
    await this.repo.insertEvents(m, events);
    await this.notifications.raiseMany(m, notices, now);
  }
}

function notice(r: SweptClock, kind: string, dedupeKey: string) {
  const label = KIND_LABEL[r.kind] ?? r.kind;
  const due = r.dueAt ? `${r.dueAt.toISOString()} (UTC)` : '-';
  const escalated = kind === 'clock_escalated';
  return {
    kind,
    dedupeKey,
    caseId: r.caseId,
    caseReference: r.caseReference,
    subject: `[${r.caseReference}] ${escalated ? 'Chuyển cấp trên: quá hạn' : 'Quá hạn'} ${label}`,
    body:
      `Hồ sơ ${r.caseReference}: thời hạn "${label}"${r.legal ? ' (pháp định)' : ''} đến hạn ${due} đã quá hạn${escalated ? ' và chưa được xử lý; chuyển đơn vị cấp trên' : ''}.\n` +
      `Case ${r.caseReference}: the ${r.kind} deadline${r.legal ? ' (legal)' : ''} due ${due} was breached${escalated ? ' and is still open; escalated to the supervising unit' : ''}.`,
  };
}

function requireReason(reason: unknown, legalReference: unknown): void {
  const problems = [];
  if (typeof reason !== 'string' || reason.trim().length < 3) problems.push({ field: 'reason', reason: 'required', message: 'Cần nêu lý do. / A reason is required.' });
  if (typeof legalReference !== 'string' || legalReference.trim().length < 3) problems.push({ field: 'legalReference', reason: 'required', message: 'Cần nêu căn cứ pháp lý. / A legal reference is required.' });
  if (problems.length) throw new ValidationFailed(problems);
}

function clockConflict(k: CaseClockEntity, command: string, allowedFrom: string[]): DomainError {
  return new DomainError('invalid_transition', `Thời hạn đang ở trạng thái ${k.status}. / The clock is ${k.status}: cannot ${command}.`, { status: k.status, command: `clock_${command}`, allowedFrom });
}

function clockEvent(
  k: { id: string; caseId: string },
  type: string,
  at: Date,
  extra: { reason?: string | null; legalReference?: string | null; actorId?: string | null; details?: Record<string, unknown> } = {},
): ClockEventEntity {
  return Object.assign(new ClockEventEntity(), {
    id: randomUUID(),
    clockId: k.id,
    caseId: k.caseId,
    type,
    at,
    reason: extra.reason ?? null,
    legalReference: extra.legalReference ?? null,
    actorId: extra.actorId ?? null,
    details: extra.details ?? {},
  });
}

function toInputs(events: ClockEventEntity[]): ClockEventInput[] {
  return events.map((e) => {
    const d = e.details as { duration?: Duration; by?: Duration };
    switch (e.type) {
      case 'started':
      case 'recomputed':
        return { type: e.type, at: e.at, duration: d.duration! };
      case 'extended':
        return { type: 'extended', at: e.at, by: d.by! };
      default:
        return { type: e.type as 'met', at: e.at };
    }
  });
}

function derived(s: ClockState): Partial<CaseClockEntity> {
  return { status: s.status, dueAt: s.dueAt, metAt: s.metAt, breachedAt: s.breachedAt, pausedSeconds: s.pausedSeconds, pausedSince: s.pausedSince, extensions: s.extensions };
}
