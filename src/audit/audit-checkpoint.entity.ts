import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A signed statement "the audit chain had `seq` events and its head link was `headHash` at `at`".
 * Append-only like the events. Outsiders keep exported copies (audit:checkpoints) to detect a
 * history that was rewritten after the fact.
 */
@Entity('audit_checkpoints')
export class AuditCheckpoint {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  /** Number of events covered (= seq of the head event). */
  @Index('audit_checkpoints_seq_idx')
  @Column({ type: 'bigint' })
  seq!: string;

  @Column({ name: 'head_hash', type: 'text' })
  headHash!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'key_id', type: 'text' })
  keyId!: string;

  /** The signer's public key, SubjectPublicKeyInfo DER in base64. */
  @Column({ name: 'public_key', type: 'text' })
  publicKey!: string;

  /** Hash of the previous checkpoint (checkpointHash(), genesis for the first); null before chaining existed. Signed. */
  @Column({ name: 'prev_hash', type: 'text', nullable: true })
  prevHash!: string | null;

  /** Ed25519 signature over encodeCheckpoint(...), base64. */
  @Column({ type: 'text' })
  signature!: string;
}
