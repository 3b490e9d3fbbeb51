import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A link from a locality version that ended to one that took over its area on `effective_date`:
 * legacy commune → new commune(s) (`full` or `partial` when split), island district → special
 * zone, legacy province → new province. Codes alone are ambiguous across eras, so both ends
 * carry the valid_from of their version.
 */
@Entity({ name: 'locality_successors' })
@Check('CHK_locality_successors_relation', `"relation" IN ('full','partial')`)
export class LocalitySuccessor {
  @PrimaryColumn({ name: 'from_code', type: 'text' })
  fromCode: string;

  @PrimaryColumn({ name: 'from_valid_from', type: 'date' })
  fromValidFrom: string;

  @PrimaryColumn({ name: 'to_code', type: 'text' })
  toCode: string;

  @PrimaryColumn({ name: 'to_valid_from', type: 'date' })
  toValidFrom: string;

  @Column({ name: 'effective_date', type: 'date' })
  effectiveDate: string;

  @Column({ type: 'text' })
  relation: 'full' | 'partial';

  @Column({ type: 'text', nullable: true })
  source: string | null;
}
