import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuditEventRecord, CheckpointFields } from './audit-canonical';
import type { PendingEvent as PendingEventRow } from './audit-recorder';

/** Only one instance makes a periodic checkpoint at a time. */
const CHECKPOINT_LOCK = 'tipline:audit-checkpoint';

export interface StoredCheckpoint extends CheckpointFields {
  id: string;
  publicKey: string;
  signature: string;
}

/** Output columns are text aliases: ORDER BY must name the table's columns, or it sorts text ("10" < "9"). */
const EVENT_COLUMNS = `"seq"::text AS "seq", "hash_version"::int AS "hashVersion", to_char("at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "at",
  "actor_type" AS "actorType", "actor_id" AS "actorId", "action", "target_type" AS "targetType", "target_id" AS "targetId",
  "unit_id"::text AS "unitId", "request_id" AS "requestId", "change_digest" AS "changeDigest", "prev_hash" AS "prevHash", "hash"`;
const CHECKPOINT_COLUMNS = `"id"::text AS "id", "seq"::text AS "seq", "head_hash" AS "headHash",
  to_char("at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "at", "key_id" AS "keyId", "public_key" AS "publicKey", "signature", "prev_hash" AS "prevHash"`;

export interface IncidentRow {
  id: string;
  detectedAt: string;
  kind: string;
  position: string | null;
  reason: string;
  headSeq: string;
  headHash: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  acknowledgement: string | null;
}
const INCIDENT_COLUMNS = `"id"::text AS "id", to_char("detected_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "detectedAt", "kind",
  "position"::text AS "position", "reason", "head_seq"::text AS "headSeq", "head_hash" AS "headHash",
  to_char("acknowledged_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "acknowledgedAt", "acknowledged_by" AS "acknowledgedBy", "acknowledgement"`;

