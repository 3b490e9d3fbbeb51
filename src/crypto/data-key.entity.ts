import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A data key (one per case, one per staff account), stored only wrapped by a master key.
 * Destroying it (crypto-shredding) nulls `wrapped_key`: whatever it encrypted is unreadable.
 */
@Entity('data_keys')
@Index('data_keys_master_key_idx', ['masterKeyId'], { where: 'wrapped_key IS NOT NULL' })
export class DataKey {
  @PrimaryColumn('uuid')
  id!: string;

  /** envelope-format.ts wrap format; NULL once destroyed. */
  @Column({ name: 'wrapped_key', type: 'bytea', nullable: true })
  wrappedKey!: Buffer | null;

  /** The master key that wrapped it (also inside wrapped_key); rotation looks for old ones. */
  @Column({ name: 'master_key_id', type: 'text' })
  masterKeyId!: string;

  @Column({ name: 'wrap_version', type: 'smallint' })
  wrapVersion!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'rotated_at', type: 'timestamptz', nullable: true })
  rotatedAt!: Date | null;

  @Column({ name: 'destroyed_at', type: 'timestamptz', nullable: true })
  destroyedAt!: Date | null;
}
