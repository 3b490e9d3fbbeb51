import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export const UNIT_KINDS = [
  'ministry_department',
  'provincial_police',
  'provincial_drug_police',
  'provincial_inspection',
  'district_police',
  'commune_police',
  'social_affairs',
  'triage',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Police units (kinds that the conflict-of-interest rule treats as "the local police"). */
export const LOCAL_POLICE_KINDS: readonly UnitKind[] = ['commune_police', 'district_police'];

/** A police unit or agency, in the chain of command (`parent_id`), valid over a period. */
@Entity({ name: 'units' })
@Index('IDX_units_parent_id', ['parentId'])
@Check('CHK_units_kind', `"kind" IN ('ministry_department','provincial_police','provincial_drug_police','provincial_inspection','district_police','commune_police','social_affairs','triage')`)
@Check('CHK_units_period', `"valid_to" IS NULL OR "valid_to" >= "valid_from"`)
export class Unit {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('UQ_units_code', { unique: true })
  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: UnitKind;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'parent_id' })
  parent?: Unit | null;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
