import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { CategoryCode } from '../categories/category-codes';
import { DataKey } from '../crypto/data-key.entity';
import { Hotspot } from '../hotspots/hotspot.entity';
import { StaffAccountEntity } from '../staff/staff-account.entity';
import { Unit } from '../units/unit.entity';
import type { ActionTaken, CaseOutcome, CaseStatus, Priority } from './case-transitions';

/**
 * A case: the unit of work that tips feed. Holds no tip text (tips live in `tips`, encrypted
 * with the case's data key). `version` is the optimistic lock: every change bumps it and a
 * change made against a stale version is refused with 409.
 *
 * Queue indexes (keyset pagination, one per sort): `next_deadline_at` is NULL for closed cases,
 * so the deadline index sorts on COALESCE(next_deadline_at, 'infinity'); it is declared here
 * with synchronize:false because TypeORM cannot describe an expression index (the migration
 * creates it).
 */
@Entity('cases')
@Check('cases_status_check', `"status" IN ('new', 'acknowledged', 'verifying', 'actioned', 'closed')`)
@Check('cases_priority_check', `"priority" IN ('urgent', 'high', 'normal', 'low')`)
@Check('cases_outcome_check', `("status" = 'closed') = ("outcome" IS NOT NULL)`)
@Check('cases_channel_check', `"channel" IN ('web', 'hotline', 'sms', 'open311', 'chat')`)
@Index('cases_queue_deadline_idx', { synchronize: false })
@Index('cases_queue_priority_idx', ['unitId', 'priorityRank', 'createdAt', 'id'])
@Index('cases_queue_age_idx', ['unitId', 'createdAt', 'id'])
/** Reports across every unit select cases by the day they were opened. */
@Index('cases_created_at_idx', ['createdAt'])
@Index('cases_related_idx', ['localityCode', 'category', 'createdAt'], { where: `"status" <> 'closed'` })
export class CaseEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** Short public reference shown to the tipster and quoted by staff (e.g. `TL-7K3M-Q9PX`). */
  @Index('cases_reference_key', { unique: true })
  @Column('text')
  reference: string;

  @Column('uuid', { name: 'unit_id' })
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'cases_unit_id_fkey' })
  unit?: Unit;

  @Index('cases_assignee_id_idx')
  @Column('uuid', { name: 'assignee_id', nullable: true })
  assigneeId: string | null;

  @ManyToOne(() => StaffAccountEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'assignee_id', foreignKeyConstraintName: 'cases_assignee_id_fkey' })
  assignee?: StaffAccountEntity | null;

  @Column('text')
  status: CaseStatus;

  @Column('text', { nullable: true })
  outcome: CaseOutcome | null;

  @Column('text', { name: 'action_taken', nullable: true })
  actionTaken: ActionTaken | null;

  @Column('text')
  priority: Priority;

  /** 0 urgent .. 3 low, kept beside `priority` so the queue sorts on an index. */
  @Column('smallint', { name: 'priority_rank' })
  priorityRank: number;

  @Column('text')
  category: CategoryCode;

  @Column('text', { name: 'locality_code', nullable: true })
  localityCode: string | null;

  @Column('text')
  channel: string;

  @Column('timestamptz', { name: 'observed_at' })
  observedAt: Date;

  @Column('uuid', { name: 'routing_rule_id', nullable: true })
  routingRuleId: string | null;

  @Column('jsonb', { name: 'routing_reason' })
  routingReason: object;

  @Column('uuid', { name: 'data_key_id' })
  dataKeyId: string;

  @ManyToOne(() => DataKey, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'data_key_id', foreignKeyConstraintName: 'cases_data_key_id_fkey' })
  dataKey?: DataKey;

  @Column('boolean', { name: 'legal_hold', default: false })
  legalHold: boolean;

  /** When retention destroyed the case's content (its data key); null while the content is readable. */
  @Column('timestamptz', { name: 'purged_at', nullable: true })
  purgedAt: Date | null;

  /** The tipster answered and no officer has written since. */
  @Column('boolean', { name: 'reply_waiting', default: false })
  replyWaiting: boolean;

  /** Same commune and category as an open case or an active hotspot of the last 90 days (set at intake; staff only). */
  @Column('boolean', { name: 'possibly_related', default: false })
  possiblyRelated: boolean;

  @Index('cases_hotspot_id_idx')
  @Column('uuid', { name: 'hotspot_id', nullable: true })
  hotspotId: string | null;

  @ManyToOne(() => Hotspot, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'hotspot_id', foreignKeyConstraintName: 'cases_hotspot_id_fkey' })
  hotspot?: Hotspot | null;

  @Column('uuid', { name: 'duplicate_of', nullable: true })
  duplicateOf: string | null;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'duplicate_of', foreignKeyConstraintName: 'cases_duplicate_of_fkey' })
  duplicateOfCase?: CaseEntity | null;

  @Column('uuid', { name: 'claimed_by', nullable: true })
  claimedBy: string | null;

  @ManyToOne(() => StaffAccountEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'claimed_by', foreignKeyConstraintName: 'cases_claimed_by_fkey' })
  claimedByStaff?: StaffAccountEntity | null;

  @Column('timestamptz', { name: 'claimed_until', nullable: true })
  claimedUntil: Date | null;

  @Column('integer', { default: 1 })
  version: number;

  // Timestamps the deadline clocks need.
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;

  @Column('timestamptz', { name: 'acknowledged_at', nullable: true })
  acknowledgedAt: Date | null;

  @Column('timestamptz', { name: 'verification_started_at', nullable: true })
  verificationStartedAt: Date | null;

  @Column('timestamptz', { name: 'actioned_at', nullable: true })
  actionedAt: Date | null;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @Column('timestamptz', { name: 'reopened_at', nullable: true })
  reopenedAt: Date | null;

  @Column('timestamptz', { name: 'transferred_at', nullable: true })
  transferredAt: Date | null;

  /** When the current status began (the internal target runs from here). */
  @Column('timestamptz', { name: 'stage_started_at' })
  stageStartedAt: Date;

  /**
   * The earliest due time of the case's running or breached clocks (src/clocks keeps it in step
   * in the same transaction as every clock change); NULL when no clock runs. The queue's deadline
   * sort walks it.
   */
  @Column('timestamptz', { name: 'next_deadline_at', nullable: true })
  nextDeadlineAt: Date | null;

  /** A clock of the case was breached and the breach escalated (flag for the queue and the supervisor). */
  @Column('boolean', { name: 'breach_flagged', default: false })
  breachFlagged: boolean;
}
