import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail: hash-linked events and signed checkpoints. Both tables are append-only,
 * enforced here rather than by convention: row triggers reject UPDATE and DELETE, a statement
 * trigger rejects TRUNCATE (row triggers do not fire on TRUNCATE). The README shows how to also
 * run the app under a role that has only INSERT and SELECT on them.
 */
export class AuditTrail1764300100000 implements MigrationInterface {
  name = 'AuditTrail1764300100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "audit_checkpoints" ("id" BIGSERIAL NOT NULL, "seq" bigint NOT NULL, "head_hash" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "key_id" text NOT NULL, "public_key" text NOT NULL, "signature" text NOT NULL, CONSTRAINT "PK_ec62ec0b7b181580b1fa64e1167" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "audit_checkpoints_seq_idx" ON "audit_checkpoints" ("seq") `);
    await q.query(`CREATE TABLE "audit_events" ("seq" bigint NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_type" text NOT NULL, "actor_id" text, "action" text NOT NULL, "target_type" text NOT NULL, "target_id" text, "unit_id" uuid, "request_id" text NOT NULL, "change_digest" text, "prev_hash" text NOT NULL, "hash" text NOT NULL, CONSTRAINT "audit_events_hashes" CHECK ("hash" ~ '^[0-9a-f]{64}$' AND "prev_hash" ~ '^[0-9a-f]{64}$'), CONSTRAINT "audit_events_actor_type" CHECK ("actor_type" IN ('staff', 'tipster', 'system', 'channel')), CONSTRAINT "audit_events_tipster_anonymous" CHECK ("actor_type" <> 'tipster' OR "actor_id" IS NULL), CONSTRAINT "audit_events_seq_positive" CHECK ("seq" > 0), CONSTRAINT "PK_6e299f5706e715265416fefe53e" PRIMARY KEY ("seq"))`);
    await q.query(`CREATE INDEX "audit_events_target_idx" ON "audit_events" ("target_type", "target_id", "seq") `);

    await q.query(`CREATE FUNCTION "audit_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit table % is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
    $$`);
    for (const table of ['audit_events', 'audit_checkpoints']) {
      await q.query(`CREATE TRIGGER "${table}_no_update" BEFORE UPDATE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "audit_append_only"()`);
      await q.query(`CREATE TRIGGER "${table}_no_delete" BEFORE DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "audit_append_only"()`);
      await q.query(`CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION "audit_append_only"()`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit_events"`);
    await q.query(`DROP TABLE "audit_checkpoints"`);
    await q.query(`DROP FUNCTION "audit_append_only"()`);
  }
}
