import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { CategoryCode } from '../categories/category-codes';
import { actionTime } from '../common/anonymity/action-time';
import { NotFound } from '../common/errors/domain-error';
import type { RequestContext } from '../common/request-context';
import { AccessService } from '../access/access.service';
import type { ScopedCase } from '../access/scoped';
import { CryptoService } from '../crypto/crypto.service';
import { HotspotsService } from '../hotspots/hotspots.service';
import { CaseFiguresRepository } from '../case-figures/case-figures.repository';
import { ClocksService } from '../clocks/clocks.service';
import { caseEvent, messageAad, validateMessageBody } from './case-events';
import { CaseMessageEntity } from './case-message.entity';
import { newCaseReference } from './case-reference';
import { CaseStatus, Priority, priorityRank } from './case-transitions';
import { CaseEntity } from './case.entity';
import { CasesRepository } from './cases.repository';
import { UnitOfWork } from '../common/unit-of-work';

/** What intake passes from the routing decision (RoutingService.route). */
export interface RoutingDecisionInput {
  unit: { id: string; code?: string; name?: string; kind?: string };
  notify?: unknown[];
  priority: Priority;
  ruleId: string | null;
  reason: unknown;
  resolvedLocalityCode?: string | null;
}

export interface OpenForTipInput {
  category: CategoryCode;
  localityCode: string | null;
  observedAt: Date;
  channel: string;
  routing: RoutingDecisionInput;
  dataKeyId: string;
}

export interface TipsterView {
  reference: string;
  /** Public status: received, in_progress, action_taken, closed. */
  status: string;
  updates: { at: string; text: string; code: string }[];
  messages: { at: string; from: 'officer' | 'tipster'; body: string }[];
  /** Set once the case's content was destroyed under the retention policy ("destroyed under retention policy"). */
  contentNote: string | null;
}

/** Related tips look back this far (same commune and category). */
export const RELATED_WINDOW_DAYS = 90;

const PUBLIC_STATUS: Record<CaseStatus, string> = {
  new: 'received',
  acknowledged: 'in_progress',
  verifying: 'in_progress',
  actioned: 'action_taken',
  closed: 'closed',
};

/** Timeline events a tipster may see, with the only words they get (no unit, no officer, no outcome detail). */
const TIPSTER_UPDATES: Record<string, { vi: string; en: string }> = {
  opened: { vi: 'Tin báo đã được tiếp nhận.', en: 'Your tip was received.' },
  acknowledged: { vi: 'Tin báo đang được xử lý.', en: 'Your tip is being handled.' },
  verification_started: { vi: 'Tin báo đang được xác minh.', en: 'Your tip is being verified.' },
  actioned: { vi: 'Cơ quan chức năng đã có biện pháp xử lý.', en: 'The authorities have taken action.' },
  closed: { vi: 'Việc xử lý tin báo đã kết thúc.', en: 'Work on your tip has ended.' },
  reopened: { vi: 'Tin báo được xem xét lại.', en: 'Your tip is being looked at again.' },
  transferred: { vi: 'Tin báo đã được chuyển đến đơn vị có thẩm quyền.', en: 'Your tip was passed to the competent unit.' },
};
export const TIPSTER_EVENT_TYPES = Object.keys(TIPSTER_UPDATES);
export { caseEvent, eventReasonAad, messageAad, validateMessageBody } from './case-events';
export const DESTROYED = { vi: '(nội dung đã bị hủy theo chính sách lưu trữ)', en: '(destroyed under retention policy)' };

/**
 * What other features ask of cases: intake opens a case for a tip (in intake's transaction),
 * the tipster reads and answers with the receipt. Staff case work: CaseQueueService,
 * CaseViewService and the actions under ./actions.
 */
