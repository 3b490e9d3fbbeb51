import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The digest of the reference data last loaded under a name: equal digest, nothing to do. */
@Entity({ name: 'reference_imports' })
export class ReferenceImport {
  @PrimaryColumn({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  digest: string;

  @Column({ name: 'imported_at', type: 'timestamptz' })
  importedAt: Date;
}
