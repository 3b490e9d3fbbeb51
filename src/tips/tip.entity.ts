import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * One submission. Content columns are ciphertexts under the case's data key (aad: table
 * `tips`, the column, the tip id). Nothing about the sender: no address, agent, language or
 * exact submission time (created_at is rounded down to the hour; the case keeps its own).
 */
@Entity('tips')
@Index('tips_case_idx', ['caseId'])
export class TipEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_tips' })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  /** The case (named by entity name, not imported: cases depends on tips, never the reverse). */
  @ManyToOne('CaseEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_tips_case' })
  case?: object;

  @Column({ type: 'text' })
  channel!: string;

  @Column({ type: 'text' })
  category!: string;

  @Column({ name: 'locality_code', type: 'text', nullable: true })
  localityCode!: string | null;

  @Column({ name: 'observed_at', type: 'timestamptz' })
  observedAt!: Date;

  @Column({ type: 'bytea' })
  narrative!: Buffer;

  @Column({ type: 'bytea', nullable: true })
  details!: Buffer | null;

  @Column({ name: 'place_description', type: 'bytea', nullable: true })
  placeDescription!: Buffer | null;

  @Column({ type: 'bytea', nullable: true })
  coordinates!: Buffer | null;

  @Column({ name: 'local_police_involved', type: 'boolean', default: false })
  localPoliceInvolved!: boolean;

  /** argon2id(receipt) with the pepper kept outside the database; one indexed look-up. */
  @Index('tips_receipt_hash_key', { unique: true })
  @Column({ name: 'receipt_hash', type: 'text', nullable: true })
  receiptHash!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
