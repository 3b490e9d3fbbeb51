import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DataKey } from '../crypto/data-key.entity';

export const CHANNEL_KINDS = ['hotline', 'sms', 'open311', 'chat'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/**
 * A system that delivers tips on citizens' behalf. Its API key is stored only as a SHA-256
 * hash (the key is 256 random bits, so a slow hash adds nothing); its signing secret is needed
 * to check signatures, so it is stored encrypted under the client's own data key.
 */
@Entity('channel_clients')
@Check('channel_clients_kind_check', `"kind" IN ('hotline', 'sms', 'open311', 'chat')`)
@Check('channel_clients_status_check', `"status" IN ('active', 'disabled')`)
export class ChannelClientEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_channel_clients' })
  id!: string;

  @Column({ type: 'text' })
  kind!: ChannelKind;

  @Index('channel_clients_name_key', { unique: true })
  @Column({ type: 'text' })
  name!: string;

  /** The public half of the API key, for the look-up. */
  @Index('channel_clients_key_id_key', { unique: true })
  @Column({ name: 'key_id', type: 'text' })
  keyId!: string;

  @Column({ name: 'key_hash', type: 'text' })
  keyHash!: string;

  @Column({ name: 'signing_secret', type: 'bytea' })
  signingSecret!: Buffer;

  @Column({ name: 'data_key_id', type: 'uuid' })
  dataKeyId!: string;

  @ManyToOne(() => DataKey, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'data_key_id', foreignKeyConstraintName: 'FK_channel_clients_data_key' })
  dataKey?: DataKey;

  /** SMS: the public URL the gateway calls (Twilio signs it). */
  @Column({ name: 'public_url', type: 'text', nullable: true })
  publicUrl!: string | null;

  @Column({ type: 'text', default: 'active' })
  status!: 'active' | 'disabled';

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'rotated_at', type: 'timestamptz', nullable: true })
  rotatedAt!: Date | null;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;
}
