import { Injectable } from '@nestjs/common';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { StaffPrincipal } from '../auth/auth.decorators';
import { DomainError, NotFound } from '../common/errors/domain-error';
import type { RequestContext } from '../common/request-context';
import { CryptoService } from '../crypto/crypto.service';
import { StaffService } from '../staff/staff.service';
import { TipsRepository } from '../tips/tips.repository';
import { claimHolder } from './case-claim';
import { eventReasonAad, messageAad } from './case-events';
import { caseSummary, iso } from './case-summary';
import { ClocksService } from '../clocks/clocks.service';
import { CasesRepository } from './cases.repository';
import { DESTROYED } from './cases.service';


/** Reading one case as staff: the case view and its photos, each read audited, all through the kernel's handle. */
@Injectable()
export class CaseViewService {
  constructor(
    private readonly access: AccessService,
    private readonly repo: CasesRepository,
    private readonly tips: TipsRepository,
    private readonly audit: AuditService,
    private readonly crypto: CryptoService,
    private readonly staff: StaffService,
    private readonly clocks: ClocksService,
  ) {}

  /** One photo of one of the case's tips, found by id inside the case; the read is audited like the case view. */
  async photo(principal: StaffPrincipal, ctx: RequestContext, caseId: string, photoId: string): Promise<{ mime: string; content: Buffer }> {
    return this.access.inCase(principal, ctx, caseId, async (sc, m) => {
      const photo = await this.tips.findPhoto(sc, photoId, m);
      if (!photo) throw new NotFound('Photo');
      if (!photo.content) throw new DomainError('not_found', 'The photo was destroyed under the retention policy.');
      await this.audit.record(m, ctx, { action: 'case.photo_viewed', targetType: 'case', targetId: sc.id, unitId: sc.unitId, change: { photoId } });
      return { mime: photo.mime, content: photo.content };
    });
  }

  /** The case for staff: timeline, tips and messages (decrypted), routing reason; the view is audited. */
  async view(principal: StaffPrincipal, ctx: RequestContext, caseId: string) {
    return this.access.inCase(principal, ctx, caseId, async (sc, m) => {
      const c = await this.repo.load(sc, m);
      const events = await this.repo.listEvents(sc, m);
      // Tip content decrypted with the case's key (null fields once destroyed under retention).
      const tips = await this.tips.findForCase(sc, m);
      const messages = await this.repo.listMessages(sc, m, false);
      const now = new Date();
      const holder = claimHolder(c, now);
      const names = await this.staff.displayNames([c.assigneeId, holder, ...messages.map((x) => x.authorStaffId)].filter((x): x is string => !!x), m);
      const timeline = [];
      for (const e of events) {
        const reason = e.reason ? await this.crypto.decrypt(m, sc.dataKeyId, eventReasonAad(e.id), e.reason) : null;
        timeline.push({ id: e.id, type: e.type, at: e.at.toISOString(), actor: { type: e.actorType, id: e.actorId }, metadata: e.metadata, reason: reason?.toString('utf8') ?? null });
      }
      const msgs = [];
      for (const x of messages) {
        const body = await this.crypto.decrypt(m, sc.dataKeyId, messageAad(x.id), x.body);
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
      const clocks = await this.clocks.listForCase(m, sc, now);
      await this.audit.record(m, ctx, { action: 'case.viewed', targetType: 'case', targetId: c.id, unitId: c.unitId });
      return {
        ...caseSummary(c, now, this.clocks.atRiskMs),
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
        content: (await this.crypto.isDestroyed(m, sc.dataKeyId)) ? { destroyed: true, note: DESTROYED.en } : { destroyed: false, note: null },
        tips,
        timeline,
        messages: msgs,
      };
    });
  }
}
