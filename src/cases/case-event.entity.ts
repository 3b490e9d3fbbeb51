import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CaseEntity } from './case.entity';

/**
 * The case timeline: what happened, who did it, when. `metadata` holds ids and codes only
 * (status, outcome, unit ids, message id), never tip or message text, never a reason's
 * free text (reasons are stored encrypted on the event, see `reason`).
 */
@Entity('case_events')
@Index('case_events_case_id_at_idx', ['caseId', 'at'])
export class CaseEventEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'case_events_case_id_fkey' })
  case?: CaseEntity;

  /** opened, acknowledged, verification_started, actioned, closed, reopened, transferred, assigned, claimed, released, lock_broken, linked, message_added, tipster_replied, viewed... */
  @Column('text')
  type: string;

  /** staff, tipster, system, channel. */
  @Column('text', { name: 'actor_type' })
  actorType: string;

  @Column('text', { name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  at: Date;

  @Column('jsonb', { default: () => `'{}'` })
  metadata: Record<string, unknown>;

  /** A free-text reason (reopen, transfer), encrypted with the case's data key: staff may write names into it. */
  @Column('bytea', { nullable: true })
  reason: Buffer | null;
}
