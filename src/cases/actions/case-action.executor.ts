import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AccessService } from '../../access/access.service';
import type { ScopedCase } from '../../access/scoped';
import type { UnitScope } from '../../access/unit-scope';
import { AuditService } from '../../audit/audit.service';
import type { StaffPrincipal } from '../../auth/auth.decorators';
import { NotFound, ValidationFailed } from '../../common/errors/domain-error';
import type { RequestContext } from '../../common/request-context';
import { APP_CONFIG, AppConfig } from '../../config/env';
import { CryptoService } from '../../crypto/crypto.service';
import { HotspotsService } from '../../hotspots/hotspots.service';
import { StaffService } from '../../staff/staff.service';
import { UnitsService } from '../../units/units.service';
import { ClocksService } from '../../clocks/clocks.service';
import { CaseFiguresRepository, FIGURE_CASE_FIELDS, FIGURE_EVENT_TYPES } from '../../case-figures/case-figures.repository';
import { caseEvent, eventReasonAad, messageAad } from '../case-events';
import { CaseMessageEntity } from '../case-message.entity';
import { caseSummary, versionConflict } from '../case-summary';
import { CaseEntity } from '../case.entity';
import { CasePatch, CasesRepository } from '../cases.repository';
import type { ActionPlan, CaseAction, Effect, Requirement } from './case-action';

/**
 * The one executor of case actions. In ONE transaction, through the access kernel's handle:
 * load the case, check the version the client sent (required for versioned actions; stale is a
 * 409 with the current version), run the action's pure plan, check its requirements, apply the
 * update guarded by the version (or under the row lock), apply its effects, write the timeline
 * event, refresh the case's report figures and write the audit event.
 */
@Injectable()
export class CaseActionExecutor {
  private readonly claimTtlMs: number;

  constructor(
    private readonly access: AccessService,
    private readonly repo: CasesRepository,
    private readonly audit: AuditService,
    private readonly crypto: CryptoService,
    private readonly hotspots: HotspotsService,
    private readonly staff: StaffService,
    private readonly units: UnitsService,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clocks: ClocksService,
    private readonly figures: CaseFiguresRepository,
  ) {
    this.claimTtlMs = config.CASE_CLAIM_TTL_MINUTES * 60_000;
  }

  async run(action: CaseAction, principal: StaffPrincipal, ctx: RequestContext, caseId: string, body: unknown) {
    const bound = action.bind(body);
    const versioned = action.concurrency === 'version';
    // The case row is read in the statement that proves scope (the kernel checks the row's unit).
    const load = (m: EntityManager, id: string, unitIds: readonly string[], lock: boolean) => this.repo.loadInUnits(m, id, unitIds, lock);
    return this.access.inCaseRow(principal, ctx, caseId, load, async (sc, c, m, scope) => {
      if (versioned && bound.version !== c.version) throw versionConflict(c.version);
      const now = new Date();
      const plan = bound.plan(c, { actorId: principal.id, now, claimTtlMs: this.claimTtlMs });
      for (const r of plan.requires ?? []) await this.check(r, sc, m, scope);
      // The deadline as the row has it after the update (versioned: RETURNING under the update's
      // row lock; unversioned: the row was loaded under the kernel's lock); read again below only
      // if the clocks moved it. One round trip fewer per action.
      let nextDeadlineAt: Date | null;
      // Whether the case has an open clock (the versioned update says so in the same statement).
      let hasOpenClocks = true;
      if (versioned) {
        const u = await this.repo.updateVersionedReturningDeadline(sc, m, c.version, plan.patch);
        if (!u.updated) throw versionConflict(null);
        nextDeadlineAt = u.nextDeadlineAt;
        hasOpenClocks = u.hasOpenClocks;
      } else {
        await this.repo.updateUnversioned(sc, m, plan.patch);
        nextDeadlineAt = c.nextDeadlineAt;
      }
      const metadata = { ...plan.event.metadata };
      let message: { id: string; at: string; visibility: string } | null = null;
      for (const e of plan.effects ?? []) {
        const out = await this.apply(e, sc, m, scope, principal, ctx, now);
        Object.assign(metadata, out.metadata);
        message = out.message ?? message;
      }
      // Clocks move with the case: the event meets the clocks its policy names (closing cancels the
      // rest); a transfer or a reopening restarts the internal targets for the unit holding the case.
      // With no open clock, onCaseEvent would read the clocks, find none open and change nothing
      // (the early answer in ClocksService.onCaseEvent); the update already told us, so the read is skipped.
      const clocks = hasOpenClocks ? await this.clocks.onCaseEvent(m, sc, plan.event.type, now) : { met: [] as string[], deadlineSynced: false };
      if (clocks.met.length) metadata.clocksMet = clocks.met;
      const restart = plan.event.type === 'transferred' || plan.event.type === 'reopened';
      if (restart) {
        await this.clocks.restartInternal(m, { id: c.id, unitId: plan.patch.unitId ?? c.unitId, status: plan.patch.status ?? c.status, category: c.category, priority: c.priority }, now);
      }
      // Effects (a clock action) may move the deadline too.
      const deadlineMoved = clocks.deadlineSynced || restart || (plan.effects ?? []).some((e) => e.kind === 'clock');
      if (deadlineMoved) nextDeadlineAt = await this.repo.nextDeadlineOf(sc, m);
      await this.timeline(sc, m, ctx, plan, metadata, now);
      // The report figures follow the case row, its timeline and its clocks as this action left
      // them; an action that changed none of their inputs (a claim, a release, a message) leaves
      // them as they are, and the refresh (the heaviest statement of the action) is skipped.
      const clocksChanged = clocks.met.length > 0 || restart || plan.event.type === 'closed' || (plan.effects ?? []).some((e) => e.kind === 'clock');
      if (clocksChanged || FIGURE_EVENT_TYPES.includes(plan.event.type) || FIGURE_CASE_FIELDS.some((f) => plan.patch[f as keyof CasePatch] !== undefined)) {
        await this.figures.refresh(m, [c.id]);
      }
      const version = versioned ? c.version + 1 : c.version;
      await this.audit.record(m, ctx, {
        action: plan.audit,
        targetType: 'case',
        targetId: c.id,
        unitId: plan.patch.unitId ?? c.unitId,
        change: { ...metadata, version },
      });
      if (message) return message;
      const after: CaseEntity = Object.assign(new CaseEntity(), c, plan.patch, { version, nextDeadlineAt });
      return caseSummary(after, now, this.clocks.atRiskMs);
    }, { lock: !versioned });
  }

