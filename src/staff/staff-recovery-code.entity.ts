import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { StaffAccountEntity } from './staff-account.entity';

/** One of an account's ten one-time recovery codes, stored as a hash. */
@Entity('staff_recovery_codes')
@Index('staff_recovery_codes_staff_code_key', ['staffId', 'codeHash'], { unique: true })
export class StaffRecoveryCodeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'staff_id' })
  staffId: string;

  @ManyToOne(() => StaffAccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'staff_recovery_codes_staff_id_fkey' })
  staff?: StaffAccountEntity;

  @Column('text', { name: 'code_hash' })
  codeHash: string;

  @Column('timestamptz', { name: 'used_at', nullable: true })
  usedAt: Date | null;
}
