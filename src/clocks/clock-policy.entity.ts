import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { DurationUnit } from './clock-arithmetic';

/**
 * A deadline policy: which clock a case of a category and priority gets, how long it runs, what
 * meets it. Effective-dated: a change writes a new row (valid_from) and closes the old one
 * (valid_to); rows are never edited otherwise. `category`/`priority` NULL match any; the most
 * specific row in force wins. A legal clock exists for a category only when a row names it (or
 * names none): which categories start legal clocks is policy data.
 */
@Entity('clock_policies')
@Check('clock_policies_unit_check', `"duration_unit" IN ('hours', 'working_days', 'days', 'months')`)
@Check('clock_policies_priority_check', `"priority" IS NULL OR "priority" IN ('urgent', 'high', 'normal', 'low')`)
@Check('clock_policies_duration_check', `"duration_value" > 0`)
@Index('clock_policies_lookup_idx', ['kind', 'validFrom'])
export class ClockPolicyEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** acknowledge, first_action, legal_transfer, legal_notify, legal_verify (data may add more). */
  @Column('text')
  kind: string;

  @Column('boolean')
  legal: boolean;

  @Column('text', { nullable: true })
  category: string | null;

  @Column('text', { nullable: true })
  priority: string | null;

  /** Only cases routed to units of these kinds (NULL: any), e.g. the commune police's 24-hour transfer. */
  @Column('text', { name: 'unit_kinds', array: true, nullable: true })
  unitKinds: string[] | null;

  @Column('integer', { name: 'duration_value' })
  durationValue: number;

  @Column('text', { name: 'duration_unit' })
  durationUnit: DurationUnit;

  /** Case timeline event types that meet the clock (acknowledged, actioned, transferred, closed...). */
  @Column('text', { name: 'met_by', array: true })
  metBy: string[];

  @Column('boolean', { default: true })
  pausable: boolean;

  @Column('integer', { name: 'max_extensions', default: 0 })
  maxExtensions: number;

  /** The longest one extension may add, in calendar days (NULL: no limit). */
  @Column('integer', { name: 'max_extension_days', nullable: true })
  maxExtensionDays: number | null;

  @Column('text', { name: 'legal_reference', nullable: true })
  legalReference: string | null;

  @Column('timestamptz', { name: 'valid_from' })
  validFrom: Date;

  @Column('timestamptz', { name: 'valid_to', nullable: true })
  validTo: Date | null;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
