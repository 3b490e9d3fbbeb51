import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const LOCALITY_LEVELS = ['province', 'district', 'commune'] as const;
export type LocalityLevel = (typeof LOCALITY_LEVELS)[number];

/**
 * One version of an administrative unit. A code names different places in different eras
 * (07210 was Phường Hoàng Văn Thụ until 2025-06-30 and is Phường Bắc Giang since 2025-07-01),
 * so a version is identified by (code, valid_from). `valid_to` is the last day in force (inclusive).
 */
@Entity({ name: 'localities' })
@Index('UQ_localities_code_valid_from', ['code', 'validFrom'], { unique: true })
@Index('IDX_localities_parent_code', ['parentCode'])
@Index('IDX_localities_name_folded_trgm', { synchronize: false })
@Check('CHK_localities_level', `"level" IN ('province','district','commune')`)
@Check('CHK_localities_period', `"valid_to" IS NULL OR "valid_to" >= "valid_from"`)
export class Locality {
  @PrimaryGeneratedColumn('identity', { type: 'integer', generatedIdentity: 'ALWAYS' })
  id: number;

  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  level: LocalityLevel;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'full_name', type: 'text' })
  fullName: string;

  /** lower(unaccent(full_name)), stored because unaccent() is not IMMUTABLE and cannot be indexed. */
  @Column({ name: 'name_folded', type: 'text' })
  nameFolded: string;

  @Column({ type: 'text' })
  type: string;

  @Column({ name: 'type_en', type: 'text' })
  typeEn: string;

  @Column({ name: 'parent_code', type: 'text', nullable: true })
  parentCode: string | null;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;

  /** Legal basis of this version (decision/resolution), when known. */
  @Column({ type: 'text', nullable: true })
  source: string | null;
}
