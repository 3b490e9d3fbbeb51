import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A signature accepted in the last minutes: the same one again is a replay. */
@Entity('channel_signatures_seen')
export class SignatureSeenEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_channel_signatures_seen' })
  digest!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
