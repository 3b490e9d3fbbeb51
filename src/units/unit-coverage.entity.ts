import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Unit } from './unit.entity';

/**
 * A unit's jurisdiction over a locality (and everything under it) for a period. The locality is
 * named by code; the period picks the version (a legacy and a new locality can share a code).
 * `unit_kind` is copied from the unit so that overlaps of one kind over one place can be checked.
 */
@Entity({ name: 'unit_coverage' })
@Index('IDX_unit_coverage_locality', ['localityCode'])
@Index('IDX_unit_coverage_unit', ['unitId'])
@Check('CHK_unit_coverage_period', `"valid_to" IS NULL OR "valid_to" >= "valid_from"`)
export class UnitCoverage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Unit;

  @Column({ name: 'unit_kind', type: 'text' })
  unitKind: string;

  @Column({ name: 'locality_code', type: 'text' })
  localityCode: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
