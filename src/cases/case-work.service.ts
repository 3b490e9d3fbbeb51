import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { StaffPrincipal } from '../auth/auth.decorators';
import { UnitScope } from '../auth/unit-scope';
import { DomainError, NotFound, ValidationFailed } from '../common/errors/domain-error';
import type { RequestContext } from '../common/request-context';
import { APP_CONFIG, AppConfig } from '../config/env';
import { vietnamDate } from '../common/iso-date';
import { CryptoService } from '../crypto/crypto.service';
import { deniedWhenOutOfScope, OutOfScope } from '../audit/out-of-scope';
import { assertMayAct, breakClaim, Claim, claimHolder, NO_CLAIM, releaseClaim, takeClaim } from './case-claim';
import { caseDeadlineState } from '../clocks/clock-arithmetic';
import { ClocksService } from '../clocks/clocks.service';
import { CaseMessageEntity, MessageVisibility } from './case-message.entity';
import { decodeCursor, encodeCursor, keyOf, QueueSort } from './case-queue';
import { CaseCommand, CaseStatus, planTransition } from './case-transitions';
import { CaseEntity } from './case.entity';
import { CasePatch, CasesRepository, QueueFilters } from './cases.repository';
import { caseEvent, DESTROYED, eventReasonAad, messageAad, validateMessageBody } from './cases.service';
import { randomUUID } from 'node:crypto';
import { TipsRepository } from '../tips/tips.repository';
import { HotspotsService } from '../hotspots/hotspots.service';
import { UnitsService } from '../units/units.service';
import { StaffService } from '../staff/staff.service';
import { LocalitiesService } from '../localities/localities.service';
import { UnitOfWork } from '../common/unit-of-work';

export interface QueueQuery extends Omit<QueueFilters, 'assigneeId'> {
  assignedToMe?: boolean;
  sort?: QueueSort;
  cursor?: string;
  limit?: number;
}

/** A transition of the table (CaseCommand) or one of the actions outside it (claims, links). */
export type CaseAction =
  | CaseCommand
  | { type: 'claim' }
  | { type: 'release' }
  | { type: 'break_lock' }
  | { type: 'link'; duplicateOf?: string | null; hotspotId?: string | null };

const STATUS_TIMESTAMP: Partial<Record<CaseStatus, keyof CasePatch>> = {
  acknowledged: 'acknowledgedAt',
  verifying: 'verificationStartedAt',
  actioned: 'actionedAt',
  closed: 'closedAt',
};
const EVENT_FOR_COMMAND: Record<CaseCommand['type'], string> = {
  acknowledge: 'acknowledged',
  verify: 'verification_started',
  action: 'actioned',
  close: 'closed',
  reopen: 'reopened',
  transfer: 'transferred',
  assign: 'assigned',
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Staff case work: the queue, the case view and every action. Each action runs in one
 * transaction: read the case in the caller's scope (other units' cases are 404), check the
 * claim and the transition table, write with the optimistic lock (409 to the loser), then the
 * timeline event and the audit event with the same manager.
 */
