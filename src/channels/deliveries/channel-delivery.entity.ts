import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CaseEntity } from '../../cases/case.entity';
import { ChannelClientEntity } from '../../channel-clients/channel-client.entity';

/**
 * One delivery a channel client made, by idempotency key (an HMAC of the key under the client's
 * secret: a gateway's message id is never stored as such). The first response is kept encrypted
 * so a retry gets it again; rows without an Open311 token are forgotten after a day.
 */
@Entity('channel_deliveries')
@Index('channel_deliveries_created_idx', ['createdAt'])
export class ChannelDeliveryEntity {
  @PrimaryColumn({ name: 'client_id', type: 'uuid', primaryKeyConstraintName: 'PK_channel_deliveries' })
  clientId!: string;

  @PrimaryColumn({ name: 'key_hash', type: 'text', primaryKeyConstraintName: 'PK_channel_deliveries' })
  keyHash!: string;

  @ManyToOne(() => ChannelClientEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'client_id', foreignKeyConstraintName: 'FK_channel_deliveries_client' })
  client?: ChannelClientEntity;

  /** SHA-256 of the request as signed, so the same key with another body is told apart. */
  @Column({ name: 'request_digest', type: 'text' })
  requestDigest!: string;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId!: string | null;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_channel_deliveries_case' })
  case?: CaseEntity;

  /** Open311: SHA-256 of the token handed back instead of a request id. */
  @Index('channel_deliveries_token_key', { unique: true })
  @Column({ name: 'token_hash', type: 'text', nullable: true })
  tokenHash!: string | null;

  /** The first response, encrypted under the client's data key (it carries the receipt). */
  @Column({ type: 'bytea', nullable: true })
  response!: Buffer | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
