import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { StaffAccountEntity } from './staff-account.entity';

export type SessionPurpose = 'full' | 'password_change';

/** A login session. Only the SHA-256 of its opaque token is stored. */
@Entity('staff_sessions')
@Check('staff_sessions_purpose_check', `"purpose" IN ('full', 'password_change')`)
export class StaffSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('staff_sessions_token_hash_key', { unique: true })
  @Column('text', { name: 'token_hash' })
  tokenHash: string;

  @Index('staff_sessions_staff_id_idx')
  @Column('uuid', { name: 'staff_id' })
  staffId: string;

  @ManyToOne(() => StaffAccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'staff_sessions_staff_id_fkey' })
  staff?: StaffAccountEntity;

  /** `password_change`: a first login that may only change the password. */
  @Column('text', { default: 'full' })
  purpose: SessionPurpose;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'last_seen_at', default: () => 'now()' })
  lastSeenAt: Date;

  /** The absolute limit (created_at + SESSION_ABSOLUTE_TIMEOUT). */
  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;
}
