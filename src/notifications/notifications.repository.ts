import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NotificationEntity } from './notification.entity';

export interface NewNotification {
  id: string;
  recipientId: string;
  kind: string;
  dedupeKey: string;
  caseId: string | null;
  caseReference: string | null;
  subject: string;
  body: string;
  createdAt: Date;
}

/** The only code that touches notifications and staff_notification_emails. */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  /**
   * Inserts the notices that do not exist yet (same dedupe key and recipient: nothing), marking
   * e-mail pending for recipients with an address when `email` is on. Returns how many were new.
   */
  async insertMany(m: EntityManager, rows: NewNotification[], email: boolean): Promise<number> {
    if (rows.length === 0) return 0;
    const result: unknown[] = await m.query(
      `INSERT INTO notifications (id, recipient_id, kind, dedupe_key, case_id, case_reference, subject, body, created_at, email_status)
       SELECT r.id, r.recipient_id, r.kind, r.dedupe_key, r.case_id, r.case_reference, r.subject, r.body, r.created_at,
              CASE WHEN $2 AND e.staff_id IS NOT NULL THEN 'pending' END
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, recipient_id uuid, kind text, dedupe_key text, case_id uuid, case_reference text, subject text, body text, created_at timestamptz)
         LEFT JOIN staff_notification_emails e ON e.staff_id = r.recipient_id
       ON CONFLICT (dedupe_key, recipient_id) DO NOTHING
       RETURNING id`,
      [
        JSON.stringify(rows.map((r) => ({ id: r.id, recipient_id: r.recipientId, kind: r.kind, dedupe_key: r.dedupeKey, case_id: r.caseId, case_reference: r.caseReference, subject: r.subject, body: r.body, created_at: r.createdAt.toISOString() }))),
        email,
      ],
    );
    return result.length;
  }

  async listFor(recipientId: string, unreadOnly: boolean, before: { at: Date; id: string } | null, limit: number): Promise<NotificationEntity[]> {
    const qb = this.dataSource.getRepository(NotificationEntity).createQueryBuilder('n').where('n.recipient_id = :recipientId', { recipientId });
    if (unreadOnly) qb.andWhere('n.read_at IS NULL');
    if (before) qb.andWhere('(n.created_at, n.id) < (:at, :id)', { at: before.at, id: before.id });
    return qb.orderBy('n.created_at', 'DESC').addOrderBy('n.id', 'DESC').limit(limit).getMany();
  }

  /** Marks the recipient's own notice read; false when there is no such notice of theirs. */
  async markRead(m: EntityManager, recipientId: string, id: string, at: Date): Promise<boolean> {
    const rows = returned(await m.query('UPDATE notifications SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND recipient_id = $2 RETURNING id', [id, recipientId, at]));
    return rows.length > 0;
  }

  /**
   * One pending e-mail, locked until the caller's transaction ends (SKIP LOCKED: instances take
   * different ones), with the recipient's address.
   */
  async lockPendingEmail(m: EntityManager): Promise<(NotificationEntity & { email: string }) | null> {
    const rows: Record<string, unknown>[] = await m.query(
      `SELECT n.id, n.subject, n.body, n.case_reference, e.email FROM notifications n JOIN staff_notification_emails e ON e.staff_id = n.recipient_id
        WHERE n.email_status = 'pending' ORDER BY n.created_at LIMIT 1 FOR UPDATE OF n SKIP LOCKED`,
    );
    const r = rows[0];
    if (!r) return null;
    return Object.assign(new NotificationEntity(), { id: r.id as string, subject: r.subject as string, body: r.body as string, caseReference: r.case_reference as string | null, email: r.email as string });
  }

  async markEmailed(m: EntityManager, id: string, at: Date): Promise<void> {
    await m.query(`UPDATE notifications SET email_status = 'sent', emailed_at = $2 WHERE id = $1`, [id, at]);
  }

  async setEmail(m: EntityManager, staffId: string, email: string | null): Promise<void> {
    if (email === null) await m.query('DELETE FROM staff_notification_emails WHERE staff_id = $1', [staffId]);
    else await m.query('INSERT INTO staff_notification_emails (staff_id, email) VALUES ($1, $2) ON CONFLICT (staff_id) DO UPDATE SET email = EXCLUDED.email', [staffId, email]);
  }

  async staffExists(m: EntityManager, staffId: string): Promise<boolean> {
    return ((await m.query('SELECT 1 FROM staff_accounts WHERE id = $1', [staffId])) as unknown[]).length > 0;
  }
}

/** TypeORM answers an UPDATE/DELETE … RETURNING through query() as [rows, rowCount]. */
function returned<T>(raw: unknown): T[] {
  return (Array.isArray(raw) && Array.isArray(raw[0]) ? raw[0] : raw) as T[];
}
