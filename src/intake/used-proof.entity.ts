import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A proof (solved challenge or wait token) already spent, by SHA-256 digest only, kept until
 * the proof would have expired anyway; that makes every proof single use across instances.
 */
@Entity('intake_used_proofs')
@Index('intake_used_proofs_expires_idx', ['expiresAt'])
export class UsedProof {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_intake_used_proofs' })
  digest!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
