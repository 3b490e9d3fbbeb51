import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { ClockStatus, DurationUnit } from './clock-arithmetic';
import { ClockPolicyEntity } from './clock-policy.entity';

/**
 * A deadline on a case (CONTRACT-clocks.md: h17's reports read this table). The columns after
 * `extensions` are h15's own: the base duration (copied from the policy so a replay does not
 * depend on later policy rows) and the escalation ladder's state. The derived columns (due_at,
 * status, ...) are rewritten from the clock's events on every change.
 *
 * The sweep walks two partial indexes: running clocks by due time, breached clocks by the time
 * of their next escalation step.
 */
@Entity('case_clocks')
@Check('case_clocks_status_check', `"status" IN ('running', 'paused', 'met', 'breached', 'cancelled')`)
@Index('case_clocks_case_id_idx', ['caseId'])
@Index('case_clocks_due_idx', ['dueAt'], { where: `"status" = 'running'` })
@Index('case_clocks_escalate_idx', ['escalateAt'], { where: `"escalate_at" IS NOT NULL` })
@Index('case_clocks_open_policy_idx', ['policyId'], { where: `"status" IN ('running', 'paused', 'breached')` })
export class CaseClockEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  // By entity name, not class: cases imports clocks, so clocks does not import cases.
  @ManyToOne('CaseEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'case_clocks_case_id_fkey' })
  case?: unknown;

  @Column('text')
  kind: string;

  @Column('boolean')
  legal: boolean;

  @Column('uuid', { name: 'policy_id' })
  policyId: string;

  @ManyToOne(() => ClockPolicyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'policy_id', foreignKeyConstraintName: 'case_clocks_policy_id_fkey' })
  policy?: ClockPolicyEntity;

  @Column('timestamptz', { name: 'started_at' })
  startedAt: Date;

  @Column('timestamptz', { name: 'due_at', nullable: true })
  dueAt: Date | null;

  @Column('text')
  status: ClockStatus;

  @Column('timestamptz', { name: 'met_at', nullable: true })
  metAt: Date | null;

  @Column('timestamptz', { name: 'breached_at', nullable: true })
  breachedAt: Date | null;

  @Column('integer', { name: 'paused_seconds', default: 0 })
  pausedSeconds: number;

  @Column('timestamptz', { name: 'paused_since', nullable: true })
  pausedSince: Date | null;

  @Column('integer', { default: 0 })
  extensions: number;

  @Column('integer', { name: 'duration_value' })
  durationValue: number;

  @Column('text', { name: 'duration_unit' })
  durationUnit: DurationUnit;

  /** 0 none, 1 unit lead told, 2 supervising unit told. */
  @Column('smallint', { name: 'escalation_level', default: 0 })
  escalationLevel: number;

  /** When the next escalation step is due (NULL: none pending). */
  @Column('timestamptz', { name: 'escalate_at', nullable: true })
  escalateAt: Date | null;
}
