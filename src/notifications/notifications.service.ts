import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { UnitOfWork } from '../common/unit-of-work';
import type { StaffPrincipal } from '../auth/auth.decorators';
import { NotFound, ValidationFailed } from '../common/errors/domain-error';
import type { RequestContext } from '../common/request-context';
import { MailService } from '../mail/mail.service';
import { NotificationsRepository } from './notifications.repository';
import { isUuid } from '../common/uuid.pipe';
import { pageLimit, WORK_LIST_PAGE } from '../common/pagination';

export interface Notice {
  kind: string;
  /** Same key and recipient: the notice exists once however often it is raised. */
  dedupeKey: string;
  caseId: string | null;
  caseReference: string | null;
  /** Case reference and clock only, never tip content. */
  subject: string;
  body: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** In-app notices per staff account, e-mailed through SMTP when SMTP_URL is set. */
@Injectable()
export class NotificationsService {
  private readonly log = new Logger(NotificationsService.name);

  constructor(
    private readonly repo: NotificationsRepository,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly uow: UnitOfWork,
  ) {}

  /** Raises a notice for each recipient in the caller's transaction; returns how many were new. */
  async raise(m: EntityManager, recipients: string[], notice: Notice, at = new Date()): Promise<number> {
    return this.raiseMany(m, [{ recipients, notice }], at);
  }

  /** Many notices in one statement (the sweep raises a batch at a time). */
  async raiseMany(m: EntityManager, batch: { recipients: string[]; notice: Notice }[], at = new Date()): Promise<number> {
    const rows = batch.flatMap(({ recipients, notice }) => [...new Set(recipients)].map((recipientId) => ({ id: randomUUID(), recipientId, createdAt: at, ...notice })));
    return this.repo.insertMany(m, rows, this.mail.enabled);
  }

  async list(principal: StaffPrincipal, q: { unread?: boolean; cursor?: string; limit?: number }) {
    const limit = pageLimit(q.limit, WORK_LIST_PAGE);
    let before: { at: Date; id: string } | null = null;
    if (q.cursor) {
      const [at, id] = Buffer.from(q.cursor, 'base64url').toString('utf8').split('|');
      if (!at || !isUuid(id) || Number.isNaN(Date.parse(at))) throw new ValidationFailed([{ field: 'cursor', reason: 'invalid', message: 'The cursor is not valid.' }]);
      before = { at: new Date(at), id };
    }
    const rows = await this.repo.listFor(principal.id, q.unread === true, before, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((n) => ({
        id: n.id,
        kind: n.kind,
        caseId: n.caseId,
        caseReference: n.caseReference,
        subject: n.subject,
        body: n.body,
        createdAt: n.createdAt.toISOString(),
        readAt: n.readAt?.toISOString() ?? null,
        email: n.emailStatus,
      })),
      nextCursor: rows.length > limit && last ? Buffer.from(`${last.createdAt.toISOString()}|${last.id}`, 'utf8').toString('base64url') : null,
    };
  }

  async markRead(principal: StaffPrincipal, ctx: RequestContext, id: string): Promise<{ id: string; read: true }> {
    await this.uow.run(async (m) => {
      if (!(await this.repo.markRead(m, principal.id, id, new Date()))) throw new NotFound('Notification');
      await this.audit.record(m, ctx, { action: 'notification.read', targetType: 'notification', targetId: id });
    });
    return { id, read: true };
  }

  /** An admin sets (or clears, with null) where a staff member's notices are e-mailed; audited. */
  async setEmail(ctx: RequestContext, staffId: string, email: string | null): Promise<{ staffId: string; email: string | null }> {
    if (email !== null && (typeof email !== 'string' || !EMAIL.test(email) || email.length > 320)) {
      throw new ValidationFailed([{ field: 'email', reason: 'isEmail', message: 'Địa chỉ e-mail không hợp lệ. / The e-mail address is not valid.' }]);
    }
    await this.uow.run(async (m) => {
      if (!(await this.repo.staffExists(m, staffId))) throw new NotFound('Staff account');
      await this.repo.setEmail(m, staffId, email);
      await this.audit.record(m, ctx, { action: 'notification.email_set', targetType: 'staff_account', targetId: staffId, change: { set: email !== null } });
    });
    return { staffId, email };
  }

  /**
   * Sends pending e-mails, one transaction each: the row stays locked while SMTP accepts the
   * message and is marked sent in the same transaction, so two instances never send the same
   * notice. (An instance killed after the server accepted a message and before the commit
   * leaves it pending: it is sent again, with the same Message-ID.) Returns how many were sent.
   */
  async flushEmails(max = 1000): Promise<number> {
    if (!this.mail.enabled) return 0;
    let sent = 0;
    for (; sent < max; sent++) {
      const done = await this.uow.run(async (m) => {
        const n = await this.repo.lockPendingEmail(m);
        if (!n) return false;
        await this.mail.send({ to: [n.email], subject: n.subject, text: n.body, messageId: `<${n.id}@tipline.notifications>` });
        await this.repo.markEmailed(m, n.id, new Date());
        return true;
      }).catch((e: unknown) => {
        this.log.warn(`notification e-mail failed: ${(e as Error).message}`);
        return false;
      });
      if (!done) break;
    }
    return sent;
  }
}
