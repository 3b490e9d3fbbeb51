import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { StaffAccountEntity } from '../staff/staff-account.entity';

/**
 * An in-app notice to one staff account (a breach, an escalation). Subject and body carry the
 * case reference and the clock, never tip content. The unique key (`dedupe_key`, recipient)
 * makes a second insert of the same notice a no-op: each notice exists once, however many
 * instances try. `email_status`: NULL no e-mail wanted, pending, sent.
 */
@Entity('notifications')
@Index('notifications_recipient_created_idx', ['recipientId', 'createdAt'])
@Index('notifications_dedupe_key', ['dedupeKey', 'recipientId'], { unique: true })
export class NotificationEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'recipient_id' })
  recipientId: string;

  @ManyToOne(() => StaffAccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_id', foreignKeyConstraintName: 'notifications_recipient_id_fkey' })
  recipient?: StaffAccountEntity;

  @Column('text')
  kind: string;

  @Column('text', { name: 'dedupe_key' })
  dedupeKey: string;

  @Column('uuid', { name: 'case_id', nullable: true })
  caseId: string | null;

  @Column('text', { name: 'case_reference', nullable: true })
  caseReference: string | null;

  @Column('text')
  subject: string;

  @Column('text')
  body: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'read_at', nullable: true })
  readAt: Date | null;

  @Column('text', { name: 'email_status', nullable: true })
  emailStatus: 'pending' | 'sent' | null;

  @Column('timestamptz', { name: 'emailed_at', nullable: true })
  emailedAt: Date | null;
}

/** Where a staff member's notices are also e-mailed (kept apart from the account: an address is optional and personal). */
@Entity('staff_notification_emails')
export class StaffNotificationEmailEntity {
  @PrimaryColumn('uuid', { name: 'staff_id' })
  staffId: string;

  @ManyToOne(() => StaffAccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'staff_notification_emails_staff_id_fkey' })
  staff?: StaffAccountEntity;

  @Column('text')
  email: string;
}