@Injectable()
export class CaseWorkService {
  private readonly claimTtlMs: number;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: CasesRepository,
    private readonly audit: AuditService,
    private readonly crypto: CryptoService,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly tipsRepo: TipsRepository,
    private readonly hotspots: HotspotsService,
    private readonly units: UnitsService,
    private readonly staff: StaffService,
    private readonly localities: LocalitiesService,
    private readonly clocks: ClocksService,
  ) {
    this.claimTtlMs = config.CASE_CLAIM_TTL_MINUTES * 60_000;
  }

  /** Runs `work` (a case transaction): a case outside the caller's scope is a 404 and an audited denial. */
  private scoped<T>(ctx: RequestContext, caseId: string, work: () => Promise<T>): Promise<T> {
    return deniedWhenOutOfScope(this.audit, ctx, { type: 'case', id: caseId, what: 'Case' }, work);
  }

  /** One photo of one of the case's tips, decrypted; the read is audited like the case view. */
  async photo(scope: UnitScope, ctx: RequestContext, caseId: string, photoId: string): Promise<{ mime: string; content: Buffer }> {
    requireUuid(caseId);
    if (!UUID.test(photoId)) throw new NotFound('Photo');
    return this.scoped(ctx, caseId, () => this.uow.run(async (m) => {
      const c = await this.repo.findScoped(scope, m, caseId);
      if (!c) throw new OutOfScope();
      const tips = await this.tipsRepo.findForCase(c.id, c.dataKeyId, m);
      if (!tips.some((t) => t.photos.some((p) => p.id === photoId))) throw new NotFound('Photo');
      const photo = await this.tipsRepo.photoContent(photoId, c.dataKeyId, m);
      if (!photo) throw new NotFound('Photo');
      if (!photo.content) throw new DomainError('not_found', 'The photo was destroyed under the retention policy.');
      await this.audit.record(m, ctx, { action: 'case.photo_viewed', targetType: 'case', targetId: c.id, unitId: c.unitId, change: { photoId } });
      return { mime: photo.mime, content: photo.content };
    }));
  }

  async queue(scope: UnitScope, principal: StaffPrincipal, q: QueueQuery) {
    const sort = q.sort ?? 'deadline';
    const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
    const cursor = q.cursor ? decodeCursor(q.cursor, sort) : null;
    const filters: QueueFilters = { ...q, assigneeId: q.assignedToMe ? principal.id : undefined };
    const rows = await this.repo.queue(scope, filters, sort, cursor, limit + 1);
    const page = rows.slice(0, limit);
    const names = await this.staff.displayNames(page.map((r) => r.assigneeId).filter((x): x is string => !!x));
    const places = await this.localities.latestNames(page.map((r) => r.localityCode).filter((x): x is string => !!x));
    const now = new Date();
    return {
      items: page.map((r) => ({
        id: r.id,
        reference: r.reference,
        status: r.status,
        category: r.category,
        localityCode: r.localityCode,
        place: r.localityCode ? (places.get(r.localityCode) ?? null) : null,
        priority: r.priority,
        createdAt: r.createdAt.toISOString(),
        ageSeconds: Math.floor((now.getTime() - r.createdAt.getTime()) / 1000),
        nextDeadlineAt: r.nextDeadlineAt?.toISOString() ?? null,
        deadlineState: caseDeadlineState(r.nextDeadlineAt, now, this.clocks.atRiskMs),
        breachFlagged: r.breachFlagged,
        assignee: r.assigneeId ? { id: r.assigneeId, name: names.get(r.assigneeId) ?? null } : null,
        claimedBy: claimHolder({ claimedBy: r.claimedBy, claimedUntil: r.claimedUntil }, now),
        possiblyRelated: r.possiblyRelated,
        replyWaiting: r.replyWaiting,
        hotspotId: r.hotspotId,
        version: r.version,
      })),
      nextCursor: rows.length > limit ? encodeCursor({ sort, key: keyOf(sort, page[page.length - 1]) }) : null,
    };
  }

  /**
   * A hotline operator's own filings since midnight in Vietnam: reference, category and place
   * to read back to a caller, nothing else. The read is audited like any staff read of cases.
   */
  async filedToday(principal: StaffPrincipal, ctx: RequestContext, now = new Date()) {
    const since = new Date(`${vietnamDate(now)}T00:00:00+07:00`);
    const rows = await this.repo.listOpenedBy(principal.id, since);
    await this.uow.run((m) =>
      this.audit.record(m, ctx, { action: 'intake.filed_today_listed', targetType: 'staff_account', targetId: principal.id, unitId: principal.unitId, change: { count: rows.length } }),
    );
    return {
      items: rows.map((r) => ({ reference: r.reference, category: r.category, localityCode: r.localityCode, filedAt: r.filedAt.toISOString() })),
      nextCursor: null,
    };
  }

  /** The case for staff: timeline, messages (decrypted), routing reason; the view is audited. */
  async view(scope: UnitScope, ctx: RequestContext, caseId: string) {
    requireUuid(caseId);
    return this.scoped(ctx, caseId, () => this.uow.run(async (m) => {
      const c = await this.repo.findScoped(scope, m, caseId);
      if (!c) throw new OutOfScope();
      const events = await this.repo.listEvents(scope, m, caseId);
      // Tip content decrypted with the case's key (null fields once destroyed under retention).
      const tips = await this.tipsRepo.findForCase(c.id, c.dataKeyId, m);
      const messages = await this.repo.listMessages(m, caseId, false);
      const now = new Date();
      const holder = claimHolder(c, now);
      const names = await this.staff.displayNames([c.assigneeId, holder, ...messages.map((x) => x.authorStaffId)].filter((x): x is string => !!x));
      const timeline = [];
      for (const e of events) {
        const reason = e.reason ? await this.crypto.decrypt(m, c.dataKeyId, eventReasonAad(e.id), e.reason) : null;
        timeline.push({ id: e.id, type: e.type, at: e.at.toISOString(), actor: { type: e.actorType, id: e.actorId }, metadata: e.metadata, reason: reason?.toString('utf8') ?? null });
      }
      const msgs = [];
      for (const x of messages) {
        const body = await this.crypto.decrypt(m, c.dataKeyId, messageAad(x.id), x.body);
        msgs.push({
          id: x.id,
          at: x.createdAt.toISOString(),
          author: x.author,
          authorStaff: x.authorStaffId ? { id: x.authorStaffId, name: names.get(x.authorStaffId) ?? null } : null,
          visibility: x.visibility,
          body: body ? body.toString('utf8') : null,
          destroyed: body === null,
        });
      }
      const clocks = await this.clocks.listForCase(m, c.id, now);
      await this.audit.record(m, ctx, { action: 'case.viewed', targetType: 'case', targetId: c.id, unitId: c.unitId });
      return {
        ...summary(c, now, this.clocks.atRiskMs),
        clocks,
        claimedBy: holder ? { id: holder, name: names.get(holder) ?? null, until: c.claimedUntil!.toISOString() } : null,
        assignee: c.assigneeId ? { id: c.assigneeId, name: names.get(c.assigneeId) ?? null } : null,
        routing: { ruleId: c.routingRuleId, reason: c.routingReason },
        observedAt: c.observedAt.toISOString(),
        channel: c.channel,
        timestamps: {
          createdAt: c.createdAt.toISOString(),
          acknowledgedAt: iso(c.acknowledgedAt),
          verificationStartedAt: iso(c.verificationStartedAt),
          actionedAt: iso(c.actionedAt),
          closedAt: iso(c.closedAt),
          reopenedAt: iso(c.reopenedAt),
          transferredAt: iso(c.transferredAt),
        },
        // Once retention destroyed the case's key, its content reads as destroyed (statistics and timeline stay).
        content: (await this.crypto.isDestroyed(m, c.dataKeyId)) ? { destroyed: true, note: DESTROYED.en } : { destroyed: false, note: null },
        tips,
        timeline,
        messages: msgs,
      };
    }));
  }

  /** One action on a case (claim, transitions, assign, link...). Returns the case summary. */
  async act(scope: UnitScope, principal: StaffPrincipal, ctx: RequestContext, caseId: string, action: CaseAction, expectedVersion?: number) {
    requireUuid(caseId);
    return this.scoped(ctx, caseId, () => this.uow.run(async (m) => {
      const c = await this.repo.findScoped(scope, m, caseId);
      if (!c) throw new OutOfScope();
      if (expectedVersion !== undefined && expectedVersion !== c.version) throw versionConflict(c.version);
      const now = new Date();
      const claim: Claim = { claimedBy: c.claimedBy, claimedUntil: c.claimedUntil };
      let patch: CasePatch = {};
      let eventType: string;
      let metadata: Record<string, unknown> = {};
      let reasonText: string | null = null;

      if (action.type === 'claim') {
        if (c.status === 'closed') throw new DomainError('invalid_transition', 'A closed case cannot be claimed; allowed: reopen.', { status: c.status, command: 'claim', allowed: ['reopen'] });
        patch = takeClaim(claim, principal.id, now, this.claimTtlMs);
        eventType = 'claimed';
      } else if (action.type === 'release') {
        patch = releaseClaim(claim, principal.id, now);
        eventType = 'released';
      } else if (action.type === 'break_lock') {
        const broken = breakClaim(claim, now);
        patch = broken.claim;
        eventType = 'lock_broken';
        metadata = { brokenHolder: broken.brokenHolder };
      } else if (action.type === 'link') {
        assertMayAct(claim, principal.id, now);
        patch = { ...(await this.linkPatch(scope, m, c, action)), ...takeClaim(claim, principal.id, now, this.claimTtlMs) };
        eventType = 'linked';
        metadata = { duplicateOf: patch.duplicateOf ?? c.duplicateOf, hotspotId: patch.hotspotId ?? c.hotspotId };
      } else {
        assertMayAct(claim, principal.id, now);
        const command = action as CaseCommand;
        const next = planTransition({ status: c.status, unitId: c.unitId, assigneeId: c.assigneeId, outcome: c.outcome, actionTaken: c.actionTaken }, command);
        if (command.type === 'assign' && command.assigneeId !== null && !(await this.staff.isAssignable(command.assigneeId, c.unitId, m))) {
          throw new ValidationFailed([{ field: 'assigneeId', reason: 'not_in_unit', message: 'The assignee must be an active officer of the case’s unit.' }]);
        }
        if (command.type === 'transfer' && !(await this.units.isInForce(command.toUnitId, now, m))) {
          throw new ValidationFailed([{ field: 'unitId', reason: 'unknown', message: 'No such unit in force today.' }]);
        }
        patch = { status: next.status, unitId: next.unitId, assigneeId: next.assigneeId, outcome: next.outcome, actionTaken: next.actionTaken };
        if (next.status !== c.status) {
          const ts = STATUS_TIMESTAMP[next.status];
          if (ts) (patch as Record<string, unknown>)[ts] = now;
          patch.stageStartedAt = now;
        }
        if (command.type === 'reopen') patch.reopenedAt = now;
        if (command.type === 'transfer') patch.transferredAt = now;
        // Working a case renews the claim; closing or transferring it lets it go. Assigning it is
        // not working it: the lead must not lock the new assignee out for the claim's lifetime.
        if (next.status === 'closed' || command.type === 'transfer') Object.assign(patch, NO_CLAIM);
        else if (command.type !== 'assign') Object.assign(patch, takeClaim(claim, principal.id, now, this.claimTtlMs));
        eventType = EVENT_FOR_COMMAND[command.type];
        metadata = { from: c.status, to: next.status };
        if (command.type === 'action') metadata.actionTaken = command.actionTaken;
        if (command.type === 'close') metadata.outcome = command.outcome;
        if (command.type === 'assign') metadata.assigneeId = command.assigneeId;
        if (command.type === 'transfer') metadata = { ...metadata, fromUnitId: c.unitId, toUnitId: command.toUnitId };
        if (command.type === 'reopen' || command.type === 'transfer') reasonText = command.reason.trim();
      }

      if (!(await this.repo.updateVersioned(scope, m, c.id, c.version, patch))) throw versionConflict(null);
      if (action.type === 'action' && action.actionTaken === 'hotspot_dismantled' && c.hotspotId) {
        // The linked hotspot follows the case (suspected/verified/re_emerged → dismantled).
        metadata.hotspotDismantled = await this.hotspots.dismantleForCase(m, scope, principal, ctx, c.hotspotId, c.id);
      }
      const event = caseEvent(ctx, c.id, eventType, metadata, now);
      if (reasonText) event.reason = await this.crypto.encrypt(m, c.dataKeyId, eventReasonAad(event.id), reasonText);
      await this.repo.insertEvent(m, event);
      // Clocks move with the case: the event meets the clocks its policy names (closing cancels the rest);
      // a transfer restarts the internal targets for the new unit, a reopened case gets them again.
      const clocksMet = await this.clocks.onCaseEvent(m, c.id, eventType, now);
      if (eventType === 'transferred' || eventType === 'reopened') {
        await this.clocks.restartInternal(m, { id: c.id, unitId: patch.unitId ?? c.unitId, status: patch.status ?? c.status, category: c.category, priority: c.priority }, now);
      }
      if (clocksMet.length) metadata.clocksMet = clocksMet;
      patch.nextDeadlineAt = await this.repo.nextDeadlineOf(m, c.id);
      await this.audit.record(m, ctx, {
        action: `case.${eventType}`,
        targetType: 'case',
        targetId: c.id,
        unitId: patch.unitId ?? c.unitId,
        change: { ...metadata, version: c.version + 1 },
      });
      const after: CaseEntity = Object.assign(Object.create(CaseEntity.prototype), c, patch, { version: c.version + 1 });
      return summary(after, now, this.clocks.atRiskMs);
    }));
  }

  /** An officer's message to the tipster or an internal note; writing to the tipster clears "reply waiting". */
  async addMessage(scope: UnitScope, principal: StaffPrincipal, ctx: RequestContext, caseId: string, body: string, visibility: MessageVisibility) {
    requireUuid(caseId);
    const text = validateMessageBody(body);
    if (visibility !== 'tipster' && visibility !== 'internal') {
      throw new ValidationFailed([{ field: 'visibility', reason: 'isIn', message: 'visibility must be tipster or internal' }]);
    }
    return this.scoped(ctx, caseId, () => this.uow.run(async (m) => {
      // Locked: a message bumps no version, so a claim taken at the same moment must be seen here.
      const c = await this.repo.findScoped(scope, m, caseId, true);
      if (!c) throw new OutOfScope();
      const now = new Date();
      const claim = { claimedBy: c.claimedBy, claimedUntil: c.claimedUntil };
      assertMayAct(claim, principal.id, now);
      // Writing is working the case: the writer's own claim lasts another claim period.
      if (claimHolder(claim, now) === principal.id) await this.repo.renewClaim(m, c.id, principal.id, new Date(now.getTime() + this.claimTtlMs));
      const msg = new CaseMessageEntity();
      msg.id = randomUUID();
      msg.caseId = c.id;
      msg.author = 'officer';
      msg.authorStaffId = principal.id;
      msg.visibility = visibility;
      msg.createdAt = now;
      msg.body = await this.crypto.encrypt(m, c.dataKeyId, messageAad(msg.id), text);
      await this.repo.insertMessage(m, msg);
      if (visibility === 'tipster' && c.replyWaiting) await this.repo.markReplyWaiting(m, c.id, false);
      // Telling the reporter meets the legal notification clock where the policy says so.
      if (visibility === 'tipster') await this.clocks.onCaseEvent(m, c.id, 'message_to_tipster', now);
      await this.repo.insertEvent(m, caseEvent(ctx, c.id, visibility === 'tipster' ? 'message_to_tipster' : 'internal_note', { messageId: msg.id }, now));
      await this.audit.record(m, ctx, {
        action: visibility === 'tipster' ? 'case.message_sent' : 'case.note_added',
        targetType: 'case',
        targetId: c.id,
        unitId: c.unitId,
        change: { messageId: msg.id, visibility },
      });
      return { id: msg.id, at: now.toISOString(), visibility };
    }));
  }

  private async linkPatch(scope: UnitScope, m: EntityManager, c: CaseEntity, action: { duplicateOf?: string | null; hotspotId?: string | null }): Promise<CasePatch> {
    const patch: CasePatch = {};
    if (action.duplicateOf === undefined && action.hotspotId === undefined) {
      throw new ValidationFailed([{ field: 'duplicateOf', reason: 'required', message: 'Give duplicateOf or hotspotId.' }]);
    }
    if (action.duplicateOf !== undefined) {
      if (action.duplicateOf !== null) {
        requireUuid(action.duplicateOf, 'duplicateOf');
        if (action.duplicateOf === c.id) throw new ValidationFailed([{ field: 'duplicateOf', reason: 'self', message: 'A case cannot duplicate itself.' }]);
        // Only a case the caller can see: linking must not reveal other units' cases.
        const original = await this.repo.findScoped(scope, m, action.duplicateOf);
        if (!original) throw new NotFound('Case to link');
        // Always point at the original: a duplicate of a duplicate could close a cycle.
        if (original.duplicateOf) {
          throw new ValidationFailed([{ field: 'duplicateOf', reason: 'is_duplicate', message: 'That case is itself a duplicate; link to the case it duplicates.' }]);
        }
      }
      patch.duplicateOf = action.duplicateOf;
    }
    if (action.hotspotId !== undefined) {
      if (action.hotspotId !== null) {
        requireUuid(action.hotspotId, 'hotspotId');
        if (!(await this.hotspots.inScope(scope, m, action.hotspotId))) throw new NotFound('Hotspot');
      }
      patch.hotspotId = action.hotspotId;
    }
    return patch;
  }
}