/** The audit tables' SQL. Reads return the exact strings the hashes were computed over. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Hands a transaction's events to the database to be linked at its COMMIT (migration
   * AuditAppendAtCommit): a deferred constraint trigger on audit_pending calls audit_append(),
   * which takes the chain's transaction-scoped advisory lock (one total order across every
   * instance) and inserts the linked rows. The lock is taken inside COMMIT, not here, so it is
   * never held across a round trip to the app. If linking fails, the COMMIT fails.
   */
  async append(manager: EntityManager, events: PendingEventRow[]): Promise<void> {
    await manager.query('INSERT INTO "audit_pending" ("events") VALUES ($1::jsonb)', [JSON.stringify(events)]);
  }

  /** The newest committed link. */
  async head(manager: EntityManager = this.ds.manager): Promise<{ seq: string; hash: string } | null> {
    const rows: { seq: string; hash: string }[] = await manager.query(
      'SELECT "seq"::text AS "seq", "hash" FROM "audit_events" ORDER BY "audit_events"."seq" DESC LIMIT 1',
    );
    return rows[0] ?? null;
  }

  /** Events with seq in (afterSeq, afterSeq + limit], in order (keyset pagination for streaming). */
  async eventsAfter(afterSeq: string, limit: number): Promise<AuditEventRecord[]> {
    return this.ds.query(`SELECT ${EVENT_COLUMNS} FROM "audit_events" WHERE "seq" > $1 ORDER BY "audit_events"."seq" LIMIT $2`, [afterSeq, limit]);
  }

  async countEvents(): Promise<number> {
    const rows: { n: string }[] = await this.ds.query('SELECT count(*)::text AS n FROM "audit_events"');
    return Number(rows[0].n);
  }

  /** A target's events, in chain order. */
  async eventsForTarget(targetType: string, targetId: string): Promise<AuditEventRecord[]> {
    return this.ds.query(
      `SELECT ${EVENT_COLUMNS} FROM "audit_events" WHERE "target_type" = $1 AND "target_id" = $2 ORDER BY "audit_events"."seq"`,
      [targetType, targetId],
    );
  }

  /** Link digests only: (seq, prev_hash, hash) of events in [fromSeq, toSeq], for proofs. */
  async linksBetween(fromSeq: string, toSeq: string, afterSeq: string, limit: number): Promise<{ seq: string; prevHash: string; hash: string }[]> {
    return this.ds.query(
      `SELECT "seq"::text AS "seq", "prev_hash" AS "prevHash", "hash" FROM "audit_events"
        WHERE "seq" >= $1 AND "seq" <= $2 AND "seq" > $3 ORDER BY "audit_events"."seq" LIMIT $4`,
      [fromSeq, toSeq, afterSeq, limit],
    );
  }

  async latestCheckpoint(manager: EntityManager = this.ds.manager): Promise<StoredCheckpoint | null> {
    const rows: StoredCheckpoint[] = await manager.query(`SELECT ${CHECKPOINT_COLUMNS} FROM "audit_checkpoints" ORDER BY "audit_checkpoints"."id" DESC LIMIT 1`);
    return rows[0] ?? null;
  }

  /** The first checkpoint at or after `seq` (the one that anchors an event at `seq`). */
  async checkpointCovering(seq: string): Promise<StoredCheckpoint | null> {
    const rows: StoredCheckpoint[] = await this.ds.query(
      `SELECT ${CHECKPOINT_COLUMNS} FROM "audit_checkpoints" WHERE "seq" >= $1 ORDER BY "audit_checkpoints"."seq", "audit_checkpoints"."id" LIMIT 1`,
      [seq],
    );
    return rows[0] ?? null;
  }

  /** Checkpoints in id order after `afterId` (keyset pagination), optionally from a time on. */
  async checkpointsAfter(afterId: string, limit: number, since?: Date): Promise<StoredCheckpoint[]> {
    return this.ds.query(
      `SELECT ${CHECKPOINT_COLUMNS} FROM "audit_checkpoints" WHERE "id" > $1 AND ($3::timestamptz IS NULL OR "at" >= $3)
        ORDER BY "audit_checkpoints"."id" LIMIT $2`,
      [afterId, limit, since ?? null],
    );
  }

  async insertCheckpoint(manager: EntityManager, c: Omit<StoredCheckpoint, 'id'>): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO "audit_checkpoints" ("seq", "head_hash", "at", "key_id", "public_key", "signature", "prev_hash")
        VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING "id"::text AS "id"`,
      [c.seq, c.headHash, c.at, c.keyId, c.publicKey, c.signature, c.prevHash],
    );
    return rows[0].id;
  }

  async checkpointById(id: string): Promise<StoredCheckpoint | null> {
    const rows: StoredCheckpoint[] = await this.ds.query(`SELECT ${CHECKPOINT_COLUMNS} FROM "audit_checkpoints" WHERE "id" = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The stored link of one event (null: no such event). */
  async linkAt(seq: string, manager: EntityManager = this.ds.manager): Promise<string | null> {
    const rows: { hash: string }[] = await manager.query('SELECT "hash" FROM "audit_events" WHERE "seq" = $1', [seq]);
    return rows[0]?.hash ?? null;
  }

  /** Checkpoints with id > afterId and seq >= minSeq, in id order. */
  async checkpointsFrom(afterId: string, minSeq: string, limit: number): Promise<StoredCheckpoint[]> {
    return this.ds.query(
      `SELECT ${CHECKPOINT_COLUMNS} FROM "audit_checkpoints" WHERE "id" > $1 AND "seq" >= $2 ORDER BY "audit_checkpoints"."id" LIMIT $3`,
      [afterId, minSeq, limit],
    );
  }

  async insertIncident(i: { kind: string; position: string | null; reason: string; headSeq: string; headHash: string | null }): Promise<IncidentRow> {
    const rows: IncidentRow[] = await this.ds.query(
      `INSERT INTO "audit_incidents" ("kind", "position", "reason", "head_seq", "head_hash") VALUES ($1, $2, $3, $4, $5) RETURNING ${INCIDENT_COLUMNS}`,
      [i.kind, i.position, i.reason, i.headSeq, i.headHash],
    );
    return rows[0];
  }

  async incidents(limit = 100): Promise<IncidentRow[]> {
    return this.ds.query(`SELECT ${INCIDENT_COLUMNS} FROM "audit_incidents" ORDER BY "audit_incidents"."id" DESC LIMIT $1`, [limit]);
  }

  async incidentById(id: string, manager: EntityManager = this.ds.manager): Promise<IncidentRow | null> {
    const rows: IncidentRow[] = await manager.query(`SELECT ${INCIDENT_COLUMNS} FROM "audit_incidents" WHERE "id" = $1 FOR UPDATE`, [id]);
    return rows[0] ?? null;
  }

  async acknowledgeIncident(manager: EntityManager, id: string, by: string, reason: string): Promise<void> {
    await manager.query(
      `UPDATE "audit_incidents" SET "acknowledged_at" = now(), "acknowledged_by" = $2, "acknowledgement" = $3 WHERE "id" = $1`,
      [id, by, reason],
    );
  }

  /** Non-blocking: false when another instance is making a checkpoint right now. */
  async tryCheckpointLock(manager: EntityManager): Promise<boolean> {
    const rows: { locked: boolean }[] = await manager.query('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [CHECKPOINT_LOCK]);
    return rows[0].locked;
  }

  /** The database's clock, truncated to milliseconds (one clock for every instance). */
  async now(manager: EntityManager = this.ds.manager): Promise<string> {
    const rows: { at: string }[] = await manager.query(
      `SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at`,
    );
    return rows[0].at;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }
}