  private async check(r: Requirement, sc: ScopedCase, m: EntityManager, scope: UnitScope): Promise<void> {
    switch (r.kind) {
      case 'assignable_staff':
        if (!(await this.staff.isAssignable(r.staffId, r.unitId, m))) {
          throw new ValidationFailed([{ field: 'assigneeId', reason: 'not_in_unit', message: 'The assignee must be an active officer of the case’s unit.' }]);
        }
        return;
      case 'unit_in_force':
        if (!(await this.units.isInForce(r.unitId, new Date(), m))) throw new ValidationFailed([{ field: 'unitId', reason: 'unknown', message: 'No such unit in force today.' }]);
        return;
      case 'original_case_in_scope': {
        // Only a case the caller can see: linking must not reveal other units' cases.
        const original = await this.access.caseIn(scope, m, r.caseId);
        if (!original || original.id === sc.id) throw new NotFound('Case to link');
        // Always point at the original: a duplicate of a duplicate could close a cycle.
        if ((await this.repo.load(original, m)).duplicateOf) {
          throw new ValidationFailed([{ field: 'duplicateOf', reason: 'is_duplicate', message: 'That case is itself a duplicate; link to the case it duplicates.' }]);
        }
        return;
      }
      case 'hotspot_in_scope':
        if (!(await this.access.hotspotIn(scope, m, r.hotspotId))) throw new NotFound('Hotspot');
        return;
      default: {
        const unknown: never = r;
        throw new Error(`unknown requirement ${JSON.stringify(unknown)}`);
      }
    }
  }

  private async apply(e: Effect, sc: ScopedCase, m: EntityManager, scope: UnitScope, principal: StaffPrincipal, ctx: RequestContext, now: Date): Promise<{ metadata: Record<string, unknown>; message?: { id: string; at: string; visibility: string } }> {
    switch (e.kind) {
      case 'dismantle_linked_hotspot':
        // The linked hotspot follows the case (suspected/verified/re_emerged → dismantled).
        return { metadata: { hotspotDismantled: await this.hotspots.dismantleForCase(m, scope, principal, ctx, e.hotspotId, sc.id) } };
      case 'post_message': {
        const msg = new CaseMessageEntity();
        msg.id = randomUUID();
        msg.caseId = sc.id;
        msg.author = 'officer';
        msg.authorStaffId = principal.id;
        msg.visibility = e.visibility;
        msg.createdAt = now;
        msg.body = await this.crypto.encrypt(m, sc.dataKeyId, messageAad(msg.id), e.body);
        await this.repo.insertMessage(sc, m, msg);
        return { metadata: { messageId: msg.id }, message: { id: msg.id, at: now.toISOString(), visibility: e.visibility } };
      }
      case 'clock': {
        const c = await this.repo.load(sc, m);
        const out = await this.clocks.act(m, principal, sc, c, e.clockId, e.action, now);
        return { metadata: { clockId: out.clock.id, kind: out.clock.kind, legal: out.clock.legal, dueAt: out.clock.dueAt, status: out.clock.status } };
      }
      default: {
        const unknown: never = e;
        throw new Error(`unknown effect ${JSON.stringify(unknown)}`);
      }
    }
  }

  private async timeline(sc: ScopedCase, m: EntityManager, ctx: RequestContext, plan: ActionPlan, metadata: Record<string, unknown>, now: Date): Promise<void> {
    const event = caseEvent(ctx, sc.id, plan.event.type, metadata, now);
    if (plan.event.reason) event.reason = await this.crypto.encrypt(m, sc.dataKeyId, eventReasonAad(event.id), plan.event.reason);
    await this.repo.insertEvent(sc, m, event);
  }
}
