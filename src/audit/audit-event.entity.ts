import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One link of the audit chain. Append-only: triggers in the migration reject UPDATE, DELETE and
 * TRUNCATE. `seq` is gap-free (assigned under a transaction-scoped advisory lock, see
 * AuditRepository.append), so a missing number is a deleted event.
 */
@Entity('audit_events')
@Index('audit_events_target_idx', ['targetType', 'targetId', 'seq'])
@Check('audit_events_seq_positive', `"seq" > 0`)
@Check('audit_events_tipster_anonymous', `"actor_type" <> 'tipster' OR "actor_id" IS NULL`)
@Check('audit_events_actor_type', `"actor_type" IN ('staff', 'tipster', 'system', 'channel')`)
@Check('audit_events_hash_version', `"hash_version" IN (1, 2)`)
@Check('audit_events_hashes', `"hash" ~ '^[0-9a-f]{64}$' AND "prev_hash" ~ '^[0-9a-f]{64}$'`)
export class AuditEvent {
  @PrimaryColumn({ type: 'bigint' })
  seq!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'actor_type', type: 'text' })
  actorType!: string;

  @Column({ name: 'actor_id', type: 'text', nullable: true })
  actorId!: string | null;

  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'target_type', type: 'text' })
  targetType!: string;

  @Column({ name: 'target_id', type: 'text', nullable: true })
  targetId!: string | null;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId!: string | null;

  @Column({ name: 'request_id', type: 'text' })
  requestId!: string;

  @Column({ name: 'change_digest', type: 'text', nullable: true })
  changeDigest!: string | null;

  @Column({ name: 'prev_hash', type: 'text' })
  prevHash!: string;

  @Column({ type: 'text' })
  hash!: string;

  /** 2: the link was computed by the database (audit_event_hash(), `at` in microseconds); 1: older rows. */
  @Column({ name: 'hash_version', type: 'smallint', default: 2 })
  hashVersion!: number;
}
