import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A failed verification before signing a checkpoint. Kept apart from the chain (the chain is what
 * failed). While one is open, no checkpoint is signed; an auditor's acknowledgement (with a
 * reason) closes it. The witness file holds a copy of both, out of the database's reach.
 */
@Entity('audit_incidents')
export class AuditIncident {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'PK_audit_incidents' })
  id!: string;

  @Column({ name: 'detected_at', type: 'timestamptz', default: () => 'now()' })
  detectedAt!: Date;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'bigint', nullable: true })
  position!: string | null;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'head_seq', type: 'bigint' })
  headSeq!: string;

  @Column({ name: 'head_hash', type: 'text', nullable: true })
  headHash!: string | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'acknowledged_by', type: 'text', nullable: true })
  acknowledgedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  acknowledgement!: string | null;
}