function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

export function summary(c: CaseEntity, now: Date, atRiskMs: number) {
  return {
    id: c.id,
    reference: c.reference,
    unitId: c.unitId,
    status: c.status,
    outcome: c.outcome,
    actionTaken: c.actionTaken,
    priority: c.priority,
    category: c.category,
    localityCode: c.localityCode,
    possiblyRelated: c.possiblyRelated,
    replyWaiting: c.replyWaiting,
    hotspotId: c.hotspotId,
    duplicateOf: c.duplicateOf,
    assigneeId: c.assigneeId,
    claimedBy: claimHolder(c, now),
    claimedUntil: claimHolder(c, now) ? iso(c.claimedUntil) : null,
    nextDeadlineAt: iso(c.nextDeadlineAt),
    deadlineState: caseDeadlineState(c.nextDeadlineAt, now, atRiskMs),
    breachFlagged: c.breachFlagged,
    version: c.version,
  };
}

function versionConflict(current: number | null): DomainError {
  return new DomainError('version_conflict', 'The case was changed by someone else; reload it and try again.', current === null ? undefined : { currentVersion: current });
}

function requireUuid(v: string, field = 'id'): void {
  if (!UUID.test(v)) throw new NotFound(field === 'id' ? 'Case' : field);
}

/** Thrown inside a case transaction when the case is not in the caller's scope; `scoped` turns it into an audited 404. */
