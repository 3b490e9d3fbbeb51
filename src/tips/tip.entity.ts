import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * One submission. Content columns are ciphertexts under the case's data key (aad: table
 * `tips`, the column, the tip id). Nothing about the sender: no address, agent, language or
 * exact submission time (created_at is rounded down to the hour; the case keeps its own).
 */
@Entity('tips')
@Check('tips_channel_check', `"channel" IN ('web', 'hotline', 'sms', 'open311', 'chat')`)
@Check('tips_channel_client_check', `"channel" = 'web' OR "channel_client_id" IS NOT NULL`)
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

  /** The channel client that delivered it (null for the web form). */
  @Column({ name: 'channel_client_id', type: 'uuid', nullable: true })
  channelClientId!: string | null;

  /** Named by entity name, not imported (as `case` is). */
  @ManyToOne('ChannelClientEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'channel_client_id', foreignKeyConstraintName: 'FK_tips_channel_client' })
  channelClient?: object;

  /**
   * Who filed it on the tipster's behalf: `staff:<id>` (a hotline_operator account) or
   * `operator:<id>` (the call centre's own operator id). Null when the tipster filed it.
   */
  @Column({ name: 'filed_by', type: 'text', nullable: true })
  filedBy!: string | null;

  /** The receipt was heard by an operator: the tipster is offered a fresh one on first use. */
  @Column({ name: 'receipt_reissue', type: 'boolean', default: false })
  receiptReissue!: boolean;

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