@Injectable()
export class CasesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: CasesRepository,
    private readonly audit: AuditService,
    private readonly crypto: CryptoService,
    private readonly hotspots: HotspotsService,
    private readonly access: AccessService,
    private readonly clocks: ClocksService,
    private readonly figures: CaseFiguresRepository,
  ) {}

  /**
   * Writes the case and its first timeline event in the caller's transaction. The caller writes
   * the tip and the `tip.submitted` audit event in the same transaction.
   */
  async openForTip(manager: EntityManager, ctx: RequestContext, input: OpenForTipInput): Promise<{ caseId: string; reference: string; scoped: ScopedCase }> {
    // A tipster's action: stored coarse, rounded down (deadlines never start later than the truth).
    const now = actionTime(ctx);
    const reference = newCaseReference();
    const localityCode = input.routing.resolvedLocalityCode ?? input.localityCode ?? null;
    // Only what the receiving unit may see: its own open cases and its own hotspots in the commune.
    const since = new Date(now.getTime() - RELATED_WINDOW_DAYS * 86_400_000);
    const unitId = input.routing.unit.id;
    const possiblyRelated = localityCode
      ? (await this.repo.hasOpenRelated(manager, unitId, localityCode, input.category, since)) || (await this.hotspots.hasRecentInLocality(manager, unitId, localityCode, since))
      : false;
    const c = new CaseEntity();
    Object.assign(c, {
      id: randomUUID(),
      reference,
      unitId: input.routing.unit.id,
      assigneeId: null,
      status: 'new',
      outcome: null,
      actionTaken: null,
      priority: input.routing.priority,
      priorityRank: priorityRank(input.routing.priority),
      category: input.category,
      localityCode,
      channel: input.channel,
      observedAt: input.observedAt,
      routingRuleId: input.routing.ruleId,
      routingReason: (input.routing.reason ?? {}) as object,
      dataKeyId: input.dataKeyId,
      legalHold: false,
      purgedAt: null,
      replyWaiting: false,
      possiblyRelated,
      hotspotId: null,
      duplicateOf: null,
      claimedBy: null,
      claimedUntil: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
      stageStartedAt: now,
      // Set from the clocks planned below (the earliest due time).
      nextDeadlineAt: null,
      breachFlagged: false,
    } satisfies Partial<CaseEntity>);
    // The case's deadlines start with it, in the tip's transaction; planned before the case row
    // is written so that it carries its next deadline (no UPDATE of the new row).
    // The routing decision names the unit's kind: no query for it.
    const planned = await this.clocks.planForCase(manager, { id: c.id, unitId: c.unitId, status: c.status, category: c.category, priority: c.priority, unitKind: input.routing.unit.kind }, now);
    c.nextDeadlineAt = planned.nextDeadlineAt;
    // 40 random bits: a clash is rare; the insert skips a taken reference (the transaction stays
    // clean) and the case tries another, with no separate check before each insert.
    for (let i = 0; !(await this.repo.insertCaseUnlessReferenceTaken(manager, c)); i++) {
      if (i >= 5) throw new Error('openForTip: no free case reference after 6 tries');
      c.reference = newCaseReference();
    }
    const scoped = this.access.caseOpened(c);
    await this.repo.insertEvent(scoped, manager, caseEvent(ctx, c.id, 'opened', { unitId: c.unitId, channel: c.channel, ruleId: c.routingRuleId }, now));
    await this.clocks.writeStarted(manager, planned);
    const clocks = planned.clocks;
    // Its report figures, from what was just written (no refresh statement: see insertOpened).
    await this.figures.insertOpened(manager, c, clocks);
    await this.audit.record(manager, ctx, {
      action: 'case.opened',
      targetType: 'case',
      targetId: c.id,
      unitId: c.unitId,
      change: { status: 'new', unitId: c.unitId, priority: c.priority, possiblyRelated, clocks: clocks.map((k) => k.kind) },
    });
    return { caseId: c.id, reference: c.reference, scoped };
  }

  /**
   * The id of the case with this public reference, or null. The auditor's proof form names a case
   * by its reference; the proof itself is read from the audit trail, so this gives the id only:
   * no content, and no unit scope (auditors have none).
   */
  async idForReference(reference: string): Promise<string | null> {
    return this.uow.run((m) => this.repo.idByReference(m, reference));
  }

  /** Only what the tipster may see: public status, public updates, tipster-visible messages. */
  async tipsterView(caseId: string, lang: 'vi' | 'en' = 'vi'): Promise<TipsterView> {
    return this.uow.run(async (m) => {
      const sc = await this.access.caseForReceipt(m, caseId);
      if (!sc) throw new NotFound('Case');
      const c = await this.repo.load(sc, m);
      const events = await this.repo.listEvents(sc, m, TIPSTER_EVENT_TYPES);
      const messages = await this.repo.listMessages(sc, m, true);
      const out: TipsterView['messages'] = [];
      for (const msg of messages) {
        const body = await this.crypto.decrypt(m, c.dataKeyId, messageAad(msg.id), msg.body);
        out.push({ at: msg.createdAt.toISOString(), from: msg.author, body: body ? body.toString('utf8') : DESTROYED[lang] });
      }
      return {
        reference: c.reference,
        status: PUBLIC_STATUS[c.status],
        updates: events.map((e) => ({ at: e.at.toISOString(), code: e.type, text: TIPSTER_UPDATES[e.type][lang] })),
        messages: out,
        contentNote: (await this.crypto.isDestroyed(m, c.dataKeyId)) ? DESTROYED[lang] : null,
      };
    });
  }

  /** The tipster's answer: lands on the timeline and marks the case "reply waiting"; audited. */
  async addTipsterMessage(ctx: RequestContext, caseId: string, body: string): Promise<void> {
    const text = validateMessageBody(body);
    await this.uow.run(async (m) => {
      const sc = await this.access.caseForReceipt(m, caseId, true);
      if (!sc) throw new NotFound('Case');
      const msg = new CaseMessageEntity();
      msg.id = randomUUID();
      msg.caseId = sc.id;
      msg.author = 'tipster';
      msg.authorStaffId = null;
      msg.visibility = 'tipster';
      // Coarse, but after the message it answers (the thread keeps its order): then it is that
      // message's time plus 1 ms, which tells nothing of when the tipster wrote.
      const last = (await this.repo.listMessages(sc, m, false)).at(-1)?.createdAt;
      const coarse = actionTime(ctx);
      msg.createdAt = last && last >= coarse ? new Date(last.getTime() + 1) : coarse;
      msg.body = await this.crypto.encrypt(m, sc.dataKeyId, messageAad(msg.id), text);
      await this.repo.insertMessage(sc, m, msg);
      await this.repo.updateUnversioned(sc, m, { replyWaiting: true }, msg.createdAt);
      await this.repo.insertEvent(sc, m, caseEvent(ctx, sc.id, 'tipster_replied', { messageId: msg.id }, msg.createdAt));
      await this.audit.record(m, ctx, { action: 'case.tipster_replied', targetType: 'case', targetId: sc.id, unitId: sc.unitId, change: { messageId: msg.id } });
    });
  }
}
