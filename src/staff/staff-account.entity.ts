import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '../auth/auth.decorators';
import { DataKey } from '../crypto/data-key.entity';
import { Unit } from '../units/unit.entity';

const bigintAsNumber = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null || v === undefined ? null : Number(v)),
};

/** A staff member: credentials (argon2id password, encrypted TOTP secret), role and unit. */
@Entity('staff_accounts')
@Check('staff_accounts_role_check', `"role" IN ('officer', 'unit_lead', 'supervisor', 'auditor', 'admin', 'hotline_operator')`)
export class StaffAccountEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Lower-case, 3..64 of [a-z0-9._-]. */
  @Index('staff_accounts_username_key', { unique: true })
  @Column('text')
  username: string;

  @Column('text', { name: 'display_name' })
  displayName: string;

  @Index('staff_accounts_unit_id_idx')
  @Column('uuid', { name: 'unit_id' })
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'staff_accounts_unit_id_fkey' })
  unit?: Unit;

  @Column('text')
  role: Role;

  @Column('boolean', { default: true })
  active: boolean;

  @Column('text', { name: 'password_hash' })
  passwordHash: string;

  @Column('boolean', { name: 'must_change_password', default: true })
  mustChangePassword: boolean;

  /** The account's data key (CryptoService) that encrypts its TOTP secrets. */
  @Column('uuid', { name: 'totp_data_key_id', nullable: true })
  totpDataKeyId: string | null;

  @ManyToOne(() => DataKey, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'totp_data_key_id', foreignKeyConstraintName: 'staff_accounts_totp_data_key_id_fkey' })
  totpDataKey?: DataKey | null;

  /** Encrypted TOTP secret (aad: staff_accounts.totp_secret.<id>). */
  @Column('bytea', { name: 'totp_secret', nullable: true })
  totpSecret: Buffer | null;

  /** Encrypted secret of an enrolment not yet confirmed with a code. */
  @Column('bytea', { name: 'totp_pending_secret', nullable: true })
  totpPendingSecret: Buffer | null;

  /** The last RFC 6238 time step accepted: a code is single use within its window. */
  @Column('bigint', { name: 'totp_last_used_step', nullable: true, transformer: bigintAsNumber })
  totpLastUsedStep: number | null;

  @Column('timestamptz', { name: 'password_changed_at', default: () => 'now()' })
  passwordChangedAt: Date;

  @Column('timestamptz', { name: 'disabled_at', nullable: true })
  disabledAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
