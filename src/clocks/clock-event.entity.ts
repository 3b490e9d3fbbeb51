import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CaseClockEntity } from './case-clock.entity';

/**
 * What happened to a clock (CONTRACT-clocks.md). Append-only by use: the due time is derived
 * from these rows. `details` holds durations, due times and policy ids, never tip content; the
 * reason of an extension or suspension is an official's justification with its legal reference.
 */
@Entity('clock_events')
@Index('clock_events_clock_id_at_idx', ['clockId', 'at'])
@Index('clock_events_case_id_idx', ['caseId'])
export class ClockEventEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'clock_id' })
  clockId: string;

  @ManyToOne(() => CaseClockEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'clock_id', foreignKeyConstraintName: 'clock_events_clock_id_fkey' })
  clock?: CaseClockEntity;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  // By entity name, not class: cases imports clocks, so clocks does not import cases.
  @ManyToOne('CaseEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'clock_events_case_id_fkey' })
  case?: unknown;

  @Column('text')
  type: string;

  @Column('timestamptz')
  at: Date;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('text', { name: 'legal_reference', nullable: true })
  legalReference: string | null;

  @Column('uuid', { name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column('jsonb', { default: () => `'{}'` })
  details: Record<string, unknown>;
}
