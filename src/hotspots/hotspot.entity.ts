import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { StaffAccountEntity } from '../staff/staff-account.entity';
import { Unit } from '../units/unit.entity';
import type { HotspotStatus } from './hotspot-transitions';

/**
 * A hotspot ("tụ điểm"): a place with repeated drug activity, kept by a unit. The description is
 * plain text written by officers for the registry (e.g. "karaoke bar by the market, back
 * entrance"): it names a place, not a tipster, and reports count hotspots by it. Officers must
 * not paste tip text here; tip content stays encrypted with its case.
 */
@Entity('hotspots')
@Check('hotspots_status_check', `"status" IN ('suspected', 'verified', 'dismantled', 're_emerged')`)
@Index('hotspots_unit_created_idx', ['unitId', 'createdAt', 'id'])
@Index('hotspots_locality_idx', ['localityCode', 'statusChangedAt'])
export class Hotspot {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'unit_id' })
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'hotspots_unit_id_fkey' })
  unit?: Unit;

  @Column('text', { name: 'locality_code' })
  localityCode: string;

  @Column('text')
  description: string;

  @Column('text')
  status: HotspotStatus;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => StaffAccountEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'hotspots_created_by_fkey' })
  creator?: StaffAccountEntity | null;

  @Column('integer', { default: 1 })
  version: number;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'status_changed_at', default: () => 'now()' })
  statusChangedAt: Date;

  @Column('timestamptz', { name: 'verified_at', nullable: true })
  verifiedAt: Date | null;

  @Column('timestamptz', { name: 'dismantled_at', nullable: true })
  dismantledAt: Date | null;

  @Column('timestamptz', { name: 're_emerged_at', nullable: true })
  reEmergedAt: Date | null;
}
